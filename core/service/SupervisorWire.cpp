#include "core/service/SupervisorWire.h"

#include <QJsonDocument>
#include <QMetaEnum>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace SupervisorWire {

namespace {

int intFrom(const QJsonValue &value, int fallback = 0)
{
    return static_cast<int>(std::clamp<qint64>(
        integerFrom(value, fallback), std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
}

QString levelName(EventLogEntry::Level level)
{
    switch (level) {
    case EventLogEntry::Level::Debug:
        return u"debug"_s;
    case EventLogEntry::Level::Info:
        return u"info"_s;
    case EventLogEntry::Level::Warning:
        return u"warning"_s;
    case EventLogEntry::Level::Error:
        return u"error"_s;
    }
    return u"info"_s;
}

EventLogEntry::Level levelFrom(const QString &name)
{
    if (name == "debug"_L1)
        return EventLogEntry::Level::Debug;
    if (name == "warning"_L1)
        return EventLogEntry::Level::Warning;
    if (name == "error"_L1)
        return EventLogEntry::Level::Error;
    return EventLogEntry::Level::Info;
}

constexpr ListenStatus::State s_listenStates[] = {
    ListenStatus::State::Idle,
    ListenStatus::State::Calling,
    ListenStatus::State::Starting,
    ListenStatus::State::Playing,
    ListenStatus::State::Paused,
    ListenStatus::State::Finished,
    ListenStatus::State::Failed,
};

} // namespace

quint64 acknowledgementInterval(qint64 maxLag)
{
    return std::clamp<quint64>(static_cast<quint64>(std::max<qint64>(0, maxLag)) / 8, 32, 1024);
}

qint64 integerFrom(const QJsonValue &value, qint64 fallback)
{
    if (!value.isDouble())
        return fallback;
    const double number = value.toDouble();
    // Beyond 2^53 a JSON number is no longer an exact integer; NaN and infinities are none at all.
    constexpr double largest = 9007199254740992.0;
    if (!std::isfinite(number))
        return fallback;
    return static_cast<qint64>(std::clamp(number, -largest, largest));
}

void write(JsonTextWriter &out, const QString &value)
{
    out.string(value);
}

void write(JsonTextWriter &out, int value)
{
    out.number(value);
}

void write(JsonTextWriter &out, qint64 value)
{
    out.number(value);
}

void write(JsonTextWriter &out, const QStringList &value)
{
    out.beginArray();
    for (const QString &item : value)
        out.string(item);
    out.endArray();
}

void write(JsonTextWriter &out, const QDateTime &value)
{
    if (value.isValid())
        out.string(dateTimeText(value));
    else
        out.null();
}

QString dateTimeText(const QDateTime &value)
{
    // 0001-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: beyond them (and for an invalid or
    // non-UTC time) Qt's formatter has the word (std::chrono's year would not even hold the year).
    constexpr qint64 s_firstMs = -62135596800000;
    constexpr qint64 s_lastMs = 253402300799999;
    if (!value.isValid() || value.timeSpec() != Qt::UTC)
        return value.toString(Qt::ISODateWithMs);
    const qint64 ms = value.toMSecsSinceEpoch();
    if (ms < s_firstMs || ms > s_lastMs)
        return value.toString(Qt::ISODateWithMs);
    using namespace std::chrono;
    const sys_time<milliseconds> time { milliseconds(ms) };
    const sys_days day = floor<days>(time);
    const year_month_day date(day);
    const int year = static_cast<int>(date.year());
    const hh_mm_ss clock(time - day);
    const auto digits = [](char16_t *at, int number, int width) {
        for (int i = width - 1; i >= 0; --i, number /= 10)
            at[i] = char16_t(u'0' + number % 10);
    };
    // yyyy-MM-ddTHH:mm:ss.zzzZ
    char16_t text[24] = { 0, 0, 0, 0, u'-', 0, 0, u'-', 0, 0, u'T', 0, 0, u':', 0, 0, u':', 0, 0, u'.', 0, 0, 0, u'Z' };
    digits(text, year, 4);
    digits(text + 5, static_cast<int>(static_cast<unsigned>(date.month())), 2);
    digits(text + 8, static_cast<int>(static_cast<unsigned>(date.day())), 2);
    digits(text + 11, static_cast<int>(clock.hours().count()), 2);
    digits(text + 14, static_cast<int>(clock.minutes().count()), 2);
    digits(text + 17, static_cast<int>(clock.seconds().count()), 2);
    digits(text + 20, static_cast<int>(clock.subseconds().count()), 3);
    return QString(reinterpret_cast<const QChar *>(text), std::size(text));
}

QJsonValue firstElementOf(const QByteArray &arrayText)
{
    return QJsonDocument::fromJson(arrayText).array().first();
}

QDateTime dateTimeFrom(const QJsonValue &value)
{
    if (!value.isString())
        return {};
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

QStringList stringListFrom(const QJsonValue &value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    list.reserve(array.size());
    for (const QJsonValue &item : array)
        list.append(item.toString());
    return list;
}

void write(JsonTextWriter &out, ConnectionStatus::State value)
{
    out.string(ConnectionStatus::stateName(value));
}

ConnectionStatus::State connectionStateFrom(const QJsonValue &value)
{
    const QString name = value.toString();
    for (ConnectionStatus::State state : { ConnectionStatus::State::Disconnected, ConnectionStatus::State::Connecting,
             ConnectionStatus::State::Connected, ConnectionStatus::State::Reconnecting,
             ConnectionStatus::State::Failed }) {
        if (ConnectionStatus::stateName(state) == name)
            return state;
    }
    return ConnectionStatus::State::Disconnected;
}

void write(JsonTextWriter &out, const EventLogEntry &value)
{
    out.beginObject().key("time"_L1);
    write(out, value.time);
    out.key("level"_L1).string(levelName(value.level));
    out.key("category"_L1).string(value.category).key("text"_L1).string(value.text).endObject();
}

EventLogEntry eventLogEntryFrom(const QJsonValue &value)
{
    const QJsonObject object = value.toObject();
    EventLogEntry entry;
    entry.time = dateTimeFrom(object.value("time"_L1));
    entry.level = levelFrom(object.value("level"_L1).toString());
    entry.category = object.value("category"_L1).toString();
    entry.text = object.value("text"_L1).toString();
    return entry;
}

void write(JsonTextWriter &out, const EventLogEntries &value)
{
    out.beginArray();
    for (const EventLogEntry &entry : value)
        write(out, entry);
    out.endArray();
}

EventLogEntries eventLogEntriesFrom(const QJsonValue &value)
{
    EventLogEntries entries;
    const QJsonArray array = value.toArray();
    entries.reserve(array.size());
    for (const QJsonValue &item : array)
        entries.append(eventLogEntryFrom(item));
    return entries;
}

void write(JsonTextWriter &out, const PlaybackInfo &value)
{
    out.beginObject()
        .key("id"_L1)
        .string(value.id)
        .key("targetUri"_L1)
        .string(value.targetUri)
        .key("mediaUri"_L1)
        .string(value.mediaUri)
        .key("nextMediaUri"_L1)
        .string(value.nextMediaUri)
        .key("language"_L1)
        .string(value.language)
        .key("state"_L1)
        .string(value.state)
        .key("durationMs"_L1)
        .number(value.durationMs)
        .key("positionMs"_L1)
        .number(value.positionMs)
        .key("anchorMs"_L1)
        .number(value.anchorMs)
        .key("running"_L1)
        .boolean(value.running)
        .key("skipMs"_L1)
        .number(value.skipMs)
        .endObject();
}

PlaybackInfo playbackFrom(const QJsonValue &value)
{
    const QJsonObject object = value.toObject();
    PlaybackInfo info;
    info.id = object.value("id"_L1).toString();
    info.targetUri = object.value("targetUri"_L1).toString();
    info.mediaUri = object.value("mediaUri"_L1).toString();
    info.nextMediaUri = object.value("nextMediaUri"_L1).toString();
    info.language = object.value("language"_L1).toString();
    info.state = object.value("state"_L1).toString();
    info.durationMs = integerFrom(object.value("durationMs"_L1), -1);
    info.positionMs = integerFrom(object.value("positionMs"_L1));
    info.anchorMs = integerFrom(object.value("anchorMs"_L1));
    info.running = object.value("running"_L1).toBool();
    info.skipMs = intFrom(object.value("skipMs"_L1), 3000);
    return info;
}

void write(JsonTextWriter &out, const ListenStatus &value)
{
    out.beginObject()
        .key("state"_L1)
        .string(ListenStatus::stateName(value.state))
        .key("recordingName"_L1)
        .string(value.recordingName)
        .key("channelId"_L1)
        .string(value.channelId)
        .key("endpoint"_L1)
        .string(value.endpoint)
        .key("playback"_L1);
    write(out, value.playback);
    out.key("error"_L1).string(value.error).endObject();
}

ListenStatus listenStatusFrom(const QJsonValue &value)
{
    const QJsonObject object = value.toObject();
    ListenStatus status;
    const QString state = object.value("state"_L1).toString();
    for (ListenStatus::State candidate : s_listenStates) {
        if (ListenStatus::stateName(candidate) == state)
            status.state = candidate;
    }
    status.recordingName = object.value("recordingName"_L1).toString();
    status.channelId = object.value("channelId"_L1).toString();
    status.endpoint = object.value("endpoint"_L1).toString();
    status.playback = playbackFrom(object.value("playback"_L1));
    status.error = object.value("error"_L1).toString();
    return status;
}

void write(JsonTextWriter &out, const CallInfo &value)
{
    out.beginObject()
        .key("channelId"_L1)
        .string(value.channelId)
        .key("channelName"_L1)
        .string(value.channelName)
        .key("callerNumber"_L1)
        .string(value.callerNumber)
        .key("application"_L1)
        .string(value.application)
        .key("args"_L1);
    write(out, value.args);
    out.key("state"_L1).string(value.state).key("started"_L1);
    write(out, value.started);
    out.key("stateSince"_L1);
    write(out, value.stateSince);
    out.key("callerName"_L1).string(value.callerName).endObject();
}

CallInfo callFrom(const QJsonValue &value)
{
    const QJsonObject object = value.toObject();
    CallInfo info;
    info.channelId = object.value("channelId"_L1).toString();
    info.channelName = object.value("channelName"_L1).toString();
    info.callerNumber = object.value("callerNumber"_L1).toString();
    info.application = object.value("application"_L1).toString();
    info.args = stringListFrom(object.value("args"_L1));
    info.state = object.value("state"_L1).toString();
    info.started = dateTimeFrom(object.value("started"_L1));
    info.stateSince = dateTimeFrom(object.value("stateSince"_L1));
    info.callerName = object.value("callerName"_L1).toString();
    return info;
}

void write(JsonTextWriter &out, const CallTransition &value)
{
    out.beginObject()
        .key("channelId"_L1)
        .string(value.channelId)
        .key("application"_L1)
        .string(value.application)
        .key("from"_L1)
        .string(value.from)
        .key("to"_L1)
        .string(value.to)
        .key("event"_L1)
        .string(value.event)
        .key("cause"_L1)
        .string(value.cause)
        .key("at"_L1);
    write(out, value.at);
    out.endObject();
}

CallTransition callTransitionFrom(const QJsonValue &value)
{
    const QJsonObject object = value.toObject();
    CallTransition transition;
    transition.channelId = object.value("channelId"_L1).toString();
    transition.application = object.value("application"_L1).toString();
    transition.from = object.value("from"_L1).toString();
    transition.to = object.value("to"_L1).toString();
    transition.event = object.value("event"_L1).toString();
    transition.cause = object.value("cause"_L1).toString();
    transition.at = dateTimeFrom(object.value("at"_L1));
    return transition;
}

void write(JsonTextWriter &out, const VoicemailMessage &value)
{
    out.beginObject()
        .key("name"_L1)
        .string(value.name)
        .key("mailbox"_L1)
        .string(value.mailbox)
        .key("id"_L1)
        .string(value.id)
        .key("format"_L1)
        .string(value.format)
        .key("receivedMs"_L1)
        .number(value.receivedMs)
        .key("number"_L1)
        .number(value.number)
        .key("durationSeconds"_L1);
    if (value.durationSeconds)
        out.number(*value.durationSeconds);
    else
        out.null();
    out.key("callerName"_L1)
        .string(value.callerName)
        .key("callerNumber"_L1)
        .string(value.callerNumber)
        .key("heard"_L1)
        .boolean(value.heard);
    if (value.deletedMs >= 0)
        out.key("deletedMs"_L1).number(value.deletedMs);
    out.endObject();
}

VoicemailMessage messageFrom(const QJsonValue &value)
{
    const QJsonObject object = value.toObject();
    VoicemailMessage message;
    message.name = object.value("name"_L1).toString();
    message.mailbox = object.value("mailbox"_L1).toString();
    message.id = object.value("id"_L1).toString();
    message.format = object.value("format"_L1).toString();
    message.receivedMs = integerFrom(object.value("receivedMs"_L1), -1);
    const QJsonValue duration = object.value("durationSeconds"_L1);
    if (duration.isDouble())
        message.durationSeconds = duration.toInt();
    message.number = intFrom(object.value("number"_L1));
    message.callerName = object.value("callerName"_L1).toString();
    message.callerNumber = object.value("callerNumber"_L1).toString();
    message.heard = object.value("heard"_L1).toBool();
    message.deletedMs = integerFrom(object.value("deletedMs"_L1), -1);
    return message;
}

void write(JsonTextWriter &out, const QueueWaitingAgent &value)
{
    out.beginObject()
        .key("channelId"_L1)
        .string(value.channelId)
        .key("channelName"_L1)
        .string(value.channelName)
        .key("name"_L1)
        .string(value.name)
        .key("callerNumber"_L1)
        .string(value.callerNumber)
        .key("callerName"_L1)
        .string(value.callerName)
        .key("since"_L1);
    write(out, value.since);
    out.key("position"_L1).number(value.position).endObject();
}

QueueWaitingAgent agentFrom(const QJsonValue &value)
{
    const QJsonObject object = value.toObject();
    QueueWaitingAgent agent;
    agent.channelId = object.value("channelId"_L1).toString();
    agent.channelName = object.value("channelName"_L1).toString();
    agent.name = object.value("name"_L1).toString();
    agent.callerNumber = object.value("callerNumber"_L1).toString();
    agent.callerName = object.value("callerName"_L1).toString();
    agent.since = dateTimeFrom(object.value("since"_L1));
    agent.position = intFrom(object.value("position"_L1));
    return agent;
}

void write(JsonTextWriter &out, const QueueWaitingCaller &value)
{
    out.beginObject()
        .key("channelId"_L1)
        .string(value.channelId)
        .key("channelName"_L1)
        .string(value.channelName)
        .key("callerNumber"_L1)
        .string(value.callerNumber)
        .key("callerName"_L1)
        .string(value.callerName)
        .key("since"_L1);
    write(out, value.since);
    out.key("position"_L1).number(value.position).key("nextAnnouncement"_L1);
    write(out, value.nextAnnouncement);
    out.key("announcing"_L1)
        .boolean(value.announcing)
        .key("announcements"_L1)
        .number(value.announcements)
        .endObject();
}

QueueWaitingCaller callerFrom(const QJsonValue &value)
{
    const QJsonObject object = value.toObject();
    QueueWaitingCaller caller;
    caller.channelId = object.value("channelId"_L1).toString();
    caller.channelName = object.value("channelName"_L1).toString();
    caller.callerNumber = object.value("callerNumber"_L1).toString();
    caller.callerName = object.value("callerName"_L1).toString();
    caller.since = dateTimeFrom(object.value("since"_L1));
    caller.position = intFrom(object.value("position"_L1));
    caller.nextAnnouncement = dateTimeFrom(object.value("nextAnnouncement"_L1));
    caller.announcing = object.value("announcing"_L1).toBool();
    caller.announcements = intFrom(object.value("announcements"_L1));
    return caller;
}

void write(JsonTextWriter &out, const QueueBridgedPair &value)
{
    out.beginObject()
        .key("bridgeId"_L1)
        .string(value.bridgeId)
        .key("agentChannelId"_L1)
        .string(value.agentChannelId)
        .key("agentName"_L1)
        .string(value.agentName)
        .key("agentNumber"_L1)
        .string(value.agentNumber)
        .key("agentCallerName"_L1)
        .string(value.agentCallerName)
        .key("agentChannelName"_L1)
        .string(value.agentChannelName)
        .key("callerChannelId"_L1)
        .string(value.callerChannelId)
        .key("callerChannelName"_L1)
        .string(value.callerChannelName)
        .key("callerNumber"_L1)
        .string(value.callerNumber)
        .key("callerName"_L1)
        .string(value.callerName)
        .key("since"_L1);
    write(out, value.since);
    out.key("recording"_L1)
        .string(queueRecordingStateName(value.recording))
        .key("recordingName"_L1)
        .string(value.recordingName)
        .key("storedRecordings"_L1);
    write(out, value.storedRecordings);
    out.key("monitor"_L1)
        .string(queueMonitorModeName(value.monitor))
        .key("monitoredBy"_L1)
        .string(value.monitoredBy)
        .key("recordedMs"_L1)
        .number(value.recordedMs)
        .key("recordingSince"_L1);
    write(out, value.recordingSince);
    out.endObject();
}

QueueBridgedPair pairFrom(const QJsonValue &value)
{
    const QJsonObject object = value.toObject();
    QueueBridgedPair pair;
    pair.bridgeId = object.value("bridgeId"_L1).toString();
    pair.agentChannelId = object.value("agentChannelId"_L1).toString();
    pair.agentName = object.value("agentName"_L1).toString();
    pair.agentNumber = object.value("agentNumber"_L1).toString();
    pair.agentCallerName = object.value("agentCallerName"_L1).toString();
    pair.agentChannelName = object.value("agentChannelName"_L1).toString();
    pair.callerChannelName = object.value("callerChannelName"_L1).toString();
    pair.callerChannelId = object.value("callerChannelId"_L1).toString();
    pair.callerNumber = object.value("callerNumber"_L1).toString();
    pair.callerName = object.value("callerName"_L1).toString();
    pair.since = dateTimeFrom(object.value("since"_L1));
    const QString recording = object.value("recording"_L1).toString();
    for (QueueRecordingState state : { QueueRecordingState::None, QueueRecordingState::Starting,
             QueueRecordingState::Recording, QueueRecordingState::Paused, QueueRecordingState::Stopping }) {
        if (queueRecordingStateName(state) == recording)
            pair.recording = state;
    }
    pair.recordingName = object.value("recordingName"_L1).toString();
    pair.storedRecordings = stringListFrom(object.value("storedRecordings"_L1));
    pair.monitor = queueMonitorModeFrom(object.value("monitor"_L1).toString()).value_or(QueueMonitorMode::None);
    pair.monitoredBy = object.value("monitoredBy"_L1).toString();
    pair.recordedMs = std::max<qint64>(0, integerFrom(object.value("recordedMs"_L1)));
    pair.recordingSince = dateTimeFrom(object.value("recordingSince"_L1));
    return pair;
}

void write(JsonTextWriter &out, const QueueDayFigures &value)
{
    out.beginObject()
        .key("day"_L1)
        .string(value.day.isValid() ? value.day.toString(Qt::ISODate) : QString())
        .key("answered"_L1)
        .number(value.answered)
        .key("abandoned"_L1)
        .number(value.abandoned)
        .endObject();
}

QueueDayFigures dayFiguresFrom(const QJsonValue &value)
{
    const QJsonObject object = value.toObject();
    QueueDayFigures figures;
    figures.day = QDate::fromString(object.value("day"_L1).toString(), Qt::ISODate);
    figures.answered = std::max(0, static_cast<int>(integerFrom(object.value("answered"_L1))));
    figures.abandoned = std::max(0, static_cast<int>(integerFrom(object.value("abandoned"_L1))));
    return figures;
}

} // namespace SupervisorWire

#include "core/service/SupervisorWire.h"

#include <QMetaEnum>

#include <algorithm>
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

QJsonValue toJson(const QString &value)
{
    return value;
}

QJsonValue toJson(int value)
{
    return value;
}

QJsonValue toJson(qint64 value)
{
    return static_cast<double>(value);
}

QJsonValue toJson(const QStringList &value)
{
    return QJsonArray::fromStringList(value);
}

QJsonValue toJson(const QDateTime &value)
{
    if (!value.isValid())
        return QJsonValue::Null;
    return value.toString(Qt::ISODateWithMs);
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

QJsonValue toJson(ConnectionStatus::State value)
{
    return ConnectionStatus::stateName(value);
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

QJsonValue toJson(const EventLogEntry &value)
{
    return QJsonObject { { u"time"_s, toJson(value.time) }, { u"level"_s, levelName(value.level) },
        { u"category"_s, value.category }, { u"text"_s, value.text } };
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

QJsonValue toJson(const EventLogEntries &value)
{
    QJsonArray array;
    for (const EventLogEntry &entry : value)
        array.append(toJson(entry));
    return array;
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

QJsonValue toJson(const PlaybackInfo &value)
{
    return QJsonObject { { u"id"_s, value.id }, { u"targetUri"_s, value.targetUri }, { u"mediaUri"_s, value.mediaUri },
        { u"nextMediaUri"_s, value.nextMediaUri }, { u"language"_s, value.language }, { u"state"_s, value.state },
        { u"durationMs"_s, toJson(value.durationMs) }, { u"positionMs"_s, toJson(value.positionMs) },
        { u"anchorMs"_s, toJson(value.anchorMs) }, { u"running"_s, value.running }, { u"skipMs"_s, value.skipMs } };
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

QJsonValue toJson(const ListenStatus &value)
{
    return QJsonObject { { u"state"_s, ListenStatus::stateName(value.state) },
        { u"recordingName"_s, value.recordingName }, { u"channelId"_s, value.channelId },
        { u"endpoint"_s, value.endpoint }, { u"playback"_s, toJson(value.playback) }, { u"error"_s, value.error } };
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

QJsonValue toJson(const CallInfo &value)
{
    return QJsonObject { { u"channelId"_s, value.channelId }, { u"channelName"_s, value.channelName },
        { u"callerNumber"_s, value.callerNumber }, { u"application"_s, value.application },
        { u"args"_s, toJson(value.args) }, { u"state"_s, value.state }, { u"started"_s, toJson(value.started) },
        { u"stateSince"_s, toJson(value.stateSince) }, { u"callerName"_s, value.callerName } };
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

QJsonValue toJson(const CallTransition &value)
{
    return QJsonObject { { u"channelId"_s, value.channelId }, { u"application"_s, value.application },
        { u"from"_s, value.from }, { u"to"_s, value.to }, { u"event"_s, value.event }, { u"cause"_s, value.cause },
        { u"at"_s, toJson(value.at) } };
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

QJsonValue toJson(const VoicemailMessage &value)
{
    QJsonObject object { { u"name"_s, value.name }, { u"mailbox"_s, value.mailbox }, { u"id"_s, value.id },
        { u"format"_s, value.format }, { u"receivedMs"_s, toJson(value.receivedMs) }, { u"number"_s, value.number } };
    object.insert(u"durationSeconds"_s, value.durationSeconds ? QJsonValue(*value.durationSeconds) : QJsonValue());
    object.insert(u"callerName"_s, value.callerName);
    object.insert(u"callerNumber"_s, value.callerNumber);
    object.insert(u"heard"_s, value.heard);
    if (value.deletedMs >= 0)
        object.insert(u"deletedMs"_s, toJson(value.deletedMs));
    return object;
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

QJsonValue toJson(const QueueWaitingAgent &value)
{
    return QJsonObject { { u"channelId"_s, value.channelId }, { u"channelName"_s, value.channelName },
        { u"name"_s, value.name }, { u"callerNumber"_s, value.callerNumber }, { u"callerName"_s, value.callerName },
        { u"since"_s, toJson(value.since) }, { u"position"_s, value.position } };
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

QJsonValue toJson(const QueueWaitingCaller &value)
{
    return QJsonObject { { u"channelId"_s, value.channelId }, { u"channelName"_s, value.channelName },
        { u"callerNumber"_s, value.callerNumber }, { u"callerName"_s, value.callerName },
        { u"since"_s, toJson(value.since) }, { u"position"_s, value.position },
        { u"nextAnnouncement"_s, toJson(value.nextAnnouncement) }, { u"announcing"_s, value.announcing },
        { u"announcements"_s, value.announcements } };
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

QJsonValue toJson(const QueueBridgedPair &value)
{
    return QJsonObject { { u"bridgeId"_s, value.bridgeId }, { u"agentChannelId"_s, value.agentChannelId },
        { u"agentName"_s, value.agentName }, { u"agentNumber"_s, value.agentNumber },
        { u"agentCallerName"_s, value.agentCallerName }, { u"agentChannelName"_s, value.agentChannelName },
        { u"callerChannelId"_s, value.callerChannelId }, { u"callerChannelName"_s, value.callerChannelName },
        { u"callerNumber"_s, value.callerNumber }, { u"callerName"_s, value.callerName },
        { u"since"_s, toJson(value.since) }, { u"recording"_s, queueRecordingStateName(value.recording) },
        { u"recordingName"_s, value.recordingName }, { u"storedRecordings"_s, toJson(value.storedRecordings) },
        { u"monitor"_s, queueMonitorModeName(value.monitor) }, { u"monitoredBy"_s, value.monitoredBy },
        { u"recordedMs"_s, toJson(value.recordedMs) }, { u"recordingSince"_s, toJson(value.recordingSince) } };
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

QJsonValue toJson(const QueueDayFigures &value)
{
    return QJsonObject { { u"day"_s, value.day.isValid() ? value.day.toString(Qt::ISODate) : QString() },
        { u"answered"_s, value.answered }, { u"abandoned"_s, value.abandoned } };
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

#pragma once

#include "core/ari/JsonTextWriter.h"
#include "core/calls/CallInfo.h"
#include "core/models/ConnectionStatus.h"
#include "core/models/EventLogEntry.h"
#include "core/playback/PlaybackInfo.h"
#include "core/queue/QueueBridgedPair.h"
#include "core/queue/QueueDayFigures.h"
#include "core/queue/QueueWaitingAgent.h"
#include "core/queue/QueueWaitingCaller.h"
#include "core/voicemail/ListenStatus.h"
#include "core/voicemail/VoicemailMessage.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

// The JSON form of the values the supervisor protocol carries (docs/supervisor-protocol.md): one
// write() per type and its inverse (…From()). Times are ISO 8601 with milliseconds ("Z" for UTC,
// no offset for local time) so that a value read back equals the value written.
namespace SupervisorWire {

inline constexpr int s_protocolVersion = 1;
// Optional features a desk names in its hello ("features") and the service confirms in its welcome.
// "changes": the changes of a few tens of milliseconds come as one "changes" message in a binary
// frame (UTF-8 JSON) instead of one "change" text frame each.
inline constexpr QLatin1StringView s_featureBatches("changes");

// How many changes a desk applies between two acknowledgements, for a service whose
// desk_max_lag (the welcome's maxLag) is `maxLag`: an eighth of it, at least 32 and at most 1024;
// 32 when the welcome says none (0). The service allows a desk that much on top of its limit, so
// that the acknowledgements' step never counts as lag.
quint64 acknowledgementInterval(qint64 maxLag);

// A whole number from the wire: `fallback` for anything that is not a finite JSON number, and
// at most ±2^53 (never an out-of-range conversion, whatever the peer sends).
qint64 integerFrom(const QJsonValue &value, qint64 fallback = 0);

// Each value's JSON text, written once here for every use: the changes sent to the desks (encoded
// once per change, straight into bytes) and the snapshot (through toJson()). Times are written as
// dateTimeText() gives them, an invalid one as null.
void write(JsonTextWriter &out, const QString &value);
void write(JsonTextWriter &out, int value);
void write(JsonTextWriter &out, qint64 value);
void write(JsonTextWriter &out, const QStringList &value);
void write(JsonTextWriter &out, const QDateTime &value);
void write(JsonTextWriter &out, ConnectionStatus::State value);
void write(JsonTextWriter &out, const EventLogEntry &value);
void write(JsonTextWriter &out, const EventLogEntries &value);
void write(JsonTextWriter &out, const PlaybackInfo &value);
void write(JsonTextWriter &out, const ListenStatus &value);
void write(JsonTextWriter &out, const CallInfo &value);
void write(JsonTextWriter &out, const CallTransition &value);
void write(JsonTextWriter &out, const VoicemailMessage &value);
void write(JsonTextWriter &out, const QueueWaitingAgent &value);
void write(JsonTextWriter &out, const QueueWaitingCaller &value);
void write(JsonTextWriter &out, const QueueBridgedPair &value);
void write(JsonTextWriter &out, const QueueDayFigures &value);

// A valid time as ISO 8601 with milliseconds, exactly as QDateTime::toString(Qt::ISODateWithMs)
// gives it ("Z" for UTC, no offset for local time); UTC times of years 1 to 9999, the service's
// own, are formatted without Qt's general formatter.
QString dateTimeText(const QDateTime &value);

// The value of a JSON array's text's first element (what toJson() reads back).
QJsonValue firstElementOf(const QByteArray &arrayText);

// A value as a QJsonValue, for documents built whole (the snapshot): its text read back.
template <typename T> QJsonValue toJson(const T &value)
{
    JsonTextWriter out(128);
    out.beginArray();
    write(out, value);
    out.endArray();
    return firstElementOf(out.text());
}

// The arguments of one change as a JSON array's text, in the order of the signal that carries it.
template <typename... Args> QByteArray argumentsText(const Args &...args)
{
    JsonTextWriter out(256);
    out.beginArray();
    (write(out, args), ...);
    out.endArray();
    return out.take();
}

QDateTime dateTimeFrom(const QJsonValue &value);
QStringList stringListFrom(const QJsonValue &value);
ConnectionStatus::State connectionStateFrom(const QJsonValue &value);
EventLogEntry eventLogEntryFrom(const QJsonValue &value);
EventLogEntries eventLogEntriesFrom(const QJsonValue &value);
PlaybackInfo playbackFrom(const QJsonValue &value);
ListenStatus listenStatusFrom(const QJsonValue &value);
CallInfo callFrom(const QJsonValue &value);
CallTransition callTransitionFrom(const QJsonValue &value);
VoicemailMessage messageFrom(const QJsonValue &value);
QueueWaitingAgent agentFrom(const QJsonValue &value);
QueueWaitingCaller callerFrom(const QJsonValue &value);
QueueBridgedPair pairFrom(const QJsonValue &value);
QueueDayFigures dayFiguresFrom(const QJsonValue &value);

} // namespace SupervisorWire

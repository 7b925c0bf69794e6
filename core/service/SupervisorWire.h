#pragma once

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
// toJson() per type and its inverse. Times are ISO 8601 with milliseconds ("Z" for UTC, no offset
// for local time) so that a value read back equals the value written.
namespace SupervisorWire {

inline constexpr int s_protocolVersion = 1;
// Optional features a desk names in its hello ("features") and the service confirms in its welcome.
// "changes": the changes of one turn of the service's event loop come as one "changes" message in
// a binary frame (UTF-8 JSON) instead of one "change" text frame each.
inline constexpr QLatin1StringView s_featureBatches("changes");

// A whole number from the wire: `fallback` for anything that is not a finite JSON number, and
// at most ±2^53 (never an out-of-range conversion, whatever the peer sends).
qint64 integerFrom(const QJsonValue &value, qint64 fallback = 0);

QJsonValue toJson(const QString &value);
QJsonValue toJson(int value);
QJsonValue toJson(qint64 value);
QJsonValue toJson(const QStringList &value);
QJsonValue toJson(const QDateTime &value);
QJsonValue toJson(ConnectionStatus::State value);
QJsonValue toJson(const EventLogEntry &value);
QJsonValue toJson(const EventLogEntries &value);
QJsonValue toJson(const PlaybackInfo &value);
QJsonValue toJson(const ListenStatus &value);
QJsonValue toJson(const CallInfo &value);
QJsonValue toJson(const CallTransition &value);
QJsonValue toJson(const VoicemailMessage &value);
QJsonValue toJson(const QueueWaitingAgent &value);
QJsonValue toJson(const QueueWaitingCaller &value);
QJsonValue toJson(const QueueBridgedPair &value);
QJsonValue toJson(const QueueDayFigures &value);

// The arguments of one change, in the order of the signal that carries it.
template <typename... Args> QJsonArray arguments(const Args &...args)
{
    return QJsonArray { toJson(args)... };
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

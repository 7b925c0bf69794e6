#include "core/apps/StasisApplication.h"

#include "core/apps/StasisServerSnapshot.h"
#include "core/ari/AriEvent.h"
#include "core/ari/AriOperations.h"
#include "core/ari/AriReply.h"
#include "core/ari/AriRestClient.h"
#include "core/ari/AriResult.h"
#include "core/ari/model/Channel.h"
#include "core/calls/CallState.h"
#include "core/calls/CallTimers.h"
#include "core/calls/CallTracker.h"

#include <QJsonArray>
#include <QMetaObject>

Q_LOGGING_CATEGORY(lcApps, "supervisor.apps")

using namespace Qt::StringLiterals;

StasisApplication::StasisApplication(
    const QString &name, AriRestClient *rest, AriEventRouter *router, CallTracker *tracker, QObject *parent)
    : QObject(parent)
    , m_name(name)
    , m_environment { rest, router, tracker, this, nullptr, new CallTimers(this) }
{
}

StasisApplication::~StasisApplication()
{
    // Calls go before the rest of the application (their states refer to it).
    m_calls.clear();
    m_ended.clear();
}

StasisCall *StasisApplication::call(const QString &channelId) const
{
    const auto it = m_calls.find(channelId);
    return it == m_calls.end() ? nullptr : it->second.get();
}

QStringList StasisApplication::callIds() const
{
    QStringList ids;
    ids.reserve(qsizetype(m_calls.size()));
    for (const auto &entry : m_calls)
        ids.append(entry.first);
    return ids;
}

void StasisApplication::handleStasisStart(const AriEvent &event)
{
    const Channel channel = event.channel();
    if (channel.id.isEmpty()) {
        qCWarning(lcApps).noquote() << m_name << ": StasisStart without a channel id, ignored";
        return;
    }
    if (hasCall(channel.id)) {
        qCDebug(lcApps).noquote() << m_name << ": StasisStart again for" << channel.id << ", ignored";
        return;
    }
    std::unique_ptr<StasisCall> call = createCall(event, channel);
    if (!call)
        return;
    StasisCall *raw = call.get();
    m_calls.emplace(channel.id, std::move(call));
    Q_EMIT callCountChanged(callCount());
    // One fact, one line: the first transition (reported to the tracker, logged by the headless
    // session) says where the call came from.
    const QString entered = u"entered from %1 with args %2"_s.arg(channel.name, printable(event.args().join(u',')));
    qCDebug(lcApps).noquote() << m_name << ": call" << channel.id << entered;
    raw->begin(entered);
}

void StasisApplication::reconcile(const QSet<QString> &liveChannelIds)
{
    QList<StasisCall *> gone;
    for (const auto &entry : m_calls) {
        if (!liveChannelIds.contains(entry.first))
            gone.append(entry.second.get());
    }
    for (StasisCall *call : std::as_const(gone)) {
        qCInfo(lcApps).noquote() << m_name << ": call" << call->channelId() << "ended while the event stream was down";
        call->end(u"channel gone after reconnect"_s);
    }
}

void StasisApplication::recover(const StasisServerSnapshot &snapshot, const QSet<QString> &callsAtRequest)
{
    QSet<QString> live = snapshot.liveChannelIds();
    for (const auto &entry : m_calls) {
        if (!callsAtRequest.contains(entry.first))
            live.insert(entry.first); // newer than the answer: it says nothing about them
    }
    reconcile(live);
    // Calls that stayed: an event they wait for may have come while nobody listened.
    for (const auto &entry : m_calls) {
        if (!callsAtRequest.contains(entry.first) || entry.second->isEnded())
            continue;
        if (CallState *state = entry.second->machine().currentStateObject())
            state->resynced();
    }
    const QList<StasisFoundChannel> found = snapshot.channelsIn(m_name);
    for (const StasisFoundChannel &channel : found) {
        if (!hasCall(channel.channel.id))
            adopt(channel);
    }
}

void StasisApplication::adopt(const StasisFoundChannel &found)
{
    restartCall(found);
}

void StasisApplication::restartCall(const StasisFoundChannel &found)
{
    qCInfo(lcApps).noquote() << m_name << ": adopting call" << found.channel.id << '(' << found.channel.name
                             << ") found in the application: it starts again";
    QJsonArray args;
    for (const QString &arg : found.args)
        args.append(arg);
    const AriEvent replayed = AriEvent::fromJson(QJsonObject { { u"type"_s, u"StasisStart"_s },
        { u"application"_s, m_name }, { u"args"_s, args }, { u"channel"_s, found.json } });
    handleStasisStart(replayed);
}

void StasisApplication::hangUpAdopted(const StasisFoundChannel &found, const QString &reason)
{
    qCWarning(lcApps).noquote() << m_name << ": channel" << found.channel.id << '(' << found.channel.name
                                << ") found in the application with no call:" << reason << "- hanging up";
    if (m_environment.tracker)
        m_environment.tracker->reportRefused(found.channel.id, m_name, reason);
    const QString channelId = found.channel.id;
    m_environment.rest->send(AriOperations::hangup(channelId, u"normal"_s), channelId)
        ->then(this, [channelId](const AriResult &result) {
            if (!result.isOk())
                qCInfo(lcApps).noquote() << "hanging up adopted channel" << channelId << ":" << result.describe();
        });
}

StasisCall *StasisApplication::resumeCall(std::unique_ptr<StasisCall> call, const QString &state, const QString &cause)
{
    if (!call || hasCall(call->channelId()))
        return nullptr;
    StasisCall *raw = call.get();
    const QString id = raw->channelId();
    m_calls.emplace(id, std::move(call));
    Q_EMIT callCountChanged(callCount());
    qCInfo(lcApps).noquote() << m_name << ": call" << id << '(' << raw->channel().name << ") adopted in state" << state;
    raw->resume(state, cause);
    return raw;
}

void StasisApplication::refuse(const Channel &channel, const QString &reason)
{
    qCWarning(lcApps).noquote() << u"%1: refusing call %2 (%3): %4 - hanging up without answering"_s.arg(
        m_name, channel.id, channel.name, reason);
    if (m_environment.tracker)
        m_environment.tracker->reportRefused(channel.id, m_name, reason);
    const QString channelId = channel.id;
    m_environment.rest->send(AriOperations::hangup(channelId, u"rejected"_s), channelId)
        ->then(this, [channelId](const AriResult &result) {
            if (!result.isOk())
                qCInfo(lcApps).noquote() << "hanging up refused call" << channelId << ":" << result.describe();
        });
}

void StasisApplication::callEnded(StasisCall *call)
{
    const auto it = m_calls.find(call->channelId());
    if (it == m_calls.end() || it->second.get() != call)
        return;
    // The last transition (or the tracker's "ended") is the line that tells it.
    qCDebug(lcApps).noquote() << m_name << ": call" << call->channelId() << "ended in state"
                              << call->machine().currentState();
    m_ended.push_back(std::move(it->second));
    m_calls.erase(it);
    Q_EMIT callCountChanged(callCount());
    if (!m_deleteScheduled) {
        m_deleteScheduled = true;
        QMetaObject::invokeMethod(this, &StasisApplication::deleteEnded, Qt::QueuedConnection);
    }
}

void StasisApplication::deleteEnded()
{
    m_deleteScheduled = false;
    std::vector<std::unique_ptr<StasisCall>> ended;
    ended.swap(m_ended);
}

QString StasisApplication::printable(const QString &text)
{
    constexpr qsizetype maxLength = 80;
    if (text.size() <= maxLength)
        return u'"' + text + u'"';
    qsizetype kept = maxLength;
    if (text.at(kept - 1).isHighSurrogate())
        --kept; // not half of a character
    return u'"' + text.left(kept) + u"\"…"_s;
}

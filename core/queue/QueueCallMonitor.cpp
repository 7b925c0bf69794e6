#include "core/queue/QueueCallMonitor.h"

#include "core/apps/StasisServerSnapshot.h"
#include "core/ari/AriEvent.h"
#include "core/ari/AriEventRouter.h"
#include "core/ari/AriIds.h"
#include "core/ari/AriOperations.h"
#include "core/ari/AriReply.h"
#include "core/ari/AriRestClient.h"
#include "core/ari/AriResult.h"
#include "core/queue/QueueState.h"

#include <utility>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcQueueMonitor, "supervisor.queue.monitor")

namespace {

const QString s_bridgePrefix = u"monitor-bridge"_s;
// The ordering key of every request of a session: a teardown never overtakes the creation it
// undoes, whatever the phone's, the snoop's or the bridge's id (or none) at that moment.
const QString s_lane = u"queue-monitor"_s;

bool isGoneEvent(const AriEvent &event)
{
    return event.type() == AriEvent::Type::ChannelHangupRequest || event.type() == AriEvent::Type::StasisEnd
        || event.type() == AriEvent::Type::ChannelDestroyed;
}

} // namespace

QueueCallMonitor::QueueCallMonitor(AriRestClient *rest, AriEventRouter *router, QueueState *state, QObject *parent)
    : QObject(parent)
    , m_rest(rest)
    , m_router(router)
    , m_state(state)
{
    if (m_state) {
        connect(m_state, &QueueState::pairRemoved, this, [this](int, const QString &bridgeId) {
            if (!m_bridgeId.isEmpty() && bridgeId == m_bridgeId)
                end(tr("the call ended"), true);
        });
    }
}

QueueCallMonitor::~QueueCallMonitor() = default;

QString QueueCallMonitor::who(const QString &by) const
{
    return by.isEmpty() ? tr("the supervisor") : by;
}

void QueueCallMonitor::start(const QString &bridgeId, QueueMonitorMode mode, const QString &by)
{
    if (mode == QueueMonitorMode::None) {
        stop(by);
        return;
    }
    if (m_endpoint.isEmpty()) {
        refuse(tr("No supervisor endpoint is set (setting supervisor/endpoint, e.g. PJSIP/1001)."));
        return;
    }
    const std::optional<QueueBridgedPair> pair = m_state ? m_state->pair(bridgeId) : std::nullopt;
    if (!pair) {
        refuse(tr("No call in progress on bridge %1: nobody joined it.").arg(bridgeId));
        return;
    }
    if (!isActive() && m_busy) {
        const QString busy = m_busy();
        if (!busy.isEmpty()) {
            refuse(tr("The supervisor's phone %1 is busy: %2.").arg(m_endpoint, busy));
            return;
        }
    }
    if (isActive() && bridgeId == m_bridgeId && mode == m_mode) {
        // Already so: answered now if the phone is up, else when it answers.
        if (m_phoneUp)
            Q_EMIT monitorReady(bridgeId, mode);
        return;
    }
    const QString previous = m_bridgeId;
    if (isActive())
        dismantle(true);
    if (!previous.isEmpty() && previous != bridgeId && m_state)
        m_state->setPairMonitor(previous, QueueMonitorMode::None, {});
    m_bridgeId = bridgeId;
    m_agentId = pair->agentChannelId;
    m_mode = mode;
    m_by = by;
    if (m_state)
        m_state->setPairMonitor(bridgeId, mode, by);
    qCInfo(lcQueueMonitor).noquote() << u"%1: %2 on %3 (agent %4, caller %5) with %6"_s.arg(
        who(by), queueMonitorModeText(mode), bridgeId, pair->agentChannelId, pair->callerChannelId, m_endpoint);
    Q_EMIT monitorStarted(bridgeId, mode, by);
    if (m_phoneUp) {
        arrange();
        Q_EMIT monitorReady(bridgeId, mode);
        return;
    }
    m_awaitingReady = true;
    if (m_phoneId.isEmpty())
        originate();
}

void QueueCallMonitor::stop(const QString &by)
{
    if (!isActive())
        return;
    end(tr("%1 left").arg(who(by)), true);
}

void QueueCallMonitor::originate()
{
    if (!m_rest || !m_router)
        return;
    const QString phoneId = AriIds::make(u"monitor"_s);
    m_phoneId = phoneId;
    m_phoneUp = false;
    m_phoneSubscription = m_router->onChannel(phoneId, [this](const AriEvent &event) { onPhoneEvent(event); });
    AriOperations::OriginateOptions options;
    options.endpoint = m_endpoint;
    options.app = m_application;
    options.appArgs = phoneArgument();
    options.channelId = phoneId;
    options.callerId = u"Queue call"_s;
    options.timeout = 30;
    m_rest->send(AriOperations::originate(options), s_lane)->then(this, [this, phoneId](const AriResult &result) {
        if (m_phoneId != phoneId)
            return;
        if (result.isOk()) {
            m_phoneMade = phoneId; // on the server from now on
            return;
        }
        abandon(tr("Calling %1 failed: %2").arg(m_endpoint, result.describe()));
    });
}

void QueueCallMonitor::onPhoneEvent(const AriEvent &event)
{
    if (event.type() == AriEvent::Type::StasisStart) {
        phoneUp();
        return;
    }
    if (!isGoneEvent(event))
        return;
    if (!m_phoneUp) {
        const int cause = event.cause();
        const QString reason = cause == 17 ? tr("busy")
            : (cause == 18 || cause == 19) ? tr("no answer")
                                           : tr("the call ended (cause %1)").arg(cause);
        m_phoneSubscription.reset();
        m_phoneId.clear();
        abandon(tr("Calling %1: %2.").arg(m_endpoint, reason));
        return;
    }
    m_phoneSubscription.reset();
    end(tr("the supervisor hung up"), false);
}

void QueueCallMonitor::phoneUp()
{
    if (m_phoneUp || m_phoneId.isEmpty())
        return;
    m_phoneUp = true;
    qCDebug(lcQueueMonitor).noquote() << m_endpoint << "answered";
    Q_EMIT phoneAnswered(m_phoneId);
    arrange();
    if (std::exchange(m_awaitingReady, false))
        Q_EMIT monitorReady(m_bridgeId, m_mode);
}

void QueueCallMonitor::arrange()
{
    if (!m_rest || !m_router || m_phoneId.isEmpty() || !m_phoneUp)
        return;
    const quint64 serial = ++m_arrangement;
    if (m_mode == QueueMonitorMode::Barge) {
        m_barging = true;
        m_rest->send(AriOperations::addChannel(m_bridgeId, { m_phoneId }), s_lane)
            ->then(this, [this, serial](const AriResult &result) {
                if (result.isOk() || serial != m_arrangement)
                    return;
                m_barging = false;
                abandon(tr("Joining the call %1 failed: %2").arg(m_bridgeId, result.describe()));
            });
        return;
    }
    m_snoopId = AriIds::make(u"snoop"_s);
    m_snoopSubscription = m_router->onChannel(m_snoopId, [this](const AriEvent &event) { onSnoopEvent(event); });
    AriOperations::SnoopOptions options;
    // See the Swagger's directions: "out" is what Asterisk sends to the agent's phone.
    options.spy = u"both"_s;
    options.whisper = m_mode == QueueMonitorMode::Whisper ? u"out"_s : u"none"_s;
    options.app = m_application;
    options.appArgs = snoopArgument();
    options.snoopId = m_snoopId;
    m_rest->send(AriOperations::snoopChannel(m_agentId, options), s_lane)
        ->then(this, [this, serial, snoopId = m_snoopId](const AriResult &result) {
            if (serial != m_arrangement)
                return;
            if (result.isOk()) {
                m_snoopMade = snoopId;
                return;
            }
            m_snoopSubscription.reset();
            m_snoopId.clear();
            if (result.httpStatus() == 404)
                end(tr("the agent's channel is gone"), true);
            else
                abandon(tr("Listening to the call %1 failed: %2").arg(m_bridgeId, result.describe()));
        });
}

void QueueCallMonitor::onSnoopEvent(const AriEvent &event)
{
    if (event.channelId() != m_snoopId)
        return;
    if (event.type() == AriEvent::Type::StasisStart) {
        if (m_mixingBridgeId.isEmpty())
            connectSnoop();
        return;
    }
    if (!isGoneEvent(event))
        return;
    m_snoopSubscription.reset();
    m_snoopId.clear();
    end(tr("the agent's channel is gone"), true);
}

// The snoop channel is in the application: it and the phone meet in a bridge of their own.
void QueueCallMonitor::connectSnoop()
{
    const quint64 serial = m_arrangement;
    m_mixingBridgeId = AriIds::make(s_bridgePrefix);
    m_rest->send(AriOperations::createBridge(u"mixing"_s, m_mixingBridgeId, u"monitor"_s), s_lane);
    m_rest->send(AriOperations::addChannel(m_mixingBridgeId, { m_phoneId, m_snoopId }), s_lane)
        ->then(this, [this, serial](const AriResult &result) {
            if (serial != m_arrangement)
                return;
            if (result.isOk()) {
                qCDebug(lcQueueMonitor).noquote() << m_endpoint << "hears" << m_bridgeId << "through" << m_snoopId;
                return;
            }
            abandon(tr("Connecting %1 to the call %2 failed: %3").arg(m_endpoint, m_bridgeId, result.describe()));
        });
}

void QueueCallMonitor::dismantle(bool phoneStays)
{
    ++m_arrangement;
    if (!m_rest)
        return;
    // On the session's lane, behind the requests that made them (they may not be answered yet).
    if (!m_snoopId.isEmpty()) {
        m_snoopSubscription.reset();
        m_rest->send(AriOperations::hangup(m_snoopId), s_lane); // 404 if gone: fine
        m_snoopId.clear();
    }
    if (!m_mixingBridgeId.isEmpty()) {
        m_rest->send(AriOperations::destroyBridge(m_mixingBridgeId), s_lane);
        m_mixingBridgeId.clear();
    }
    if (m_barging && phoneStays)
        m_rest->send(AriOperations::removeChannel(m_bridgeId, { m_phoneId }), s_lane); // gone with the call: fine
    m_barging = false;
}

void QueueCallMonitor::end(const QString &reason, bool hangUpPhone)
{
    if (!isActive() && m_bridgeId.isEmpty())
        return;
    const QString bridgeId = m_bridgeId;
    const QString phoneId = m_phoneId;
    if (std::exchange(m_awaitingReady, false))
        refuse(tr("%1 did not join the call %2: %3").arg(m_endpoint, bridgeId, reason));
    dismantle(false);
    m_phoneSubscription.reset();
    if (hangUpPhone && !phoneId.isEmpty() && m_rest)
        m_rest->send(AriOperations::hangup(phoneId), s_lane); // 404 if already gone: fine
    m_phoneId.clear();
    m_phoneUp = false;
    m_bridgeId.clear();
    m_agentId.clear();
    m_mode = QueueMonitorMode::None;
    m_by.clear();
    if (m_state && !bridgeId.isEmpty())
        m_state->setPairMonitor(bridgeId, QueueMonitorMode::None, {});
    qCInfo(lcQueueMonitor).noquote() << u"%1 left the call %2: %3"_s.arg(m_endpoint, bridgeId, reason);
    Q_EMIT monitorEnded(bridgeId, reason);
}

void QueueCallMonitor::refuse(const QString &message)
{
    qCWarning(lcQueueMonitor).noquote() << message;
    Q_EMIT monitorFailed(message);
}

void QueueCallMonitor::abandon(const QString &message)
{
    m_awaitingReady = false; // answered by this failure
    refuse(message);
    end(message, true);
}

void QueueCallMonitor::serverReadStarted()
{
    // Only a channel whose creation was answered is surely on the server when the read begins.
    m_phoneAtServerRead = !m_phoneId.isEmpty() && m_phoneId == m_phoneMade ? m_phoneId : QString();
    m_snoopAtServerRead = !m_snoopId.isEmpty() && m_snoopId == m_snoopMade ? m_snoopId : QString();
}

bool QueueCallMonitor::inApplication(const StasisServerSnapshot &snapshot, const QString &channelId) const
{
    const StasisFoundChannel *found = snapshot.find(channelId);
    return found && found->application == m_application;
}

void QueueCallMonitor::recover(const StasisServerSnapshot &snapshot)
{
    // Only a channel that existed when the read began can be judged by its answer.
    const bool phoneJudged = isActive() && m_phoneId == m_phoneAtServerRead;
    const bool snoopJudged = !m_snoopId.isEmpty() && m_snoopId == m_snoopAtServerRead;
    m_phoneAtServerRead.clear();
    m_snoopAtServerRead.clear();
    // Ours, even once a session ended here: hung up by end(), not taken for strays.
    const QString phoneId = m_phoneId;
    const QString snoopId = m_snoopId;
    const QSet<QString> &live = snapshot.liveChannelIds();
    if (phoneJudged && !live.contains(m_phoneId)) {
        m_phoneSubscription.reset();
        m_phoneId.clear();
        end(tr("the call ended while the connection to Asterisk was down"), false);
    } else if (snoopJudged && !live.contains(m_snoopId)) {
        end(tr("the call ended while the connection to Asterisk was down"), true);
    } else if (phoneJudged && !m_phoneUp && inApplication(snapshot, m_phoneId)) {
        // It answered while the event stream was down (its StasisStart is lost).
        qCInfo(lcQueueMonitor).noquote() << m_endpoint << "answered while the connection to Asterisk was down";
        phoneUp();
    } else if (snoopJudged && m_mixingBridgeId.isEmpty() && inApplication(snapshot, m_snoopId)) {
        // The snoop entered the application while the event stream was down.
        connectSnoop();
    }
    if (!m_rest || m_application.isEmpty())
        return;
    const QList<StasisFoundChannel> found = snapshot.channelsIn(m_application);
    for (const StasisFoundChannel &channel : found) {
        const QString role = channel.args.value(0);
        const QString channelId = channel.channel.id;
        if ((role != phoneArgument() && role != snoopArgument()) || channelId == phoneId || channelId == snoopId)
            continue;
        qCWarning(lcQueueMonitor).noquote()
            << u"channel %1 (%2) found in %3 with no session here (left by an earlier run of the service): "
               "hanging up"_s.arg(channelId, role, m_application);
        m_rest->send(AriOperations::hangup(channelId), channelId);
    }
    const QStringList bridges = snapshot.bridgeIds();
    for (const QString &bridgeId : bridges) {
        if (bridgeId.startsWith(s_bridgePrefix) && bridgeId != m_mixingBridgeId)
            m_rest->send(AriOperations::destroyBridge(bridgeId), bridgeId);
    }
}

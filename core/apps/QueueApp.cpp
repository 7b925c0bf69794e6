#include "core/apps/QueueApp.h"

#include "core/apps/QueueCall.h"
#include "core/apps/StasisServerSnapshot.h"
#include "core/ari/AriEvent.h"
#include "core/ari/AriIds.h"
#include "core/ari/AriOperations.h"
#include "core/ari/AriReply.h"
#include "core/ari/AriRestClient.h"
#include "core/ari/model/Channel.h"
#include "core/calls/CallEvents.h"
#include "core/queue/QueueCallActions.h"
#include "core/queue/QueueDailyCounts.h"
#include "core/queue/QueueLogging.h"
#include "core/queue/QueueState.h"

#include <QTimer>

#include <algorithm>

using namespace Qt::StringLiterals;

CallStateTable QueueApp::buildStateTable()
{
    using S = QueueCall::States;
    using E = QueueCall::Events;
    CallStateTable table(kindName());
    table.setInitialState(S::joining());
    table.addTransition(S::joining(), E::caller(), S::callerWaiting());
    table.addTransition(S::joining(), E::agent(), S::agentWaiting());
    table.addTransition(S::joining(), E::answerFailed(), S::ending());
    table.addTransition(S::joining(), CallEvents::hangup(), S::hungUp());

    table.addTransition(S::callerWaiting(), E::announce(), S::announcing());
    table.addTransition(S::callerWaiting(), E::matched(), S::callerBridged());
    table.addTransition(S::callerWaiting(), CallEvents::hangup(), S::hungUp());
    table.addTransition(S::announcing(), E::announcementDone(), S::callerWaiting());
    table.addTransition(S::announcing(), E::matched(), S::callerBridged());
    table.addTransition(S::announcing(), CallEvents::hangup(), S::hungUp());
    table.addTransition(S::callerBridged(), E::callEnded(), S::ending());
    table.addTransition(S::callerBridged(), E::requeued(), S::callerWaiting());
    table.addTransition(S::callerBridged(), CallEvents::hangup(), S::hungUp());

    table.addTransition(S::agentWaiting(), E::matched(), S::agentBridged());
    table.addTransition(S::agentWaiting(), CallEvents::hangup(), S::hungUp());
    table.addTransition(S::agentBridged(), E::callEnded(), S::agentWaiting());
    table.addTransition(S::agentBridged(), CallEvents::hangup(), S::hungUp());

    table.addFinalState(S::ending());
    table.addFinalState(S::hungUp());
    return table;
}

QueueOptions QueueApp::optionsFrom(const SupervisorSettings &settings)
{
    QueueOptions options;
    options.name = settings.queueApp();
    options.announcementIntervalMs = settings.announcementIntervalMs();
    options.positionWording = settings.positionWording();
    options.recordingFormat = settings.recordingFormat();
    return options;
}

QueueApp::QueueApp(
    const QueueOptions &options, AriRestClient *rest, AriEventRouter *router, CallTracker *tracker, QObject *parent)
    : StasisApplication(options.name, rest, router, tracker, parent)
    , m_options(options)
    , m_table(buildStateTable())
    , m_state(new QueueState(this))
    , m_daily(new QueueDailyCounts(this))
{
    if (m_options.announcementIntervalMs < 1) {
        qCWarning(lcQueue).noquote() << "announcement interval" << m_options.announcementIntervalMs
                                     << "ms is too small; using 1 ms";
        m_options.announcementIntervalMs = 1;
    }
}

void QueueApp::setAnnouncementIntervalMs(int intervalMs)
{
    m_options.announcementIntervalMs = std::max(1, intervalMs);
}

void QueueApp::setPositionWording(SupervisorSettings::PositionWording wording)
{
    m_options.positionWording = wording;
}

QueueApp::~QueueApp()
{
    // The calls in progress go before the calls (their actions refer to nothing of the calls, but
    // must not report into a state that is being torn down).
    const QList<QueueBridgedCall *> bridged = m_bridged.values();
    m_bridged.clear();
    qDeleteAll(bridged);
}

QueueCallActions *QueueApp::actions(const QString &bridgeId) const
{
    QueueBridgedCall *bridged = m_bridged.value(bridgeId);
    return bridged ? bridged->actions() : nullptr;
}

QueueCall *QueueApp::queueCall(const QString &channelId) const
{
    // Every call of this application is a QueueCall (createCall makes nothing else).
    return static_cast<QueueCall *>(call(channelId));
}

std::unique_ptr<StasisCall> QueueApp::createCall(const AriEvent &stasisStart, const Channel &channel)
{
    const QStringList args = stasisStart.args();
    const QString role = args.value(0);
    if (role == u"agent"_s)
        return std::make_unique<QueueCall>(*this, environment(), channel, args, QueueCall::Role::Agent);
    if (role == u"caller"_s)
        return std::make_unique<QueueCall>(*this, environment(), channel, args, QueueCall::Role::Caller);
    refuse(channel,
        args.isEmpty() ? u"no role given (Stasis arguments: agent or caller)"_s
                       : u"unknown role %1 (Stasis arguments: agent or caller)"_s.arg(printable(role)));
    return nullptr;
}

QStringList QueueApp::announcementFor(const QString &channelId) const
{
    const int position = m_state->callerPosition(channelId);
    if (position <= 0)
        return {};
    if (position == 1)
        return { m_options.youAreNextMedia };
    const int number
        = m_options.positionWording == SupervisorSettings::PositionWording::OwnPosition ? position : position - 1;
    return { m_options.thereAreMedia, u"number:"_s + QString::number(number), m_options.callsWaitingMedia };
}

void QueueApp::callerWaiting(QueueCall &call, const QDateTime &since)
{
    const QString id = call.channelId();
    const QDateTime nextAnnouncement = since.addMSecs(m_options.announcementIntervalMs);
    if (m_state->placeOf(id) == QueueState::Place::CallerQueue) {
        m_state->setAnnouncement(id, nextAnnouncement, false);
        return;
    }
    if (call.ticket() == 0)
        call.setJoined(since, ++m_lastTicket);
    // In order of arrival, looked for from the back: a new caller stays there (one comparison);
    // one back from a call that never got connected, or adopted after a reconnect, goes before
    // everyone who arrived after it.
    int row = m_state->callerCount();
    while (row > 0) {
        const QueueCall *ahead = queueCall(m_state->callerIdAt(row - 1));
        if (!ahead || ahead->arrivedBefore(call))
            break;
        --row;
    }
    QueueWaitingCaller entry;
    entry.channelId = id;
    entry.channelName = call.channel().name;
    entry.callerNumber = call.channel().callerNumber;
    entry.callerName = call.channel().callerName;
    entry.since = call.joinedAt();
    entry.nextAnnouncement = nextAnnouncement;
    if (!m_state->addCaller(entry, row)) {
        qCWarning(lcQueue).noquote() << name() << ": caller" << id << "is somewhere already; not queued again";
        return;
    }
    // The call's transition to waiting is the log line; the position is for debugging.
    qCDebug(lcQueue).noquote() << name() << ": caller" << id << "waits at position" << m_state->callerPosition(id);
    match();
}

void QueueApp::announcementStarted(QueueCall &call)
{
    m_state->setAnnouncement(call.channelId(), QDateTime(), true);
}

void QueueApp::agentWaiting(QueueCall &call)
{
    const QString id = call.channelId();
    QueueWaitingAgent entry;
    entry.channelId = id;
    entry.channelName = call.channel().name;
    entry.name = call.displayName();
    entry.callerNumber = call.channel().callerNumber;
    entry.callerName = call.channel().callerName;
    entry.since = QDateTime::currentDateTimeUtc();
    if (!m_state->addAgent(entry)) {
        qCWarning(lcQueue).noquote() << name() << ": agent" << id << "is somewhere already; not queued again";
        return;
    }
    qCDebug(lcQueue).noquote() << name() << ": agent" << id << "waits at position" << m_state->agentPosition(id);
    match();
}

void QueueApp::match()
{
    if (m_matching || m_matchingHeld)
        return;
    m_matching = true;
    while (m_state->callerCount() > 0 && m_state->agentCount() > 0) {
        const QString callerId = m_state->takeFrontCaller();
        const QString agentId = m_state->takeFrontAgent();
        QueueCall *caller = queueCall(callerId);
        QueueCall *agent = queueCall(agentId);
        if (!caller || !agent || caller->isEnded() || agent->isEnded()) {
            // Cannot happen (a call leaves its queue when it ends); keep whoever is still there.
            qCWarning(lcQueue).noquote() << name() << ": a queued call is gone:" << callerId << agentId;
            if (caller && !caller->isEnded())
                callerWaiting(*caller, QDateTime::currentDateTimeUtc());
            if (agent && !agent->isEnded())
                agentWaiting(*agent);
            continue;
        }
        connectPair(*caller, *agent);
    }
    m_matching = false;
}

QueueBridgedCall *QueueApp::makeBridgedCall(const QString &bridgeId, const QString &callerId, const QString &agentId)
{
    QueueCallActions::Settings settings;
    settings.bridgeId = bridgeId;
    settings.agentChannelId = agentId;
    settings.callerChannelId = callerId;
    settings.recordingFormat = m_options.recordingFormat;
    settings.beepMedia = m_options.beepMedia;
    settings.announceMedia = m_options.announceMedia;
    auto *bridged = new QueueBridgedCall(
        settings, environment().rest, environment().router,
        [this](QueueBridgedCall *ended, QueueBridgedCall::EndReason reason) { onBridgedCallEnded(ended, reason); },
        this);
    m_bridged.insert(bridgeId, bridged);
    return bridged;
}

void QueueApp::registerPair(QueueBridgedCall *bridged, const QueueCall &caller, const QueueCall &agent)
{
    const QString bridgeId = bridged->bridgeId();
    QueueBridgedPair pair;
    pair.bridgeId = bridgeId;
    pair.agentChannelId = agent.channelId();
    pair.agentName = agent.displayName();
    pair.agentNumber = agent.channel().callerNumber;
    pair.agentCallerName = agent.channel().callerName;
    pair.agentChannelName = agent.channel().name;
    pair.callerChannelName = caller.channel().name;
    pair.callerChannelId = caller.channelId();
    pair.callerNumber = caller.channel().callerNumber;
    pair.callerName = caller.channel().callerName;
    pair.since = QDateTime::currentDateTimeUtc();
    pair.actions = bridged->actions();
    m_state->addPair(pair);

    QueueCallActions *actions = bridged->actions();
    QObject::connect(actions, &QueueCallActions::stateChanged, this, [this, bridgeId, actions] {
        m_state->setPairRecording(bridgeId, actions->recordingState(), actions->recordingName());
    });
    QObject::connect(actions, &QueueCallActions::recordingStored, this,
        [this, bridgeId](const QString &recording) { m_state->addStoredRecording(bridgeId, recording); });
}

void QueueApp::connectPair(QueueCall &caller, QueueCall &agent)
{
    const QString bridgeId = AriIds::make(u"queue-call"_s);
    QueueBridgedCall *bridged = makeBridgedCall(bridgeId, caller.channelId(), agent.channelId());
    qCInfo(lcQueue).noquote() << u"%1: connecting caller %2 to agent %3 in %4"_s.arg(
        name(), caller.channelId(), agent.channelId(), bridgeId);
    // Answered once agent and caller hear each other: a match whose bridge fails, whose agent
    // leaves first (the caller goes back to the queue) or whose caller leaves first is not.
    // A call adopted after a reconnect or a restart (adoptPair) was counted, if ever, by the run
    // that connected it and is not counted again.
    QObject::connect(bridged, &QueueBridgedCall::connected, m_daily, &QueueDailyCounts::noteAnswered);
    // The bridge's requests go out first: whatever is asked of the call from now on (a view
    // reacting to pairAdded, the agent's first key) lines up behind them.
    bridged->start();
    registerPair(bridged, caller, agent);

    caller.machine().handle(QueueCall::Events::matched(), u"connected to agent %1"_s.arg(agent.channelId()));
    agent.machine().handle(QueueCall::Events::matched(), u"connected to caller %1"_s.arg(caller.channelId()));
}

bool QueueApp::isOurBridge(const QString &bridgeId)
{
    return bridgeId.startsWith(u"queue-call"_s);
}

void QueueApp::recover(const StasisServerSnapshot &snapshot, const QSet<QString> &callsAtRequest)
{
    // Calls in progress whose bridge went away while nobody listened; those that go on ask how
    // their recording stands (a pause, a stop or its end may have been missed with the stream).
    const QList<QueueBridgedCall *> inProgress = m_bridged.values();
    for (QueueBridgedCall *bridged : inProgress) {
        if (!bridged->isConnected() || bridged->isEnded() || !callsAtRequest.contains(bridged->agentChannelId()))
            continue;
        if (!snapshot.hasBridge(bridged->bridgeId())) {
            qCWarning(lcQueue).noquote() << name() << ": bridge" << bridged->bridgeId()
                                         << "is gone after the event stream came back";
            bridged->end(QueueBridgedCall::EndReason::BridgeGone);
            continue;
        }
        bridged->actions()->checkRecording();
    }
    // Empty bridges of ours that no call uses: left by a call whose end could not destroy them.
    const QStringList bridges = snapshot.bridgeIds();
    for (const QString &bridgeId : bridges) {
        if (isOurBridge(bridgeId) && snapshot.bridgeMembers(bridgeId).isEmpty() && !m_bridged.contains(bridgeId)) {
            qCInfo(lcQueue).noquote() << name() << ": destroying" << bridgeId << ", an empty bridge no call uses";
            environment().rest->send(AriOperations::destroyBridge(bridgeId), bridgeId);
        }
    }
    m_recovering = &snapshot;
    StasisApplication::recover(snapshot, callsAtRequest);
    m_recovering = nullptr;
}

void QueueApp::adopt(const StasisFoundChannel &found)
{
    const QString id = found.channel.id;
    const QString role = found.args.value(0);
    if (role != u"caller"_s && role != u"agent"_s) {
        hangUpAdopted(found, u"no queue role in its Stasis arguments"_s);
        return;
    }
    if (m_recovering && isOurBridge(found.bridgeId)) {
        // Members of other applications (the supervisor's phone barging in) are not the call's.
        QStringList members = m_recovering->bridgeMembers(found.bridgeId);
        members.removeIf([this](const QString &member) {
            const StasisFoundChannel *channel = m_recovering->find(member);
            return channel && channel->application != name();
        });
        const QString partnerId = members.size() == 2 ? members.value(members.indexOf(id) == 0 ? 1 : 0) : QString();
        const StasisFoundChannel *partner = partnerId.isEmpty() ? nullptr : m_recovering->find(partnerId);
        if (partner && partner->application == name() && !hasCall(partnerId) && partner->args.value(0) != role) {
            const bool isCaller = role == u"caller"_s;
            if (adoptPair(isCaller ? found : *partner, isCaller ? *partner : found, found.bridgeId))
                return;
        }
        // Left alone in a call of ours (its partner gone): the bridge goes, the channel waits again.
        qCInfo(lcQueue).noquote() << name() << ":" << id << "was left alone in" << found.bridgeId << "; destroying it";
        environment().rest->send(AriOperations::destroyBridge(found.bridgeId), id);
    }
    if (found.channel.state != u"Up"_s) {
        restartCall(found);
        if (QueueCall *call = queueCall(id); call && call->role() == QueueCall::Role::Caller)
            call->setJoined(QDateTime::currentDateTimeUtc(), ++m_lastTicket); // its place, whenever answered
        return;
    }
    const QueueCall::Role callRole = role == u"agent"_s ? QueueCall::Role::Agent : QueueCall::Role::Caller;
    auto call = std::make_unique<QueueCall>(*this, environment(), found.channel, found.args, callRole);
    resumeCall(std::move(call),
        callRole == QueueCall::Role::Agent ? QueueCall::States::agentWaiting() : QueueCall::States::callerWaiting(),
        u"adopted: found waiting after the event stream came back"_s);
}

bool QueueApp::adoptPair(const StasisFoundChannel &caller, const StasisFoundChannel &agent, const QString &bridgeId)
{
    if (m_bridged.contains(bridgeId))
        return false;
    auto callerCall
        = std::make_unique<QueueCall>(*this, environment(), caller.channel, caller.args, QueueCall::Role::Caller);
    auto agentCall
        = std::make_unique<QueueCall>(*this, environment(), agent.channel, agent.args, QueueCall::Role::Agent);
    callerCall->setJoined(QDateTime::currentDateTimeUtc(), ++m_lastTicket);
    qCInfo(lcQueue).noquote() << name() << ": adopting the call in progress" << bridgeId << "of caller"
                              << caller.channel.id << "and agent" << agent.channel.id;
    QueueBridgedCall *bridged = makeBridgedCall(bridgeId, caller.channel.id, agent.channel.id);
    bridged->adopt();
    registerPair(bridged, *callerCall, *agentCall);
    const QString cause = u"adopted: in call %1 after the event stream came back"_s.arg(bridgeId);
    resumeCall(std::move(callerCall), QueueCall::States::callerBridged(), cause);
    resumeCall(std::move(agentCall), QueueCall::States::agentBridged(), cause);
    return true;
}

void QueueApp::agentKey(QueueCall &call, QChar digit)
{
    QueueCallActions *callActions = actions(m_state->bridgeOf(call.channelId()));
    if (!callActions) {
        qCInfo(lcQueue).noquote() << call.channelId() << ": key" << digit << "while in no call, ignored";
        return;
    }
    callActions->handleKey(digit);
}

bool QueueApp::perform(const QString &bridgeId, QueueCallAction::Kind kind)
{
    QueueCallActions *callActions = actions(bridgeId);
    if (!callActions) {
        qCInfo(lcQueue).noquote() << name() << ": supervisor action" << QueueCallAction::kindName(kind)
                                  << "on unknown call" << bridgeId;
        return false;
    }
    callActions->perform(kind, QueueCallActions::Origin::Supervisor);
    return true;
}

void QueueApp::callGone(QueueCall &call, const QString &reason)
{
    const QString id = call.channelId();
    switch (m_state->placeOf(id)) {
    case QueueState::Place::CallerQueue:
        m_state->removeCaller(id);
        m_daily->noteAbandoned();
        qCInfo(lcQueue).noquote() << u"%1: caller %2 left the queue (%3)"_s.arg(name(), id, reason);
        return;
    case QueueState::Place::AgentQueue:
        m_state->removeAgent(id);
        qCInfo(lcQueue).noquote() << u"%1: agent %2 left the queue (%3)"_s.arg(name(), id, reason);
        return;
    case QueueState::Place::Bridge:
        if (QueueBridgedCall *bridged = m_bridged.value(m_state->bridgeOf(id))) {
            bridged->end(
                call.isAgent() ? QueueBridgedCall::EndReason::AgentHungUp : QueueBridgedCall::EndReason::CallerHungUp);
        }
        return;
    case QueueState::Place::Gone:
        return;
    }
}

void QueueApp::callEnded(StasisCall *call)
{
    // Normally the call has left its queue or bridge already (hung-up state); this catches a call
    // ended from outside (its channel found gone after a reconnect).
    callGone(*static_cast<QueueCall *>(call), u"call ended"_s);
    StasisApplication::callEnded(call);
}

void QueueApp::onBridgedCallEnded(QueueBridgedCall *bridged, QueueBridgedCall::EndReason reason)
{
    using Reason = QueueBridgedCall::EndReason;
    const QString bridgeId = bridged->bridgeId();
    const bool wasConnected = bridged->isConnected();
    QueueCall *caller = queueCall(bridged->callerChannelId());
    QueueCall *agent = queueCall(bridged->agentChannelId());
    m_bridged.remove(bridgeId);
    m_state->removePair(bridgeId);
    // Deleted once its last requests (the bridge's destruction, a recording's stop) are answered.
    ++m_closing;
    QObject::connect(bridged, &QueueBridgedCall::done, this, [this, bridged] {
        --m_closing;
        bridged->deleteLater();
    });

    // A caller who hangs up before the agent could talk to them abandoned the call, as one who
    // hangs up while waiting does (an answered call is counted when its bridge connects).
    if (reason == Reason::CallerHungUp && !wasConnected)
        m_daily->noteAbandoned();

    const QString cause = QueueBridgedCall::reasonText(reason);
    const auto live = [](QueueCall *call) { return call && !call->isEnded() && !call->machine().isInFinalState(); };
    if (reason == Reason::BridgeFailed) {
        // Try again a little later; the caller keeps its place.
        m_matchingHeld = true;
        QTimer::singleShot(m_options.bridgeRetryDelayMs, this, [this] {
            m_matchingHeld = false;
            match();
        });
    }
    if (live(caller) && reason != Reason::CallerHungUp) {
        if (reason == Reason::BridgeFailed || (reason == Reason::AgentHungUp && !wasConnected)) {
            // Never connected: back to the queue, at its place.
            caller->machine().handle(QueueCall::Events::requeued(), cause);
        } else {
            caller->machine().handle(QueueCall::Events::callEnded(), cause);
        }
    }
    if (live(agent) && reason != Reason::AgentHungUp)
        agent->machine().handle(QueueCall::Events::callEnded(), cause);
}

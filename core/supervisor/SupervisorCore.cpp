#include "core/supervisor/SupervisorCore.h"

#include "core/apps/QueueApp.h"
#include "core/apps/StasisApplicationHost.h"
#include "core/apps/StasisServerSnapshot.h"
#include "core/apps/VoicemailPlaybackApp.h"
#include "core/apps/VoicemailRecordApp.h"
#include "core/ari/AriConnection.h"
#include "core/ari/AriEvent.h"
#include "core/ari/AriEventRouter.h"
#include "core/ari/AriEventStream.h"
#include "core/ari/AriOperations.h"
#include "core/ari/AriReply.h"
#include "core/ari/AriRestClient.h"
#include "core/ari/model/Channel.h"
#include "core/calls/CallTracker.h"
#include "core/models/PartyNames.h"
#include "core/playback/MediaDurations.h"
#include "core/playback/PlaybackTracker.h"
#include "core/queue/QueueCallActions.h"
#include "core/queue/QueueCallMonitor.h"
#include "core/queue/QueueDailyCounts.h"
#include "core/queue/QueueState.h"
#include "core/supervisor/EventLog.h"
#include "core/voicemail/HeardRule.h"
#include "core/voicemail/ListenSession.h"
#include "core/voicemail/MailboxLamps.h"
#include "core/voicemail/VoicemailMetadata.h"
#include "core/voicemail/VoicemailStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>
#include <QTimer>

#include <chrono>
#include <utility>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSupervisor, "supervisor.core")

namespace {

ConnectionStatus::State toStatus(AriEventStream::State state)
{
    switch (state) {
    case AriEventStream::State::Disconnected:
        return ConnectionStatus::State::Disconnected;
    case AriEventStream::State::Connecting:
        return ConnectionStatus::State::Connecting;
    case AriEventStream::State::Connected:
        return ConnectionStatus::State::Connected;
    case AriEventStream::State::Reconnecting:
        return ConnectionStatus::State::Reconnecting;
    case AriEventStream::State::Failed:
        return ConnectionStatus::State::Failed;
    }
    return ConnectionStatus::State::Disconnected;
}

QString describeRequest(const AriRequest &request)
{
    QString text = AriRequest::methodName(request.method) + u' ' + request.path;
    if (!request.query.isEmpty())
        text += u'?' + request.query.toString(QUrl::FullyDecoded);
    return text;
}

} // namespace

SupervisorCore::SupervisorCore(const SupervisorSettings &settings, const SupervisorOptions &options, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_options(options)
    , m_clock(makeClock(options.clockRate))
{
}

SupervisorCore::~SupervisorCore()
{
    shutdown();
}

SupervisorCore::Clock SupervisorCore::makeClock(double rate)
{
    if (rate <= 0)
        rate = 1.0;
    return [rate]() -> qint64 {
        using namespace std::chrono;
        const auto ms = duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
        return static_cast<qint64>(static_cast<double>(ms) * rate);
    };
}

void SupervisorCore::start()
{
    if (m_connection)
        return;
    AriEndpoint endpoint = m_settings.endpoint();
    if (!m_options.listenApplication.isEmpty() && !endpoint.applications.contains(m_options.listenApplication))
        endpoint.applications.append(m_options.listenApplication);

    m_log = new EventLog(this);
    m_log->setBatchInterval(m_options.eventLogBatchMs);
    connect(m_log, &EventLog::entriesAdded, this, &SupervisorCore::logEntries);

    m_connection = new AriConnection(endpoint, this);
    m_durations = new MediaDurations(m_connection->rest(), this);
    m_durations->setSoundsDirectory(m_options.soundsDirectory);
    m_tracker = new PlaybackTracker(m_durations, this);
    m_tracker->setClock(m_clock);
    m_tracker->setRestClient(m_connection->rest());
    connect(m_tracker, &PlaybackTracker::playbackChanged, this, &SupervisorCore::playbackChanged);
    connect(m_tracker, &PlaybackTracker::playbackRemoved, this, &SupervisorCore::playbackRemoved);
    connect(m_tracker, &PlaybackTracker::cleared, this, &SupervisorCore::playbacksCleared);

    m_listen = new ListenSession(m_connection->rest(), m_connection->router(), m_tracker, this);
    m_listen->setEndpoint(m_settings.supervisorEndpoint());
    m_listen->setApplication(m_options.listenApplication);
    m_listen->setSkipMs(m_settings.skipMs());
    connect(m_listen, &ListenSession::statusChanged, this, &SupervisorCore::listenStatusChanged);
    connect(this, &SupervisorCore::recordingDeleted, m_listen, &ListenSession::onRecordingDeleted);
    connect(m_listen, &ListenSession::statusChanged, this, [this](const ListenStatus &status) {
        if (status.state == ListenStatus::State::Failed)
            log(EventLogEntry::Level::Warning, u"supervisor"_s, status.error);
        reportListenCall(status);
    });

    m_host = new StasisApplicationHost(m_connection->rest(), m_connection->router(), this);
    // The supervisor's own call after a reconnect or a restart of the service (SPEC CN-5).
    connect(m_host, &StasisApplicationHost::serverReadStarted, m_listen, &ListenSession::serverReadStarted);
    connect(m_host, &StasisApplicationHost::serverRead, m_listen, &ListenSession::recover);
    VoicemailRecordOptions record;
    record.name = m_settings.vmRecordApp();
    record.format = m_settings.recordingFormat();
    m_host->addVoicemailRecord(record);
    VoicemailPlaybackOptions playback;
    playback.name = m_settings.vmPlaybackApp();
    playback.skipMs = m_settings.skipMs();
    playback.heardPercent = m_settings.heardPercent();
    playback.playbacks = m_tracker;
    m_host->addVoicemailPlayback(playback);
    m_queue = m_host->addQueue(QueueApp::optionsFrom(m_settings));
    openVoicemailMetadata();
    m_host->lamps()->setContext(m_settings.mwiContext());
    m_host->voicemail()->setTrashDays(m_settings.trashDays());
    // SPEC VM-3: expired messages leave the trash (also after each load of the stored recordings).
    m_trashPurge = new QTimer(this);
    m_trashPurge->setInterval(std::chrono::hours(1));
    connect(m_trashPurge, &QTimer::timeout, m_host->voicemail(), &VoicemailStore::purgeExpiredTrash);
    m_trashPurge->start();
    connect(m_listen, &ListenSession::statusChanged, this, &SupervisorCore::noteListening);

    wireConnection();
    wireApplications();
    wireQueue();
    wireMonitor();
    m_host->start();
    log(EventLogEntry::Level::Info, u"supervisor"_s,
        tr("Server %1, applications %2").arg(endpoint.redactedUrl(), endpoint.applications.join(u", "_s)));
}

void SupervisorCore::noteListening(const ListenStatus &status)
{
    // SPEC VM-2: a message the supervisor played to its end, or past heard_percent of its length
    // (where the playback was when it changed: paused, moved, stopped, another message), is heard.
    if (!m_host)
        return;
    const qint64 now = m_clock();
    const auto farEnough = [this, now](const ListenStatus &listened) {
        const PlaybackInfo &playback = listened.playback;
        return !listened.recordingName.isEmpty() && !playback.id.isEmpty()
            && HeardRule::isHeard(playback.positionAt(now), playback.durationMs, m_settings.heardPercent());
    };
    VoicemailStore *store = m_host->voicemail();
    if (status.state == ListenStatus::State::Finished && !status.recordingName.isEmpty())
        store->markHeard(status.recordingName);
    if (farEnough(m_lastListen))
        store->markHeard(m_lastListen.recordingName);
    if (farEnough(status))
        store->markHeard(status.recordingName);
    m_lastListen = status;
}

void SupervisorCore::openVoicemailMetadata()
{
    // SPEC VM-1: in the state directory; without one (the demo, a desk's all-in-one mode without
    // [service] state_dir) the metadata lasts as long as the process.
    VoicemailStore *store = m_host->voicemail();
    const QString stateDir = m_settings.stateDir();
    const QString file = stateDir.isEmpty() ? QString() : QDir(stateDir).filePath(VoicemailMetadata::fileName());
    QString error;
    if (store->openMetadata(file, &error))
        return;
    log(EventLogEntry::Level::Warning, u"voicemail"_s,
        tr("The voicemail metadata cannot be kept: %1. Callers and heard messages are remembered until the "
           "program ends.")
            .arg(error));
    QString inMemoryError;
    if (!store->openMetadata(QString(), &inMemoryError))
        qCWarning(lcSupervisor).noquote() << "voicemail metadata in memory:" << inMemoryError;
}

void SupervisorCore::wireConnection()
{
    AriEventStream *events = m_connection->events();
    AriRestClient *rest = m_connection->rest();
    rest->setLatency(&m_restLatency);

    // Playback positions: every request as it leaves, every event as it arrives.
    connect(rest, &AriRestClient::requestSent, m_tracker, &PlaybackTracker::onRequestSent);
    connect(rest, &AriRestClient::requestFailed, m_tracker, &PlaybackTracker::onRequestFailed);
    m_allEvents = m_connection->router()->onAll([this](const AriEvent &event) {
        m_eventCount.fetch_add(1, std::memory_order_relaxed);
        m_tracker->onEvent(event);
        if (m_options.logAriEvents)
            logEvent(event);
    });

    connect(events, &AriEventStream::stateChanged, this, [this](AriEventStream::State state) {
        const ConnectionStatus::State status = toStatus(state);
        log(state == AriEventStream::State::Failed ? EventLogEntry::Level::Error : EventLogEntry::Level::Info,
            u"ari.connection"_s, tr("Event socket %1").arg(ConnectionStatus::stateName(status)));
        Q_EMIT connectionStateChanged(status);
    });
    connect(events, &AriEventStream::errorOccurred, this, [this](const QString &message) {
        log(EventLogEntry::Level::Error, u"ari.connection"_s, message);
        Q_EMIT connectionError(message);
    });
    connect(events, &AriEventStream::applicationReplaced, this, [this](const QString &application) {
        const QString message
            = tr("Application %1 was taken over by another connection; use a different application name "
                 "for each instance")
                  .arg(application);
        log(EventLogEntry::Level::Error, u"ari.connection"_s, message);
        Q_EMIT connectionError(message);
    });
    connect(events, &AriEventStream::malformedFrame, this, [this](const QByteArray &, const QString &error) {
        log(EventLogEntry::Level::Warning, u"ari.events"_s, tr("Malformed event ignored: %1").arg(error));
    });
    connect(events, &AriEventStream::resynced, m_tracker, &PlaybackTracker::verifyAll);
    connect(m_connection, &AriConnection::asteriskInfoChanged, this, [this](const AsteriskInfo &info) {
        log(EventLogEntry::Level::Info, u"ari.connection"_s, tr("Asterisk %1").arg(info.version));
        Q_EMIT asteriskVersionChanged(info.version);
    });
    connect(rest, &AriRestClient::requestFailed, this, [this](const AriRequest &request, const AriResult &result) {
        log(EventLogEntry::Level::Warning, u"ari.rest"_s,
            tr("%1 failed: %2").arg(describeRequest(request), result.describe()));
    });
}

void SupervisorCore::wireApplications()
{
    CallTracker *calls = m_host->tracker();
    connect(calls, &CallTracker::callStarted, this,
        [this](const CallInfo &info) { m_partyNames.insert(info.channelId, partyName(info)); });
    connect(calls, &CallTracker::callStarted, this, &SupervisorCore::callStarted);
    connect(calls, &CallTracker::callStateChanged, this, &SupervisorCore::callStateChanged);
    connect(calls, &CallTracker::callEnded, this, &SupervisorCore::callEnded);
    connect(calls, &CallTracker::callStateChanged, this, [this](const CallTransition &transition) {
        QString text = transition.from.isEmpty()
            ? tr("%1 (%2) starts in %3").arg(partyName(transition.channelId), transition.application, transition.to)
            : tr("%1 (%2): %3 → %4")
                  .arg(partyName(transition.channelId), transition.application, transition.from, transition.to);
        if (!transition.cause.isEmpty())
            text += u" ("_s + namedCause(transition) + u')';
        log(EventLogEntry::Level::Info, u"calls"_s, text);
    });
    connect(calls, &CallTracker::callEnded, this, [this](const CallInfo &info, const QString &reason) {
        log(EventLogEntry::Level::Info, u"calls"_s,
            tr("%1 (%2) ended: %3").arg(partyName(info), info.application, reason));
        m_partyNames.remove(info.channelId);
    });
    connect(calls, &CallTracker::callRefused, this,
        [this](const QString &channelId, const QString &application, const QString &reason) {
            log(EventLogEntry::Level::Warning, u"calls"_s,
                tr("%1 refused by %2: %3").arg(channelId, application, reason));
        });

    VoicemailStore *store = m_host->voicemail();
    connect(store, &VoicemailStore::mailboxAdded, this, &SupervisorCore::mailboxAdded);
    connect(store, &VoicemailStore::mailboxRemoved, this, &SupervisorCore::mailboxRemoved);
    connect(store, &VoicemailStore::messageAdded, this, &SupervisorCore::messageAdded);
    connect(store, &VoicemailStore::messageRemoved, this, &SupervisorCore::messageRemoved);
    connect(store, &VoicemailStore::messageChanged, this, &SupervisorCore::messageChanged);
    connect(store, &VoicemailStore::trashAdded, this, &SupervisorCore::trashAdded);
    connect(store, &VoicemailStore::trashRemoved, this, &SupervisorCore::trashRemoved);
    // A message deleted anywhere (a phone or this window) stops the supervisor listening to it.
    connect(store, &VoicemailStore::messageRemoved, this, [this](const VoicemailMessage &message) {
        log(EventLogEntry::Level::Info, u"voicemail"_s, tr("The %1 was removed").arg(messageName(message)));
        Q_EMIT recordingDeleted(message.name);
    });
    connect(store, &VoicemailStore::messageAdded, this, [this](const VoicemailMessage &message) {
        if (m_host->voicemail()->isLoaded())
            log(EventLogEntry::Level::Info, u"voicemail"_s, tr("New %1").arg(messageName(message)));
    });
    connect(store, &VoicemailStore::refreshFailed, this, [this](const QString &error) {
        log(EventLogEntry::Level::Warning, u"voicemail"_s, tr("Reading the mailboxes failed: %1").arg(error));
    });
    connect(m_durations, &MediaDurations::durationKnown, this, [this](const QString &mediaUri, qint64 durationMs) {
        static constexpr QLatin1StringView scheme("recording:");
        if (durationMs >= 0 && mediaUri.startsWith(scheme))
            Q_EMIT messageDuration(mediaUri.mid(scheme.size()), durationMs);
    });
    // Every connect, the first one included (the server may have been down at start), rebuilds
    // the mailboxes and the calls from the server (SPEC CN-5).
    connect(m_connection->events(), &AriEventStream::stateChanged, m_host, &StasisApplicationHost::onStreamState);
}

// The supervisor's own call is a live Stasis channel too: the calls view shows it (SPEC UI-5).
void SupervisorCore::reportListenCall(const ListenStatus &status)
{
    if (!m_host)
        return;
    CallTracker *calls = m_host->tracker();
    const bool answered = status.hasCall() && status.state != ListenStatus::State::Calling;
    if (!m_listenCall.isEmpty() && (!answered || status.channelId != m_listenCall)) {
        calls->reportEnded(m_listenCall, tr("listening ended"));
        m_listenCall.clear();
    }
    if (!answered)
        return;
    const QString state = ListenStatus::stateName(status.state);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (m_listenCall.isEmpty()) {
        m_listenCall = status.channelId;
        m_listenCallState = state;
        CallInfo info;
        info.channelId = status.channelId;
        info.channelName = status.endpoint;
        info.application = m_options.listenApplication;
        info.args = { u"listen"_s };
        info.state = state;
        info.started = now;
        info.stateSince = now;
        calls->reportStarted(info);
        return;
    }
    if (state == m_listenCallState)
        return;
    CallTransition transition;
    transition.channelId = status.channelId;
    transition.application = m_options.listenApplication;
    transition.from = m_listenCallState;
    transition.to = state;
    transition.event = u"supervisor"_s;
    transition.cause = status.recordingName;
    transition.at = now;
    m_listenCallState = state;
    calls->reportTransition(transition);
}

void SupervisorCore::wireQueue()
{
    if (!m_queue)
        return;
    QueueState *state = m_queue->state();
    connect(state, &QueueState::agentAdded, this, &SupervisorCore::queueAgentAdded);
    connect(state, &QueueState::agentRemoved, this, &SupervisorCore::queueAgentRemoved);
    connect(state, &QueueState::callerAdded, this, &SupervisorCore::queueCallerAdded);
    connect(state, &QueueState::callerRemoved, this, &SupervisorCore::queueCallerRemoved);
    connect(state, &QueueState::callerChanged, this, &SupervisorCore::queueCallerChanged);
    connect(state, &QueueState::pairChanged, this, &SupervisorCore::queuePairChanged);
    connect(state, &QueueState::pairRemoved, this, &SupervisorCore::queuePairRemoved);
    connect(m_queue->dailyCounts(), &QueueDailyCounts::changed, this, &SupervisorCore::queueDayFiguresChanged);
    Q_EMIT queueDayFiguresChanged(m_queue->dailyCounts()->figures());
    connect(state, &QueueState::pairAdded, this, [this](int row, const QueueBridgedPair &pair) {
        Q_EMIT queuePairAdded(row, pair);
        watchActions(pair.bridgeId, m_queue->actions(pair.bridgeId));
        m_pairNames.insert(pair.bridgeId, pairName(pair));
        log(EventLogEntry::Level::Info, u"queue"_s, tr("Call in progress: %1").arg(pairName(pair)));
    });
}

// The GUI follows the enabled state of a call's actions as a value (a bit mask), never by
// reading the core's objects.
void SupervisorCore::watchActions(const QString &bridgeId, QueueCallActions *actions)
{
    if (!actions)
        return;
    const auto publish = [this, bridgeId, actions] {
        int mask = 0;
        for (const QueueCallAction *action : actions->actions()) {
            if (action->isEnabled())
                mask |= 1 << static_cast<int>(action->kind());
        }
        Q_EMIT queueActionsChanged(bridgeId, mask);
    };
    for (QueueCallAction *action : actions->actions())
        connect(action, &QueueCallAction::enabledChanged, this, publish);
    // The call's name lasts as long as its actions can report (a recording kept after the end).
    connect(actions, &QObject::destroyed, this, [this, bridgeId] { m_pairNames.remove(bridgeId); });
    connect(actions, &QueueCallActions::recordingStored, this, [this, bridgeId](const QString &name) {
        log(EventLogEntry::Level::Info, u"queue"_s,
            tr("Recording %1 of the call %2 kept").arg(name, callName(bridgeId)));
    });
    connect(actions, &QueueCallActions::recordingDiscarded, this, [this, bridgeId](const QString &name) {
        log(EventLogEntry::Level::Info, u"queue"_s,
            tr("Recording %1 of the call %2 discarded").arg(name, callName(bridgeId)));
    });
    connect(actions, &QueueCallActions::recordingFailed, this, [this](const QString &name, const QString &reason) {
        log(EventLogEntry::Level::Warning, u"queue"_s, tr("Recording %1 failed: %2").arg(name, reason));
    });
    connect(actions, &QueueCallActions::actionIgnored, this,
        [this](const QString &action, QueueCallActions::Origin origin, const QString &reason) {
            log(EventLogEntry::Level::Info, u"queue"_s,
                tr("%1 (%2) ignored: %3").arg(action, QueueCallActions::originName(origin), reason));
        });
    publish();
}

void SupervisorCore::wireMonitor()
{
    if (!m_queue)
        return;
    m_monitor = new QueueCallMonitor(m_connection->rest(), m_connection->router(), m_queue->state(), this);
    m_monitor->setEndpoint(m_settings.supervisorEndpoint());
    m_monitor->setApplication(m_options.listenApplication);
    // One phone: the voicemail listening call and the queue monitor never call it at once.
    m_monitor->setBusyCheck([this]() -> QString {
        return m_listen && m_listen->status().hasCall() ? tr("it is on the voicemail listening call") : QString();
    });
    m_listen->setBusyCheck(
        [this]() -> QString { return m_monitor && m_monitor->isActive() ? tr("it is on a queue call") : QString(); });
    m_listen->setForeignRoles({ QueueCallMonitor::phoneArgument(), QueueCallMonitor::snoopArgument() });
    connect(m_host, &StasisApplicationHost::serverReadStarted, m_monitor, &QueueCallMonitor::serverReadStarted);
    connect(m_host, &StasisApplicationHost::serverRead, m_monitor, &QueueCallMonitor::recover);
    connect(m_monitor, &QueueCallMonitor::phoneAnswered, this,
        [this] { reportMonitorCall(queueMonitorModeName(m_monitor->mode()), callName(m_monitor->bridgeId())); });
    connect(m_monitor, &QueueCallMonitor::monitorEnded, this,
        [this](const QString &, const QString &reason) { reportMonitorCall({}, reason); });
    connect(m_monitor, &QueueCallMonitor::monitorStarted, this,
        [this](const QString &bridgeId, QueueMonitorMode mode, const QString &by) {
            if (!m_monitorCall.isEmpty())
                reportMonitorCall(queueMonitorModeName(mode), callName(bridgeId));
            log(EventLogEntry::Level::Info, u"queue"_s,
                tr("%1: %2 on the call %3 with %4")
                    .arg(by.isEmpty() ? tr("The supervisor") : by, queueMonitorModeText(mode), callName(bridgeId),
                        m_settings.supervisorEndpoint()));
        });
    connect(m_monitor, &QueueCallMonitor::monitorEnded, this, [this](const QString &bridgeId, const QString &reason) {
        log(EventLogEntry::Level::Info, u"queue"_s,
            tr("%1 left the call %2: %3").arg(m_settings.supervisorEndpoint(), callName(bridgeId), reason));
    });
    // The answer to a monitor request (a desk's waits for it).
    connect(m_monitor, &QueueCallMonitor::monitorReady, this,
        [this](const QString &bridgeId) { Q_EMIT operationFinished(u"monitor"_s, bridgeId, true, {}); });
    connect(m_monitor, &QueueCallMonitor::monitorFailed, this, [this](const QString &message) {
        log(EventLogEntry::Level::Warning, u"queue"_s, message);
        Q_EMIT operationFinished(u"monitor"_s, m_monitor->bridgeId(), false, message);
    });
}

void SupervisorCore::reportMonitorCall(const QString &state, const QString &cause)
{
    CallTracker *calls = m_host ? m_host->tracker() : nullptr;
    if (!calls)
        return;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (state.isEmpty()) {
        if (!m_monitorCall.isEmpty())
            calls->reportEnded(std::exchange(m_monitorCall, {}), cause);
        return;
    }
    const QString channelId = m_monitor->phoneChannelId();
    if (m_monitorCall != channelId) {
        if (!m_monitorCall.isEmpty())
            calls->reportEnded(m_monitorCall, cause);
        m_monitorCall = channelId;
        m_monitorCallState = state;
        CallInfo info;
        info.channelId = channelId;
        info.channelName = m_settings.supervisorEndpoint();
        info.application = m_options.listenApplication;
        info.args = { QueueCallMonitor::phoneArgument() };
        info.state = state;
        info.started = now;
        info.stateSince = now;
        calls->reportStarted(info);
        return;
    }
    if (state == m_monitorCallState)
        return;
    CallTransition transition;
    transition.channelId = channelId;
    transition.application = m_options.listenApplication;
    transition.from = m_monitorCallState;
    transition.to = state;
    transition.event = u"supervisor"_s;
    transition.cause = cause;
    transition.at = now;
    m_monitorCallState = state;
    calls->reportTransition(transition);
}

QString SupervisorCore::callName(const QString &bridgeId) const
{
    const std::optional<QueueBridgedPair> pair = m_queue ? m_queue->state()->pair(bridgeId) : std::nullopt;
    if (pair)
        return pairName(*pair);
    return m_pairNames.value(bridgeId, bridgeId);
}

QString SupervisorCore::pairName(const QueueBridgedPair &pair) const
{
    const PartyNames names(m_settings.partyNames());
    QString agent = names.display(pair.agentCallerName, pair.agentNumber, pair.agentChannelName);
    if (agent.isEmpty())
        agent = pair.agentName.isEmpty() ? pair.agentChannelId : pair.agentName;
    QString caller = names.display(pair.callerName, pair.callerNumber, pair.callerChannelName);
    if (caller.isEmpty())
        caller = pair.callerChannelId;
    return agent + u" \u2194 "_s + caller;
}

QString SupervisorCore::partyName(const QString &channelId) const
{
    return m_partyNames.value(channelId, channelId);
}

QString SupervisorCore::partyName(const CallInfo &info) const
{
    const QString name
        = PartyNames(m_settings.partyNames()).display(info.callerName, info.callerNumber, info.channelName);
    return name.isEmpty() ? info.channelId : name;
}

QString SupervisorCore::namedCause(const CallTransition &transition) const
{
    QString cause = transition.cause;
    const QString bridgeId = m_queue ? m_queue->state()->bridgeOf(transition.channelId) : QString();
    const std::optional<QueueBridgedPair> pair = bridgeId.isEmpty() ? std::nullopt : m_queue->state()->pair(bridgeId);
    if (!pair)
        return cause;
    cause.replace(pair->agentChannelId, partyName(pair->agentChannelId));
    cause.replace(pair->callerChannelId, partyName(pair->callerChannelId));
    cause.replace(bridgeId, pairName(*pair));
    return cause;
}

QString SupervisorCore::messageName(const VoicemailMessage &message) const
{
    QString text = message.number > 0 ? tr("message %1 in %2").arg(message.number).arg(message.mailbox)
                                      : tr("message in %1").arg(message.mailbox);
    const QString caller = PartyNames(m_settings.partyNames()).display(message.callerName, message.callerNumber, {});
    if (!caller.isEmpty())
        text += tr(" from %1").arg(caller);
    return text;
}

void SupervisorCore::monitorCall(const QString &bridgeId, int mode, const QString &by)
{
    if (mode < 0 || mode > static_cast<int>(QueueMonitorMode::Barge))
        return;
    const auto monitorMode = static_cast<QueueMonitorMode>(mode);
    if (!m_monitor || m_options.listenApplication.isEmpty()) {
        if (monitorMode == QueueMonitorMode::None)
            return;
        const QString message = !m_monitor
            ? tr("The supervisor's phone cannot join calls: the queue application is not running")
            : tr("The supervisor's phone cannot join calls: no listening application is set");
        log(EventLogEntry::Level::Warning, u"queue"_s, message);
        Q_EMIT operationFinished(u"monitor"_s, bridgeId, false, message);
        return;
    }
    if (monitorMode == QueueMonitorMode::None)
        m_monitor->stop(by);
    else
        m_monitor->start(bridgeId, monitorMode, by);
}

void SupervisorCore::queueAction(const QString &bridgeId, int kind)
{
    QueueCallActions *actions = m_queue ? m_queue->actions(bridgeId) : nullptr;
    if (!actions || kind < 0 || kind > static_cast<int>(QueueCallAction::Kind::Announce)) {
        log(EventLogEntry::Level::Info, u"queue"_s, tr("No call in progress on bridge %1").arg(bridgeId));
        return;
    }
    if (QueueCallAction *action = actions->action(static_cast<QueueCallAction::Kind>(kind)))
        action->trigger();
}

void SupervisorCore::shutdown()
{
    if (!m_connection)
        return;
    m_connection->close();
    m_allEvents.reset();
    if (m_log)
        m_log->flush();
    m_queue = nullptr;
    delete m_monitor;
    m_monitor = nullptr;
    // Nothing with a running timer stays: the empty object may move back to another thread.
    delete m_trashPurge;
    m_trashPurge = nullptr;
    delete m_host;
    m_host = nullptr;
    delete m_listen;
    m_listen = nullptr;
    delete m_tracker;
    m_tracker = nullptr;
    delete m_durations;
    m_durations = nullptr;
    delete m_connection;
    m_connection = nullptr;
    delete m_log;
    m_log = nullptr;
}

void SupervisorCore::open()
{
    if (m_connection)
        m_connection->open();
}

void SupervisorCore::close()
{
    if (!m_connection)
        return;
    m_connection->close();
    m_tracker->clear();
}

void SupervisorCore::listen(const QString &recordingName)
{
    if (m_listen)
        m_listen->listen(recordingName);
}

void SupervisorCore::listenTogglePause()
{
    if (m_listen)
        m_listen->togglePause();
}

void SupervisorCore::listenForward()
{
    if (m_listen)
        m_listen->forward();
}

void SupervisorCore::listenReverse()
{
    if (m_listen)
        m_listen->reverse();
}

void SupervisorCore::listenRestart()
{
    if (m_listen)
        m_listen->restart();
}

void SupervisorCore::listenStop()
{
    if (m_listen)
        m_listen->stop();
}

void SupervisorCore::deleteRecording(const QString &recordingName)
{
    if (!m_host)
        return;
    log(EventLogEntry::Level::Info, u"supervisor"_s, tr("Deleting %1").arg(recordingName));
    // Through the store, so that callers listening to that mailbox see it gone (SPEC VP-5); into
    // the trash (SPEC VM-3).
    m_host->voicemail()->trashMessage(recordingName, this, [this, recordingName](const AriResult &result) {
        // 404: someone deleted it first; it is gone either way.
        const bool gone = result.isOk() || result.httpStatus() == 404;
        if (gone)
            log(EventLogEntry::Level::Info, u"supervisor"_s, tr("Deleted %1 (kept in the trash)").arg(recordingName));
        else
            log(EventLogEntry::Level::Warning, u"supervisor"_s,
                tr("Deleting %1 failed: %2").arg(recordingName, result.describe()));
        Q_EMIT operationFinished(u"delete"_s, recordingName, gone, gone ? QString() : result.describe());
    });
}

void SupervisorCore::restoreRecording(const QString &trashName)
{
    if (!m_host)
        return;
    log(EventLogEntry::Level::Info, u"supervisor"_s, tr("Restoring %1").arg(trashName));
    m_host->voicemail()->restoreMessage(trashName, this, [this, trashName](const AriResult &result) {
        const bool restored = m_host && m_host->voicemail()->contains(VoicemailMessage::originalNameOf(trashName));
        if (!restored)
            log(EventLogEntry::Level::Warning, u"supervisor"_s,
                tr("Restoring %1 failed: %2").arg(trashName, result.describe()));
        Q_EMIT operationFinished(u"restore"_s, trashName, restored, restored ? QString() : result.describe());
    });
}

void SupervisorCore::requestDurations(const QStringList &recordingNames)
{
    if (!m_durations)
        return;
    for (const QString &name : recordingNames) {
        const qint64 known = m_durations->lookup(u"recording:"_s + name);
        if (known >= 0)
            Q_EMIT messageDuration(name, known);
    }
}

void SupervisorCore::saveRecording(const QString &recordingName, const QString &filePath)
{
    fetchToFile(recordingName, filePath, u"save"_s);
}

void SupervisorCore::downloadRecording(const QString &recordingName, const QString &filePath)
{
    fetchToFile(recordingName, filePath, u"download"_s);
}

void SupervisorCore::fetchToFile(const QString &recordingName, const QString &filePath, const QString &operation)
{
    // A save is named by its message; a download by its file (see SupervisorAccess).
    const QString subject = operation == u"download" ? filePath : recordingName;
    if (!m_connection) {
        Q_EMIT operationFinished(operation, subject, false, tr("not connected"));
        return;
    }
    // Streamed into the file as it arrives; the file appears only once it is whole.
    AriRequest request = AriOperations::getStoredFile(recordingName);
    request.saveTo = filePath;
    m_connection->rest()->send(request)->then(
        this, [this, recordingName, filePath, operation, subject](const AriResult &result) {
            if (!result.isOk()) {
                Q_EMIT operationFinished(operation, subject, false, result.describe());
                return;
            }
            if (operation == u"save")
                log(EventLogEntry::Level::Info, u"supervisor"_s,
                    tr("Saved %1 to %2 (%3 bytes)").arg(recordingName, filePath).arg(QFileInfo(filePath).size()));
            Q_EMIT operationFinished(operation, subject, true, filePath);
        });
}

void SupervisorCore::markHeard(const QString &recordingName)
{
    if (m_host)
        m_host->voicemail()->markHeard(recordingName);
}

void SupervisorCore::fetchRecording(const QString &recordingName, quint64 tag)
{
    if (!m_connection) {
        Q_EMIT recordingFetched(tag, false, {}, tr("not connected"));
        return;
    }
    // Streamed into a file of its own in the temporary directory (the service's is private), never
    // whole into memory; whoever takes it removes it.
    QTemporaryFile file(QDir(QDir::tempPath()).filePath(u"ari-supervisor-recording-XXXXXX.part"_s));
    file.setAutoRemove(false);
    if (!file.open()) {
        Q_EMIT recordingFetched(tag, false, {}, tr("cannot make a temporary file: %1").arg(file.errorString()));
        return;
    }
    const QString path = file.fileName();
    file.close();
    AriRequest request = AriOperations::getStoredFile(recordingName);
    request.saveTo = path;
    m_connection->rest()->send(request)->then(this, [this, tag, path](const AriResult &result) {
        if (result.isOk()) {
            Q_EMIT recordingFetched(tag, true, path, {});
            return;
        }
        QFile::remove(path);
        Q_EMIT recordingFetched(tag, false, {}, result.describe());
    });
}

void SupervisorCore::log(EventLogEntry::Level level, const QString &category, const QString &text)
{
    if (m_log)
        m_log->post(level, category, text);
}

void SupervisorCore::logEvent(const AriEvent &event)
{
    QString text = event.typeName();
    EventLogEntry::Level level = EventLogEntry::Level::Debug;
    QString category = u"ari.events"_s;
    switch (event.type()) {
    case AriEvent::Type::StasisStart: {
        const Channel channel = event.channel();
        text = tr("StasisStart %1 in %2 (%3, args %4)")
                   .arg(channel.id, event.application(), channel.name, event.args().join(u','));
        break;
    }
    case AriEvent::Type::ApplicationReplaced:
        level = EventLogEntry::Level::Error;
        break;
    default:
        for (const QString &key : { event.channelId(), event.bridgeId(), event.playbackId(), event.recordingName() }) {
            if (!key.isEmpty())
                text += u' ' + key;
        }
        if (event.type() == AriEvent::Type::ChannelDtmfReceived)
            text += u' ' + event.digit();
        break;
    }
    m_log->post(level, category, text);
}

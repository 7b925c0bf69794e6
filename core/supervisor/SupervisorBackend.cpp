#include "core/supervisor/SupervisorBackend.h"

#include "core/models/CallsModel.h"
#include "core/models/DeletedMessagesModel.h"
#include "core/models/ConnectionStatus.h"
#include "core/models/EventLogModel.h"
#include "core/models/MailboxesModel.h"
#include "core/models/PlaybacksModel.h"
#include "core/models/QueueAgentsModel.h"
#include "core/models/QueueCallersModel.h"
#include "core/models/QueuePairsModel.h"
#include "core/supervisor/SupervisorCore.h"

#include "core/service/SupervisorWire.h"

#include <QFile>
#include <QUrl>

#include <type_traits>

using namespace Qt::StringLiterals;

template <typename... Args, typename Apply>
void SupervisorBackend::follow(void (SupervisorCore::*signal)(Args...), QLatin1StringView kind, Apply apply)
{
    connect(m_core, signal, this, [this, kind, apply](const std::decay_t<Args> &...arguments) {
        apply(arguments...);
        if (m_changeObserver)
            m_changeObserver(kind, SupervisorWire::argumentsText(arguments...));
    });
}

SupervisorBackend::SupervisorBackend(
    const SupervisorSettings &settings, const SupervisorOptions &options, QObject *parent)
    : SupervisorAccess(SupervisorCore::makeClock(options.clockRate), parent)
    , m_settings(settings)
    , m_options(options)
{
    connectionStatus()->setServer(m_settings.endpoint().redactedUrl());
    eventLog()->setCapacity(options.eventLogCapacity);
    playbacks()->setRefreshInterval(options.progressRefreshMs);
    ListenStatus idle;
    idle.endpoint = m_settings.supervisorEndpoint();
    setListenStatus(idle);
    // One name per person in every model (SPEC UX-2).
    setPartyNames(PartyNames(m_settings.partyNames()));
    playbacks()->setNameSources(calls(), mailboxes(), queuePairs());

    // The core is made here and moved to its thread before it creates anything (start() runs
    // there). Every connection below crosses threads and is therefore queued: the core's
    // signals carry values, never pointers to its objects. Each change is applied to its model and
    // reported to the change observer in one step (see setChangeObserver()).
    m_core = new SupervisorCore(m_settings, m_options);
    if (m_options.ownThread) {
        m_thread.setObjectName(u"supervisor-core"_s);
        m_core->moveToThread(&m_thread);
    }

    ConnectionStatus *status = connectionStatus();
    follow(&SupervisorCore::connectionStateChanged, "status.state"_L1,
        [status](ConnectionStatus::State state) { status->setState(state); });
    follow(&SupervisorCore::asteriskVersionChanged, "status.version"_L1,
        [status](const QString &version) { status->setAsteriskVersion(version); });
    follow(&SupervisorCore::connectionError, "status.error"_L1,
        [status](const QString &message) { status->setLastError(message); });
    follow(&SupervisorCore::logEntries, "log.append"_L1,
        [log = eventLog()](const EventLogEntries &entries) { log->appendEntries(entries); });
    PlaybacksModel *plays = playbacks();
    follow(&SupervisorCore::playbackChanged, "playback.upsert"_L1,
        [plays](const PlaybackInfo &info) { plays->upsert(info); });
    follow(&SupervisorCore::playbackRemoved, "playback.remove"_L1,
        [plays](const QString &playbackId) { plays->remove(playbackId); });
    follow(&SupervisorCore::playbacksCleared, "playback.clear"_L1, [plays] { plays->clear(); });
    CallsModel *callRows = calls();
    follow(&SupervisorCore::callStarted, "call.add"_L1, [callRows](const CallInfo &info) { callRows->addCall(info); });
    follow(&SupervisorCore::callStateChanged, "call.state"_L1,
        [callRows](const CallTransition &transition) { callRows->changeState(transition); });
    follow(&SupervisorCore::callEnded, "call.remove"_L1,
        [callRows](const CallInfo &info, const QString &) { callRows->removeCall(info); });
    MailboxesModel *boxes = mailboxes();
    follow(&SupervisorCore::mailboxAdded, "mailbox.add"_L1, [boxes](const QString &box) { boxes->addMailbox(box); });
    follow(&SupervisorCore::mailboxRemoved, "mailbox.remove"_L1,
        [boxes](const QString &box) { boxes->removeMailbox(box); });
    follow(&SupervisorCore::messageAdded, "message.add"_L1,
        [boxes](const VoicemailMessage &message, int row) { boxes->addMessage(message, row); });
    follow(&SupervisorCore::messageRemoved, "message.remove"_L1,
        [boxes](const VoicemailMessage &message, int row) { boxes->removeMessage(message, row); });
    follow(&SupervisorCore::messageChanged, "message.change"_L1,
        [boxes](const VoicemailMessage &message, int row) { boxes->changeMessage(message, row); });
    follow(&SupervisorCore::messageDuration, "message.duration"_L1,
        [boxes](const QString &name, qint64 ms) { boxes->setDuration(name, ms); });
    DeletedMessagesModel *trash = deletedMessages();
    follow(&SupervisorCore::trashAdded, "trash.add"_L1,
        [trash](const VoicemailMessage &message) { trash->addMessage(message); });
    follow(&SupervisorCore::trashRemoved, "trash.remove"_L1,
        [trash](const VoicemailMessage &message) { trash->removeMessage(message); });
    QueueAgentsModel *agents = queueAgents();
    follow(&SupervisorCore::queueAgentAdded, "agent.add"_L1,
        [agents](int row, const QueueWaitingAgent &agent) { agents->addAgent(row, agent); });
    follow(&SupervisorCore::queueAgentRemoved, "agent.remove"_L1,
        [agents](int row, const QString &channelId) { agents->removeAgent(row, channelId); });
    QueueCallersModel *callers = queueCallers();
    follow(&SupervisorCore::queueCallerAdded, "caller.add"_L1,
        [callers](int row, const QueueWaitingCaller &caller) { callers->addCaller(row, caller); });
    follow(&SupervisorCore::queueCallerRemoved, "caller.remove"_L1,
        [callers](int row, const QString &channelId) { callers->removeCaller(row, channelId); });
    follow(&SupervisorCore::queueCallerChanged, "caller.change"_L1,
        [callers](int row, const QueueWaitingCaller &caller) { callers->changeCaller(row, caller); });
    QueuePairsModel *pairs = queuePairs();
    follow(&SupervisorCore::queuePairAdded, "pair.add"_L1,
        [pairs](int row, const QueueBridgedPair &pair) { pairs->addPair(row, pair); });
    follow(&SupervisorCore::queuePairChanged, "pair.change"_L1,
        [pairs](int row, const QueueBridgedPair &pair) { pairs->changePair(row, pair); });
    follow(&SupervisorCore::queuePairRemoved, "pair.remove"_L1,
        [pairs](int row, const QString &bridgeId) { pairs->removePair(row, bridgeId); });
    follow(&SupervisorCore::queueActionsChanged, "pair.actions"_L1,
        [pairs](const QString &bridgeId, int mask) { pairs->setEnabledActions(bridgeId, mask); });
    follow(&SupervisorCore::queueDayFiguresChanged, "queue.today"_L1,
        [callers](const QueueDayFigures &figures) { callers->setDayFigures(figures); });
    follow(&SupervisorCore::listenStatusChanged, "listen"_L1,
        [this](const ListenStatus &status) { setListenStatus(status); });
    connect(m_core, &SupervisorCore::operationFinished, this, &SupervisorBackend::operationFinished);
    connect(m_core, &SupervisorCore::recordingFetched, this,
        [this](quint64 tag, bool ok, const QString &filePath, const QString &error) {
            const FileCallback done = m_fetches.take(tag);
            if (done)
                done(ok, filePath, error);
            else if (ok)
                QFile::remove(filePath);
        });

    if (m_options.ownThread)
        m_thread.start();
    onCore([](SupervisorCore *core) { core->start(); });
}

SupervisorBackend::~SupervisorBackend()
{
    if (m_options.ownThread && m_thread.isRunning()) {
        // Tear the core down on its own thread (sockets and timers belong to it), hand the empty
        // object back to this thread, then stop the thread.
        QThread *home = thread();
        QMetaObject::invokeMethod(
            m_core,
            [core = m_core, home] {
                core->shutdown();
                core->moveToThread(home);
            },
            Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    delete m_core;
}

QThread *SupervisorBackend::coreThread() const
{
    return m_core->thread();
}

template <typename Function> void SupervisorBackend::onCore(Function function)
{
    QMetaObject::invokeMethod(
        m_core, [core = m_core, function] { function(core); }, Qt::QueuedConnection);
}

void SupervisorBackend::open()
{
    onCore([](SupervisorCore *core) { core->open(); });
}

void SupervisorBackend::close()
{
    onCore([](SupervisorCore *core) { core->close(); });
}

void SupervisorBackend::listen(const QString &recordingName)
{
    onCore([recordingName](SupervisorCore *core) { core->listen(recordingName); });
}

void SupervisorBackend::listenTogglePause()
{
    onCore([](SupervisorCore *core) { core->listenTogglePause(); });
}

void SupervisorBackend::listenForward()
{
    onCore([](SupervisorCore *core) { core->listenForward(); });
}

void SupervisorBackend::listenReverse()
{
    onCore([](SupervisorCore *core) { core->listenReverse(); });
}

void SupervisorBackend::listenRestart()
{
    onCore([](SupervisorCore *core) { core->listenRestart(); });
}

void SupervisorBackend::listenStop()
{
    onCore([](SupervisorCore *core) { core->listenStop(); });
}

void SupervisorBackend::deleteRecording(const QString &recordingName)
{
    onCore([recordingName](SupervisorCore *core) { core->deleteRecording(recordingName); });
}

void SupervisorBackend::restoreRecording(const QString &trashName)
{
    onCore([trashName](SupervisorCore *core) { core->restoreRecording(trashName); });
}

void SupervisorBackend::saveRecording(const QString &recordingName, const QString &filePath)
{
    onCore([recordingName, filePath](SupervisorCore *core) { core->saveRecording(recordingName, filePath); });
}

void SupervisorBackend::downloadRecording(const QString &recordingName, const QString &filePath)
{
    onCore([recordingName, filePath](SupervisorCore *core) { core->downloadRecording(recordingName, filePath); });
}

void SupervisorBackend::markHeard(const QString &recordingName)
{
    onCore([recordingName](SupervisorCore *core) { core->markHeard(recordingName); });
}

void SupervisorBackend::requestDurations(const QStringList &recordingNames)
{
    if (recordingNames.isEmpty())
        return;
    onCore([recordingNames](SupervisorCore *core) { core->requestDurations(recordingNames); });
}

void SupervisorBackend::queueAction(const QString &bridgeId, QueueCallAction::Kind kind)
{
    onCore([bridgeId, kind](SupervisorCore *core) { core->queueAction(bridgeId, static_cast<int>(kind)); });
}

void SupervisorBackend::monitorCall(const QString &bridgeId, QueueMonitorMode mode)
{
    monitorCallAs(bridgeId, mode, {});
}

void SupervisorBackend::monitorCallAs(const QString &bridgeId, QueueMonitorMode mode, const QString &user)
{
    onCore([bridgeId, mode, user](SupervisorCore *core) { core->monitorCall(bridgeId, static_cast<int>(mode), user); });
}

void SupervisorBackend::fetchRecording(const QString &recordingName, FileCallback done)
{
    const quint64 tag = m_nextFetch++;
    m_fetches.insert(tag, std::move(done));
    onCore([recordingName, tag](SupervisorCore *core) { core->fetchRecording(recordingName, tag); });
}

#include "core/supervisor/SupervisorBackend.h"

#include "core/models/CallsModel.h"
#include "core/models/ConnectionStatus.h"
#include "core/models/EventLogModel.h"
#include "core/models/MailboxesModel.h"
#include "core/models/PlaybacksModel.h"
#include "core/models/QueueAgentsModel.h"
#include "core/models/QueueCallersModel.h"
#include "core/models/QueuePairsModel.h"
#include "core/supervisor/SupervisorCore.h"

#include <QUrl>

using namespace Qt::StringLiterals;

SupervisorBackend::SupervisorBackend(const SupervisorSettings &settings, const SupervisorOptions &options,
                                     QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_options(options)
    , m_clock(SupervisorCore::makeClock(options.clockRate))
    , m_status(new ConnectionStatus(this))
    , m_eventLog(new EventLogModel(this))
    , m_playbacks(new PlaybacksModel(this))
    , m_calls(new CallsModel(this))
    , m_mailboxes(new MailboxesModel(this))
    , m_queueAgents(new QueueAgentsModel(this))
    , m_queueCallers(new QueueCallersModel(this))
    , m_queuePairs(new QueuePairsModel(this))
{
    m_status->setServer(m_settings.endpoint().redactedUrl());
    m_eventLog->setCapacity(options.eventLogCapacity);
    m_playbacks->setClock(m_clock);
    m_playbacks->setRefreshInterval(options.progressRefreshMs);
    m_listenStatus.endpoint = m_settings.supervisorEndpoint();
    // One name per person in every model (SPEC UX-2).
    const PartyNames names(m_settings.partyNames());
    m_calls->setPartyNames(names);
    m_queueAgents->setPartyNames(names);
    m_queueCallers->setPartyNames(names);
    m_queuePairs->setPartyNames(names);
    m_playbacks->setNameSources(m_calls, m_mailboxes, m_queuePairs);

    // The core is made here and moved to its thread before it creates anything (start() runs
    // there). Every connection below crosses threads and is therefore queued: the core's
    // signals carry values, never pointers to its objects.
    m_core = new SupervisorCore(m_settings, m_options);
    if (m_options.ownThread) {
        m_thread.setObjectName(u"supervisor-core"_s);
        m_core->moveToThread(&m_thread);
    }

    connect(m_core, &SupervisorCore::connectionStateChanged, m_status, &ConnectionStatus::setState);
    connect(m_core, &SupervisorCore::asteriskVersionChanged, m_status, &ConnectionStatus::setAsteriskVersion);
    connect(m_core, &SupervisorCore::connectionError, m_status, &ConnectionStatus::setLastError);
    connect(m_core, &SupervisorCore::logEntries, m_eventLog, &EventLogModel::appendEntries);
    connect(m_core, &SupervisorCore::playbackChanged, m_playbacks, &PlaybacksModel::upsert);
    connect(m_core, &SupervisorCore::playbackRemoved, m_playbacks, &PlaybacksModel::remove);
    connect(m_core, &SupervisorCore::playbacksCleared, m_playbacks, &PlaybacksModel::clear);
    connect(m_core, &SupervisorCore::callStarted, m_calls, &CallsModel::addCall);
    connect(m_core, &SupervisorCore::callStateChanged, m_calls, &CallsModel::changeState);
    connect(m_core, &SupervisorCore::callEnded, m_calls, &CallsModel::removeCall);
    connect(m_core, &SupervisorCore::mailboxAdded, m_mailboxes, &MailboxesModel::addMailbox);
    connect(m_core, &SupervisorCore::mailboxRemoved, m_mailboxes, &MailboxesModel::removeMailbox);
    connect(m_core, &SupervisorCore::messageAdded, m_mailboxes, &MailboxesModel::addMessage);
    connect(m_core, &SupervisorCore::messageRemoved, m_mailboxes, &MailboxesModel::removeMessage);
    connect(m_core, &SupervisorCore::messageChanged, m_mailboxes, &MailboxesModel::changeMessage);
    connect(m_core, &SupervisorCore::messageDuration, m_mailboxes, &MailboxesModel::setDuration);
    connect(m_core, &SupervisorCore::queueAgentAdded, m_queueAgents, &QueueAgentsModel::addAgent);
    connect(m_core, &SupervisorCore::queueAgentRemoved, m_queueAgents, &QueueAgentsModel::removeAgent);
    connect(m_core, &SupervisorCore::queueCallerAdded, m_queueCallers, &QueueCallersModel::addCaller);
    connect(m_core, &SupervisorCore::queueCallerRemoved, m_queueCallers, &QueueCallersModel::removeCaller);
    connect(m_core, &SupervisorCore::queueCallerChanged, m_queueCallers, &QueueCallersModel::changeCaller);
    connect(m_core, &SupervisorCore::queuePairAdded, m_queuePairs, &QueuePairsModel::addPair);
    connect(m_core, &SupervisorCore::queuePairChanged, m_queuePairs, &QueuePairsModel::changePair);
    connect(m_core, &SupervisorCore::queuePairRemoved, m_queuePairs, &QueuePairsModel::removePair);
    connect(m_core, &SupervisorCore::queueActionsChanged, m_queuePairs, &QueuePairsModel::setEnabledActions);
    connect(m_core, &SupervisorCore::listenStatusChanged, this, [this](const ListenStatus &status) {
        m_listenStatus = status;
        Q_EMIT listenStatusChanged(status);
    });
    connect(m_core, &SupervisorCore::operationFinished, this, &SupervisorBackend::operationFinished);

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

template<typename Function>
void SupervisorBackend::onCore(Function function)
{
    QMetaObject::invokeMethod(m_core, [core = m_core, function] { function(core); }, Qt::QueuedConnection);
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

void SupervisorBackend::saveRecording(const QString &recordingName, const QString &filePath)
{
    onCore([recordingName, filePath](SupervisorCore *core) { core->saveRecording(recordingName, filePath); });
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

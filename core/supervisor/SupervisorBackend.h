#pragma once

#include "core/config/SupervisorSettings.h"
#include "core/queue/QueueCallAction.h"
#include "core/supervisor/SupervisorOptions.h"
#include "core/voicemail/ListenStatus.h"

#include <QObject>
#include <QThread>

#include <functional>

class CallsModel;
class ConnectionStatus;
class EventLogModel;
class MailboxesModel;
class PlaybacksModel;
class QueueAgentsModel;
class QueueCallersModel;
class QueuePairsModel;
class SupervisorCore;

// What the window talks to (GUI threading: see docs/architecture.md). It owns
// - the SupervisorCore (ARI connection, applications, trackers), on a dedicated thread of its own
//   unless options.ownThread is false;
// - the item models the window shows, on the caller's (GUI) thread, fed from the core only
//   through queued signals that carry values;
// - thread-safe entry points: every action slot below only queues a call to the core.
// Nothing here blocks on the network or on the core thread, except the destructor, which stops
// the core thread.
class SupervisorBackend final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SupervisorBackend)

public:
    using Clock = std::function<qint64()>;

    explicit SupervisorBackend(const SupervisorSettings &settings, const SupervisorOptions &options = {},
                               QObject *parent = nullptr);
    ~SupervisorBackend() override;

    const SupervisorSettings &settings() const { return m_settings; }
    const SupervisorOptions &options() const { return m_options; }

    // GUI-thread state and models.
    ConnectionStatus *connectionStatus() const { return m_status; }
    EventLogModel *eventLog() const { return m_eventLog; }
    PlaybacksModel *playbacks() const { return m_playbacks; }
    CallsModel *calls() const { return m_calls; }
    MailboxesModel *mailboxes() const { return m_mailboxes; }
    QueueAgentsModel *queueAgents() const { return m_queueAgents; }
    QueueCallersModel *queueCallers() const { return m_queueCallers; }
    QueuePairsModel *queuePairs() const { return m_queuePairs; }
    const ListenStatus &listenStatus() const { return m_listenStatus; }
    QString supervisorEndpoint() const { return m_settings.supervisorEndpoint(); }

    // The clock playback positions are measured with (thread-safe).
    const Clock &clock() const { return m_clock; }
    qint64 now() const { return m_clock(); }

    // The core, for code that runs on the core thread (tests with ownThread = false, the
    // application host). Never call its functions from the GUI thread when it has its own.
    SupervisorCore *core() const { return m_core; }
    QThread *coreThread() const;

public Q_SLOTS:
    void open();
    void close();

    // The supervisor's listening call (SPEC UI-2).
    void listen(const QString &recordingName);
    void listenTogglePause();
    void listenForward();
    void listenReverse();
    void listenRestart();
    void listenStop();

    void deleteRecording(const QString &recordingName);
    void saveRecording(const QString &recordingName, const QString &filePath);
    // Ask for the lengths of these messages; the mailboxes model shows them as they come.
    void requestDurations(const QStringList &recordingNames);
    // A Q-7 button (Record, Pause, Resume, Stop, Discard, End call, Announce) on a call in progress.
    void queueAction(const QString &bridgeId, QueueCallAction::Kind kind);

Q_SIGNALS:
    void listenStatusChanged(const ListenStatus &status);
    // The end of an action ("delete", "save"): ok, or the error to show.
    void operationFinished(const QString &operation, const QString &subject, bool ok, const QString &message);

private:
    template<typename Function>
    void onCore(Function function);

    SupervisorSettings m_settings;
    SupervisorOptions m_options;
    Clock m_clock;
    QThread m_thread;
    SupervisorCore *m_core = nullptr; // deleted by the destructor after the thread stopped
    ConnectionStatus *m_status = nullptr; // children
    EventLogModel *m_eventLog = nullptr;
    PlaybacksModel *m_playbacks = nullptr;
    CallsModel *m_calls = nullptr;
    MailboxesModel *m_mailboxes = nullptr;
    QueueAgentsModel *m_queueAgents = nullptr;
    QueueCallersModel *m_queueCallers = nullptr;
    QueuePairsModel *m_queuePairs = nullptr;
    ListenStatus m_listenStatus;
};

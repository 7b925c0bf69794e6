#pragma once

#include "core/queue/QueueCallAction.h"
#include "core/queue/QueueMonitorMode.h"
#include "core/voicemail/ListenStatus.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>

class CallCentreSummary;
class CallsModel;
class DeletedMessagesModel;
class PartyNames;
class ConnectionStatus;
class EventLogModel;
class MailboxesModel;
class PlaybacksModel;
class QueueAgentsModel;
class QueueCallersModel;
class QueuePairsModel;

// What the window's views talk to (SPEC SV-1: one UI code path). It owns the item models the
// views show, on the GUI thread, and takes the supervisor's actions. Two kinds feed it:
// SupervisorBackend runs the call handling in this process (all-in-one), RemoteSupervisor mirrors
// a service over the supervisor protocol (attached). The views never know which.
class SupervisorAccess : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SupervisorAccess)

public:
    using Clock = std::function<qint64()>;

    ~SupervisorAccess() override;

    ConnectionStatus *connectionStatus() const { return m_status; }
    EventLogModel *eventLog() const { return m_eventLog; }
    PlaybacksModel *playbacks() const { return m_playbacks; }
    CallsModel *calls() const { return m_calls; }
    MailboxesModel *mailboxes() const { return m_mailboxes; }
    DeletedMessagesModel *deletedMessages() const { return m_deletedMessages; } // the trash (SPEC VM-3)
    QueueAgentsModel *queueAgents() const { return m_queueAgents; }
    QueueCallersModel *queueCallers() const { return m_queueCallers; }
    QueuePairsModel *queuePairs() const { return m_queuePairs; }
    // The figures at a glance (SPEC UX-3), from the models above.
    CallCentreSummary *summary() const { return m_summary; }
    const ListenStatus &listenStatus() const { return m_listenStatus; }
    // The phone "Listen on my phone" calls; empty: listening is not configured.
    virtual QString supervisorEndpoint() const = 0;
    // SPEC VM-2: a message played this far (percent of its length) is heard (`[voicemail]
    // heard_percent` of the call handling).
    virtual int heardPercent() const = 0;
    // How far Back and Forward move a message being played, in ms (`[voicemail] skip_ms` of the
    // call handling): the phone's keys and Play here skip alike.
    virtual int skipMs() const = 0;

    // The clock playback positions are measured with (thread-safe).
    const Clock &clock() const { return m_clock; }
    qint64 now() const { return m_clock(); }

    // False for a read-only desk (role `viewer`): the views disable their action buttons.
    bool canAct() const { return m_canAct; }
    // False while the models may be stale (an attached desk lost its service, SPEC SV-5): the views
    // are greyed and `availabilityText()` says why.
    bool isAvailable() const { return m_available; }
    QString availabilityText() const { return m_availabilityText; }

public Q_SLOTS:
    virtual void open() = 0;
    virtual void close() = 0;

    // The supervisor's listening call (SPEC UI-2).
    virtual void listen(const QString &recordingName) = 0;
    virtual void listenTogglePause() = 0;
    virtual void listenForward() = 0;
    virtual void listenReverse() = 0;
    virtual void listenRestart() = 0;
    virtual void listenStop() = 0;

    virtual void deleteRecording(const QString &recordingName) = 0; // into the trash
    // Brings a deleted message back (its name in the trash, "voicemail-trash/…").
    virtual void restoreRecording(const QString &trashName) = 0;
    virtual void saveRecording(const QString &recordingName, const QString &filePath) = 0;
    // Fetches a stored recording's file into `filePath` for the window's own use (Play here, SPEC
    // VM-4) the way Save does: operationFinished("download", filePath, ok, the path or the error),
    // named by the file so that the end of an earlier download of the same message is told apart;
    // nothing in the event log.
    virtual void downloadRecording(const QString &recordingName, const QString &filePath) = 0;
    // The message was heard on the desk's speakers (SPEC VM-2): it is no longer new.
    virtual void markHeard(const QString &recordingName) = 0;
    // Ask for the lengths of these messages; the mailboxes model shows them as they come.
    virtual void requestDurations(const QStringList &recordingNames) = 0;
    // A Q-7 button (Record, Pause, Resume, Stop, Discard, End call, Announce) on a call in progress.
    virtual void queueAction(const QString &bridgeId, QueueCallAction::Kind kind) = 0;
    // The supervisor's phone joins a call in progress (SPEC UX-4): listen in, whisper or barge;
    // None: the phone leaves the call it is on. The pair shows who is on it and how.
    virtual void monitorCall(const QString &bridgeId, QueueMonitorMode mode) = 0;

Q_SIGNALS:
    void listenStatusChanged(const ListenStatus &status);
    // The end of an action ("delete", "restore", "save", "download"): ok, or the error to show.
    void operationFinished(const QString &operation, const QString &subject, bool ok, const QString &message);
    // canAct() or isAvailable() changed.
    void accessChanged();

protected:
    explicit SupervisorAccess(Clock clock, QObject *parent = nullptr);

    void setClock(Clock clock);
    void setListenStatus(const ListenStatus &status);
    void setCanAct(bool canAct);
    void setAvailable(bool available, const QString &text);
    // Every model back to empty (before a fresh snapshot).
    void clearModels();
    // The names people go by, in every model that shows a party (SPEC UX-2).
    void setPartyNames(const PartyNames &names);

private:
    Clock m_clock;
    ConnectionStatus *m_status = nullptr; // children
    EventLogModel *m_eventLog = nullptr;
    PlaybacksModel *m_playbacks = nullptr;
    CallsModel *m_calls = nullptr;
    MailboxesModel *m_mailboxes = nullptr;
    DeletedMessagesModel *m_deletedMessages = nullptr;
    QueueAgentsModel *m_queueAgents = nullptr;
    QueueCallersModel *m_queueCallers = nullptr;
    QueuePairsModel *m_queuePairs = nullptr;
    CallCentreSummary *m_summary = nullptr;
    ListenStatus m_listenStatus;
    bool m_canAct = true;
    bool m_available = true;
    QString m_availabilityText;
};

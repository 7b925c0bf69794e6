#pragma once

#include "core/ari/AriRequestLatency.h"
#include "core/calls/CallInfo.h"
#include "core/config/SupervisorSettings.h"
#include "core/models/ConnectionStatus.h"
#include "core/models/EventLogEntry.h"
#include "core/playback/PlaybackInfo.h"
#include "core/queue/QueueBridgedPair.h"
#include "core/queue/QueueDayFigures.h"
#include "core/queue/QueueMonitorMode.h"
#include "core/queue/QueueWaitingAgent.h"
#include "core/queue/QueueWaitingCaller.h"
#include "core/supervisor/SupervisorOptions.h"
#include "core/voicemail/ListenStatus.h"
#include "core/voicemail/VoicemailMessage.h"

#include <QLoggingCategory>
#include <QObject>

#include <atomic>
#include <functional>
#include <memory>

class AriConnection;
class AriEvent;
class AriSubscription;
class EventLog;
class ListenSession;
class QTimer;
class MediaDurations;
class PlaybackTracker;
class QueueApp;
class QueueCallActions;
class QueueCallMonitor;
class StasisApplicationHost;

Q_DECLARE_LOGGING_CATEGORY(lcSupervisor)

// Everything the supervisor runs against one Asterisk, on one thread (the core thread in GUI
// mode): the ARI connection, the Stasis applications, the trackers that follow calls and
// playbacks, the event log collector and the supervisor's own listening call. It has no models
// and no widgets: what the window shows leaves through its signals, as values, and reaches the
// GUI thread's models through queued connections (see SupervisorBackend).
//
// Construct it anywhere; call start() on the thread it lives on (that creates the connection and
// its sockets there) and shutdown() on the same thread before it is destroyed.
class SupervisorCore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SupervisorCore)

public:
    using Clock = std::function<qint64()>;

    SupervisorCore(const SupervisorSettings &settings, const SupervisorOptions &options, QObject *parent = nullptr);
    ~SupervisorCore() override;

    // The clock of playback positions (steady clock × options.clockRate); thread-safe.
    static Clock makeClock(double rate);

    // Valid between start() and shutdown(), on the core thread only.
    AriConnection *connection() const { return m_connection; }
    PlaybackTracker *playbackTracker() const { return m_tracker; }
    ListenSession *listenSession() const { return m_listen; }
    EventLog *eventLog() const { return m_log; }
    StasisApplicationHost *host() const { return m_host; }
    QueueApp *queue() const { return m_queue; }
    QueueCallMonitor *monitor() const { return m_monitor; }
    // ARI events received so far (thread-safe; the service's metrics).
    quint64 eventCount() const { return m_eventCount.load(std::memory_order_relaxed); }
    // How long REST requests took, by transport (thread-safe; the service's metrics).
    const AriRequestLatency &restLatency() const { return m_restLatency; }

public Q_SLOTS:
    void start();
    void shutdown();
    void open();
    void close();

    void listen(const QString &recordingName);
    void listenTogglePause();
    void listenForward();
    void listenReverse();
    void listenRestart();
    void listenStop();

    void deleteRecording(const QString &recordingName); // into the trash (SPEC VM-3)
    void restoreRecording(const QString &trashName);
    void saveRecording(const QString &recordingName, const QString &filePath);
    // The same without a line in the event log, operationFinished("download", filePath, …) (Play
    // here: named by its file, as several downloads of one message may be under way).
    void downloadRecording(const QString &recordingName, const QString &filePath);
    // A message heard on a desk's speakers (SPEC VM-2).
    void markHeard(const QString &recordingName);
    // Reads a stored recording's file into a temporary file: recordingFetched() with the same tag
    // and that file's path (the receiver removes it).
    void fetchRecording(const QString &recordingName, quint64 tag);
    // Learn the lengths of these messages (messageDuration() for each that can be read).
    void requestDurations(const QStringList &recordingNames);
    // A Q-7 button on a call in progress: triggers the call's QueueCallAction of that kind (the
    // object the agent's key uses too). `kind` is a QueueCallAction::Kind.
    void queueAction(const QString &bridgeId, int kind);
    // The supervisor's phone joins the call in progress on `bridgeId` (SPEC UX-4): `mode` is a
    // QueueMonitorMode (None: the phone leaves whatever call it is on). `by`: who asked (a desk's
    // user; empty in the all-in-one window).
    void monitorCall(const QString &bridgeId, int mode, const QString &by);

Q_SIGNALS:
    void connectionStateChanged(ConnectionStatus::State state);
    void asteriskVersionChanged(const QString &version);
    void connectionError(const QString &message);
    void logEntries(const EventLogEntries &entries);
    void playbackChanged(const PlaybackInfo &info);
    void playbackRemoved(const QString &playbackId);
    void playbacksCleared();
    void listenStatusChanged(const ListenStatus &status);
    // The end of a supervisor action ("delete", "save", "download"): ok, or why not.
    void operationFinished(const QString &operation, const QString &subject, bool ok, const QString &message);
    void recordingDeleted(const QString &recordingName);
    void recordingFetched(quint64 tag, bool ok, const QString &filePath, const QString &error);
    // Calls (from the application host's CallTracker).
    void callStarted(const CallInfo &info);
    void callStateChanged(const CallTransition &transition);
    void callEnded(const CallInfo &info, const QString &reason);
    // Mailboxes (from the VoicemailStore), rows as the store numbers them.
    void mailboxAdded(const QString &mailbox);
    void mailboxRemoved(const QString &mailbox);
    void messageAdded(const VoicemailMessage &message, int row);
    void messageRemoved(const VoicemailMessage &message, int row);
    void messageChanged(const VoicemailMessage &message, int row);
    void messageDuration(const QString &recordingName, qint64 durationMs);
    // The trash (SPEC VM-3; `message.name` is the trash recording's name).
    void trashAdded(const VoicemailMessage &message);
    void trashRemoved(const VoicemailMessage &message);
    // The call queue (from the QueueState), rows as it numbers them.
    void queueAgentAdded(int row, const QueueWaitingAgent &agent);
    void queueAgentRemoved(int row, const QString &channelId);
    void queueCallerAdded(int row, const QueueWaitingCaller &caller);
    void queueCallerRemoved(int row, const QString &channelId);
    void queueCallerChanged(int row, const QueueWaitingCaller &caller);
    void queuePairAdded(int row, const QueueBridgedPair &pair);
    void queuePairChanged(int row, const QueueBridgedPair &pair);
    void queuePairRemoved(int row, const QString &bridgeId);
    // Which actions of a call in progress are enabled now (bit 1 << QueueCallAction::Kind).
    void queueActionsChanged(const QString &bridgeId, int enabledMask);
    // The calls answered and abandoned today, by the local day of this program (SPEC UX-3).
    void queueDayFiguresChanged(const QueueDayFigures &figures);

private:
    void openVoicemailMetadata();
    void fetchToFile(const QString &recordingName, const QString &filePath, const QString &operation);
    void noteListening(const ListenStatus &status);
    void wireConnection();
    void wireApplications();
    void wireQueue();
    void watchActions(const QString &bridgeId, QueueCallActions *actions);
    void logEvent(const AriEvent &event);
    void log(EventLogEntry::Level level, const QString &category, const QString &text);
    void reportListenCall(const ListenStatus &status);
    void wireMonitor();
    // The supervisor's phone on a queue call is a live Stasis call too (SPEC UI-5).
    void reportMonitorCall(const QString &state, const QString &cause);
    // The names of the event log (SPEC UX-2: the ones the views show). "Alice ↔ Bob (8436)" for a
    // call in progress (kept until its actions are gone); the bridge id when unknown.
    QString callName(const QString &bridgeId) const;
    QString pairName(const QueueBridgedPair &pair) const;
    // A live call's party by its channel id (its caller id, configured names); the id when unknown.
    QString partyName(const QString &channelId) const;
    QString partyName(const CallInfo &info) const;
    // A transition's cause with the parties of its call in progress by name ("connected to caller
    // Dana Smith (0612345678)"): a hash lookup of the channel's bridge, nothing more.
    QString namedCause(const CallTransition &transition) const;
    // "message 3 in 305 from Alice (2001)".
    QString messageName(const VoicemailMessage &message) const;

    SupervisorSettings m_settings;
    SupervisorOptions m_options;
    Clock m_clock;
    AriConnection *m_connection = nullptr;   // child, from start()
    EventLog *m_log = nullptr;               // child
    MediaDurations *m_durations = nullptr;   // child
    PlaybackTracker *m_tracker = nullptr;    // child
    ListenSession *m_listen = nullptr;       // child
    QTimer *m_trashPurge = nullptr;          // child: purges expired trash hourly (SPEC VM-3)
    StasisApplicationHost *m_host = nullptr; // child
    QueueApp *m_queue = nullptr;             // the host's child
    QueueCallMonitor *m_monitor = nullptr;   // child
    std::unique_ptr<AriSubscription> m_allEvents;
    QHash<QString, QString> m_partyNames; // live calls: channel id → name
    QHash<QString, QString> m_pairNames; // calls in progress: bridge id → name
    QString m_listenCall;      // the listening call as the call tracker knows it
    QString m_listenCallState;
    QString m_monitorCall; // the queue monitor's phone as the call tracker knows it
    QString m_monitorCallState;
    ListenStatus m_lastListen; // the last status noteListening() saw
    std::atomic<quint64> m_eventCount { 0 };
    AriRequestLatency m_restLatency;
};

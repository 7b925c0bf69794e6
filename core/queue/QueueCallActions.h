#pragma once

#include "core/ari/AriSubscription.h"
#include "core/queue/QueueCallAction.h"
#include "core/queue/QueueRecordingState.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <array>
#include <functional>

class AriEvent;
class AriEventRouter;
class AriResult;
class AriRestClient;
struct AriRequest;

// The actions on one bridged queue call (SPEC ): record the bridge, pause / resume,
// stop (kept), discard (not kept), end the call, announce to the call. The agent's keys
// (handleKey) and the supervisor's buttons (the QueueCallAction objects, or the slots) come here
// alike: one code path, so a key and the equivalent button give the same result.
//
// Order: requests go out in order under the agent's channel id (with the bridge's own requests).
// Actions are carried out one after the other: while one waits for the server's answer, the next
// ones wait in line, and each is checked when its turn comes (0 then 5 pressed quickly records,
// then pauses). An action that makes no sense then (5, 7 or 9 without a recording, a second 0
// while recording) does nothing; it is logged and reported by actionIgnored().
//
// Recording names: "queue/<bridge id>/<n>", n = 1, 2, … per call (recordingNameFor()). Bridge ids
// are unique (client-chosen, AriIds), so a name is never reused: a 0 after 7 or 9 records under a
// new name; the record request says ifExists=fail, and a name found taken (409) is skipped for the
// next one, a bounded number of times. 0 also plays the beep to the caller only (a channel
// playback, not a bridge one).
//
// The `can…` properties say what an action would do now (the UI binds to them); they change with
// stateChanged(), and each QueueCallAction's enabledChanged() follows them. When the call ends,
// finish() drops waiting actions and stops a recording still running (it is kept); after that
// every action is disabled.
class QueueCallActions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueCallActions)
    Q_PROPERTY(bool isRecording READ isRecording NOTIFY stateChanged)
    Q_PROPERTY(bool isPaused READ isPaused NOTIFY stateChanged)
    Q_PROPERTY(bool isAnnouncing READ isAnnouncing NOTIFY stateChanged)
    Q_PROPERTY(bool isFinished READ isFinished NOTIFY stateChanged)
    Q_PROPERTY(QString recordingName READ recordingName NOTIFY stateChanged)
    Q_PROPERTY(bool canRecord READ canRecord NOTIFY stateChanged)
    Q_PROPERTY(bool canPause READ canPause NOTIFY stateChanged)
    Q_PROPERTY(bool canResume READ canResume NOTIFY stateChanged)
    Q_PROPERTY(bool canStop READ canStop NOTIFY stateChanged)
    Q_PROPERTY(bool canDiscard READ canDiscard NOTIFY stateChanged)
    Q_PROPERTY(bool canEnd READ canEnd NOTIFY stateChanged)
    Q_PROPERTY(bool canAnnounce READ canAnnounce NOTIFY stateChanged)

public:
    enum class Origin { AgentKey, Supervisor };
    Q_ENUM(Origin)

    struct Settings
    {
        QString bridgeId;
        QString agentChannelId; // the ordering key of every request
        QString callerChannelId;
        QString recordingFormat = QStringLiteral("wav");
        QString beepMedia = QStringLiteral("sound:beep");
        QString announceMedia = QStringLiteral("sound:conf-now-recording");
        int recordNameAttempts = 5; // names tried when the server says a name is taken
    };
    // Asked to end the call (# or End call), in turn with the other actions.
    using EndHandler = std::function<void(Origin origin)>;

    QueueCallActions(const Settings &settings, AriRestClient *rest, AriEventRouter *router, EndHandler onEnd,
        QObject *parent = nullptr);
    ~QueueCallActions() override;

    static QString recordingNameFor(const QString &bridgeId, int number);
    static QString originName(Origin origin); // "agent key", "supervisor"

    const QString &bridgeId() const { return m_settings.bridgeId; }
    const QString &agentChannelId() const { return m_settings.agentChannelId; }
    const QString &callerChannelId() const { return m_settings.callerChannelId; }

    QueueRecordingState recordingState() const { return m_recording; }
    bool isRecording() const; // starting, recording or paused
    bool isPaused() const { return m_recording == QueueRecordingState::Paused; }
    bool isAnnouncing() const { return !m_announcementId.isEmpty(); }
    bool isFinished() const { return m_finished; }
    QString recordingName() const { return m_recordingName; } // current or last; empty if none yet
    QStringList storedRecordings() const { return m_stored; }
    bool isBusy() const { return m_busy; } // an action waits for the server
    int outstandingCount() const { return m_outstanding; } // requests not answered yet
    int waitingCount() const { return int(m_waiting.size()); }

    bool canRecord() const;
    bool canPause() const;
    bool canResume() const;
    bool canStop() const;
    bool canDiscard() const;
    bool canEnd() const;
    bool canAnnounce() const;
    bool isAllowed(QueueCallAction::Kind kind) const;

    // The action objects, one per kind (children of this object).
    QueueCallAction *action(QueueCallAction::Kind kind) const;
    QList<QueueCallAction *> actions() const;

    // The call has ended (see above). Idempotent. idle() follows once every request has been
    // answered (a stop or discard still on its way reports its outcome until then).
    void finish();
    // For a call adopted after a restart of the service (SPEC CN-5): finds what was recorded of
    // this bridge before (stored names) and a recording still in progress (live, recording or
    // paused), which then goes on as if started here. Actions wait until this is known.
    void adoptRecording();
    // After the event stream came back (SPEC CN-5): asks the server how the recording stands (an
    // answer or an event may have been lost with the socket) and takes its word. In turn with the
    // actions; nothing to ask when there is no recording.
    void checkRecording();

public Q_SLOTS:
    void perform(QueueCallAction::Kind kind, QueueCallActions::Origin origin = Origin::Supervisor);
    // The agent's key: 0 record, 5 pause / resume, 7 stop, 9 discard, # end the call. Returns
    // false (and logs) for any other key.
    bool handleKey(QChar digit);
    void record() { perform(QueueCallAction::Kind::Record); }
    void pause() { perform(QueueCallAction::Kind::Pause); }
    void resume() { perform(QueueCallAction::Kind::Resume); }
    void stop() { perform(QueueCallAction::Kind::Stop); }
    void discard() { perform(QueueCallAction::Kind::Discard); }
    void endCall() { perform(QueueCallAction::Kind::EndCall); }
    void announce() { perform(QueueCallAction::Kind::Announce); }
    // A bridge playback of `media` (e.g. "sound:conf-now-recording"): everyone in the call hears it.
    // One at a time: a new one replaces one still playing.
    void announceMedia(const QString &media);

Q_SIGNALS:
    void stateChanged();
    void recordingStarted(const QString &name);
    void recordingStored(const QString &name);
    void recordingDiscarded(const QString &name);
    void recordingFailed(const QString &name, const QString &reason);
    // An action that made no sense when its turn came (what, who asked, why).
    void actionIgnored(const QString &action, QueueCallActions::Origin origin, const QString &reason);
    void announcementStarted(const QString &media);
    void finished();
    // After finish(): nothing is waiting for the server any more.
    void idle();

private:
    enum class Op { Record, Pause, Resume, TogglePause, Stop, Discard, EndCall, Announce, Check };
    struct Command
    {
        Op op;
        Origin origin;
        QString media;
    };

    static QString opName(Op op);
    void enqueue(Command command);
    void pump();
    void execute(const Command &command);
    void startRecording(Origin origin, int attempt);
    void probeRecording(int number);
    void pauseRecording(bool pause, Origin origin);
    void stopRecording(Origin origin);
    void discardRecording(Origin origin);
    // GET the live recording until the server answers (a few tries, 1, 2, 4 s apart), then take
    // its state; `onGone` is what its absence means (by default: it ended and was stored).
    void askRecordingState(int attempt, std::function<void()> onGone = {});
    void startAnnouncement(const QString &media, Origin origin);
    void onRecordingEvent(const AriEvent &event);
    void ignore(Op op, Origin origin, const QString &reason);
    void done(); // the current action has its answer: next one
    void setRecording(QueueRecordingState state);
    void recordingEnded();
    void noteStored(const QString &name);
    void clearAnnouncement();
    void refresh();
    quint32 flags() const;
    using ResultHandler = std::function<void(const AriResult &)>;
    // Sends a request (under the agent's channel id unless told otherwise) and counts it until
    // its answer has been handled.
    void request(const AriRequest &request, ResultHandler handler, const QString &orderingKey = {});
    void sendDetached(const AriRequest &request, const QString &orderingKey);

    Settings m_settings;
    AriRestClient *m_rest = nullptr;
    AriEventRouter *m_router = nullptr;
    EndHandler m_onEnd;
    std::array<QueueCallAction *, 7> m_actions {}; // children, by Kind
    QList<Command> m_waiting;
    QueueRecordingState m_recording = QueueRecordingState::None;
    QString m_recordingName;
    QStringList m_stored;
    int m_nextNumber = 1;
    AriSubscriptionPtr m_recordingSubscription;
    QString m_announcementId;
    AriSubscriptionPtr m_announcementSubscription;
    int m_outstanding = 0;
    bool m_busy = false;
    bool m_pumping = false;
    bool m_finished = false;
    // What stateChanged() reported last.
    quint32 m_reportedFlags = 0;
    QString m_reportedName;
};

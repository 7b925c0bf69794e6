#pragma once

#include "core/apps/StasisApplication.h"
#include "core/calls/CallStateTable.h"
#include "core/config/SupervisorSettings.h"
#include "core/queue/QueueBridgedCall.h"
#include "core/queue/QueueCallAction.h"

#include <QDateTime>
#include <QHash>
#include <QString>
#include <QStringList>

class QueueCall;
class QueueDailyCounts;
class QueueCallActions;
class QueueState;
struct StasisFoundChannel;

// Settings of the call queue application.
struct QueueOptions
{
    QString name = QStringLiteral("queue"); // the Stasis application name
    int announcementIntervalMs = 30000; // SPEC Q-3: after joining, and after each announcement ended
    SupervisorSettings::PositionWording positionWording = SupervisorSettings::PositionWording::CallersAhead;
    QString mohClass; // empty: the server's default class
    QString recordingFormat = QStringLiteral("wav");
    QString youAreNextMedia = QStringLiteral("sound:queue-youarenext");
    QString thereAreMedia = QStringLiteral("sound:queue-thereare");
    QString callsWaitingMedia = QStringLiteral("sound:queue-callswaiting");
    QString beepMedia = QStringLiteral("sound:beep"); // to the caller when recording starts
    QString announceMedia = QStringLiteral("sound:conf-now-recording"); // the supervisor's "announce to call"
    int bridgeRetryDelayMs = 1000; // after a bridge could not be made, matching waits this long
};

// The call queue application, `queue` (SPEC §6, Q-1 … Q-8; the tutorial's Reader Exercise 3).
// Stasis args: "agent" or "caller" (anything else is refused: logged, hung up unanswered).
//
// Each channel is a QueueCall with a state machine (buildStateTable(); `--print-state-machine
// queue`): joining (answer) → caller-waiting ⇄ announcing → caller-bridged → ending, or
// agent-waiting ⇄ agent-bridged; hung-up from every state. The queues themselves, and the calls
// in progress, are one QueueState (the model the supervisor's views show). Whenever both queues
// are non-empty the front caller and the front agent are connected in a new mixing bridge
// (QueueBridgedCall); an announcement playing to the caller stops at once and music on hold stops
// on both. In the bridge the agent's keys and the supervisor's buttons go to the call's
// QueueCallActions. When the call ends the caller is hung up (the agent's # or hang-up) and the
// agent goes to the back of the agent queue (the agent's # or the caller's hang-up).
//
// Announcements: each waiting caller hears, every announcementIntervalMs (counted from
// joining, then from the end of the previous announcement), "queue-youarenext" at the front, else
// "queue-thereare", number:<n>, "queue-callswaiting", one playback at a time (so stopping the one
// that plays stops the announcement); n is the number of callers ahead (the tutorial) or the
// caller's own position (Asterisk's app_queue; PositionWording::OwnPosition). Music on hold starts
// again afterwards (a playback stops it and Asterisk does not resume it).
//
// Recovery (SPEC CN-5, after every connect of the event stream): a call in progress whose bridge
// the server no longer has ends (BridgeGone). Channels found in the application with no call are
// adopted, oldest first: an agent and a caller found together in one of our bridges become a
// call in progress again (their QueueBridgedCall adopts the bridge, a recording in progress is
// found); an answered caller or agent found elsewhere waits again (music on hold, back in the
// queue in order of arrival; a bridge of ours it was left in alone is destroyed first); one still
// ringing joins as if it had just entered.
class QueueApp final : public StasisApplication
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueApp)

public:
    static QString kindName() { return QStringLiteral("queue"); }
    static CallStateTable buildStateTable();
    // The options the settings give (application name, announcement interval, position wording,
    // recording format); the rest keep their defaults.
    static QueueOptions optionsFrom(const SupervisorSettings &settings);

    QueueApp(const QueueOptions &options, AriRestClient *rest, AriEventRouter *router, CallTracker *tracker,
        QObject *parent = nullptr);
    ~QueueApp() override;

    QString kind() const override { return kindName(); }
    const CallStateTable &stateTable() const override { return m_table; }
    const QueueOptions &options() const { return m_options; }
    // Settings that change while calls run (SIGHUP): they apply from the next announcement that
    // is scheduled or spoken; an announcement already scheduled keeps its time.
    void setAnnouncementIntervalMs(int intervalMs);
    void setPositionWording(SupervisorSettings::PositionWording wording);

    // The queues and the calls in progress.
    QueueState *state() const { return m_state; }
    // The calls answered and abandoned today (SPEC UX-3).
    QueueDailyCounts *dailyCounts() const { return m_daily; }
    // The actions of a call in progress (null for an unknown bridge).
    QueueCallActions *actions(const QString &bridgeId) const;
    QueueBridgedCall *bridgedCall(const QString &bridgeId) const { return m_bridged.value(bridgeId); }
    // Calls that have ended but whose last requests (the bridge's destruction, a recording's
    // stop) are still on their way: until they are answered the server may still show them.
    int closingCount() const { return m_closing; }

    // The prompts a waiting caller hears now (SPEC Q-3); empty when the channel is not waiting.
    QStringList announcementFor(const QString &channelId) const;

    // --- used by the states of QueueCall ----------------------------------------------------------
    // The caller waits (again, after an announcement) since `since`: it joins the back of the
    // caller queue unless it is in it already (or, back from a call that never got connected,
    // goes to its place by order of arrival); its next announcement is due an interval after
    // `since`.
    void callerWaiting(QueueCall &call, const QDateTime &since);
    void announcementStarted(QueueCall &call);
    // The agent waits: back of the agent queue.
    void agentWaiting(QueueCall &call);
    // A key the agent pressed in a bridge.
    void agentKey(QueueCall &call, QChar digit);
    // The channel hung up (or left the application): it leaves its queue, or its call ends.
    void callGone(QueueCall &call, const QString &reason);

public Q_SLOTS:
    // A supervisor's button on a call in progress; false for an unknown bridge.
    bool perform(const QString &bridgeId, QueueCallAction::Kind kind);

    void recover(const StasisServerSnapshot &snapshot, const QSet<QString> &callsAtRequest) override;

protected:
    std::unique_ptr<StasisCall> createCall(const AriEvent &stasisStart, const Channel &channel) override;
    void callEnded(StasisCall *call) override;
    void adopt(const StasisFoundChannel &found) override;

private:
    QueueCall *queueCall(const QString &channelId) const;
    void match();
    void connectPair(QueueCall &caller, QueueCall &agent);
    QueueBridgedCall *makeBridgedCall(const QString &bridgeId, const QString &callerId, const QString &agentId);
    void registerPair(QueueBridgedCall *bridged, const QueueCall &caller, const QueueCall &agent);
    bool adoptPair(const StasisFoundChannel &caller, const StasisFoundChannel &agent, const QString &bridgeId);
    static bool isOurBridge(const QString &bridgeId);
    void onBridgedCallEnded(QueueBridgedCall *bridged, QueueBridgedCall::EndReason reason);

    QueueOptions m_options;
    CallStateTable m_table;
    QueueState *m_state = nullptr; // child
    QueueDailyCounts *m_daily = nullptr; // child
    QHash<QString, QueueBridgedCall *> m_bridged; // children, by bridge id
    quint64 m_lastTicket = 0; // callers joined so far
    int m_closing = 0;
    bool m_matching = false;
    bool m_matchingHeld = false;
    const StasisServerSnapshot *m_recovering = nullptr; // during recover()
};

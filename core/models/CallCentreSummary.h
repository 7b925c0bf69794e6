#pragma once

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QTimer>

#include <functional>
#include <set>
#include <utility>

class MailboxesModel;
class QModelIndex;
class QueueAgentsModel;
class QueueCallersModel;
class QueuePairsModel;

// The call centre at a glance (SPEC UX-3, UX-5): callers waiting and the longest wait, agents free
// and on a call, calls in progress, recordings running, the voicemails not heard yet (every
// mailbox's "N new", SPEC VM-5) and those received since the summary began counting. Fed by the queue and mailbox models it watches (their row insertions,
// removals and one-row changes), so it is the same on the all-in-one window and on an attached
// desk, whose models mirror the service's. Per change: the changed rows only, an ordered set of
// join times for the longest wait; nothing walks every call.
// While someone waits a timer ticks (`ticked`) so the longest wait moves on screen, and the
// callers who have waited past `longWaitMs` are reported once each (`callerWaitingLong`).
class CallCentreSummary final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CallCentreSummary)

public:
    // The wall clock (UTC), as the queue's join times are.
    using Clock = std::function<QDateTime()>;
    // How the longest wait compares with the thresholds.
    enum class WaitLevel { Normal, Warning, Alert };
    Q_ENUM(WaitLevel)

    static constexpr qint64 s_defaultWarningMs = 60'000;
    static constexpr qint64 s_defaultAlertMs = 120'000;

    CallCentreSummary(QueueAgentsModel *agents, QueueCallersModel *callers, QueuePairsModel *pairs,
        MailboxesModel *mailboxes, QObject *parent = nullptr);
    ~CallCentreSummary() override;

    void setClock(Clock clock);
    // The tick of the longest wait; 0: never (tests call tick()).
    void setTickInterval(int ms);
    // Waits from `warningMs` are a warning, from `alertMs` an alert: the header's colours, and
    // callers reaching `alertMs` are reported by callerWaitingLong.
    void setWaitThresholds(qint64 warningMs, qint64 alertMs);
    qint64 warningMs() const { return m_warningMs; }
    qint64 alertMs() const { return m_alertMs; }

    int callersWaiting() const { return static_cast<int>(m_waitOrder.size()); }
    // How long the caller who joined first has waited; 0 when nobody waits.
    qint64 longestWaitMs() const;
    WaitLevel waitLevel() const;
    int agentsFree() const;
    int agentsBusy() const { return callsInProgress(); } // one agent per call in progress
    int callsInProgress() const;
    int recordingsRunning() const { return static_cast<int>(m_recording.size()); }
    // Messages received since `countingSince()` that are still in their mailbox.
    int newVoicemails() const { return static_cast<int>(m_newMessages.size()); }
    QDateTime countingSince() const { return m_countingSince; }
    // Messages not heard yet, in every mailbox: the sum of the mailboxes' new counts.
    int unheardVoicemails() const;
    // The calls of the queue answered and abandoned today, by the local day of the program that
    // runs the queue (the service); the abandoned ones take the warning and alert colours by
    // their share of both: from `warningPercent`, from `alertPercent`.
    int answeredToday() const;
    int abandonedToday() const;
    WaitLevel abandonedLevel() const;
    void setAbandonedThresholds(int warningPercent, int alertPercent);
    int abandonedWarningPercent() const { return m_abandonedWarningPercent; }
    int abandonedAlertPercent() const { return m_abandonedAlertPercent; }
    void setCountingSince(const QDateTime &since);

public Q_SLOTS:
    // Moves the longest wait on (ticked) and reports callers who reached the alert threshold.
    void tick();

Q_SIGNALS:
    // A figure other than the longest wait changed.
    void changed();
    // Time moved while someone waits: the longest wait changed.
    void ticked();
    // A caller has waited `waitedMs`, past the alert threshold (once per caller).
    void callerWaitingLong(const QString &channelId, const QString &callerName, qint64 waitedMs);
    // A message received after countingSince() arrived (once per message).
    void voicemailArrived(const QString &mailbox, const QString &recordingName, const QDateTime &received);

private:
    void watchCallers();
    void watchPairs();
    void watchMailboxes();
    void addCallerRows(int first, int last);
    void removeCallerRows(int first, int last);
    void updatePairRows(int first, int last);
    void removePairRows(int first, int last);
    void addMessageRows(const QModelIndex &parent, int first, int last);
    void removeMessageRows(const QModelIndex &parent, int first, int last);
    void rebuildCallers();
    void rebuildPairs();
    void rebuildMessages();
    void checkUnheard();
    void updateTimer();
    QDateTime now() const { return m_clock(); }

    QueueAgentsModel *m_agents;
    QueueCallersModel *m_callers;
    QueuePairsModel *m_pairs;
    MailboxesModel *m_mailboxes;
    Clock m_clock;
    QTimer m_tick;
    int m_tickMs = 1000;
    qint64 m_warningMs = s_defaultWarningMs;
    qint64 m_alertMs = s_defaultAlertMs;
    int m_abandonedWarningPercent = 10;
    int m_abandonedAlertPercent = 20;

    QHash<QString, qint64> m_callerSince; // channel id -> joined (ms since the epoch)
    std::set<std::pair<qint64, QString>> m_waitOrder; // (joined, channel id), the first waited longest
    // Callers who joined up to here (and were there) have been reported as waiting long.
    std::pair<qint64, QString> m_reportedUpTo { -1, QString() };
    QSet<QString> m_recording; // bridges whose recording runs
    QDateTime m_countingSince;
    QSet<QString> m_newMessages; // recording names
    QSet<QString> m_announced; // messages reported by voicemailArrived (a reloaded model repeats none)
    int m_unheard = 0; // unheardVoicemails() when changed() last told of it
};

#pragma once

#include "core/queue/QueueBridgedPair.h"
#include "core/queue/QueueOrder.h"
#include "core/queue/QueueWaitingAgent.h"
#include "core/queue/QueueWaitingCaller.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <optional>

class QueueCallActions;

// The state of one call queue as one model (SPEC Q-1 … Q-6, UI-4): the agents waiting, the
// callers waiting (in order, with their position and next announcement) and the calls in
// progress (bridge, agent, caller, recording). The queue application keeps it (it is the
// application's own queue, not a copy); views read it and mirror it from its signals.
//
// Rows: agents and callers are in queue order (row 0 is the front, position = row + 1); pairs are
// in the order they were connected. Every change is one signal carrying the row and the entry by
// value, in the order the changes happen, so an item model on another thread can mirror the queue
// through queued connections without calling back. callerRemoved(row) also means that everyone
// behind `row` moved up one place.
//
// Cost: lookups by channel or bridge id are hash lookups; removing someone renumbers only those
// behind them.
class QueueState final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueState)

public:
    // Where a channel is. A channel is in exactly one place.
    enum class Place { Gone, CallerQueue, AgentQueue, Bridge };
    Q_ENUM(Place)

    explicit QueueState(QObject *parent = nullptr);
    ~QueueState() override;

    int agentCount() const { return int(m_agentOrder.size()); }
    int callerCount() const { return int(m_callerOrder.size()); }
    int pairCount() const { return int(m_pairOrder.size()); }

    QList<QueueWaitingAgent> agents() const; // front first
    QList<QueueWaitingCaller> callers() const; // front first
    QList<QueueBridgedPair> pairs() const; // oldest first
    QueueWaitingAgent agentAt(int row) const;
    QueueWaitingCaller callerAt(int row) const;
    QueueBridgedPair pairAt(int row) const;
    std::optional<QueueWaitingAgent> agent(const QString &channelId) const;
    std::optional<QueueWaitingCaller> caller(const QString &channelId) const;
    std::optional<QueueBridgedPair> pair(const QString &bridgeId) const;
    // The whole lines, front first (each built on the call: O(n)).
    QStringList agentIds() const { return m_agentOrder.ids(); }
    QStringList callerIds() const { return m_callerOrder.ids(); }
    QStringList bridgeIds() const { return m_pairOrder.ids(); }
    // The caller waiting at `row`, in [0, callerCount()): O(log n).
    const QString &callerIdAt(int row) const { return m_callerOrder.at(row); }

    // 1-based; 0 when not waiting.
    int agentPosition(const QString &channelId) const { return int(m_agentOrder.indexOf(channelId) + 1); }
    int callerPosition(const QString &channelId) const { return int(m_callerOrder.indexOf(channelId) + 1); }
    // The bridge a channel talks in; empty when it is in none.
    QString bridgeOf(const QString &channelId) const { return m_bridgeByChannel.value(channelId); }
    Place placeOf(const QString &channelId) const;
    // The Q-7 actions of a call in progress; null for an unknown bridge.
    QueueCallActions *actions(const QString &bridgeId) const;

    // --- changes, made by the queue application -------------------------------------------------
    // At the back (or at `row`, clamped). False (nothing changes) when the channel is already
    // somewhere.
    bool addAgent(const QueueWaitingAgent &agent);
    bool addCaller(const QueueWaitingCaller &caller, qsizetype row = -1);
    bool removeAgent(const QString &channelId);
    bool removeCaller(const QString &channelId);
    // The front of each queue, removed; empty when the queue is empty.
    QString takeFrontAgent();
    QString takeFrontCaller();
    // A waiting caller's next announcement (invalid while one plays) and whether one plays now
    // (a new one counts in `announcements`).
    void setAnnouncement(const QString &channelId, const QDateTime &next, bool announcing);
    // False when the bridge or one of its channels is already known.
    bool addPair(const QueueBridgedPair &pair);
    void setPairRecording(const QString &bridgeId, QueueRecordingState state, const QString &recordingName);
    void addStoredRecording(const QString &bridgeId, const QString &recordingName);
    // The supervisor's phone joined (or left: None) the call (SPEC UX-4).
    void setPairMonitor(const QString &bridgeId, QueueMonitorMode mode, const QString &by);
    bool removePair(const QString &bridgeId);

Q_SIGNALS:
    void agentAdded(int row, const QueueWaitingAgent &agent);
    void agentRemoved(int row, const QString &channelId);
    void callerAdded(int row, const QueueWaitingCaller &caller);
    void callerRemoved(int row, const QString &channelId);
    void callerChanged(int row, const QueueWaitingCaller &caller);
    void pairAdded(int row, const QueueBridgedPair &pair);
    void pairChanged(int row, const QueueBridgedPair &pair);
    void pairRemoved(int row, const QString &bridgeId);

private:
    QueueWaitingAgent agentEntry(const QString &channelId) const;
    QueueWaitingCaller callerEntry(const QString &channelId) const;
    void emitPairChanged(const QString &bridgeId);

    QueueOrder m_agentOrder;
    QueueOrder m_callerOrder;
    QueueOrder m_pairOrder;
    QHash<QString, QueueWaitingAgent> m_agents;
    QHash<QString, QueueWaitingCaller> m_callers;
    QHash<QString, QueueBridgedPair> m_pairs;
    QHash<QString, QString> m_bridgeByChannel;
};

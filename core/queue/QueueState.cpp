#include "core/queue/QueueState.h"

#include "core/queue/QueueCallActions.h"

QueueState::QueueState(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<QueueWaitingAgent>();
    qRegisterMetaType<QueueWaitingCaller>();
    qRegisterMetaType<QueueBridgedPair>();
}

QueueState::~QueueState() = default;

QList<QueueWaitingAgent> QueueState::agents() const
{
    QList<QueueWaitingAgent> result;
    result.reserve(m_agentOrder.size());
    for (const QString &id : m_agentOrder.ids())
        result.append(agentEntry(id));
    return result;
}

QList<QueueWaitingCaller> QueueState::callers() const
{
    QList<QueueWaitingCaller> result;
    result.reserve(m_callerOrder.size());
    for (const QString &id : m_callerOrder.ids())
        result.append(callerEntry(id));
    return result;
}

QList<QueueBridgedPair> QueueState::pairs() const
{
    QList<QueueBridgedPair> result;
    result.reserve(m_pairOrder.size());
    for (const QString &id : m_pairOrder.ids())
        result.append(m_pairs.value(id));
    return result;
}

QueueWaitingAgent QueueState::agentAt(int row) const
{
    return row >= 0 && row < m_agentOrder.size() ? agentEntry(m_agentOrder.at(row)) : QueueWaitingAgent();
}

QueueWaitingCaller QueueState::callerAt(int row) const
{
    return row >= 0 && row < m_callerOrder.size() ? callerEntry(m_callerOrder.at(row)) : QueueWaitingCaller();
}

QueueBridgedPair QueueState::pairAt(int row) const
{
    return row >= 0 && row < m_pairOrder.size() ? m_pairs.value(m_pairOrder.at(row)) : QueueBridgedPair();
}

std::optional<QueueWaitingAgent> QueueState::agent(const QString &channelId) const
{
    if (!m_agents.contains(channelId))
        return std::nullopt;
    return agentEntry(channelId);
}

std::optional<QueueWaitingCaller> QueueState::caller(const QString &channelId) const
{
    if (!m_callers.contains(channelId))
        return std::nullopt;
    return callerEntry(channelId);
}

std::optional<QueueBridgedPair> QueueState::pair(const QString &bridgeId) const
{
    const auto it = m_pairs.constFind(bridgeId);
    if (it == m_pairs.constEnd())
        return std::nullopt;
    return *it;
}

QueueState::Place QueueState::placeOf(const QString &channelId) const
{
    if (m_callers.contains(channelId))
        return Place::CallerQueue;
    if (m_agents.contains(channelId))
        return Place::AgentQueue;
    if (m_bridgeByChannel.contains(channelId))
        return Place::Bridge;
    return Place::Gone;
}

QueueCallActions *QueueState::actions(const QString &bridgeId) const
{
    const auto it = m_pairs.constFind(bridgeId);
    return it == m_pairs.constEnd() ? nullptr : it->actions.data();
}

bool QueueState::addAgent(const QueueWaitingAgent &agent)
{
    if (agent.channelId.isEmpty() || placeOf(agent.channelId) != Place::Gone)
        return false;
    m_agents.insert(agent.channelId, agent);
    const qsizetype row = m_agentOrder.append(agent.channelId);
    Q_EMIT agentAdded(int(row), agentEntry(agent.channelId));
    return true;
}

bool QueueState::addCaller(const QueueWaitingCaller &caller, qsizetype row)
{
    if (caller.channelId.isEmpty() || placeOf(caller.channelId) != Place::Gone)
        return false;
    m_callers.insert(caller.channelId, caller);
    const qsizetype at = row < 0 ? m_callerOrder.append(caller.channelId) : m_callerOrder.insert(row, caller.channelId);
    Q_EMIT callerAdded(int(at), callerEntry(caller.channelId));
    return true;
}

bool QueueState::removeAgent(const QString &channelId)
{
    const qsizetype row = m_agentOrder.remove(channelId);
    if (row < 0)
        return false;
    m_agents.remove(channelId);
    Q_EMIT agentRemoved(int(row), channelId);
    return true;
}

bool QueueState::removeCaller(const QString &channelId)
{
    const qsizetype row = m_callerOrder.remove(channelId);
    if (row < 0)
        return false;
    m_callers.remove(channelId);
    Q_EMIT callerRemoved(int(row), channelId);
    return true;
}

QString QueueState::takeFrontAgent()
{
    if (m_agentOrder.isEmpty())
        return {};
    const QString id = m_agentOrder.at(0);
    removeAgent(id);
    return id;
}

QString QueueState::takeFrontCaller()
{
    if (m_callerOrder.isEmpty())
        return {};
    const QString id = m_callerOrder.at(0);
    removeCaller(id);
    return id;
}

void QueueState::setAnnouncement(const QString &channelId, const QDateTime &next, bool announcing)
{
    const auto it = m_callers.find(channelId);
    if (it == m_callers.end())
        return;
    if (announcing && !it->announcing)
        ++it->announcements;
    it->announcing = announcing;
    it->nextAnnouncement = next;
    Q_EMIT callerChanged(int(m_callerOrder.indexOf(channelId)), callerEntry(channelId));
}

bool QueueState::addPair(const QueueBridgedPair &pair)
{
    if (pair.bridgeId.isEmpty() || m_pairs.contains(pair.bridgeId) || placeOf(pair.agentChannelId) != Place::Gone
        || placeOf(pair.callerChannelId) != Place::Gone) {
        return false;
    }
    m_pairs.insert(pair.bridgeId, pair);
    m_bridgeByChannel.insert(pair.agentChannelId, pair.bridgeId);
    m_bridgeByChannel.insert(pair.callerChannelId, pair.bridgeId);
    const qsizetype row = m_pairOrder.append(pair.bridgeId);
    Q_EMIT pairAdded(int(row), pair);
    return true;
}

void QueueState::setPairRecording(const QString &bridgeId, QueueRecordingState state, const QString &recordingName)
{
    const auto it = m_pairs.find(bridgeId);
    if (it == m_pairs.end() || (it->recording == state && it->recordingName == recordingName))
        return;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (it->recordingName != recordingName) { // another recording: its own length
        it->recordedMs = 0;
        it->recordingSince = {};
    }
    const bool wasRunning = it->recording == QueueRecordingState::Recording && it->recordingSince.isValid();
    const bool running = state == QueueRecordingState::Recording;
    if (wasRunning && !running) {
        it->recordedMs += it->recordingSince.msecsTo(now);
        it->recordingSince = {};
    } else if (!wasRunning && running) {
        it->recordingSince = now;
    }
    it->recording = state;
    it->recordingName = recordingName;
    emitPairChanged(bridgeId);
}

void QueueState::addStoredRecording(const QString &bridgeId, const QString &recordingName)
{
    const auto it = m_pairs.find(bridgeId);
    if (it == m_pairs.end() || it->storedRecordings.contains(recordingName))
        return;
    it->storedRecordings.append(recordingName);
    emitPairChanged(bridgeId);
}

void QueueState::setPairMonitor(const QString &bridgeId, QueueMonitorMode mode, const QString &by)
{
    const auto it = m_pairs.find(bridgeId);
    const QString who = mode == QueueMonitorMode::None ? QString() : by;
    if (it == m_pairs.end() || (it->monitor == mode && it->monitoredBy == who))
        return;
    it->monitor = mode;
    it->monitoredBy = who;
    emitPairChanged(bridgeId);
}

bool QueueState::removePair(const QString &bridgeId)
{
    const auto it = m_pairs.constFind(bridgeId);
    if (it == m_pairs.constEnd())
        return false;
    m_bridgeByChannel.remove(it->agentChannelId);
    m_bridgeByChannel.remove(it->callerChannelId);
    m_pairs.erase(it);
    const qsizetype row = m_pairOrder.remove(bridgeId);
    Q_EMIT pairRemoved(int(row), bridgeId);
    return true;
}

QueueWaitingAgent QueueState::agentEntry(const QString &channelId) const
{
    QueueWaitingAgent entry = m_agents.value(channelId);
    entry.position = agentPosition(channelId);
    return entry;
}

QueueWaitingCaller QueueState::callerEntry(const QString &channelId) const
{
    QueueWaitingCaller entry = m_callers.value(channelId);
    entry.position = callerPosition(channelId);
    return entry;
}

void QueueState::emitPairChanged(const QString &bridgeId)
{
    Q_EMIT pairChanged(int(m_pairOrder.indexOf(bridgeId)), m_pairs.value(bridgeId));
}

#include "core/models/CallCentreSummary.h"

#include "core/models/MailboxesModel.h"
#include "core/models/QueueAgentsModel.h"
#include "core/models/QueueCallersModel.h"
#include "core/models/QueuePairsModel.h"
#include "core/queue/QueueRecordingState.h"

#include <algorithm>

CallCentreSummary::CallCentreSummary(QueueAgentsModel *agents, QueueCallersModel *callers, QueuePairsModel *pairs,
    MailboxesModel *mailboxes, QObject *parent)
    : QObject(parent)
    , m_agents(agents)
    , m_callers(callers)
    , m_pairs(pairs)
    , m_mailboxes(mailboxes)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    // Recording names carry whole seconds: a message of this very second counts as new.
    m_countingSince = QDateTime::fromSecsSinceEpoch(now().toSecsSinceEpoch(), Qt::UTC);
    connect(&m_tick, &QTimer::timeout, this, &CallCentreSummary::tick);

    const auto countChanged = [this] { Q_EMIT changed(); };
    connect(m_agents, &QAbstractItemModel::rowsInserted, this, countChanged);
    connect(m_agents, &QAbstractItemModel::rowsRemoved, this, countChanged);
    connect(m_agents, &QAbstractItemModel::modelReset, this, countChanged);
    watchCallers();
    connect(m_callers, &QueueCallersModel::dayFiguresChanged, this, countChanged);
    watchPairs();
    watchMailboxes();
    rebuildCallers();
    rebuildPairs();
    rebuildMessages();
}

CallCentreSummary::~CallCentreSummary() = default;

void CallCentreSummary::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

void CallCentreSummary::setTickInterval(int ms)
{
    m_tickMs = ms;
    updateTimer();
}

void CallCentreSummary::setWaitThresholds(qint64 warningMs, qint64 alertMs)
{
    m_warningMs = std::max<qint64>(0, warningMs);
    m_alertMs = std::max(m_warningMs, alertMs);
    Q_EMIT changed();
}

void CallCentreSummary::setCountingSince(const QDateTime &since)
{
    m_countingSince = since;
    rebuildMessages();
    Q_EMIT changed();
}

qint64 CallCentreSummary::longestWaitMs() const
{
    if (m_waitOrder.empty())
        return 0;
    return std::max<qint64>(0, now().toMSecsSinceEpoch() - m_waitOrder.begin()->first);
}

CallCentreSummary::WaitLevel CallCentreSummary::waitLevel() const
{
    if (m_waitOrder.empty())
        return WaitLevel::Normal;
    const qint64 waited = longestWaitMs();
    if (waited >= m_alertMs)
        return WaitLevel::Alert;
    return waited >= m_warningMs ? WaitLevel::Warning : WaitLevel::Normal;
}

int CallCentreSummary::answeredToday() const
{
    return m_callers->dayFigures().answered;
}

int CallCentreSummary::abandonedToday() const
{
    return m_callers->dayFigures().abandoned;
}

CallCentreSummary::WaitLevel CallCentreSummary::abandonedLevel() const
{
    const int abandoned = abandonedToday();
    const int total = answeredToday() + abandoned;
    if (abandoned == 0 || total == 0)
        return WaitLevel::Normal;
    const qint64 percent = static_cast<qint64>(abandoned) * 100;
    if (percent >= static_cast<qint64>(m_abandonedAlertPercent) * total)
        return WaitLevel::Alert;
    return percent >= static_cast<qint64>(m_abandonedWarningPercent) * total ? WaitLevel::Warning : WaitLevel::Normal;
}

void CallCentreSummary::setAbandonedThresholds(int warningPercent, int alertPercent)
{
    m_abandonedWarningPercent = std::clamp(warningPercent, 0, 100);
    m_abandonedAlertPercent = std::clamp(alertPercent, m_abandonedWarningPercent, 100);
    Q_EMIT changed();
}

int CallCentreSummary::agentsFree() const
{
    return m_agents->rowCount();
}

int CallCentreSummary::callsInProgress() const
{
    return m_pairs->rowCount();
}

void CallCentreSummary::tick()
{
    if (m_waitOrder.empty())
        return;
    // Callers in order of joining, from the first not reported yet, while they reached the alert.
    const qint64 limit = now().toMSecsSinceEpoch() - m_alertMs;
    for (auto it = m_waitOrder.upper_bound(m_reportedUpTo); it != m_waitOrder.end() && it->first <= limit; ++it) {
        m_reportedUpTo = *it;
        const int row = m_callers->rowOf(it->second);
        const QString name
            = row < 0 ? it->second : m_callers->index(row, QueueCallersModel::CallerColumn).data().toString();
        Q_EMIT callerWaitingLong(it->second, name, now().toMSecsSinceEpoch() - it->first);
    }
    Q_EMIT ticked();
}

void CallCentreSummary::updateTimer()
{
    if (m_tickMs > 0 && !m_waitOrder.empty()) {
        if (!m_tick.isActive() || m_tick.interval() != m_tickMs)
            m_tick.start(m_tickMs);
    } else {
        m_tick.stop();
    }
}

// --- Callers --------------------------------------------------------------------------------

void CallCentreSummary::watchCallers()
{
    connect(m_callers, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent, int first, int last) {
        if (!parent.isValid())
            addCallerRows(first, last);
    });
    connect(m_callers, &QAbstractItemModel::rowsAboutToBeRemoved, this,
        [this](const QModelIndex &parent, int first, int last) {
            if (!parent.isValid())
                removeCallerRows(first, last);
        });
    // A whole row changed (changeCaller): its join time may have been corrected.
    connect(m_callers, &QAbstractItemModel::dataChanged, this,
        [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
            if (topLeft.column() != 0 || bottomRight.column() != QueueCallersModel::ColumnCount - 1)
                return;
            removeCallerRows(topLeft.row(), bottomRight.row());
            addCallerRows(topLeft.row(), bottomRight.row());
        });
    connect(m_callers, &QAbstractItemModel::modelReset, this, &CallCentreSummary::rebuildCallers);
}

void CallCentreSummary::addCallerRows(int first, int last)
{
    for (int row = first; row <= last; ++row) {
        const QModelIndex index = m_callers->index(row, 0);
        const QString channelId = index.data(QueueCallersModel::ChannelIdRole).toString();
        const QDateTime since = index.data(QueueCallersModel::SinceRole).toDateTime();
        const qint64 joined = since.isValid() ? since.toMSecsSinceEpoch() : now().toMSecsSinceEpoch();
        if (const auto known = m_callerSince.constFind(channelId); known != m_callerSince.constEnd())
            m_waitOrder.erase({ *known, channelId });
        m_callerSince.insert(channelId, joined);
        m_waitOrder.insert({ joined, channelId });
    }
    updateTimer();
    Q_EMIT changed();
}

void CallCentreSummary::removeCallerRows(int first, int last)
{
    for (int row = first; row <= last; ++row) {
        const QString channelId = m_callers->index(row, 0).data(QueueCallersModel::ChannelIdRole).toString();
        const auto known = m_callerSince.constFind(channelId);
        if (known == m_callerSince.constEnd())
            continue;
        m_waitOrder.erase({ *known, channelId });
        m_callerSince.erase(known);
    }
    updateTimer();
    Q_EMIT changed();
}

void CallCentreSummary::rebuildCallers()
{
    m_callerSince.clear();
    m_waitOrder.clear();
    if (m_callers->rowCount() > 0)
        addCallerRows(0, m_callers->rowCount() - 1);
    else
        updateTimer();
    Q_EMIT changed();
}

// --- Calls in progress ----------------------------------------------------------------------

void CallCentreSummary::watchPairs()
{
    connect(m_pairs, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &parent, int first, int last) {
        if (!parent.isValid())
            updatePairRows(first, last);
    });
    connect(m_pairs, &QAbstractItemModel::rowsAboutToBeRemoved, this,
        [this](const QModelIndex &parent, int first, int last) {
            if (!parent.isValid())
                removePairRows(first, last);
        });
    // Only a change of whole rows (changePair) can move the recording state; the talk-time tick
    // and the enabled actions are not looked at.
    connect(m_pairs, &QAbstractItemModel::dataChanged, this,
        [this](const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles) {
            if (topLeft.column() > QueuePairsModel::RecordingColumn
                || bottomRight.column() < QueuePairsModel::RecordingColumn)
                return;
            if (!roles.isEmpty() && !roles.contains(QueuePairsModel::RecordingStateRole))
                return;
            updatePairRows(topLeft.row(), bottomRight.row());
        });
    connect(m_pairs, &QAbstractItemModel::rowsRemoved, this, [this] { Q_EMIT changed(); });
    connect(m_pairs, &QAbstractItemModel::modelReset, this, &CallCentreSummary::rebuildPairs);
}

void CallCentreSummary::updatePairRows(int first, int last)
{
    for (int row = first; row <= last; ++row) {
        const QModelIndex index = m_pairs->index(row, 0);
        const QString bridgeId = index.data(QueuePairsModel::BridgeIdRole).toString();
        const auto state = static_cast<QueueRecordingState>(index.data(QueuePairsModel::RecordingStateRole).toInt());
        if (state == QueueRecordingState::Recording)
            m_recording.insert(bridgeId);
        else
            m_recording.remove(bridgeId);
    }
    Q_EMIT changed();
}

void CallCentreSummary::removePairRows(int first, int last)
{
    for (int row = first; row <= last; ++row)
        m_recording.remove(m_pairs->index(row, 0).data(QueuePairsModel::BridgeIdRole).toString());
}

void CallCentreSummary::rebuildPairs()
{
    m_recording.clear();
    if (m_pairs->rowCount() > 0)
        updatePairRows(0, m_pairs->rowCount() - 1);
    Q_EMIT changed();
}

// --- Voicemails -----------------------------------------------------------------------------

void CallCentreSummary::watchMailboxes()
{
    connect(m_mailboxes, &QAbstractItemModel::rowsInserted, this, &CallCentreSummary::addMessageRows);
    connect(m_mailboxes, &QAbstractItemModel::rowsAboutToBeRemoved, this, &CallCentreSummary::removeMessageRows);
    connect(m_mailboxes, &QAbstractItemModel::modelReset, this, [this] {
        rebuildMessages();
        m_unheard = unheardVoicemails();
        Q_EMIT changed();
    });
    // The new counts move with messages added, removed and heard (a one-row change): the model
    // keeps their sum, so each change costs a comparison.
    connect(m_mailboxes, &QAbstractItemModel::rowsInserted, this, &CallCentreSummary::checkUnheard);
    connect(m_mailboxes, &QAbstractItemModel::rowsRemoved, this, &CallCentreSummary::checkUnheard);
    connect(m_mailboxes, &QAbstractItemModel::dataChanged, this, &CallCentreSummary::checkUnheard);
    m_unheard = unheardVoicemails();
}

int CallCentreSummary::unheardVoicemails() const
{
    return m_mailboxes->newMessageCount();
}

void CallCentreSummary::checkUnheard()
{
    const int unheard = unheardVoicemails();
    if (unheard == m_unheard)
        return;
    m_unheard = unheard;
    Q_EMIT changed();
}

void CallCentreSummary::addMessageRows(const QModelIndex &parent, int first, int last)
{
    if (!parent.isValid()) // a new mailbox has no messages yet; its messages come one by one
        return;
    const qsizetype before = m_newMessages.size();
    for (int row = first; row <= last; ++row) {
        const QModelIndex message = m_mailboxes->index(row, 0, parent);
        const QDateTime received = message.data(MailboxesModel::ReceivedRole).toDateTime();
        if (!received.isValid() || received < m_countingSince)
            continue;
        const QString name = message.data(MailboxesModel::RecordingNameRole).toString();
        m_newMessages.insert(name);
        if (!m_announced.contains(name)) {
            m_announced.insert(name);
            Q_EMIT voicemailArrived(message.data(MailboxesModel::MailboxRole).toString(), name, received);
        }
    }
    if (m_newMessages.size() != before)
        Q_EMIT changed();
}

void CallCentreSummary::removeMessageRows(const QModelIndex &parent, int first, int last)
{
    const qsizetype before = m_newMessages.size();
    for (int row = first; row <= last; ++row) {
        const QModelIndex index = m_mailboxes->index(row, 0, parent);
        if (parent.isValid()) {
            m_newMessages.remove(index.data(MailboxesModel::RecordingNameRole).toString());
            continue;
        }
        // A mailbox goes with its messages (a rare event: its messages are looked at once).
        for (int message = 0; message < m_mailboxes->rowCount(index); ++message)
            m_newMessages.remove(
                m_mailboxes->index(message, 0, index).data(MailboxesModel::RecordingNameRole).toString());
    }
    if (m_newMessages.size() != before)
        Q_EMIT changed();
}

void CallCentreSummary::rebuildMessages()
{
    m_newMessages.clear();
    for (int box = 0; box < m_mailboxes->rowCount(); ++box) {
        const QModelIndex mailbox = m_mailboxes->index(box, 0);
        for (int row = 0; row < m_mailboxes->rowCount(mailbox); ++row) {
            const QModelIndex message = m_mailboxes->index(row, 0, mailbox);
            const QDateTime received = message.data(MailboxesModel::ReceivedRole).toDateTime();
            if (received.isValid() && received >= m_countingSince) {
                const QString name = message.data(MailboxesModel::RecordingNameRole).toString();
                m_newMessages.insert(name);
                m_announced.insert(name);
            }
        }
    }
}

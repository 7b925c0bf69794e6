#include "core/models/QueuePairsModel.h"

#include "core/models/PlaybacksModel.h"
#include "core/queue/QueueCallActions.h"

using namespace Qt::StringLiterals;

QueuePairsModel::QueuePairsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    connect(&m_refresh, &QTimer::timeout, this, &QueuePairsModel::refresh);
    setRefreshInterval(1000);
}

QueuePairsModel::~QueuePairsModel() = default;

void QueuePairsModel::setPartyNames(const PartyNames &names)
{
    m_names = names;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, AgentColumn), index(m_rows.size() - 1, CallerColumn));
}

QString QueuePairsModel::agentName(const QueueBridgedPair &pair) const
{
    if (pair.agentNumber.isEmpty() && pair.agentCallerName.isEmpty() && pair.agentChannelName.isEmpty())
        return pair.agentName.isEmpty() ? pair.agentChannelId : pair.agentName;
    return m_names.display(pair.agentCallerName, pair.agentNumber, pair.agentChannelName);
}

QString QueuePairsModel::callerName(const QueueBridgedPair &pair) const
{
    const QString name = m_names.display(pair.callerName, pair.callerNumber, pair.callerChannelName);
    return name.isEmpty() ? pair.callerChannelId : name;
}

QString QueuePairsModel::callName(const QString &bridgeId) const
{
    const int row = m_rows.rowOf(bridgeId);
    return row < 0 ? QString() : index(row, 0).data(CallNameRole).toString();
}

void QueuePairsModel::setRefreshInterval(int ms)
{
    if (ms > 0)
        m_refresh.start(ms);
    else
        m_refresh.stop();
}

bool QueuePairsModel::isEnabled(const QString &bridgeId, QueueCallAction::Kind kind) const
{
    const int row = m_rows.rowOf(bridgeId);
    return row >= 0 && (m_rows.at(row).enabled & bit(kind)) != 0;
}

int QueuePairsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows.size();
}

int QueuePairsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueuePairsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= ColumnCount)
        return {};
    const Row &row = m_rows.at(index.row());
    const QueueBridgedPair &pair = row.pair;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const qint64 talk = pair.since.isValid() ? pair.since.msecsTo(now) : 0;
    const qint64 recorded
        = pair.recordedMs + (pair.recordingSince.isValid() ? std::max<qint64>(0, pair.recordingSince.msecsTo(now)) : 0);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case AgentColumn:
            return agentName(pair);
        case CallerColumn:
            return callerName(pair);
        case TalkTimeColumn:
            return PlaybacksModel::formatDuration(talk);
        case RecordingColumn:
            if (pair.recording == QueueRecordingState::None)
                return pair.recordingName.isEmpty() ? tr("not recording") : tr("stopped");
            if (pair.recording == QueueRecordingState::Recording || pair.recording == QueueRecordingState::Paused) {
                return QString(queueRecordingStateName(pair.recording) + u' ' + PlaybacksModel::formatDuration(recorded)
                    + u" ("_s + pair.recordingName + u')');
            }
            return QString(queueRecordingStateName(pair.recording) + u" ("_s + pair.recordingName + u')');
        case StoredColumn:
            return pair.storedRecordings.isEmpty() ? QString() : pair.storedRecordings.join(u", "_s);
        case SupervisorColumn:
            if (pair.monitor == QueueMonitorMode::None)
                return QString();
            return pair.monitoredBy.isEmpty() ? queueMonitorModeText(pair.monitor)
                                              : tr("%1 (%2)").arg(queueMonitorModeText(pair.monitor), pair.monitoredBy);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return tr("Bridge %1: agent %2, caller %3").arg(pair.bridgeId, pair.agentChannelId, pair.callerChannelId);
    case BridgeIdRole:
        return pair.bridgeId;
    case CallNameRole:
        return QString(agentName(pair) + u" \u2194 "_s + callerName(pair));
    case AgentChannelRole:
        return pair.agentChannelId;
    case CallerChannelRole:
        return pair.callerChannelId;
    case RecordingStateRole:
        return static_cast<int>(pair.recording);
    case RecordingNameRole:
        return pair.recordingName;
    case StoredRecordingsRole:
        return pair.storedRecordings;
    case EnabledActionsRole:
        return row.enabled;
    case TalkTimeMsRole:
        return talk;
    case RecordingElapsedMsRole:
        return recorded;
    case MonitorModeRole:
        return static_cast<int>(pair.monitor);
    case MonitoredByRole:
        return pair.monitoredBy;
    default:
        return {};
    }
}

QVariant QueuePairsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case AgentColumn:
        return tr("Agent");
    case CallerColumn:
        return tr("Caller");
    case TalkTimeColumn:
        return tr("Talk time");
    case RecordingColumn:
        return tr("Recording");
    case StoredColumn:
        return tr("Kept recordings");
    case SupervisorColumn:
        return tr("Supervisor");
    default:
        return {};
    }
}

int QueuePairsModel::checkedRow(int row, const QString &bridgeId) const
{
    if (row >= 0 && row < m_rows.size() && m_rows.keyAt(row) == bridgeId)
        return row;
    return m_rows.rowOf(bridgeId);
}

void QueuePairsModel::addPair(int row, const QueueBridgedPair &pair)
{
    if (pair.bridgeId.isEmpty() || m_rows.contains(pair.bridgeId))
        return;
    Row entry{pair, m_earlyMasks.take(pair.bridgeId)};
    entry.pair.actions.clear(); // a core-thread object: never used from here
    row = std::clamp(row, 0, m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.insertAt(row, pair.bridgeId, entry);
    endInsertRows();
    if (entry.enabled != 0)
        Q_EMIT enabledActionsChanged(pair.bridgeId, entry.enabled);
}

void QueuePairsModel::changePair(int row, const QueueBridgedPair &pair)
{
    row = checkedRow(row, pair.bridgeId);
    if (row < 0)
        return;
    Row &entry = m_rows.at(row);
    entry.pair = pair;
    entry.pair.actions.clear();
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void QueuePairsModel::removePair(int row, const QString &bridgeId)
{
    m_earlyMasks.remove(bridgeId);
    row = checkedRow(row, bridgeId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    Q_EMIT enabledActionsChanged(bridgeId, 0);
}

void QueuePairsModel::setEnabledActions(const QString &bridgeId, int enabledMask)
{
    const int row = m_rows.rowOf(bridgeId);
    if (row < 0) {
        m_earlyMasks.insert(bridgeId, enabledMask);
        return;
    }
    if (m_rows.at(row).enabled == enabledMask)
        return;
    m_rows.at(row).enabled = enabledMask;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1), {EnabledActionsRole});
    Q_EMIT enabledActionsChanged(bridgeId, enabledMask);
}

void QueuePairsModel::clear()
{
    m_earlyMasks.clear();
    if (m_rows.isEmpty())
        return;
    beginRemoveRows({}, 0, m_rows.size() - 1);
    m_rows.clear();
    endRemoveRows();
}

void QueuePairsModel::refresh()
{
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, TalkTimeColumn), index(m_rows.size() - 1, RecordingColumn),
            { Qt::DisplayRole, TalkTimeMsRole, RecordingElapsedMsRole });
}

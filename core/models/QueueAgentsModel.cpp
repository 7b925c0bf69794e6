#include "core/models/QueueAgentsModel.h"

#include "core/models/PlaybacksModel.h"

using namespace Qt::StringLiterals;

QueueAgentsModel::QueueAgentsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    connect(&m_refresh, &QTimer::timeout, this, &QueueAgentsModel::refresh);
    setRefreshInterval(1000);
}

QueueAgentsModel::~QueueAgentsModel() = default;

void QueueAgentsModel::setPartyNames(const PartyNames &names)
{
    m_names = names;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, AgentColumn), index(m_rows.size() - 1, AgentColumn));
}

void QueueAgentsModel::setRefreshInterval(int ms)
{
    if (ms > 0)
        m_refresh.start(ms);
    else
        m_refresh.stop();
}

int QueueAgentsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows.size();
}

int QueueAgentsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueueAgentsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= ColumnCount)
        return {};
    const QueueWaitingAgent &agent = m_rows.at(index.row());
    const qint64 waited = agent.since.isValid() ? agent.since.msecsTo(QDateTime::currentDateTimeUtc()) : 0;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case PositionColumn:
            return index.row() + 1;
        case AgentColumn:
            return agent.callerNumber.isEmpty() && agent.callerName.isEmpty()
                ? agent.name
                : m_names.display(agent.callerName, agent.callerNumber, agent.channelName);
        case ChannelColumn:
            return agent.channelId;
        case SinceColumn:
            return agent.since.isValid() ? agent.since.toLocalTime().toString(u"HH:mm:ss"_s) : QString();
        case WaitedColumn:
            return PlaybacksModel::formatDuration(waited);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return tr("Channel %1 (%2)").arg(agent.channelId, agent.channelName);
    case ChannelIdRole:
        return agent.channelId;
    case SinceRole:
        return agent.since;
    case WaitedMsRole:
        return waited;
    default:
        return {};
    }
}

QVariant QueueAgentsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case PositionColumn:
        return tr("Position");
    case AgentColumn:
        return tr("Agent");
    case ChannelColumn:
        return tr("Channel");
    case SinceColumn:
        return tr("Waiting since");
    case WaitedColumn:
        return tr("Waited");
    default:
        return {};
    }
}

void QueueAgentsModel::addAgent(int row, const QueueWaitingAgent &agent)
{
    if (agent.channelId.isEmpty() || m_rows.contains(agent.channelId))
        return;
    row = std::clamp(row, 0, m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.insertAt(row, agent.channelId, agent);
    endInsertRows();
    if (row + 1 < m_rows.size()) // those behind moved back one place
        Q_EMIT dataChanged(index(row + 1, PositionColumn), index(m_rows.size() - 1, PositionColumn));
}

void QueueAgentsModel::removeAgent(int row, const QString &channelId)
{
    if (row < 0 || row >= m_rows.size() || m_rows.keyAt(row) != channelId)
        row = m_rows.rowOf(channelId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    if (row < m_rows.size()) // those behind moved up one place
        Q_EMIT dataChanged(index(row, PositionColumn), index(m_rows.size() - 1, PositionColumn));
}

void QueueAgentsModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginRemoveRows({}, 0, m_rows.size() - 1);
    m_rows.clear();
    endRemoveRows();
}

void QueueAgentsModel::refresh()
{
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, WaitedColumn), index(m_rows.size() - 1, WaitedColumn));
}

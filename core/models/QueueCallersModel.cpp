#include "core/models/QueueCallersModel.h"

#include "core/models/PlaybacksModel.h"

using namespace Qt::StringLiterals;

QueueCallersModel::QueueCallersModel(QObject *parent)
    : QAbstractTableModel(parent)
{
    connect(&m_refresh, &QTimer::timeout, this, &QueueCallersModel::refresh);
    setRefreshInterval(1000);
}

QueueCallersModel::~QueueCallersModel() = default;

void QueueCallersModel::setPartyNames(const PartyNames &names)
{
    m_names = names;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, CallerColumn), index(m_rows.size() - 1, CallerColumn));
}

void QueueCallersModel::setRefreshInterval(int ms)
{
    if (ms > 0)
        m_refresh.start(ms);
    else
        m_refresh.stop();
}

int QueueCallersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows.size();
}

int QueueCallersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueueCallersModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= ColumnCount)
        return {};
    const QueueWaitingCaller &caller = m_rows.at(index.row());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const qint64 waited = caller.since.isValid() ? caller.since.msecsTo(now) : 0;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case PositionColumn:
            return index.row() + 1;
        case CallerColumn:
            return m_names.display(caller.callerName, caller.callerNumber, caller.channelName);
        case ChannelColumn:
            return caller.channelId;
        case WaitedColumn:
            return PlaybacksModel::formatDuration(waited);
        case AnnouncementColumn:
            if (caller.announcing)
                return tr("announcing now");
            if (!caller.nextAnnouncement.isValid())
                return QString();
            return tr("in %1").arg(PlaybacksModel::formatDuration(std::max<qint64>(0, now.msecsTo(caller.nextAnnouncement))));
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == AnnouncementColumn)
            return tr("%n announcement(s) so far", nullptr, caller.announcements);
        return caller.channelName;
    case ChannelIdRole:
        return caller.channelId;
    case SinceRole:
        return caller.since;
    case WaitedMsRole:
        return waited;
    case NextAnnouncementRole:
        return caller.nextAnnouncement;
    case AnnouncingRole:
        return caller.announcing;
    default:
        return {};
    }
}

QVariant QueueCallersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case PositionColumn:
        return tr("Position");
    case CallerColumn:
        return tr("Caller");
    case ChannelColumn:
        return tr("Channel");
    case WaitedColumn:
        return tr("Waited");
    case AnnouncementColumn:
        return tr("Next announcement");
    default:
        return {};
    }
}

int QueueCallersModel::checkedRow(int row, const QString &channelId) const
{
    if (row >= 0 && row < m_rows.size() && m_rows.keyAt(row) == channelId)
        return row;
    return m_rows.rowOf(channelId);
}

void QueueCallersModel::addCaller(int row, const QueueWaitingCaller &caller)
{
    if (caller.channelId.isEmpty() || m_rows.contains(caller.channelId))
        return;
    row = std::clamp(row, 0, m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.insertAt(row, caller.channelId, caller);
    endInsertRows();
    if (row + 1 < m_rows.size())
        Q_EMIT dataChanged(index(row + 1, PositionColumn), index(m_rows.size() - 1, PositionColumn));
}

void QueueCallersModel::removeCaller(int row, const QString &channelId)
{
    row = checkedRow(row, channelId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    if (row < m_rows.size())
        Q_EMIT dataChanged(index(row, PositionColumn), index(m_rows.size() - 1, PositionColumn));
}

void QueueCallersModel::changeCaller(int row, const QueueWaitingCaller &caller)
{
    row = checkedRow(row, caller.channelId);
    if (row < 0)
        return;
    m_rows.at(row) = caller;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void QueueCallersModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginRemoveRows({}, 0, m_rows.size() - 1);
    m_rows.clear();
    endRemoveRows();
}

void QueueCallersModel::refresh()
{
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, WaitedColumn), index(m_rows.size() - 1, AnnouncementColumn));
}

void QueueCallersModel::setDayFigures(const QueueDayFigures &figures)
{
    if (figures == m_dayFigures)
        return;
    m_dayFigures = figures;
    Q_EMIT dayFiguresChanged(m_dayFigures);
}

#include "core/models/PlaybacksModel.h"

#include <chrono>

using namespace Qt::StringLiterals;

namespace {

qint64 steadyNowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

} // namespace

PlaybacksModel::PlaybacksModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock(&steadyNowMs)
{
    connect(&m_refresh, &QTimer::timeout, this, &PlaybacksModel::refresh);
}

PlaybacksModel::~PlaybacksModel() = default;

void PlaybacksModel::setClock(Clock clock)
{
    m_clock = clock ? std::move(clock) : Clock(&steadyNowMs);
    refresh();
}

void PlaybacksModel::setRefreshInterval(int ms)
{
    m_refreshInterval = ms;
    updateTimer();
}

int PlaybacksModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_rows.size();
}

int PlaybacksModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString PlaybacksModel::formatDuration(qint64 ms)
{
    const qint64 seconds = std::max<qint64>(0, ms) / 1000;
    const qint64 h = seconds / 3600;
    const qint64 m = (seconds / 60) % 60;
    const qint64 s = seconds % 60;
    if (h > 0)
        return u"%1:%2:%3"_s.arg(h).arg(m, 2, 10, QChar(u'0')).arg(s, 2, 10, QChar(u'0'));
    return u"%1:%2"_s.arg(m).arg(s, 2, 10, QChar(u'0'));
}

QVariant PlaybacksModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= ColumnCount)
        return {};
    const PlaybackInfo &info = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdColumn:
            return info.id;
        case TargetColumn:
            return info.targetUri;
        case MediaColumn:
            return info.nextMediaUri.isEmpty() ? info.mediaUri : QString(info.mediaUri + u" → "_s + info.nextMediaUri);
        case StateColumn:
            return info.state;
        case ProgressColumn: {
            const QString position = formatDuration(info.positionAt(now()));
            if (!info.isDurationKnown())
                return position;
            return QString(position + u" / "_s + formatDuration(info.durationMs));
        }
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == MediaColumn)
            return info.mediaUri;
        if (index.column() == ProgressColumn && !info.isDurationKnown())
            return tr("Length unknown: elapsed time");
        return {};
    case PlaybackIdRole:
        return info.id;
    case PositionMsRole:
        return info.positionAt(now());
    case DurationMsRole:
        return info.durationMs;
    case PermilleRole:
        return info.permilleAt(now());
    case RunningRole:
        return info.running;
    case StateRole:
        return info.state;
    case TargetUriRole:
        return info.targetUri;
    default:
        return {};
    }
}

QVariant PlaybacksModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return tr("Playback");
    case TargetColumn:
        return tr("Channel / bridge");
    case MediaColumn:
        return tr("Media");
    case StateColumn:
        return tr("State");
    case ProgressColumn:
        return tr("Progress");
    default:
        return {};
    }
}

void PlaybacksModel::upsert(const PlaybackInfo &info)
{
    if (info.id.isEmpty())
        return;
    const int row = m_rows.rowOf(info.id);
    if (row < 0) {
        beginInsertRows({}, m_rows.size(), m_rows.size());
        m_rows.append(info.id, info);
        endInsertRows();
        if (info.running)
            ++m_running;
    } else {
        const bool wasRunning = m_rows.at(row).running;
        m_rows.at(row) = info;
        m_running += (info.running ? 1 : 0) - (wasRunning ? 1 : 0);
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
    updateTimer();
}

void PlaybacksModel::remove(const QString &playbackId)
{
    const int row = m_rows.rowOf(playbackId);
    if (row < 0)
        return;
    if (m_rows.at(row).running)
        --m_running;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    updateTimer();
}

void PlaybacksModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginRemoveRows({}, 0, m_rows.size() - 1);
    m_rows.clear();
    endRemoveRows();
    m_running = 0;
    updateTimer();
}

void PlaybacksModel::refresh()
{
    if (m_rows.isEmpty())
        return;
    Q_EMIT dataChanged(index(0, ProgressColumn), index(m_rows.size() - 1, ProgressColumn),
                       {Qt::DisplayRole, PositionMsRole, PermilleRole});
}

void PlaybacksModel::updateTimer()
{
    const bool wanted = m_running > 0 && m_refreshInterval > 0;
    if (wanted && (!m_refresh.isActive() || m_refresh.interval() != m_refreshInterval))
        m_refresh.start(m_refreshInterval);
    else if (!wanted)
        m_refresh.stop();
}

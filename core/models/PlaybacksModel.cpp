#include "core/models/PlaybacksModel.h"

#include "core/models/CallsModel.h"
#include "core/models/MailboxesModel.h"
#include "core/models/QueuePairsModel.h"
#include "core/playback/SteadyClock.h"

#include <chrono>

using namespace Qt::StringLiterals;

PlaybacksModel::PlaybacksModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock(&steadyClockMs)
{
    connect(&m_refresh, &QTimer::timeout, this, &PlaybacksModel::refresh);
}

PlaybacksModel::~PlaybacksModel() = default;

void PlaybacksModel::setClock(Clock clock)
{
    m_clock = clock ? std::move(clock) : Clock(&steadyClockMs);
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

void PlaybacksModel::setNameSources(
    const CallsModel *calls, const MailboxesModel *mailboxes, const QueuePairsModel *pairs)
{
    m_calls = calls;
    m_mailboxes = mailboxes;
    m_pairs = pairs;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, PlayingColumn), index(m_rows.size() - 1, TargetColumn));
}

QString PlaybacksModel::describeMedia(const QString &mediaUri) const
{
    const qsizetype colon = mediaUri.indexOf(u':');
    if (colon < 0)
        return mediaUri;
    const QStringView scheme = QStringView(mediaUri).left(colon);
    const QString resource = mediaUri.mid(colon + 1);
    if (scheme == u"recording") {
        if (m_mailboxes) {
            const QModelIndex message = m_mailboxes->messageIndex(resource);
            if (message.isValid())
                return tr("message %1 of %2")
                    .arg(message.data(MailboxesModel::NumberRole).toInt())
                    .arg(message.data(MailboxesModel::MailboxRole).toString());
        }
        return tr("recording %1").arg(resource);
    }
    if (scheme == u"sound")
        return tr("sound %1").arg(resource);
    return mediaUri;
}

QString PlaybacksModel::describeTarget(const QString &targetUri) const
{
    const qsizetype colon = targetUri.indexOf(u':');
    if (colon < 0)
        return targetUri;
    const QStringView scheme = QStringView(targetUri).left(colon);
    const QString id = targetUri.mid(colon + 1);
    QString name;
    if (scheme == u"channel" && m_calls)
        name = m_calls->partyName(id);
    else if (scheme == u"bridge" && m_pairs)
        name = m_pairs->callName(id);
    return name.isEmpty() ? targetUri : name;
}

QVariant PlaybacksModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= ColumnCount)
        return {};
    const PlaybackInfo &info = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case PlayingColumn:
            return info.nextMediaUri.isEmpty()
                ? describeMedia(info.mediaUri)
                : QString(describeMedia(info.mediaUri) + u", then "_s + describeMedia(info.nextMediaUri));
        case TargetColumn:
            return describeTarget(info.targetUri);
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
        if (index.column() == PlayingColumn || index.column() == TargetColumn)
            return tr("Playback %1 of %2 on %3").arg(info.id, info.mediaUri, info.targetUri);
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
    case DescriptionRole:
        return QString(describeMedia(info.mediaUri) + u" \u2192 "_s + describeTarget(info.targetUri));
    default:
        return {};
    }
}

QVariant PlaybacksModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case PlayingColumn:
        return tr("Playing");
    case TargetColumn:
        return tr("To");
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
        { Qt::DisplayRole, PositionMsRole, PermilleRole });
}

void PlaybacksModel::updateTimer()
{
    const bool wanted = m_running > 0 && m_refreshInterval > 0;
    if (wanted && (!m_refresh.isActive() || m_refresh.interval() != m_refreshInterval))
        m_refresh.start(m_refreshInterval);
    else if (!wanted)
        m_refresh.stop();
}

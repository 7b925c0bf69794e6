#pragma once

#include "core/models/KeyedRowStore.h"
#include "core/playback/PlaybackInfo.h"

#include <QAbstractTableModel>
#include <QTimer>

#include <functional>

// Every active playback (SPEC UI-3): id, target (channel or bridge), media, state and progress.
// Lives on the GUI thread; fed by a PlaybackTracker's playbackChanged / playbackRemoved through
// queued connections. The progress column moves with the clock the tracker uses: while something
// is playing, a timer reports that column changed (one dataChanged for the column, no reset).
class PlaybacksModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlaybacksModel)

public:
    enum Column { IdColumn, TargetColumn, MediaColumn, StateColumn, ProgressColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        PlaybackIdRole = Qt::UserRole + 1, // QString
        PositionMsRole,                    // qint64, estimated now
        DurationMsRole,                    // qint64, -1 unknown
        PermilleRole,                      // int 0…1000, -1 unknown (indeterminate bar)
        RunningRole,                       // bool: the position advances
        StateRole,                         // QString
        TargetUriRole,                     // QString
    };
    using Clock = std::function<qint64()>;

    explicit PlaybacksModel(QObject *parent = nullptr);
    ~PlaybacksModel() override;

    void setClock(Clock clock);
    qint64 now() const { return m_clock(); }
    // How often a playing row's progress is refreshed; 0 stops the timer (tests call refresh()).
    void setRefreshInterval(int ms);

    int rowOf(const QString &playbackId) const { return m_rows.rowOf(playbackId); }
    PlaybackInfo playback(int row) const { return m_rows.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // "1:05" (minutes:seconds), "1:02:05" past an hour.
    static QString formatDuration(qint64 ms);

public Q_SLOTS:
    void upsert(const PlaybackInfo &info);
    void remove(const QString &playbackId);
    void clear();
    void refresh(); // the progress column changed (time went on)

private:
    void updateTimer();

    KeyedRowStore<PlaybackInfo> m_rows;
    Clock m_clock;
    QTimer m_refresh;
    int m_refreshInterval = 250;
    int m_running = 0; // rows whose position advances
};

#pragma once

#include "core/models/KeyedRowStore.h"
#include "core/playback/PlaybackInfo.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QTimer>

#include <functional>

class CallsModel;
class MailboxesModel;
class QueuePairsModel;

// Every active playback (SPEC UI-3): what it plays and to whom, by name (SPEC UX-2: "message 3 of
// 305", "Alice (1001)", "agent ↔ caller", from the models of the calls, mailboxes and queue calls
// given with setNameSources; without them, the media and target URIs), the media URI, state and
// progress; the playback's id in the tooltip.
// Lives on the GUI thread; fed by a PlaybackTracker's playbackChanged / playbackRemoved through
// queued connections. The progress column moves with the clock the tracker uses: while something
// is playing, a timer reports that column changed (one dataChanged for the column, no reset).
class PlaybacksModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlaybacksModel)

public:
    enum Column { PlayingColumn, TargetColumn, MediaColumn, StateColumn, ProgressColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        PlaybackIdRole = Qt::UserRole + 1, // QString
        PositionMsRole,                    // qint64, estimated now
        DurationMsRole,                    // qint64, -1 unknown
        PermilleRole,                      // int 0…1000, -1 unknown (indeterminate bar)
        RunningRole,                       // bool: the position advances
        StateRole,                         // QString
        TargetUriRole,                     // QString
        DescriptionRole, // QString: "message 3 of 305 → Alice (1001)"
    };
    using Clock = std::function<qint64()>;

    explicit PlaybacksModel(QObject *parent = nullptr);
    ~PlaybacksModel() override;

    void setClock(Clock clock);
    qint64 now() const { return m_clock(); }
    // How often a playing row's progress is refreshed; 0 stops the timer (tests call refresh()).
    void setRefreshInterval(int ms);

    int rowOf(const QString &playbackId) const { return m_rows.rowOf(playbackId); }
    // Where names come from (any may be null). The models must outlive this one or be destroyed
    // first (they are held as QPointer).
    void setNameSources(const CallsModel *calls, const MailboxesModel *mailboxes, const QueuePairsModel *pairs);
    // "message 3 of 305", "sound conf-now-recording", "recording queue/…/1": what `mediaUri` plays.
    QString describeMedia(const QString &mediaUri) const;
    // "Alice (1001)", "Bob ↔ Dana": who hears `targetUri`; the URI itself when unknown.
    QString describeTarget(const QString &targetUri) const;
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
    QPointer<const CallsModel> m_calls;
    QPointer<const MailboxesModel> m_mailboxes;
    QPointer<const QueuePairsModel> m_pairs;
    Clock m_clock;
    QTimer m_refresh;
    int m_refreshInterval = 250;
    int m_running = 0; // rows whose position advances
};

#pragma once

#include <QWidget>

class PlaybacksModel;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

// Every active playback with its estimated progress (SPEC UI-3).
class PlaybacksView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlaybacksView)

public:
    explicit PlaybacksView(PlaybacksModel *model, QWidget *parent = nullptr);
    ~PlaybacksView() override;

    QTableView *table() const { return m_table; }

private:
    void updateCount();

    PlaybacksModel *m_model;
    QSortFilterProxyModel *m_sorted = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_count = nullptr;
};

#pragma once

#include <QModelIndex>
#include <QObject>

class QAbstractItemModel;
class QAbstractItemView;

// The one row an item view's actions apply to (SPEC UX-1). It follows the selection, not the
// current index, so a row chosen with the mouse or the keyboard enables its actions at once
// (the current index changes before the mouse selects). When the selected (or current) row
// disappears from the model, the view is left with nothing selected and no current row, instead
// of the view moving both to a neighbour by itself, so an action can never slide onto another call.
class SelectedRowTracker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SelectedRowTracker)

public:
    // Sets `model` on `view` (after it has connected to the model's removals, so it sees them
    // before the view and its selection model do).
    SelectedRowTracker(QAbstractItemView *view, QAbstractItemModel *model, QObject *parent = nullptr);
    ~SelectedRowTracker() override;

    // The selected row (its first column), or an invalid index when nothing is selected.
    QModelIndex selectedRow() const;

Q_SIGNALS:
    // The selected row changed: another row, none, or the row's place after a sort.
    void selectedRowChanged();

private:
    void onRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last);
    static bool isWithin(QModelIndex index, const QModelIndex &parent, int first, int last);

    QAbstractItemView *m_view;
};

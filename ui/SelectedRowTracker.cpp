#include "ui/SelectedRowTracker.h"

#include <QAbstractItemView>
#include <QItemSelectionModel>

SelectedRowTracker::SelectedRowTracker(QAbstractItemView *view, QAbstractItemModel *model, QObject *parent)
    : QObject(parent)
    , m_view(view)
{
    // Connected before the view's own connections: this runs first.
    connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this, &SelectedRowTracker::onRowsAboutToBeRemoved);
    m_view->setModel(model);
    QItemSelectionModel *selection = m_view->selectionModel();
    connect(selection, &QItemSelectionModel::selectionChanged, this, &SelectedRowTracker::selectedRowChanged);
    connect(model, &QAbstractItemModel::layoutChanged, this, &SelectedRowTracker::selectedRowChanged);
    connect(model, &QAbstractItemModel::modelReset, this, &SelectedRowTracker::selectedRowChanged);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &SelectedRowTracker::selectedRowChanged);
}

SelectedRowTracker::~SelectedRowTracker() = default;

QModelIndex SelectedRowTracker::selectedRow() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QModelIndex() : rows.first();
}

bool SelectedRowTracker::isWithin(QModelIndex index, const QModelIndex &parent, int first, int last)
{
    // The index itself or one of its ancestors is among the rows removed.
    for (; index.isValid(); index = index.parent()) {
        if (index.parent() == parent && index.row() >= first && index.row() <= last)
            return true;
    }
    return false;
}

void SelectedRowTracker::onRowsAboutToBeRemoved(const QModelIndex &parent, int first, int last)
{
    QItemSelectionModel *selection = m_view->selectionModel();
    if (!selection)
        return;
    if (isWithin(selection->currentIndex(), parent, first, last) || isWithin(selectedRow(), parent, first, last))
        selection->clear();
}

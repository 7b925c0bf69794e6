#include "ui/PlaybacksView.h"

#include "core/models/PlaybacksModel.h"
#include "ui/ProgressDelegate.h"

#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

PlaybacksView::PlaybacksView(PlaybacksModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_sorted(new QSortFilterProxyModel(this))
{
    setObjectName(u"playbacksView"_s);
    m_sorted->setSourceModel(m_model);

    m_count = new QLabel(this);
    m_count->setObjectName(u"playbacksCount"_s);

    m_table = new QTableView(this);
    m_table->setObjectName(u"playbacksTable"_s);
    m_table->setAccessibleName(tr("Active playbacks"));
    m_table->setModel(m_sorted);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(PlaybacksModel::IdColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setWordWrap(false);
    m_table->setItemDelegateForColumn(PlaybacksModel::ProgressColumn,
                                      new ProgressDelegate(PlaybacksModel::PermilleRole, m_table));
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(true);
    header->resizeSection(PlaybacksModel::IdColumn, 200);
    header->resizeSection(PlaybacksModel::TargetColumn, 260);
    header->resizeSection(PlaybacksModel::MediaColumn, 280);
    header->resizeSection(PlaybacksModel::StateColumn, 90);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_count);
    layout->addWidget(m_table, 1);

    connect(m_model, &QAbstractItemModel::rowsInserted, this, &PlaybacksView::updateCount);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &PlaybacksView::updateCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, &PlaybacksView::updateCount);
    updateCount();
}

PlaybacksView::~PlaybacksView() = default;

void PlaybacksView::updateCount()
{
    m_count->setText(tr("%n active playback(s)", nullptr, m_model->rowCount()));
}

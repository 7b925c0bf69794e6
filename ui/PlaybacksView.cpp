#include "ui/PlaybacksView.h"

#include "core/models/PlaybacksModel.h"
#include "ui/CountText.h"
#include "ui/ProgressDelegate.h"
#include "ui/TableColumns.h"

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
    m_table->sortByColumn(PlaybacksModel::PlayingColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setWordWrap(false);
    QHeaderView *header = m_table->horizontalHeader();
    TableColumns::prepare(m_table, header);
    m_table->setItemDelegateForColumn(
        PlaybacksModel::ProgressColumn, new ProgressDelegate(PlaybacksModel::PermilleRole, m_table));
    TableColumns::stretch(header, { PlaybacksModel::PlayingColumn, PlaybacksModel::TargetColumn });
    // The media URI is in the tooltip of what plays.
    m_table->setColumnHidden(PlaybacksModel::MediaColumn, true);
    TableColumns::fit(header, PlaybacksModel::StateColumn, u"playing"_s);
    TableColumns::fit(header, PlaybacksModel::ProgressColumn, u"00:00 / 00:00 ----"_s);

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
    m_count->setText(countText(m_model->rowCount(), tr("active playback"), tr("active playbacks")));
}

#include "ui/CallsView.h"

#include "core/models/CallsModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

CallsView::CallsView(CallsModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_filter(new QSortFilterProxyModel(this))
{
    setObjectName(u"callsView"_s);
    m_filter->setSourceModel(m_model);
    m_filter->setSortRole(CallsModel::SortRole);
    m_filter->setFilterKeyColumn(-1);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_filterText = new QLineEdit(this);
    m_filterText->setObjectName(u"callsFilter"_s);
    m_filterText->setAccessibleName(tr("Filter calls"));
    m_filterText->setPlaceholderText(tr("Filter (channel, caller, application, state)…"));
    m_filterText->setClearButtonEnabled(true);
    m_count = new QLabel(this);
    m_count->setObjectName(u"callsCount"_s);

    m_table = new QTableView(this);
    m_table->setObjectName(u"callsTable"_s);
    m_table->setAccessibleName(tr("Live calls"));
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(CallsModel::SinceColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->resizeSection(CallsModel::ChannelColumn, 220);
    m_table->horizontalHeader()->resizeSection(CallsModel::NameColumn, 260);
    m_table->horizontalHeader()->resizeSection(CallsModel::ApplicationColumn, 160);
    m_table->horizontalHeader()->resizeSection(CallsModel::StateColumn, 120);

    auto *top = new QHBoxLayout;
    top->addWidget(m_filterText, 1);
    top->addWidget(m_count);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);

    connect(m_filterText, &QLineEdit::textChanged, m_filter, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &CallsView::updateCount);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &CallsView::updateCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, &CallsView::updateCount);
    updateCount();
}

CallsView::~CallsView() = default;

void CallsView::updateCount()
{
    m_count->setText(tr("%n live call(s)", nullptr, m_model->rowCount()));
}

#include "ui/CallsView.h"

#include "core/models/CallsModel.h"
#include "ui/CountText.h"
#include "ui/TableColumns.h"

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
    m_count->setTextFormat(Qt::PlainText);

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
    QHeaderView *header = m_table->horizontalHeader();
    TableColumns::prepare(m_table, header);
    TableColumns::stretch(header,
        { CallsModel::ChannelColumn, CallsModel::NameColumn, CallsModel::CallerColumn, CallsModel::StateColumn });
    // The channel's id is in the tooltips of the caller and the line.
    m_table->setColumnHidden(CallsModel::ChannelColumn, true);
    TableColumns::fit(header, CallsModel::ApplicationColumn, u"vm-playback"_s);
    TableColumns::fit(header, CallsModel::SinceColumn, u"00:00:00"_s);

    auto *top = new QHBoxLayout;
    top->addWidget(m_filterText, 1);
    top->addWidget(m_count);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);

    connect(m_filterText, &QLineEdit::textChanged, m_filter, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_filterText, &QLineEdit::textChanged, this, &CallsView::updateCount);
    // The count follows the filter (the proxy's signals) and the calls (the model's: the proxy
    // removes its row before the model does, when the model still counts it).
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &CallsView::updateCount);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &CallsView::updateCount);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &CallsView::updateCount);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &CallsView::updateCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, &CallsView::updateCount);
    updateCount();
}

CallsView::~CallsView() = default;

void CallsView::updateCount()
{
    const int all = m_model->rowCount();
    const int shown = m_filter->rowCount();
    const QString filter = m_filterText->text();
    const QString calls = countText(all, tr("live call"), tr("live calls"));
    if (filter.isEmpty())
        m_count->setText(calls);
    else if (shown == 0)
        m_count->setText(tr("No call matches \u201c%1\u201d (%2)").arg(filter, calls));
    else
        m_count->setText(tr("%1 of %2").arg(shown).arg(calls));
}

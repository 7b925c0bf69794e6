#include "ui/EventLogView.h"

#include "core/models/EventLogFilterModel.h"
#include "core/models/EventLogModel.h"
#include "ui/CountText.h"
#include "ui/LevelColourProxy.h"
#include "ui/TableColumns.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

EventLogView::EventLogView(EventLogModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_filter(new EventLogFilterModel(this))
{
    setObjectName(u"eventLogView"_s);
    m_filter->setSourceModel(m_model);
    auto *colours = new LevelColourProxy(this);
    colours->setSourceModel(m_filter);

    m_level = new QComboBox(this);
    m_level->setObjectName(u"eventLogLevel"_s);
    m_level->setAccessibleName(tr("Minimum level"));
    m_level->addItem(tr("Debug and up"), int(EventLogEntry::Level::Debug));
    m_level->addItem(tr("Info and up"), int(EventLogEntry::Level::Info));
    m_level->addItem(tr("Warnings and errors"), int(EventLogEntry::Level::Warning));
    m_level->addItem(tr("Errors only"), int(EventLogEntry::Level::Error));
    m_level->setCurrentIndex(1);
    m_filter->setMinimumLevel(EventLogEntry::Level::Info);

    m_category = new QComboBox(this);
    m_category->setObjectName(u"eventLogCategory"_s);
    m_category->setAccessibleName(tr("Source"));
    m_category->addItem(tr("All sources"), QString());

    m_text = new QLineEdit(this);
    m_text->setObjectName(u"eventLogFilterText"_s);
    m_text->setAccessibleName(tr("Filter text"));
    m_text->setPlaceholderText(tr("Filter (text or source)…"));
    m_text->setClearButtonEnabled(true);

    m_follow = new QCheckBox(tr("Follo&w"), this);
    m_follow->setObjectName(u"eventLogFollow"_s);
    m_follow->setAccessibleName(tr("Follow new lines"));
    m_follow->setChecked(true);

    m_clear = new QPushButton(tr("C&lear"), this);
    m_clear->setObjectName(u"eventLogClear"_s);
    m_clear->setAccessibleName(tr("Clear the event log"));

    m_table = new QTableView(this);
    m_table->setObjectName(u"eventLogTable"_s);
    m_table->setAccessibleName(tr("Event log"));
    m_table->setModel(colours);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    QHeaderView *header = m_table->horizontalHeader();
    TableColumns::prepare(m_table, header);
    TableColumns::fit(header, EventLogModel::TimeColumn, u"00:00:00.000"_s);
    TableColumns::fit(header, EventLogModel::LevelColumn, u"Warning"_s);
    TableColumns::fit(header, EventLogModel::CategoryColumn, u"supervisor.ari"_s);
    TableColumns::stretch(header, { EventLogModel::TextColumn });

    auto *filters = new QHBoxLayout;
    auto *levelLabel = new QLabel(tr("Lev&el:"), this);
    levelLabel->setBuddy(m_level);
    auto *categoryLabel = new QLabel(tr("&Source:"), this);
    categoryLabel->setBuddy(m_category);
    filters->addWidget(levelLabel);
    filters->addWidget(m_level);
    filters->addWidget(categoryLabel);
    filters->addWidget(m_category);
    filters->addWidget(m_text, 1);
    filters->addWidget(m_follow);
    filters->addWidget(m_clear);

    m_count = new QLabel(this);
    m_count->setObjectName(u"eventLogCount"_s);
    m_count->setTextFormat(Qt::PlainText);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_count);

    connect(m_level, &QComboBox::currentIndexChanged, this,
        [this](int) { m_filter->setMinimumLevel(static_cast<EventLogEntry::Level>(m_level->currentData().toInt())); });
    connect(m_category, &QComboBox::currentIndexChanged, this,
        [this](int) { m_filter->setCategory(m_category->currentData().toString()); });
    connect(m_text, &QLineEdit::textChanged, m_filter, &EventLogFilterModel::setText);
    connect(m_clear, &QPushButton::clicked, m_model, &EventLogModel::clear);
    connect(m_model, &EventLogModel::categoriesChanged, this, &EventLogView::updateCategories);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_follow->isChecked())
            m_table->scrollToBottom();
    });
    // The proxy's signals for the filter, the model's for lines dropped (the proxy removes its
    // rows before the model does).
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &EventLogView::updateCount);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &EventLogView::updateCount);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &EventLogView::updateCount);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &EventLogView::updateCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, &EventLogView::updateCount);
    updateCategories();
    updateCount();
}

EventLogView::~EventLogView() = default;

void EventLogView::updateCategories()
{
    const QString current = m_category->currentData().toString();
    const QStringList categories = m_model->categories();
    // Categories only ever get added: append the new ones, keep the selection.
    QStringList present;
    for (int i = 1; i < m_category->count(); ++i)
        present << m_category->itemData(i).toString();
    for (const QString &category : categories) {
        if (!present.contains(category))
            m_category->addItem(category, category);
    }
    const int index = m_category->findData(current);
    if (index >= 0)
        m_category->setCurrentIndex(index);
}

void EventLogView::updateCount()
{
    const int all = m_model->rowCount();
    const int shown = m_filter->rowCount();
    const QString lines = countText(all, tr("line"), tr("lines"));
    if (shown == all)
        m_count->setText(lines);
    else if (shown == 0)
        m_count->setText(tr("No line matches the filter (%1 in all)").arg(lines));
    else
        m_count->setText(tr("%1 of %2").arg(shown).arg(lines));
}

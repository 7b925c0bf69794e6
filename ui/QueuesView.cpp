#include "ui/QueuesView.h"

#include "core/models/QueueAgentsModel.h"
#include "core/models/QueueCallersModel.h"
#include "core/models/QueuePairsModel.h"
#include "core/supervisor/SupervisorAccess.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

struct ButtonSpec
{
    QueueCallAction::Kind kind;
    const char *name;
    const char *text; // with a mnemonic: Alt+letter
};

constexpr ButtonSpec s_buttons[] = {
    {QueueCallAction::Kind::Record, "queueRecord", QT_TRANSLATE_NOOP("QueuesView", "&Record")},
    {QueueCallAction::Kind::Pause, "queuePause", QT_TRANSLATE_NOOP("QueuesView", "&Pause")},
    {QueueCallAction::Kind::Resume, "queueResume", QT_TRANSLATE_NOOP("QueuesView", "Res&ume")},
    {QueueCallAction::Kind::Stop, "queueStop", QT_TRANSLATE_NOOP("QueuesView", "S&top")},
    {QueueCallAction::Kind::Discard, "queueDiscard", QT_TRANSLATE_NOOP("QueuesView", "D&iscard")},
    {QueueCallAction::Kind::EndCall, "queueEndCall", QT_TRANSLATE_NOOP("QueuesView", "&End call")},
    {QueueCallAction::Kind::Announce, "queueAnnounce", QT_TRANSLATE_NOOP("QueuesView", "&Announce")},
};

} // namespace

QTableView *QueuesView::makeTable(QWidget *parent, const QString &name, const QString &accessibleName)
{
    auto *table = new QTableView(parent);
    table->setObjectName(name);
    table->setAccessibleName(accessibleName);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setDefaultSectionSize(120);
    return table;
}

QueuesView::QueuesView(SupervisorAccess *backend, QWidget *parent)
    : QWidget(parent)
    , m_backend(backend)
{
    setObjectName(u"queuesView"_s);
    m_agents = makeTable(this, u"queueAgentsTable"_s, tr("Agents waiting"));
    m_agents->setModel(m_backend->queueAgents());
    m_callers = makeTable(this, u"queueCallersTable"_s, tr("Callers waiting"));
    m_callers->setModel(m_backend->queueCallers());
    // The position first on screen (in the models the entry's name comes first).
    m_agents->horizontalHeader()->moveSection(QueueAgentsModel::PositionColumn, 0);
    m_callers->horizontalHeader()->moveSection(QueueCallersModel::PositionColumn, 0);
    m_calls = makeTable(this, u"queueCallsTable"_s, tr("Calls in progress"));
    m_calls->setModel(m_backend->queuePairs());
    m_agents->horizontalHeader()->resizeSection(QueueAgentsModel::PositionColumn, 50);
    m_agents->horizontalHeader()->resizeSection(QueueAgentsModel::ChannelColumn, 190);
    m_callers->horizontalHeader()->resizeSection(QueueCallersModel::PositionColumn, 60);
    m_callers->horizontalHeader()->resizeSection(QueueCallersModel::ChannelColumn, 190);
    m_calls->horizontalHeader()->resizeSection(QueuePairsModel::AgentColumn, 240);
    m_calls->horizontalHeader()->resizeSection(QueuePairsModel::CallerColumn, 200);
    m_calls->horizontalHeader()->resizeSection(QueuePairsModel::RecordingColumn, 380);

    const auto group = [this](const QString &title, QWidget *content, QLayout *extra = nullptr) {
        auto *box = new QGroupBox(title, this);
        auto *layout = new QVBoxLayout(box);
        layout->addWidget(content, 1);
        if (extra)
            layout->addLayout(extra);
        return box;
    };

    auto *buttons = new QHBoxLayout;
    for (const ButtonSpec &spec : s_buttons) {
        auto *button = new QPushButton(tr(spec.text), this);
        button->setObjectName(QString::fromLatin1(spec.name));
        const QChar key = QueueCallAction::keyFor(spec.kind);
        button->setAccessibleName(QueueCallAction::textFor(spec.kind));
        button->setToolTip(key.isNull() ? tr("%1: a playback on the call that both hear").arg(QueueCallAction::textFor(spec.kind))
                                        : tr("%1 (the agent's key %2)").arg(QueueCallAction::textFor(spec.kind), key));
        button->setEnabled(false);
        buttons->addWidget(button);
        m_buttons.insert(spec.kind, button);
        connect(button, &QPushButton::clicked, this, [this, kind = spec.kind] {
            const QString bridge = selectedBridge();
            if (!bridge.isEmpty())
                m_backend->queueAction(bridge, kind);
        });
    }
    buttons->addStretch(1);

    auto *waiting = new QSplitter(Qt::Horizontal, this);
    waiting->addWidget(group(tr("Agents waiting"), m_agents));
    waiting->addWidget(group(tr("Callers waiting"), m_callers));
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(u"queuesSplitter"_s);
    split->addWidget(waiting);
    split->addWidget(group(tr("Calls in progress"), m_calls, buttons));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);

    QueuePairsModel *pairs = m_backend->queuePairs();
    connect(m_calls->selectionModel(), &QItemSelectionModel::currentChanged, this, &QueuesView::updateButtons);
    connect(pairs, &QueuePairsModel::enabledActionsChanged, this, &QueuesView::updateButtons);
    connect(pairs, &QAbstractItemModel::rowsRemoved, this, &QueuesView::updateButtons);
    connect(pairs, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex &, int first) {
        // Select the first call that arrives, so its buttons are at hand.
        if (!m_calls->currentIndex().isValid())
            m_calls->setCurrentIndex(m_backend->queuePairs()->index(first, 0));
        updateButtons();
    });
    connect(m_backend, &SupervisorAccess::accessChanged, this, &QueuesView::updateButtons);
    updateButtons();
}

QueuesView::~QueuesView() = default;

QString QueuesView::selectedBridge() const
{
    const QModelIndex current = m_calls->currentIndex();
    return current.isValid() ? current.data(QueuePairsModel::BridgeIdRole).toString() : QString();
}

void QueuesView::updateButtons()
{
    const QString bridge = selectedBridge();
    for (auto it = m_buttons.cbegin(); it != m_buttons.cend(); ++it)
        it.value()->setEnabled(
            m_backend->canAct() && !bridge.isEmpty() && m_backend->queuePairs()->isEnabled(bridge, it.key()));
}

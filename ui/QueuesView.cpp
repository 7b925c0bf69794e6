#include "ui/QueuesView.h"

#include "core/models/QueueAgentsModel.h"
#include "core/models/QueueCallersModel.h"
#include "core/models/QueuePairsModel.h"
#include "core/supervisor/SupervisorAccess.h"
#include "ui/RecordingDotDelegate.h"
#include "ui/SelectedRowTracker.h"
#include "ui/TableColumns.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
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
    { QueueCallAction::Kind::Record, "queueRecord", QT_TRANSLATE_NOOP("QueuesView", "&Record") },
    { QueueCallAction::Kind::Pause, "queuePause", QT_TRANSLATE_NOOP("QueuesView", "&Pause") },
    { QueueCallAction::Kind::Resume, "queueResume", QT_TRANSLATE_NOOP("QueuesView", "Res&ume") },
    { QueueCallAction::Kind::Stop, "queueStop", QT_TRANSLATE_NOOP("QueuesView", "S&top") },
    { QueueCallAction::Kind::Discard, "queueDiscard", QT_TRANSLATE_NOOP("QueuesView", "D&iscard") },
    { QueueCallAction::Kind::EndCall, "queueEndCall", QT_TRANSLATE_NOOP("QueuesView", "&End call") },
    { QueueCallAction::Kind::Announce, "queueAnnounce", QT_TRANSLATE_NOOP("QueuesView", "&Announce") },
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
    return table;
}

QueuesView::QueuesView(SupervisorAccess *backend, QWidget *parent)
    : QWidget(parent)
    , m_backend(backend)
{
    setObjectName(u"queuesView"_s);
    // Each table sorts through a proxy of its own: by position until the user clicks a header,
    // the calls in progress in the order they were connected.
    const auto sorted = [this](QAbstractItemModel *model) {
        auto *proxy = new QSortFilterProxyModel(this);
        proxy->setSourceModel(model);
        return proxy;
    };
    m_agents = makeTable(this, u"queueAgentsTable"_s, tr("Agents waiting"));
    m_agents->setModel(sorted(m_backend->queueAgents()));
    m_callers = makeTable(this, u"queueCallersTable"_s, tr("Callers waiting"));
    m_callers->setModel(sorted(m_backend->queueCallers()));
    m_calls = makeTable(this, u"queueCallsTable"_s, tr("Calls in progress"));
    m_selectedCall = new SelectedRowTracker(m_calls, sorted(m_backend->queuePairs()), this);
    // The position first on screen (in the models the entry's name comes first).
    m_agents->horizontalHeader()->moveSection(QueueAgentsModel::PositionColumn, 0);
    m_callers->horizontalHeader()->moveSection(QueueCallersModel::PositionColumn, 0);
    for (QTableView *table : { m_agents, m_callers, m_calls }) {
        TableColumns::prepare(table, table->horizontalHeader());
        table->horizontalHeader()->setSortIndicatorClearable(true);
        table->setSortingEnabled(true);
    }
    m_agents->sortByColumn(QueueAgentsModel::PositionColumn, Qt::AscendingOrder);
    m_callers->sortByColumn(QueueCallersModel::PositionColumn, Qt::AscendingOrder);
    m_calls->sortByColumn(-1, Qt::AscendingOrder);
    // Channel ids only in the tooltips (SPEC UX-2).
    m_agents->setColumnHidden(QueueAgentsModel::ChannelColumn, true);
    m_callers->setColumnHidden(QueueCallersModel::ChannelColumn, true);
    QHeaderView *agents = m_agents->horizontalHeader();
    TableColumns::fit(agents, QueueAgentsModel::PositionColumn, u"00"_s);
    TableColumns::stretch(agents, { QueueAgentsModel::AgentColumn, QueueAgentsModel::ChannelColumn });
    TableColumns::fit(agents, QueueAgentsModel::SinceColumn, u"00:00:00"_s);
    TableColumns::fit(agents, QueueAgentsModel::WaitedColumn, u"00:00"_s);
    QHeaderView *callers = m_callers->horizontalHeader();
    TableColumns::fit(callers, QueueCallersModel::PositionColumn, u"00"_s);
    TableColumns::stretch(callers,
        { QueueCallersModel::CallerColumn, QueueCallersModel::ChannelColumn, QueueCallersModel::AnnouncementColumn });
    TableColumns::fit(callers, QueueCallersModel::WaitedColumn, u"00:00"_s);
    QHeaderView *calls = m_calls->horizontalHeader();
    TableColumns::stretch(calls,
        { QueuePairsModel::AgentColumn, QueuePairsModel::CallerColumn, QueuePairsModel::RecordingColumn,
            QueuePairsModel::StoredColumn, QueuePairsModel::SupervisorColumn });
    TableColumns::fit(calls, QueuePairsModel::TalkTimeColumn, u"00:00:00"_s);
    // A red dot on the calls being recorded (SPEC UX-3).
    m_calls->setItemDelegateForColumn(
        QueuePairsModel::RecordingColumn, new RecordingDotDelegate(QueuePairsModel::RecordingStateRole, m_calls));

    const auto group
        = [this](const QString &title, QWidget *content, QLayout *extra = nullptr, QLayout *more = nullptr) {
              auto *box = new QGroupBox(title, this);
              auto *layout = new QVBoxLayout(box);
              layout->addWidget(content, 1);
              if (extra)
                  layout->addLayout(extra);
              if (more)
                  layout->addLayout(more);
              return box;
          };

    auto *buttons = new QHBoxLayout;
    for (const ButtonSpec &spec : s_buttons) {
        auto *button = new QPushButton(tr(spec.text), this);
        button->setObjectName(QString::fromLatin1(spec.name));
        const QChar key = QueueCallAction::keyFor(spec.kind);
        button->setAccessibleName(QueueCallAction::textFor(spec.kind));
        button->setToolTip(key.isNull()
                ? tr("%1: a playback on the call that both hear").arg(QueueCallAction::textFor(spec.kind))
                : tr("%1 (the agent's key %2)").arg(QueueCallAction::textFor(spec.kind), key));
        button->setEnabled(false);
        buttons->addWidget(button);
        m_buttons.insert(spec.kind, button);
        connect(button, &QPushButton::clicked, this, [this, kind = spec.kind] { onButtonClicked(kind); });
    }
    m_message = new QLabel(this);
    m_message->setObjectName(u"queuesMessage"_s);
    m_message->setAccessibleName(tr("Result of the last action"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    buttons->addWidget(m_message, 1);

    auto *waiting = new QSplitter(Qt::Horizontal, this);
    waiting->addWidget(group(tr("Agents waiting"), m_agents));
    waiting->addWidget(group(tr("Callers waiting"), m_callers));
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(u"queuesSplitter"_s);
    split->addWidget(waiting);
    split->addWidget(group(tr("Calls in progress"), m_calls, buttons, makeMonitorButtons()));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);

    QueuePairsModel *pairs = m_backend->queuePairs();
    connect(m_selectedCall, &SelectedRowTracker::selectedRowChanged, this, &QueuesView::updateButtons);
    connect(pairs, &QueuePairsModel::enabledActionsChanged, this, &QueuesView::updateButtons);
    connect(m_backend, &SupervisorAccess::accessChanged, this, &QueuesView::updateButtons);
    // Who is on a call changes with the pair's row.
    connect(pairs, &QAbstractItemModel::dataChanged, this, &QueuesView::updateButtons);
    connect(m_backend, &SupervisorAccess::operationFinished, this,
        [this](const QString &operation, const QString &, bool ok, const QString &message) {
            if (operation == u"monitor"_s && !ok)
                m_message->setText(message);
        });
    updateButtons();
}

QueuesView::~QueuesView() = default;

QString QueuesView::selectedBridge() const
{
    const QModelIndex selected = m_selectedCall->selectedRow();
    return selected.isValid() ? selected.data(QueuePairsModel::BridgeIdRole).toString() : QString();
}

QString QueuesView::callName(const QString &bridgeId) const
{
    return m_backend->queuePairs()->callName(bridgeId);
}

void QueuesView::onButtonClicked(QueueCallAction::Kind kind)
{
    const QString bridge = selectedBridge();
    if (bridge.isEmpty())
        return;
    m_message->clear();
    if (kind != QueueCallAction::Kind::EndCall && kind != QueueCallAction::Kind::Discard) {
        m_backend->queueAction(bridge, kind);
        return;
    }
    // Asked first, naming the call; carried out on that call whatever is selected by then.
    const QString name = callName(bridge);
    QueuePairsModel *pairs = m_backend->queuePairs();
    const QString recording = pairs->index(pairs->rowOf(bridge), 0).data(QueuePairsModel::RecordingNameRole).toString();
    const bool endCall = kind == QueueCallAction::Kind::EndCall;
    const QString question = endCall
        ? tr("End the call %1?\n\nThe caller is hung up; the agent waits for the next caller.").arg(name)
        : tr("Discard the recording %1 of the call %2?\n\nIt is deleted and cannot be recovered.").arg(recording, name);
    auto *box = new QMessageBox(QMessageBox::Question, endCall ? tr("End call") : tr("Discard recording"), question,
        QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(endCall ? u"endCallConfirmation"_s : u"discardConfirmation"_s);
    box->setTextFormat(Qt::PlainText); // caller id names come from whoever calls
    box->setDefaultButton(QMessageBox::Cancel);
    box->button(QMessageBox::Yes)->setObjectName(u"confirmQueueAction"_s);
    box->button(QMessageBox::Yes)->setText(endCall ? tr("&End call") : tr("&Discard"));
    box->button(QMessageBox::Cancel)->setObjectName(u"cancelQueueAction"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, bridge, kind, name, recording](int result) {
        if (result != QMessageBox::Yes)
            return;
        QueuePairsModel *pairs = m_backend->queuePairs();
        const int row = pairs->rowOf(bridge);
        if (row < 0) {
            m_message->setText(tr("The call %1 has ended already.").arg(name));
            return;
        }
        if (kind == QueueCallAction::Kind::Discard
            && pairs->index(row, 0).data(QueuePairsModel::RecordingNameRole).toString() != recording) {
            m_message->setText(tr("The recording %1 is no longer being made: nothing discarded.").arg(recording));
            return;
        }
        m_message->setText(kind == QueueCallAction::Kind::EndCall ? tr("Ending the call %1…").arg(name)
                                                                  : tr("Discarding %1…").arg(recording));
        m_backend->queueAction(bridge, kind);
    });
    box->open();
}

QLayout *QueuesView::makeMonitorButtons()
{
    struct MonitorSpec
    {
        QueueMonitorMode mode;
        const char *name;
        const char *text;
        const char *toolTip;
    };
    static constexpr MonitorSpec specs[] = {
        { QueueMonitorMode::Listen, "monitorListen", QT_TRANSLATE_NOOP("QueuesView", "&Listen in"),
            QT_TRANSLATE_NOOP("QueuesView", "Your phone hears the agent and the caller; nobody hears you") },
        { QueueMonitorMode::Whisper, "monitorWhisper", QT_TRANSLATE_NOOP("QueuesView", "&Whisper"),
            QT_TRANSLATE_NOOP("QueuesView", "Your phone hears both; the agent hears you, the caller does not") },
        { QueueMonitorMode::Barge, "monitorBarge", QT_TRANSLATE_NOOP("QueuesView", "&Barge in"),
            QT_TRANSLATE_NOOP("QueuesView", "Your phone joins the call: the agent and the caller hear you") },
        { QueueMonitorMode::None, "monitorHangUp", QT_TRANSLATE_NOOP("QueuesView", "&Hang up"),
            QT_TRANSLATE_NOOP("QueuesView", "Your phone leaves the call") },
    };
    auto *row = new QHBoxLayout;
    const QString endpoint = m_backend->supervisorEndpoint();
    auto *label
        = new QLabel(endpoint.isEmpty() ? tr("Your phone (none set):") : tr("Your phone (%1):").arg(endpoint), this);
    label->setObjectName(u"monitorPhone"_s);
    label->setTextFormat(Qt::PlainText);
    row->addWidget(label);
    for (const MonitorSpec &spec : specs) {
        auto *button = new QPushButton(tr(spec.text), this);
        button->setObjectName(QString::fromLatin1(spec.name));
        button->setToolTip(tr(spec.toolTip));
        button->setAccessibleName(button->text().remove(u'&'));
        button->setEnabled(false);
        row->addWidget(button);
        m_monitorButtons.insert(spec.mode, button);
        connect(button, &QPushButton::clicked, this, [this, mode = spec.mode] { onMonitorClicked(mode); });
    }
    row->addStretch(1);
    return row;
}

void QueuesView::onMonitorClicked(QueueMonitorMode mode)
{
    const QString bridge = selectedBridge();
    if (bridge.isEmpty())
        return;
    m_message->clear();
    if (mode != QueueMonitorMode::Barge) {
        m_backend->monitorCall(bridge, mode);
        return;
    }
    // The caller will hear the supervisor: asked first, naming the call; then that call, whatever
    // is selected by then.
    const QString name = callName(bridge);
    auto *box = new QMessageBox(QMessageBox::Question, tr("Barge in"),
        tr("Barge into the call %1?\n\nYour phone %2 joins the call: the agent and the caller hear you.")
            .arg(name, m_backend->supervisorEndpoint()),
        QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(u"bargeConfirmation"_s);
    box->setTextFormat(Qt::PlainText);
    box->setDefaultButton(QMessageBox::Cancel);
    box->button(QMessageBox::Yes)->setObjectName(u"confirmBarge"_s);
    box->button(QMessageBox::Yes)->setText(tr("&Barge in"));
    box->button(QMessageBox::Cancel)->setObjectName(u"cancelBarge"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, bridge, name](int result) {
        if (result != QMessageBox::Yes)
            return;
        if (m_backend->queuePairs()->rowOf(bridge) < 0) {
            m_message->setText(tr("The call %1 has ended already.").arg(name));
            return;
        }
        m_message->setText(tr("Barging into the call %1…").arg(name));
        m_backend->monitorCall(bridge, QueueMonitorMode::Barge);
    });
    box->open();
}

void QueuesView::updateButtons()
{
    const QString bridge = selectedBridge();
    for (auto it = m_buttons.cbegin(); it != m_buttons.cend(); ++it)
        it.value()->setEnabled(
            m_backend->canAct() && !bridge.isEmpty() && m_backend->queuePairs()->isEnabled(bridge, it.key()));
    QueuePairsModel *pairs = m_backend->queuePairs();
    const int row = bridge.isEmpty() ? -1 : pairs->rowOf(bridge);
    const auto current = row < 0
        ? QueueMonitorMode::None
        : static_cast<QueueMonitorMode>(pairs->index(row, 0).data(QueuePairsModel::MonitorModeRole).toInt());
    const bool usable = m_backend->canAct() && row >= 0 && !m_backend->supervisorEndpoint().isEmpty();
    for (auto it = m_monitorButtons.cbegin(); it != m_monitorButtons.cend(); ++it) {
        const bool hangUp = it.key() == QueueMonitorMode::None;
        it.value()->setEnabled(usable && (hangUp ? current != QueueMonitorMode::None : current != it.key()));
    }
}

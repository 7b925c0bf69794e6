#include "ui/MailboxesView.h"

#include "core/models/DeletedMessagesModel.h"
#include "core/models/MailboxesFilterModel.h"
#include "core/models/MailboxesModel.h"
#include "core/supervisor/SupervisorAccess.h"
#include "ui/CountText.h"
#include "ui/ElidedTextToolTipDelegate.h"
#include "ui/ListenPanel.h"
#include "ui/MessagePlayer.h"
#include "ui/PlayHerePanel.h"
#include "ui/SelectedRowTracker.h"
#include "ui/TableColumns.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QPushButton *makeButton(QWidget *parent, const QString &name, const QString &text, const QKeySequence &shortcut,
    const QString &accessibleName)
{
    auto *button = new QPushButton(text, parent);
    button->setObjectName(name);
    button->setAccessibleName(accessibleName);
    button->setShortcut(shortcut);
    button->setToolTip(u"%1 (%2)"_s.arg(accessibleName, shortcut.toString(QKeySequence::NativeText)));
    return button;
}

} // namespace

MailboxesView::MailboxesView(SupervisorAccess *backend, QWidget *parent)
    : QWidget(parent)
    , m_backend(backend)
    , m_model(backend->mailboxes())
    , m_filter(new MailboxesFilterModel(this))
{
    setObjectName(u"mailboxesView"_s);
    m_filter->setSourceModel(m_model);

    m_filterText = new QLineEdit(this);
    m_filterText->setObjectName(u"mailboxFilter"_s);
    m_filterText->setAccessibleName(tr("Filter by mailbox"));
    m_filterText->setPlaceholderText(tr("Filter by mailbox… (Ctrl+F)"));
    m_filterText->setClearButtonEnabled(true);
    auto *focusFilter = new QAction(this);
    focusFilter->setShortcut(QKeySequence::Find);
    focusFilter->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(focusFilter);
    connect(
        focusFilter, &QAction::triggered, m_filterText, [this] { m_filterText->setFocus(Qt::ShortcutFocusReason); });

    m_summary = new QLabel(this);
    m_summary->setObjectName(u"mailboxesSummary"_s);
    m_summary->setTextFormat(Qt::PlainText);

    m_tree = new QTreeView(this);
    m_tree->setObjectName(u"mailboxesTree"_s);
    m_tree->setAccessibleName(tr("Mailboxes and messages"));
    m_selectedMessage = new SelectedRowTracker(m_tree, m_filter, this);
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(MailboxesModel::NameColumn, Qt::AscendingOrder);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setUniformRowHeights(true); // cheap layout with thousands of rows
    m_tree->setAlternatingRowColors(true);
    TableColumns::prepare(m_tree, m_tree->header());
    if (auto *delegate = qobject_cast<ElidedTextToolTipDelegate *>(m_tree->itemDelegate()))
        delegate->setBoldRole(MailboxesModel::IsNewRole); // SPEC VM-5
    TableColumns::stretch(m_tree->header(),
        { MailboxesModel::NameColumn, MailboxesModel::CallerColumn, MailboxesModel::RecordingColumn });
    m_tree->header()->moveSection(MailboxesModel::CallerColumn, 1); // who called, next to when
    TableColumns::fit(m_tree->header(), MailboxesModel::NumberColumn, u"0000"_s);
    TableColumns::fit(m_tree->header(), MailboxesModel::DurationColumn, u"00:00"_s);
    TableColumns::fit(m_tree->header(), MailboxesModel::FormatColumn, u"wav49"_s);

    m_listen = makeButton(this, u"listenButton"_s, tr("&Listen"), QKeySequence(Qt::CTRL | Qt::Key_L),
        tr("Listen on the supervisor's phone"));
    m_playHere = makeButton(this, u"playHereButton"_s, tr("&Play here"), QKeySequence(Qt::CTRL | Qt::Key_P),
        tr("Play on this computer's speakers"));
    m_save = makeButton(this, u"saveButton"_s, tr("&Save…"), QKeySequence::Save, tr("Save the recording file"));
    m_delete = makeButton(this, u"deleteButton"_s, tr("&Delete"), QKeySequence::Delete, tr("Delete the message"));

    m_message = new QLabel(this);
    m_message->setObjectName(u"mailboxesMessage"_s);
    m_message->setAccessibleName(tr("Result of the last action"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText); // the server's error texts are never read as markup

    m_listenPanel = new ListenPanel(m_backend, this);
    m_playHerePanel = new PlayHerePanel(m_backend, this);

    // The trash (SPEC VM-3).
    m_showDeleted = new QPushButton(tr("Dele&ted messages"), this);
    m_showDeleted->setObjectName(u"showDeletedButton"_s);
    m_showDeleted->setAccessibleName(tr("Show the deleted messages of the selected mailbox"));
    m_showDeleted->setToolTip(m_showDeleted->accessibleName());
    m_showDeleted->setCheckable(true);
    m_deletedPanel = new QWidget(this);
    m_deletedPanel->setObjectName(u"deletedPanel"_s);
    m_deletedFilter = new QSortFilterProxyModel(this);
    m_deletedFilter->setSourceModel(m_backend->deletedMessages());
    m_deletedFilter->setFilterRole(DeletedMessagesModel::MailboxRole);
    m_deletedFilter->setSortRole(DeletedMessagesModel::SortRole);
    m_deletedTable = new QTableView(m_deletedPanel);
    m_deletedTable->setObjectName(u"deletedTable"_s);
    m_deletedTable->setAccessibleName(tr("Deleted messages"));
    m_selectedDeleted = new SelectedRowTracker(m_deletedTable, m_deletedFilter, this);
    m_deletedTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_deletedTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_deletedTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_deletedTable->setSortingEnabled(true);
    m_deletedTable->sortByColumn(DeletedMessagesModel::DeletedColumn, Qt::DescendingOrder);
    m_deletedTable->verticalHeader()->hide();
    TableColumns::prepare(m_deletedTable, m_deletedTable->horizontalHeader());
    TableColumns::stretch(m_deletedTable->horizontalHeader(),
        { DeletedMessagesModel::ReceivedColumn, DeletedMessagesModel::CallerColumn, DeletedMessagesModel::DeletedColumn });
    m_restore = new QPushButton(tr("&Restore"), m_deletedPanel);
    m_restore->setObjectName(u"restoreButton"_s);
    m_restore->setAccessibleName(tr("Restore the selected deleted message"));
    m_restore->setToolTip(m_restore->accessibleName());
    auto *deletedLayout = new QVBoxLayout(m_deletedPanel);
    deletedLayout->setContentsMargins(0, 0, 0, 0);
    deletedLayout->addWidget(m_deletedTable, 1);
    auto *restoreRow = new QHBoxLayout;
    restoreRow->addWidget(m_restore);
    restoreRow->addStretch(1);
    deletedLayout->addLayout(restoreRow);
    m_deletedPanel->setVisible(false);

    auto *top = new QHBoxLayout;
    top->addWidget(m_filterText, 1);
    top->addWidget(m_summary);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_listen);
    buttons->addWidget(m_playHere);
    buttons->addWidget(m_save);
    buttons->addWidget(m_delete);
    buttons->addWidget(m_showDeleted);
    buttons->addWidget(m_message, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_tree, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_deletedPanel, 1);
    layout->addWidget(m_listenPanel);
    layout->addWidget(m_playHerePanel);

    connect(m_filterText, &QLineEdit::textChanged, m_filter, &MailboxesFilterModel::setMailboxFilter);
    connect(m_filterText, &QLineEdit::textChanged, this, &MailboxesView::updateSummary);
    // The summary follows the filter and every change of the messages (a delete, a new message).
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &MailboxesView::updateSummary);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &MailboxesView::updateSummary);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &MailboxesView::updateSummary);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &MailboxesView::updateSummary);
    // The proxy removes its rows before the model does (and says nothing of messages under a
    // mailbox it has not mapped yet): the model's signals come when its counts are right.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &MailboxesView::updateSummary);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &MailboxesView::updateSummary);
    connect(m_listen, &QPushButton::clicked, this, &MailboxesView::listenToSelected);
    connect(m_playHere, &QPushButton::clicked, this, &MailboxesView::playSelectedHere);
    connect(m_save, &QPushButton::clicked, this, &MailboxesView::saveSelected);
    connect(m_delete, &QPushButton::clicked, this, &MailboxesView::deleteSelected);
    connect(m_restore, &QPushButton::clicked, this, &MailboxesView::restoreSelected);
    connect(m_showDeleted, &QPushButton::toggled, m_deletedPanel, &QWidget::setVisible);
    connect(m_selectedMessage, &SelectedRowTracker::selectedRowChanged, this, &MailboxesView::updateDeletedFilter);
    connect(m_selectedDeleted, &SelectedRowTracker::selectedRowChanged, this, &MailboxesView::updateActions);
    connect(m_deletedFilter, &QAbstractItemModel::rowsRemoved, this, &MailboxesView::updateActions);
    connect(m_tree, &QTreeView::activated, this, [this](const QModelIndex &index) {
        if (!index.data(MailboxesModel::IsMailboxRole).toBool())
            listenToSelected();
    });
    connect(m_tree, &QTreeView::expanded, this, &MailboxesView::onExpanded);
    connect(m_selectedMessage, &SelectedRowTracker::selectedRowChanged, this, &MailboxesView::updateActions);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &MailboxesView::updateActions);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &MailboxesView::updateActions);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &MailboxesView::updateActions);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &MailboxesView::updateActions);
    connect(m_backend, &SupervisorAccess::operationFinished, this, &MailboxesView::onOperationFinished);
    connect(m_backend, &SupervisorAccess::accessChanged, this, &MailboxesView::updateActions);
    updateActions();
    updateSummary();
}

MailboxesView::~MailboxesView() = default;

void MailboxesView::updateSummary()
{
    const QString filter = m_filterText->text().trimmed();
    const QString all = countText(m_model->mailboxCount(), tr("mailbox"), tr("mailboxes")) + u", "_s
        + countText(m_model->messageCount(), tr("message"), tr("messages"));
    if (filter.isEmpty()) {
        m_summary->setText(all);
        return;
    }
    const int mailboxes = m_filter->rowCount();
    if (mailboxes == 0) {
        m_summary->setText(tr("No mailbox matches \u201c%1\u201d (%2)").arg(filter, all));
        return;
    }
    // Only the mailboxes the filter shows (they are few: the filter names them).
    int messages = 0;
    for (int row = 0; row < mailboxes; ++row)
        messages += m_filter->index(row, 0).data(MailboxesModel::MessageCountRole).toInt();
    m_summary->setText(countText(mailboxes, tr("mailbox shown"), tr("mailboxes shown")) + u", "_s
        + countText(messages, tr("message"), tr("messages")));
}

QString MailboxesView::selectedRecording() const
{
    return m_selectedMessage->selectedRow().data(MailboxesModel::RecordingNameRole).toString();
}

void MailboxesView::updateActions()
{
    const bool act = m_backend->canAct(); // a viewer desk watches only
    const bool message = !selectedRecording().isEmpty();
    const bool endpoint = !m_backend->supervisorEndpoint().isEmpty();
    m_listen->setEnabled(act && message && endpoint);
    m_listen->setToolTip(endpoint
            ? tr("Listen on %1 (%2)")
                  .arg(m_backend->supervisorEndpoint(), m_listen->shortcut().toString(QKeySequence::NativeText))
            : tr("Set a supervisor endpoint (supervisor/endpoint) to listen on your phone"));
    m_playHere->setEnabled(message); // a viewer too: it fetches, as Save does
    m_save->setEnabled(message);
    m_delete->setEnabled(act && message);
    m_restore->setEnabled(act && !selectedDeleted().isEmpty());
    if (message) {
        const QString name = selectedRecording();
        if (m_model->messageIndex(name, MailboxesModel::DurationColumn)
                .data(MailboxesModel::DurationMsRole)
                .toLongLong()
            < 0)
            m_backend->requestDurations({ name });
    }
}

QString MailboxesView::selectedDeleted() const
{
    return m_selectedDeleted->selectedRow().data(DeletedMessagesModel::RecordingNameRole).toString();
}

void MailboxesView::updateDeletedFilter()
{
    // The selected mailbox, or the mailbox of the selected message; every mailbox without one.
    const QString mailbox = m_selectedMessage->selectedRow().data(MailboxesModel::MailboxRole).toString();
    m_deletedFilter->setFilterRegularExpression(
        mailbox.isEmpty() ? QString() : u"^"_s + QRegularExpression::escape(mailbox) + u"$"_s);
    updateActions();
}

void MailboxesView::restoreSelected()
{
    const QString trashName = selectedDeleted();
    if (trashName.isEmpty())
        return;
    m_message->setText(tr("Restoring %1…").arg(VoicemailMessage::originalNameOf(trashName)));
    m_backend->restoreRecording(trashName);
}

void MailboxesView::onExpanded(const QModelIndex &proxyIndex)
{
    const QString mailbox = proxyIndex.data(MailboxesModel::MailboxRole).toString();
    m_backend->requestDurations(m_model->messagesWithoutDuration(mailbox));
}

void MailboxesView::listenToSelected()
{
    const QString name = selectedRecording();
    if (name.isEmpty() || m_backend->supervisorEndpoint().isEmpty())
        return;
    m_message->clear(); // the listening panel below tells how the call goes
    m_backend->listen(name);
}

void MailboxesView::playSelectedHere()
{
    const QString name = selectedRecording();
    if (name.isEmpty())
        return;
    m_message->clear(); // the Play here panel below tells how it goes
    m_playHerePanel->player()->play(name);
}

void MailboxesView::saveSelected()
{
    const QString name = selectedRecording();
    if (name.isEmpty())
        return;
    const QString format = m_model->messageIndex(name, MailboxesModel::FormatColumn).data().toString();
    QString suggested = name;
    suggested.replace(u'/', u'-');
    suggested += u'.' + (format.isEmpty() ? u"wav"_s : format);
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    auto *dialog = new QFileDialog(this, tr("Save %1").arg(name), QDir(folder).filePath(suggested));
    dialog->setObjectName(u"saveDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    dialog->setOption(QFileDialog::DontUseNativeDialog);
    dialog->setNameFilters({ tr("Audio files (*.%1)").arg(format.isEmpty() ? u"wav"_s : format), tr("All files (*)") });
    connect(dialog, &QFileDialog::fileSelected, this, [this, name](const QString &file) {
        if (file.isEmpty())
            return;
        m_message->setText(tr("Saving %1…").arg(name));
        m_backend->saveRecording(name, file);
    });
    dialog->open();
}

void MailboxesView::deleteSelected()
{
    const QString name = selectedRecording();
    if (name.isEmpty())
        return;
    const QModelIndex index = m_model->messageIndex(name);
    auto *box = new QMessageBox(QMessageBox::Question, tr("Delete message"),
        tr("Delete message %1 of mailbox %2 (received %3)?\n\nIt stays under \u201cDeleted messages\u201d, where it "
           "can be restored, for a while.")
            .arg(index.data(MailboxesModel::NumberRole).toInt())
            .arg(index.data(MailboxesModel::MailboxRole).toString(), index.data().toString()),
        QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(u"deleteConfirmation"_s);
    box->setTextFormat(Qt::PlainText);
    box->setDefaultButton(QMessageBox::Cancel);
    box->button(QMessageBox::Yes)->setObjectName(u"confirmDelete"_s);
    box->button(QMessageBox::Yes)->setText(tr("&Delete"));
    box->button(QMessageBox::Cancel)->setObjectName(u"cancelDelete"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, name](int result) {
        if (result != QMessageBox::Yes)
            return;
        m_message->setText(tr("Deleting %1…").arg(name));
        m_backend->deleteRecording(name);
    });
    box->open();
}

void MailboxesView::onOperationFinished(
    const QString &operation, const QString &subject, bool ok, const QString &message)
{
    if (operation == u"delete")
        m_message->setText(ok ? tr("Deleted %1.").arg(subject) : tr("Deleting %1 failed: %2").arg(subject, message));
    else if (operation == u"restore")
        m_message->setText(ok ? tr("Restored %1.").arg(VoicemailMessage::originalNameOf(subject))
                              : tr("Restoring %1 failed: %2").arg(subject, message));
    else if (operation == u"save")
        m_message->setText(
            ok ? tr("Saved %1 to %2.").arg(subject, message) : tr("Saving %1 failed: %2").arg(subject, message));
}

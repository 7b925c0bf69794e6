#include "ui/MailboxesView.h"

#include "core/models/MailboxesFilterModel.h"
#include "core/models/MailboxesModel.h"
#include "core/supervisor/SupervisorAccess.h"
#include "ui/ListenPanel.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
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
    connect(focusFilter, &QAction::triggered, m_filterText, [this] { m_filterText->setFocus(Qt::ShortcutFocusReason); });

    m_summary = new QLabel(this);
    m_summary->setObjectName(u"mailboxesSummary"_s);

    m_tree = new QTreeView(this);
    m_tree->setObjectName(u"mailboxesTree"_s);
    m_tree->setAccessibleName(tr("Mailboxes and messages"));
    m_tree->setModel(m_filter);
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(MailboxesModel::NameColumn, Qt::AscendingOrder);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setUniformRowHeights(true); // cheap layout with thousands of rows
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->resizeSection(MailboxesModel::NameColumn, 220);
    m_tree->header()->resizeSection(MailboxesModel::NumberColumn, 80);
    m_tree->header()->resizeSection(MailboxesModel::DurationColumn, 90);
    m_tree->header()->resizeSection(MailboxesModel::FormatColumn, 70);

    m_listen = makeButton(this, u"listenButton"_s, tr("&Listen"), QKeySequence(Qt::CTRL | Qt::Key_L),
                          tr("Listen on the supervisor's phone"));
    m_save = makeButton(this, u"saveButton"_s, tr("&Save…"), QKeySequence::Save, tr("Save the recording file"));
    m_delete = makeButton(this, u"deleteButton"_s, tr("&Delete"), QKeySequence::Delete, tr("Delete the message"));

    m_message = new QLabel(this);
    m_message->setObjectName(u"mailboxesMessage"_s);
    m_message->setAccessibleName(tr("Result of the last action"));
    m_message->setWordWrap(true);

    m_listenPanel = new ListenPanel(m_backend, this);

    auto *top = new QHBoxLayout;
    top->addWidget(m_filterText, 1);
    top->addWidget(m_summary);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_listen);
    buttons->addWidget(m_save);
    buttons->addWidget(m_delete);
    buttons->addWidget(m_message, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_tree, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_listenPanel);

    connect(m_filterText, &QLineEdit::textChanged, m_filter, &MailboxesFilterModel::setMailboxFilter);
    connect(m_listen, &QPushButton::clicked, this, &MailboxesView::listenToSelected);
    connect(m_save, &QPushButton::clicked, this, &MailboxesView::saveSelected);
    connect(m_delete, &QPushButton::clicked, this, &MailboxesView::deleteSelected);
    connect(m_tree, &QTreeView::activated, this, [this](const QModelIndex &index) {
        if (!index.data(MailboxesModel::IsMailboxRole).toBool())
            listenToSelected();
    });
    connect(m_tree, &QTreeView::expanded, this, &MailboxesView::onExpanded);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &MailboxesView::updateActions);
    connect(m_filter, &QAbstractItemModel::rowsInserted, this, &MailboxesView::updateActions);
    connect(m_filter, &QAbstractItemModel::rowsRemoved, this, &MailboxesView::updateActions);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &MailboxesView::updateActions);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &MailboxesView::updateActions);
    connect(m_backend, &SupervisorAccess::operationFinished, this, &MailboxesView::onOperationFinished);
    connect(m_backend, &SupervisorAccess::accessChanged, this, &MailboxesView::updateActions);
    updateActions();
}

MailboxesView::~MailboxesView() = default;

QString MailboxesView::selectedRecording() const
{
    const QModelIndex current = m_tree->selectionModel()->currentIndex();
    if (!current.isValid() || !m_tree->selectionModel()->isSelected(current))
        return {};
    return current.data(MailboxesModel::RecordingNameRole).toString();
}

void MailboxesView::updateActions()
{
    const bool act = m_backend->canAct(); // a viewer desk watches only
    const bool message = !selectedRecording().isEmpty();
    const bool endpoint = !m_backend->supervisorEndpoint().isEmpty();
    m_listen->setEnabled(act && message && endpoint);
    m_listen->setToolTip(endpoint ? tr("Listen on %1 (%2)")
                                        .arg(m_backend->supervisorEndpoint(),
                                             m_listen->shortcut().toString(QKeySequence::NativeText))
                                  : tr("Set a supervisor endpoint (supervisor/endpoint) to listen on your phone"));
    m_save->setEnabled(message);
    m_delete->setEnabled(act && message);
    m_summary->setText(tr("%n mailbox(es)", nullptr, m_model->mailboxCount()) + u", "_s
                       + tr("%n message(s)", nullptr, m_model->messageCount()));
    if (message) {
        const QString name = selectedRecording();
        if (m_model->messageIndex(name, MailboxesModel::DurationColumn).data(MailboxesModel::DurationMsRole).toLongLong() < 0)
            m_backend->requestDurations({name});
    }
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
    dialog->setNameFilters({tr("Audio files (*.%1)").arg(format.isEmpty() ? u"wav"_s : format), tr("All files (*)")});
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
                                tr("Delete message %1 of mailbox %2 (received %3)?\n\nThis cannot be undone.")
                                    .arg(index.data(MailboxesModel::NumberRole).toInt())
                                    .arg(index.data(MailboxesModel::MailboxRole).toString(), index.data().toString()),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(u"deleteConfirmation"_s);
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

void MailboxesView::onOperationFinished(const QString &operation, const QString &subject, bool ok,
                                        const QString &message)
{
    if (operation == u"delete")
        m_message->setText(ok ? tr("Deleted %1.").arg(subject) : tr("Deleting %1 failed: %2").arg(subject, message));
    else if (operation == u"save")
        m_message->setText(ok ? tr("Saved %1 to %2.").arg(subject, message)
                              : tr("Saving %1 failed: %2").arg(subject, message));
}

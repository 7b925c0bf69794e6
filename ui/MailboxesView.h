#pragma once

#include <QModelIndex>
#include <QWidget>

class ListenPanel;
class PlayHerePanel;
class MailboxesFilterModel;
class MailboxesModel;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class QTreeView;
class SelectedRowTracker;
class SupervisorAccess;

// Mailboxes and their messages, live (SPEC UI-2), with Listen (on the supervisor's phone, with
// the controls of ListenPanel), Play here (on this computer's speakers, SPEC VM-4, with the same
// controls in PlayHerePanel), Save… (the recording file) and Delete (after a confirmation; into
// the trash). Each message shows its caller; new messages and mailboxes with new messages are bold,
// each mailbox shows its new/old counts (SPEC VM-5). "Deleted messages" shows the trash of the
// selected mailbox (of every mailbox when none is selected); Restore brings one back (SPEC VM-3).
// Sorting by any column, filtering by mailbox. Buttons are enabled only for a selected message
// (Listen also needs a supervisor endpoint). Dialogs are window-modal and asynchronous: the
// window's event loop never blocks.
class MailboxesView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MailboxesView)

public:
    explicit MailboxesView(SupervisorAccess *backend, QWidget *parent = nullptr);
    ~MailboxesView() override;

    QTreeView *tree() const { return m_tree; }
    MailboxesFilterModel *filter() const { return m_filter; }
    ListenPanel *listenPanel() const { return m_listenPanel; }
    PlayHerePanel *playHerePanel() const { return m_playHerePanel; }
    // The recording name of the selected message; empty when none (or a mailbox) is selected.
    QString selectedRecording() const;
    QPushButton *showDeletedButton() const { return m_showDeleted; }
    QTableView *deletedTable() const { return m_deletedTable; }
    QPushButton *restoreButton() const { return m_restore; }
    // The trash name of the selected deleted message; empty when none.
    QString selectedDeleted() const;

public Q_SLOTS:
    void listenToSelected();
    void playSelectedHere();
    void saveSelected();
    void deleteSelected();
    void restoreSelected();

private:
    void updateActions();
    void updateDeletedFilter();
    void updateSummary();
    void onExpanded(const QModelIndex &proxyIndex);
    void onOperationFinished(const QString &operation, const QString &subject, bool ok, const QString &message);

    SupervisorAccess *m_backend;
    MailboxesModel *m_model;
    MailboxesFilterModel *m_filter = nullptr;
    QLineEdit *m_filterText = nullptr;
    QTreeView *m_tree = nullptr;
    SelectedRowTracker *m_selectedMessage = nullptr;
    QPushButton *m_listen = nullptr;
    QPushButton *m_playHere = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_delete = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_message = nullptr;
    ListenPanel *m_listenPanel = nullptr;
    PlayHerePanel *m_playHerePanel = nullptr;
    QPushButton *m_showDeleted = nullptr;
    QWidget *m_deletedPanel = nullptr;
    QSortFilterProxyModel *m_deletedFilter = nullptr;
    QTableView *m_deletedTable = nullptr;
    SelectedRowTracker *m_selectedDeleted = nullptr;
    QPushButton *m_restore = nullptr;
};

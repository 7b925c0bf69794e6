#pragma once

#include <QModelIndex>
#include <QWidget>

class ListenPanel;
class MailboxesFilterModel;
class MailboxesModel;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeView;
class SelectedRowTracker;
class SupervisorAccess;

// Mailboxes and their messages, live (SPEC UI-2), with Listen (on the supervisor's phone, with
// the controls of ListenPanel), Save… (the recording file) and Delete (after a confirmation).
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
    // The recording name of the selected message; empty when none (or a mailbox) is selected.
    QString selectedRecording() const;

public Q_SLOTS:
    void listenToSelected();
    void saveSelected();
    void deleteSelected();

private:
    void updateActions();
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
    QPushButton *m_save = nullptr;
    QPushButton *m_delete = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_message = nullptr;
    ListenPanel *m_listenPanel = nullptr;
};

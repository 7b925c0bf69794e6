#include "support/SimFixture.h"

#include "core/models/ConnectionStatus.h"
#include "core/models/DeletedMessagesModel.h"
#include "core/models/MailboxesFilterModel.h"
#include "core/models/MailboxesModel.h"
#include "core/supervisor/SupervisorBackend.h"
#include "core/supervisor/SupervisorOptions.h"
#include "ui/MailboxesView.h"

#include <QCoreApplication>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTreeView>

#include <memory>

using namespace Qt::StringLiterals;

namespace {
const QString s_first = u"voicemail/305/1796574506000"_s;
const QString s_other = u"voicemail/42/1796574507000"_s;
} // namespace

// SPEC VM-3 and VM-5 in the mailboxes view, all-in-one against the simulator: who called and
// the new/old counts are shown; a message deleted with the mouse is listed under "Deleted
// messages" and comes back with a click on its row and on Restore.
class TestMailboxesTrashView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void callerAndCountsAreShown();
    void deletedMessageIsRestoredWithClicks();

private:
    void click(QAbstractItemView *view, const QModelIndex &index);

    std::unique_ptr<SimFixture> m_sim;
    std::unique_ptr<SupervisorBackend> m_backend;
    std::unique_ptr<MailboxesView> m_view;
};

void TestMailboxesTrashView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setApplicationName(u"TestMailboxesTrashView"_s);
}

void TestMailboxesTrashView::init()
{
    m_sim = std::make_unique<SimFixture>(10.0);
    QVERIFY(m_sim->addMessage(s_first, 3000));
    QVERIFY(m_sim->addMessage(s_other, 3000));
    QVERIFY(m_sim->start());
    SupervisorOptions options;
    options.clockRate = m_sim->speed();
    m_backend = m_sim->makeBackend(u"PJSIP/1001"_s, options);
    QVERIFY(m_backend);
    m_view = std::make_unique<MailboxesView>(m_backend.get());
    m_view->resize(900, 700);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    QTRY_COMPARE(m_backend->connectionStatus()->state(), ConnectionStatus::State::Connected);
    QTRY_COMPARE(m_backend->mailboxes()->messageCount(), 2);
}

void TestMailboxesTrashView::cleanup()
{
    m_view.reset();
    m_backend.reset();
    m_sim.reset();
}

void TestMailboxesTrashView::click(QAbstractItemView *view, const QModelIndex &index)
{
    view->scrollTo(index);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
}

void TestMailboxesTrashView::callerAndCountsAreShown()
{
    MailboxesModel *model = m_backend->mailboxes();
    const QModelIndex message = model->messageIndex(s_first, MailboxesModel::CallerColumn);
    QCOMPARE(message.data().toString(), u"unknown caller"_s); // stored before the service saw it
    QVERIFY(message.data(MailboxesModel::IsNewRole).toBool()); // drawn bold
    const QModelIndex mailbox = model->mailboxIndex(u"305"_s, MailboxesModel::CallerColumn);
    QCOMPARE(mailbox.data().toString(), u"1 new, 0 old"_s);
    QVERIFY(mailbox.data(MailboxesModel::IsNewRole).toBool());
    QCOMPARE(model->headerData(MailboxesModel::CallerColumn, Qt::Horizontal).toString(), u"Caller"_s);
    // The caller column is shown next to the received time.
    QCOMPARE(m_view->tree()->header()->visualIndex(MailboxesModel::CallerColumn), 1);
    QVERIFY(!m_view->tree()->isColumnHidden(MailboxesModel::CallerColumn));
}

void TestMailboxesTrashView::deletedMessageIsRestoredWithClicks()
{
    QTreeView *tree = m_view->tree();
    const QModelIndex source = m_backend->mailboxes()->messageIndex(s_first);
    const QModelIndex index = m_view->filter()->mapFromSource(source);
    tree->expand(index.parent());
    click(tree, index);
    QCOMPARE(m_view->selectedRecording(), s_first);

    auto *remove = m_view->findChild<QPushButton *>(u"deleteButton"_s);
    QTest::mouseClick(remove, Qt::LeftButton);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = m_view->findChild<QMessageBox *>(u"deleteConfirmation"_s)) && box->isVisible());
    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmDelete"_s), Qt::LeftButton);
    const QString trashName = u"voicemail-trash/305/1796574506000"_s;
    QTRY_COMPARE(m_backend->deletedMessages()->rowCount(), 1);
    QCOMPARE(m_backend->mailboxes()->messageCount(), 1);
    QVERIFY(m_sim->storedRecordings().contains(trashName));
    QVERIFY(!m_sim->storedRecordings().contains(s_first));

    // The trash is hidden until asked for.
    QTableView *deleted = m_view->deletedTable();
    QVERIFY(!deleted->isVisible());
    QTest::mouseClick(m_view->showDeletedButton(), Qt::LeftButton);
    QTRY_VERIFY(deleted->isVisible());
    QCOMPARE(deleted->model()->rowCount(), 1);
    const QModelIndex row = deleted->model()->index(0, DeletedMessagesModel::CallerColumn);
    QCOMPARE(row.data().toString(), u"unknown caller"_s);
    QCOMPARE(deleted->model()->index(0, DeletedMessagesModel::MailboxColumn).data().toString(), u"305"_s);
    QVERIFY(!m_view->restoreButton()->isEnabled()); // nothing selected yet

    // Selecting a message of another mailbox shows that mailbox's (empty) trash.
    const QModelIndex other = m_view->filter()->mapFromSource(m_backend->mailboxes()->messageIndex(s_other));
    tree->expand(other.parent());
    click(tree, other);
    QTRY_COMPARE(deleted->model()->rowCount(), 0);
    // Mailbox 305 again (its row: the mailbox has no message left to click).
    click(tree, m_view->filter()->mapFromSource(m_backend->mailboxes()->mailboxIndex(u"305"_s)));
    QTRY_COMPARE(deleted->model()->rowCount(), 1);

    click(deleted, deleted->model()->index(0, DeletedMessagesModel::ReceivedColumn));
    QCOMPARE(m_view->selectedDeleted(), trashName);
    QVERIFY(m_view->restoreButton()->isEnabled());
    QTest::mouseClick(m_view->restoreButton(), Qt::LeftButton);
    QTRY_COMPARE(m_backend->mailboxes()->messageCount(), 2);
    QTRY_COMPARE(m_backend->deletedMessages()->rowCount(), 0);
    QVERIFY(m_sim->storedRecordings().contains(s_first));
    QVERIFY(!m_sim->storedRecordings().contains(trashName));
    QTRY_VERIFY(m_view->findChild<QLabel *>(u"mailboxesMessage"_s)->text().contains(u"Restored"_s));
    QVERIFY(!m_view->restoreButton()->isEnabled());
}

QTEST_MAIN(TestMailboxesTrashView)
#include "TestMailboxesTrashView.moc"

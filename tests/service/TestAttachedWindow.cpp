#include "support/ServiceRig.h"
#include "support/SimFixture.h"

#include "core/models/MailboxesFilterModel.h"
#include "core/models/MailboxesModel.h"
#include "core/models/QueuePairsModel.h"
#include "core/queue/QueueRecordingState.h"
#include "core/service/RemoteSupervisor.h"
#include "core/supervisor/SupervisorBackend.h"
#include "ui/MailboxesView.h"
#include "ui/MainWindow.h"

#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace {

const QString s_first = u"voicemail/305/1411503204"_s;
const QString s_second = u"voicemail/30/1411503100"_s;
const QString s_endpoint = u"PJSIP/1001"_s;

} // namespace

// The window attached to a service (SPEC SV-1, SV-5): the same views, fed by the service; the
// widget tests' key actions (listen, delete, the queue buttons) work as all-in-one; a viewer's
// buttons are disabled; the views grey while the service is away.
class TestAttachedWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void listenOnMyPhone();
    void deleteAsksFirstAndDeletesOnTheServer();
    void queueButtonsReachTheCall();
    void viewerSeesDisabledButtons();
    void viewsGreyWhileTheServiceIsAway();

private:
    void openWindow(const QString &user, const QString &password);
    void selectMessage(const QString &recordingName);
    template <typename T> T *child(const QString &name) const { return m_window->findChild<T *>(name); }

    std::unique_ptr<SimFixture> m_sim;
    std::unique_ptr<ServiceRig> m_rig;
    std::unique_ptr<RemoteSupervisor> m_desk;
    std::unique_ptr<MainWindow> m_window;
};

void TestAttachedWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"ari-supervisor-tests"_s);
    QCoreApplication::setApplicationName(u"TestAttachedWindow"_s);
}

void TestAttachedWindow::init()
{
    QSettings().clear();
    m_sim = std::make_unique<SimFixture>(10.0);
    QVERIFY(m_sim->addMessage(s_first, 20000));
    QVERIFY(m_sim->addMessage(s_second, 3000));
    QVERIFY(m_sim->start());
    QVERIFY(m_sim->setEndpointBehaviour(u"PJSIP"_s, u"1001"_s, u"answer"_s));
    m_rig = std::make_unique<ServiceRig>(m_sim.get(), ServiceRig::defaultSettings(), ServiceRig::Names {}, s_endpoint);
    QVERIFY(m_rig->start());
    QTRY_COMPARE(m_rig->backend()->mailboxes()->messageCount(), 2);
}

void TestAttachedWindow::cleanup()
{
    m_window.reset();
    m_desk.reset();
    m_rig.reset();
    m_sim.reset();
}

void TestAttachedWindow::openWindow(const QString &user, const QString &password)
{
    m_desk = std::make_unique<RemoteSupervisor>(m_rig->deskOptions(user, password));
    m_window = std::make_unique<MainWindow>(m_desk.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_desk->open();
    QTRY_COMPARE(m_desk->state(), RemoteSupervisor::State::Attached);
    QTRY_COMPARE(m_desk->mailboxes()->messageCount(), 2);
}

void TestAttachedWindow::selectMessage(const QString &recordingName)
{
    m_window->showTab(MainWindow::Tab::Mailboxes);
    auto *view = child<MailboxesView>(u"mailboxesView"_s);
    auto *tree = child<QTreeView>(u"mailboxesTree"_s);
    const QModelIndex index = view->filter()->mapFromSource(m_desk->mailboxes()->messageIndex(recordingName));
    QVERIFY(index.isValid());
    tree->expand(index.parent());
    tree->setCurrentIndex(index);
    QCOMPARE(view->selectedRecording(), recordingName);
}

void TestAttachedWindow::listenOnMyPhone()
{
    openWindow(u"boss"_s, u"s3cret"_s);
    QVERIFY(!child<QLabel>(u"staleDataBanner"_s)->isVisible());
    selectMessage(s_first);
    auto *listen = child<QPushButton>(u"listenButton"_s);
    QVERIFY(listen->isEnabled());
    QTest::mouseClick(listen, Qt::LeftButton);
    // The service calls the supervisor's phone and plays the message; the desk shows it.
    QTRY_COMPARE(m_desk->listenStatus().state, ListenStatus::State::Playing);
    QCOMPARE(m_sim->channelsNamed(s_endpoint).size(), 1);
    QCOMPARE(m_desk->listenStatus().channelId, m_sim->channelsNamed(s_endpoint).at(0)[u"id"_s].toString());
    auto *pause = child<QToolButton>(u"listenPause"_s);
    QTRY_VERIFY(pause->isEnabled());
    QTest::mouseClick(pause, Qt::LeftButton);
    QTRY_COMPARE(m_desk->listenStatus().state, ListenStatus::State::Paused);
    QTest::mouseClick(child<QToolButton>(u"listenStop"_s), Qt::LeftButton);
    QTRY_VERIFY(m_sim->channelsNamed(s_endpoint).isEmpty());
    QTRY_COMPARE(m_desk->listenStatus().state, ListenStatus::State::Idle);
}

void TestAttachedWindow::deleteAsksFirstAndDeletesOnTheServer()
{
    openWindow(u"boss"_s, u"s3cret"_s);
    selectMessage(s_first);
    auto *remove = child<QPushButton>(u"deleteButton"_s);
    QTest::mouseClick(remove, Qt::LeftButton);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(u"deleteConfirmation"_s)) && box->isVisible());
    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmDelete"_s), Qt::LeftButton);
    QTRY_VERIFY(!m_sim->storedRecordings().contains(s_first));
    QTRY_COMPARE(m_desk->mailboxes()->messageCount(), 1);
    QCOMPARE(m_rig->backend()->mailboxes()->messageCount(), 1);
    QTRY_VERIFY(child<QLabel>(u"mailboxesMessage"_s)->text().contains(u"Deleted"_s));
}

void TestAttachedWindow::queueButtonsReachTheCall()
{
    openWindow(u"boss"_s, u"s3cret"_s);
    const QString agent = m_sim->placeCall(u"queue"_s, { u"agent"_s }).value("id"_L1).toString();
    const QString caller = m_sim->placeCall(u"queue"_s, { u"caller"_s }).value("id"_L1).toString();
    QTRY_COMPARE(m_desk->queuePairs()->rowCount(), 1);
    m_window->showTab(MainWindow::Tab::Queues);
    // The call is selected with the mouse, as a supervisor does (nothing is selected by itself).
    auto *calls = child<QTableView>(u"queueCallsTable"_s);
    QTRY_COMPARE(calls->model()->rowCount(), 1);
    const QModelIndex row = calls->model()->index(0, QueuePairsModel::CallerColumn);
    QTest::mouseClick(calls->viewport(), Qt::LeftButton, {}, calls->visualRect(row).center());
    auto *record = child<QPushButton>(u"queueRecord"_s);
    QTRY_VERIFY(record->isEnabled());
    QTest::mouseClick(record, Qt::LeftButton);
    // The recording starts on the service's call, and the desk's row says so.
    QTRY_COMPARE(m_desk->queuePairs()->pair(0).recording, QueueRecordingState::Recording);
    auto *end = child<QPushButton>(u"queueEndCall"_s);
    QTRY_VERIFY(end->isEnabled());
    QTest::mouseClick(end, Qt::LeftButton);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(u"endCallConfirmation"_s)) && box->isVisible());
    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmQueueAction"_s), Qt::LeftButton);
    QTRY_COMPARE(m_desk->queuePairs()->rowCount(), 0);
    m_sim->hangup(agent);
    m_sim->hangup(caller);
}

void TestAttachedWindow::viewerSeesDisabledButtons()
{
    openWindow(u"watcher"_s, u"look"_s);
    QVERIFY(!m_desk->canAct());
    selectMessage(s_first);
    QVERIFY(!child<QPushButton>(u"listenButton"_s)->isEnabled());
    QVERIFY(!child<QPushButton>(u"deleteButton"_s)->isEnabled());
    QVERIFY(child<QPushButton>(u"saveButton"_s)->isEnabled()); // reading is allowed
    const QString agent = m_sim->placeCall(u"queue"_s, { u"agent"_s }).value("id"_L1).toString();
    const QString caller = m_sim->placeCall(u"queue"_s, { u"caller"_s }).value("id"_L1).toString();
    QTRY_COMPARE(m_desk->queuePairs()->rowCount(), 1);
    QTRY_VERIFY(m_desk->queuePairs()->isEnabled(m_desk->queuePairs()->pair(0).bridgeId, QueueCallAction::Kind::Record));
    m_window->showTab(MainWindow::Tab::Queues);
    for (const QString &name : { u"queueRecord"_s, u"queueEndCall"_s, u"queueAnnounce"_s })
        QVERIFY2(!child<QPushButton>(name)->isEnabled(), qPrintable(name));
    m_sim->hangup(agent);
    m_sim->hangup(caller);
}

void TestAttachedWindow::viewsGreyWhileTheServiceIsAway()
{
    openWindow(u"boss"_s, u"s3cret"_s);
    auto *tabs = child<QTabWidget>(u"tabs"_s);
    auto *banner = child<QLabel>(u"staleDataBanner"_s);
    QVERIFY(tabs->isEnabled());
    QVERIFY(!banner->isVisible());
    m_rig->stopService();
    QTRY_VERIFY(!tabs->isEnabled());
    QTRY_VERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(u"reconnecting"_s), qPrintable(banner->text()));
    QVERIFY2(banner->text().contains(u"may be stale"_s), qPrintable(banner->text()));
    // One banner, whatever else went with the service (SPEC UX-5).
    int banners = 0;
    for (const QLabel *label : m_window->findChildren<QLabel *>()) {
        const QString text = label->text();
        if (label->isVisible()
            && (text.contains(u"stale"_s) || text.contains(u"Service lost"_s) || text.contains(u"Not connected"_s)))
            ++banners;
    }
    QCOMPARE(banners, 1);
    QVERIFY(m_rig->restartService());
    QTRY_VERIFY_WITH_TIMEOUT(tabs->isEnabled(), 20000);
    QVERIFY(!banner->isVisible());
    QCOMPARE(m_desk->mailboxes()->messageCount(), 2);
}

QTEST_MAIN(TestAttachedWindow)
#include "TestAttachedWindow.moc"

#include "support/SimFixture.h"

#include "core/config/WaitThresholds.h"
#include "core/models/CallCentreSummary.h"
#include "core/models/ConnectionStatus.h"
#include "core/models/MailboxesModel.h"
#include "core/models/QueueCallersModel.h"
#include "core/models/QueuePairsModel.h"
#include "core/supervisor/SupervisorBackend.h"
#include "core/supervisor/SupervisorOptions.h"
#include "ui/CallCentreFigures.h"
#include "ui/MainWindow.h"
#include "ui/QueuesView.h"
#include "ui/RecordingDotDelegate.h"

#include <QApplication>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using Figure = CallCentreFigures::Figure;

namespace {
// Stored before the window opens: new, though not received since.
const QString s_first = u"voicemail/305/1796574506000"_s;
const QString s_other = u"voicemail/42/1796574507000"_s;
} // namespace

// The call centre at a glance in the window (SPEC UX-3): the strip over the tabs, the wallboard
// (F11, Esc) and the red dot on a call being recorded, against a queue on the simulator.
class TestWallboard final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void headerShowsTheQueue();
    void f11ShowsTheWallboardAndEscLeavesIt();
    void aRecordedCallHasARedDot();
    void thresholdsComeFromTheSettings();
    void newVoicemailsAreTheMessagesNotHeard();

private:
    CallCentreFigures *figures(const QString &name) const;
    QString text(const QString &figures, Figure figure) const;
    QString placeQueueCall(const QString &role);

    std::unique_ptr<SimFixture> m_sim;
    std::unique_ptr<SupervisorBackend> m_backend;
    std::unique_ptr<MainWindow> m_window;
};

void TestWallboard::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"ari-supervisor-tests"_s);
    QCoreApplication::setApplicationName(u"TestWallboard"_s);
}

void TestWallboard::init()
{
    QSettings().clear();
    m_sim = std::make_unique<SimFixture>();
    QVERIFY(m_sim->addMessage(s_first, 2000));
    QVERIFY(m_sim->addMessage(s_other, 2000));
    QVERIFY(m_sim->start());
    SupervisorOptions options;
    options.clockRate = m_sim->speed();
    m_backend = m_sim->makeBackend(u"PJSIP/1001"_s, options, { { u"2001"_s, u"Alice"_s } });
    QVERIFY(m_backend);
    m_window = std::make_unique<MainWindow>(m_backend.get());
    m_window->showTab(MainWindow::Tab::Queues);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_COMPARE(m_backend->connectionStatus()->state(), ConnectionStatus::State::Connected);
}

void TestWallboard::cleanup()
{
    m_window.reset();
    m_backend.reset();
    m_sim.reset();
}

CallCentreFigures *TestWallboard::figures(const QString &name) const
{
    return m_window->findChild<CallCentreFigures *>(name);
}

QString TestWallboard::text(const QString &name, Figure figure) const
{
    const CallCentreFigures *strip = figures(name);
    return strip ? strip->value(figure)->text() : QString();
}

QString TestWallboard::placeQueueCall(const QString &role)
{
    return m_sim->placeCall(u"queue"_s, { role })[u"id"_s].toString();
}

void TestWallboard::headerShowsTheQueue()
{
    const QString header = u"callCentreHeader"_s;
    QVERIFY(figures(header));
    QVERIFY(figures(header)->isVisible());
    QCOMPARE(text(header, Figure::CallersWaiting), u"0"_s);
    QCOMPARE(text(header, Figure::LongestWait), u"\u2013"_s);

    // Visible on every tab.
    auto *tabs = m_window->findChild<QTabWidget *>(u"tabs"_s);
    for (int tab = 0; tab < tabs->count(); ++tab) {
        tabs->setCurrentIndex(tab);
        QVERIFY(figures(header)->isVisible());
    }

    QVERIFY(!placeQueueCall(u"agent"_s).isEmpty());
    QTRY_COMPARE(text(header, Figure::AgentsFree), u"1"_s);
    QVERIFY(!placeQueueCall(u"caller"_s).isEmpty());
    QTRY_COMPARE(text(header, Figure::CallsInProgress), u"1"_s);
    QCOMPARE(text(header, Figure::AgentsFree), u"0"_s);
    QCOMPARE(text(header, Figure::AgentsBusy), u"1"_s);
    QCOMPARE(text(header, Figure::Recordings), u"0"_s);

    // A caller waits: the longest wait moves with the summary's clock.
    CallCentreSummary *summary = m_backend->summary();
    const QString caller = placeQueueCall(u"caller"_s);
    QTRY_COMPARE(text(header, Figure::CallersWaiting), u"1"_s);
    const QDateTime since = m_backend->queueCallers()->index(0, 0).data(QueueCallersModel::SinceRole).toDateTime();
    QDateTime now = since.addSecs(75);
    summary->setClock([&now] { return now; });
    summary->tick();
    QCOMPARE(text(header, Figure::LongestWait), u"1:15"_s);
    // Past the alert threshold: in the alert colour.
    now = since.addMSecs(CallCentreSummary::s_defaultAlertMs + 5000);
    summary->tick();
    QCOMPARE(text(header, Figure::LongestWait), u"2:05"_s);
    QVERIFY(figures(header)->value(Figure::LongestWait)->styleSheet().contains(u"#c62828"_s));
    // (The two stored messages nobody has heard are new voicemails.)
    QCOMPARE(m_window->windowTitle(), u"1 caller waiting, 2 new voicemails \u2014 ARI Supervisor"_s);
    // The demo says so in the title (SPEC UX-8).
    m_window->setTitleBase(u"ARI Supervisor Demo"_s);
    QCOMPARE(m_window->windowTitle(), u"1 caller waiting, 2 new voicemails \u2014 ARI Supervisor Demo"_s);

    // Today: one call answered, none abandoned yet.
    QCOMPARE(text(header, Figure::AnsweredToday), u"1"_s);
    QCOMPARE(text(header, Figure::AbandonedToday), u"0"_s);
    QVERIFY(figures(header)->value(Figure::AbandonedToday)->styleSheet().isEmpty());

    QVERIFY(m_sim->hangup(caller));
    QTRY_COMPARE(text(header, Figure::CallersWaiting), u"0"_s);
    QCOMPARE(text(header, Figure::LongestWait), u"\u2013"_s);
    QVERIFY(figures(header)->value(Figure::LongestWait)->styleSheet().isEmpty());
    // The caller hung up while waiting: abandoned, one call in two, in the alert colour (20 % by
    // default); orange between the thresholds.
    QTRY_COMPARE(text(header, Figure::AbandonedToday), u"1"_s);
    QCOMPARE(text(header, Figure::AnsweredToday), u"1"_s);
    QVERIFY(figures(header)->value(Figure::AbandonedToday)->styleSheet().contains(u"#c62828"_s));
    QCOMPARE(text(u"wallboardView"_s, Figure::AbandonedToday), u"1"_s);
    summary->setAbandonedThresholds(40, 60);
    QVERIFY(figures(header)->value(Figure::AbandonedToday)->styleSheet().contains(u"#ef6c00"_s));
    summary->setAbandonedThresholds(60, 80);
    QVERIFY(figures(header)->value(Figure::AbandonedToday)->styleSheet().isEmpty());
}

void TestWallboard::f11ShowsTheWallboardAndEscLeavesIt()
{
    auto *pages = m_window->findChild<QStackedWidget *>(u"pages"_s);
    CallCentreFigures *board = figures(u"wallboardView"_s);
    QVERIFY(pages);
    QVERIFY(board);
    QVERIFY(!board->isVisible());
    QVERIFY(!placeQueueCall(u"agent"_s).isEmpty());
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));

    QTest::keyClick(m_window.get(), Qt::Key_F11);
    QVERIFY(m_window->isWallboardShown());
    QCOMPARE(pages->currentWidget(), board);
    QTRY_VERIFY(m_window->isFullScreen());
    QVERIFY(!m_window->menuBar()->isVisible());
    QVERIFY(board->isVisible());
    QTRY_COMPARE(text(u"wallboardView"_s, Figure::AgentsFree), u"1"_s);
    // Large type: the figures are far taller than the header's.
    const QFont large = board->value(Figure::AgentsFree)->font();
    const QFont small = figures(u"callCentreHeader"_s)->value(Figure::AgentsFree)->font();
    QVERIFY2(QFontInfo(large).pixelSize() >= 3 * QFontInfo(small).pixelSize(),
        qPrintable(u"%1 vs %2"_s.arg(QFontInfo(large).pixelSize()).arg(QFontInfo(small).pixelSize())));
    // The figures follow the queue while shown.
    QVERIFY(!placeQueueCall(u"caller"_s).isEmpty());
    QTRY_COMPARE(text(u"wallboardView"_s, Figure::CallsInProgress), u"1"_s);

    QTest::keyClick(board, Qt::Key_Escape);
    QVERIFY(!m_window->isWallboardShown());
    QTRY_VERIFY(!m_window->isFullScreen());
    QVERIFY(m_window->menuBar()->isVisible());
    QVERIFY(!board->isVisible());

    // The menu entry shows it too; F11 again leaves it.
    QAction *entry = m_window->findChild<QAction *>(u"showWallboard"_s);
    QVERIFY(entry);
    QCOMPARE(entry->shortcut(), QKeySequence(Qt::Key_F11));
    entry->trigger();
    QVERIFY(m_window->isWallboardShown());
    QTest::keyClick(board, Qt::Key_F11);
    QVERIFY(!m_window->isWallboardShown());
}

void TestWallboard::aRecordedCallHasARedDot()
{
    auto *view = m_window->findChild<QueuesView *>(u"queuesView"_s);
    QVERIFY(view);
    QVERIFY(!placeQueueCall(u"agent"_s).isEmpty());
    QVERIFY(!placeQueueCall(u"caller"_s).isEmpty());
    QTRY_COMPARE(m_backend->queuePairs()->rowCount(), 1);
    QTableView *table = view->callsTable();
    const QModelIndex cell = table->model()->index(0, QueuePairsModel::RecordingColumn);
    auto *dots = qobject_cast<RecordingDotDelegate *>(table->itemDelegateForColumn(QueuePairsModel::RecordingColumn));
    QVERIFY(dots);
    QVERIFY(!dots->dotColour(cell).isValid());

    const QString bridge = cell.data(QueuePairsModel::BridgeIdRole).toString();
    QTRY_VERIFY(m_backend->queuePairs()->isEnabled(bridge, QueueCallAction::Kind::Record));
    m_backend->queueAction(bridge, QueueCallAction::Kind::Record);
    QTRY_COMPARE(dots->dotColour(table->model()->index(0, QueuePairsModel::RecordingColumn)), QColor(0xc6, 0x28, 0x28));
    auto *header = figures(u"callCentreHeader"_s);
    QTRY_COMPARE(header->value(Figure::Recordings)->text(), u"\u25CF 1"_s);
    // The recording's length so far, next to its dot.
    QTRY_VERIFY2(cell.data().toString().startsWith(u"recording 0:0"_s), qPrintable(cell.data().toString()));
    QTRY_VERIFY(table->model()->index(0, QueuePairsModel::RecordingColumn).data(QueuePairsModel::RecordingElapsedMsRole).toLongLong() >= 1000);
    QTRY_VERIFY2(!table->model()->index(0, QueuePairsModel::RecordingColumn).data().toString().startsWith(u"recording 0:00"_s),
        qPrintable(table->model()->index(0, QueuePairsModel::RecordingColumn).data().toString()));
    QTRY_VERIFY(m_backend->queuePairs()->isEnabled(bridge, QueueCallAction::Kind::Pause));
    m_backend->queueAction(bridge, QueueCallAction::Kind::Pause);
    QTRY_COMPARE(dots->dotColour(table->model()->index(0, QueuePairsModel::RecordingColumn)), QColor(0x9e, 0x9e, 0x9e));
    QCOMPARE(header->value(Figure::Recordings)->text(), u"0"_s);
}

void TestWallboard::thresholdsComeFromTheSettings()
{
    CallCentreSummary *summary = m_backend->summary();
    QCOMPARE(summary->warningMs(), CallCentreSummary::s_defaultWarningMs);
    QCOMPARE(summary->alertMs(), CallCentreSummary::s_defaultAlertMs);
    // As the settings dialog saves them: a window opened then uses them.
    QSettings settings;
    WaitThresholds { 30, 45, 15, 35 }.save(settings);
    m_window.reset();
    m_window = std::make_unique<MainWindow>(m_backend.get());
    QCOMPARE(summary->warningMs(), 30'000);
    QCOMPARE(summary->alertMs(), 45'000);
    QCOMPARE(summary->abandonedWarningPercent(), 15);
    QCOMPARE(summary->abandonedAlertPercent(), 35);
    // The header colours follow them.
    const QString caller = placeQueueCall(u"caller"_s);
    QTRY_COMPARE(text(u"callCentreHeader"_s, Figure::CallersWaiting), u"1"_s);
    const QDateTime since = m_backend->queueCallers()->index(0, 0).data(QueueCallersModel::SinceRole).toDateTime();
    QDateTime now = since.addSecs(35);
    summary->setClock([&now] { return now; });
    summary->tick();
    QCOMPARE(summary->waitLevel(), CallCentreSummary::WaitLevel::Warning);
    QVERIFY(figures(u"callCentreHeader"_s)->value(Figure::LongestWait)->styleSheet().contains(u"#ef6c00"_s));
    now = since.addSecs(50);
    summary->tick();
    QVERIFY(figures(u"callCentreHeader"_s)->value(Figure::LongestWait)->styleSheet().contains(u"#c62828"_s));
    QVERIFY(m_sim->hangup(caller));
}

void TestWallboard::newVoicemailsAreTheMessagesNotHeard()
{
    // The figure is every mailbox's "N new" summed (SPEC VM-5), not what arrived since the start.
    const QString header = u"callCentreHeader"_s;
    QLabel *figure = figures(header)->value(Figure::NewVoicemails);
    QCOMPARE(figure->accessibleName(), u"New voicemails"_s);
    QTRY_COMPARE(figure->text(), u"2"_s);
    QCOMPARE(m_backend->summary()->newVoicemails(), 0); // both predate the window
    const MailboxesModel *mailboxes = m_backend->mailboxes();
    QCOMPARE(mailboxes->mailboxIndex(u"305"_s, MailboxesModel::CallerColumn).data().toString(), u"1 new, 0 old"_s);

    // Heard: one fewer, as its mailbox says.
    m_backend->markHeard(s_first);
    QTRY_COMPARE(figure->text(), u"1"_s);
    QCOMPARE(mailboxes->mailboxIndex(u"305"_s, MailboxesModel::CallerColumn).data().toString(), u"0 new, 1 old"_s);
    QCOMPARE(text(u"wallboardView"_s, Figure::NewVoicemails), u"1"_s); // the wallboard shows the same

    // Deleted: gone from the count; the heard one left is old, not new.
    m_backend->deleteRecording(s_other);
    QTRY_COMPARE(figure->text(), u"0"_s);
    QCOMPARE(mailboxes->newMessageCount(), 0);
    QCOMPARE(mailboxes->messageCount(), 1);
}

QTEST_MAIN(TestWallboard)
#include "TestWallboard.moc"

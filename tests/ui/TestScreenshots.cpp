#include "support/SimFixture.h"

#include "core/models/ConnectionStatus.h"
#include "core/models/MailboxesFilterModel.h"
#include "core/models/MailboxesModel.h"
#include "core/models/QueueAgentsModel.h"
#include "core/models/QueueCallersModel.h"
#include "core/models/QueuePairsModel.h"
#include "core/supervisor/SupervisorBackend.h"
#include "core/supervisor/SupervisorOptions.h"
#include "ui/CallCentreFigures.h"
#include "ui/MailboxesView.h"
#include "ui/MainWindow.h"
#include "ui/QueuesView.h"

#include <QDir>
#include <QImage>
#include <QLabel>
#include <QPixmap>
#include <QProgressBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;

// One picture of every view of the window on a busy demo scene (mailboxes, a message being
// listened to, a call queue with a recorded call, live calls, the event log). The PNGs go to
// $SUPERVISOR_SCREENSHOT_DIR when set (tools/screenshots.sh: docs/screenshots), else to a
// temporary folder; the test checks every picture was written and shows something.
class TestScreenshots final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyView();
};

void TestScreenshots::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestScreenshots::everyView()
{
    SimFixture sim;
    const qint64 base = 1795600000;
    const QStringList boxes{u"201"_s, u"202"_s, u"305"_s, u"310"_s, u"sales"_s, u"support"_s};
    for (int b = 0; b < boxes.size(); ++b) {
        for (int m = 0; m <= b % 3 + 1; ++m)
            QVERIFY(sim.addMessage(u"voicemail/%1/%2"_s.arg(boxes.at(b)).arg(base + b * 5000 + m * 777), 4000 + 3100 * m + 900 * b));
    }
    const QString listened = u"voicemail/305/%1"_s.arg(base + 20000);
    QVERIFY(sim.addMessage(listened, 10 * 60 * 1000)); // long enough to be caught playing
    QVERIFY(sim.start());
    QVERIFY(sim.setEndpointBehaviour(u"PJSIP"_s, u"1001"_s, u"answer"_s));
    SupervisorOptions options;
    options.clockRate = sim.speed();
    options.eventLogBatchMs = 10;
    std::unique_ptr<SupervisorBackend> backend =
        sim.makeBackend(u"PJSIP/1001"_s, options, {{u"1001"_s, u"Supervisor's phone"_s}});
    QVERIFY(backend);
    MainWindow window(backend.get());
    window.resize(1200, 720);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(backend->connectionStatus()->state(), ConnectionStatus::State::Connected);
    QTRY_VERIFY(!backend->connectionStatus()->asteriskVersion().isEmpty());
    QTRY_COMPARE(backend->mailboxes()->mailboxCount(), boxes.size());

    // Queue: two calls in progress (one recorded), an agent and two callers waiting.
    const QString agent = sim.placeCall(u"queue"_s, {u"agent"_s}, u"\"Alice\" <2001>"_s)[u"id"_s].toString();
    QTRY_COMPARE(backend->queueAgents()->rowCount(), 1);
    sim.placeCall(u"queue"_s, {u"caller"_s}, u"\"Dana Smith\" <0612345678>"_s);
    QTRY_COMPARE(backend->queuePairs()->rowCount(), 1);
    QVERIFY(sim.pressDtmf(agent, u"0"_s));
    QTRY_COMPARE(backend->queuePairs()->index(0, 0).data(QueuePairsModel::RecordingStateRole).toInt(),
                 int(QueueRecordingState::Recording));
    sim.placeCall(u"queue"_s, {u"agent"_s}, u"\"Bob\" <2002>"_s);
    QTRY_COMPARE(backend->queueAgents()->rowCount(), 1);
    sim.placeCall(u"queue"_s, {u"caller"_s}, u"\"Eve Martin\" <0698765432>"_s);
    QTRY_COMPARE(backend->queuePairs()->rowCount(), 2);
    sim.placeCall(u"queue"_s, {u"agent"_s}, u"\"Carol\" <2003>"_s);
    QTRY_COMPARE(backend->queueAgents()->rowCount(), 1);
    QTRY_COMPARE(backend->queuePairs()->rowCount(), 2);
    sim.placeCall(u"queue"_s, {u"caller"_s}, u"\"Frank\" <0311122233>"_s);
    sim.placeCall(u"queue"_s, {u"caller"_s}, u"\"Grace\" <0355566677>"_s);
    QTRY_COMPARE(backend->queuePairs()->rowCount(), 3);
    QTRY_COMPARE(backend->queueCallers()->rowCount(), 1);
    sim.placeCall(u"queue"_s, {u"caller"_s}, u"\"Heidi\" <0399988877>"_s);
    QTRY_COMPARE(backend->queueCallers()->rowCount(), 2);
    sim.placeCall(u"queue"_s, {u"agent"_s}, u"\"Ivan\" <2004>"_s);
    QTRY_COMPARE(backend->queueCallers()->rowCount(), 1);
    sim.placeCall(u"queue"_s, {u"agent"_s}, u"\"Judy\" <2005>"_s);
    QTRY_COMPARE(backend->queueCallers()->rowCount(), 0);
    sim.placeCall(u"queue"_s, {u"agent"_s}, u"\"Ken\" <2006>"_s);
    QTRY_COMPARE(backend->queueAgents()->rowCount(), 1);
    sim.placeCall(u"queue"_s, {u"caller"_s}, u"\"Laura\" <0344455566>"_s);
    sim.placeCall(u"queue"_s, {u"caller"_s}, u"\"Mallory\" <0377788899>"_s);
    sim.placeCall(u"queue"_s, {u"caller"_s}, u"\"Niaj\" <0322233344>"_s);
    QTRY_COMPARE(backend->queueCallers()->rowCount(), 2);
    // A caller leaving a message.
    sim.placeCall(u"vm-record"_s, {u"202"_s}, u"\"Oscar\" <0388899900>"_s);

    // The supervisor listens to a message of 305.
    window.showTab(MainWindow::Tab::Mailboxes);
    auto *mailboxes = window.findChild<MailboxesView *>(u"mailboxesView"_s);
    const QModelIndex index = mailboxes->filter()->mapFromSource(backend->mailboxes()->messageIndex(listened));
    mailboxes->tree()->expand(index.parent());
    mailboxes->tree()->expand(mailboxes->filter()->mapFromSource(backend->mailboxes()->mailboxIndex(u"202"_s)));
    mailboxes->tree()->setCurrentIndex(index);
    QTest::mouseClick(window.findChild<QPushButton *>(u"listenButton"_s), Qt::LeftButton);
    QTRY_COMPARE(backend->listenStatus().state, ListenStatus::State::Playing);
    QTRY_VERIFY(backend->listenStatus().playback.isDurationKnown());
    QTRY_VERIFY(backend->listenStatus().playback.positionAt(backend->now()) > 20000);
    auto *progress = window.findChild<QProgressBar *>(u"listenProgress"_s);
    QTRY_VERIFY(progress->value() > 30);

    QString folder = qEnvironmentVariable("SUPERVISOR_SCREENSHOT_DIR");
    QTemporaryDir temporary;
    if (folder.isEmpty())
        folder = temporary.path();
    QVERIFY(QDir().mkpath(folder));
    const QList<QPair<MainWindow::Tab, QString>> views{{MainWindow::Tab::Mailboxes, u"mailboxes"_s},
                                                       {MainWindow::Tab::Playbacks, u"playbacks"_s},
                                                       {MainWindow::Tab::Queues, u"queues"_s},
                                                       {MainWindow::Tab::Calls, u"calls"_s},
                                                       {MainWindow::Tab::EventLog, u"event-log"_s}};
    // At the usual size (<view>.png) and in a small window (<view>-800x600.png).
    const QList<QPair<QSize, QString>> sizes{{QSize(1200, 720), QString()}, {QSize(800, 600), u"-800x600"_s}};
    for (const auto &[size, suffix] : sizes) {
        for (const auto &[tab, name] : views) {
            window.resize(size);
            window.showTab(tab);
            QCoreApplication::processEvents(); // let the view lay itself out
            // Every view fits the size asked for (SPEC UX-7): no minimum width forces it wider.
            QCOMPARE(window.size(), size);
            const QPixmap picture = window.grab();
            const QString path = QDir(folder).filePath(name + suffix + u".png"_s);
            QVERIFY2(picture.save(path, "PNG"), qPrintable(path));
            const QImage image(path);
            QCOMPARE(image.size(), window.size() * window.devicePixelRatio());
            // Not a blank picture: more than a handful of colours.
            QSet<QRgb> colours;
            for (int y = 0; y < image.height(); y += 7) {
                for (int x = 0; x < image.width(); x += 7)
                    colours.insert(image.pixel(x, y));
            }
            QVERIFY2(colours.size() > 8, qPrintable(name));
        }
        // The wallboard (F11) as a wall screen of this size shows it.
        window.showTab(MainWindow::Tab::Queues);
        CallCentreFigures board(backend->summary(), CallCentreFigures::Style::Wallboard);
        board.resize(size);
        board.show();
        QVERIFY(QTest::qWaitForWindowExposed(&board));
        QCOMPARE(board.value(CallCentreFigures::Figure::CallersWaiting)->text(),
                 QString::number(backend->queueCallers()->rowCount()));
        QCOMPARE(board.value(CallCentreFigures::Figure::CallsInProgress)->text(),
                 QString::number(backend->queuePairs()->rowCount()));
        QCOMPARE(board.value(CallCentreFigures::Figure::Recordings)->text(), u"\u25CF 1"_s);
        const QString path = QDir(folder).filePath(u"wallboard"_s + suffix + u".png"_s);
        QVERIFY2(board.grab().save(path, "PNG"), qPrintable(path));
        QCOMPARE(QImage(path).size(), size * board.devicePixelRatio());
    }
    // The header over the tabs is in every picture of the window, whole even at 800×600.
    auto *header = window.findChild<CallCentreFigures *>(u"callCentreHeader"_s);
    QVERIFY(header && header->isVisible());
    QVERIFY(header->minimumSizeHint().width() <= 800);
}

QTEST_MAIN(TestScreenshots)
#include "TestScreenshots.moc"

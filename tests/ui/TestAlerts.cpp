#include "support/SimFixture.h"

#include "core/models/CallCentreSummary.h"
#include "core/models/ConnectionStatus.h"
#include "core/models/QueueCallersModel.h"
#include "core/supervisor/SupervisorBackend.h"
#include "core/supervisor/SupervisorOptions.h"
#include "ui/DesktopAlerts.h"
#include "ui/MainWindow.h"

#include <QLabel>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

// Alerts (SPEC UX-5) in the window against the simulator: desktop notifications for a long wait
// and a lost connection, at most one per interval (the rest told together), and the stale-data
// banner once the data has not been refreshed for the window's threshold.
class TestAlerts final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void longWaitsNotifyAtMostOncePerInterval();
    void connectionLostNotifiesAndTheBannerFollows();

private:
    QDateTime callerSince(const QString &channelId) const;

    struct Notification
    {
        QString title;
        QString message;
    };
    std::unique_ptr<SimFixture> m_sim;
    std::unique_ptr<SupervisorBackend> m_backend;
    std::unique_ptr<MainWindow> m_window;
    QList<Notification> m_shown;
    qint64 m_alertClockMs = 1'000'000;
};

void TestAlerts::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"ari-supervisor-tests"_s);
    QCoreApplication::setApplicationName(u"TestAlerts"_s);
}

void TestAlerts::init()
{
    QSettings().clear();
    m_sim = std::make_unique<SimFixture>();
    QVERIFY(m_sim->start());
    SupervisorOptions options;
    options.clockRate = m_sim->speed();
    m_backend = m_sim->makeBackend(u"PJSIP/1001"_s, options, { { u"5550001"_s, u"Bob"_s } });
    QVERIFY(m_backend);
    m_window = std::make_unique<MainWindow>(m_backend.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_shown.clear();
    DesktopAlerts *alerts = m_window->desktopAlerts();
    QVERIFY(alerts);
    alerts->setNotifier([this](const QString &title, const QString &message) { m_shown.append({ title, message }); });
    alerts->setClock([this] { return m_alertClockMs; });
    alerts->setIntervalMs(30'000);
    QTRY_COMPARE(m_backend->connectionStatus()->state(), ConnectionStatus::State::Connected);
}

void TestAlerts::cleanup()
{
    m_window.reset();
    m_backend.reset();
    m_sim.reset();
}

QDateTime TestAlerts::callerSince(const QString &channelId) const
{
    const QueueCallersModel *callers = m_backend->queueCallers();
    const int row = callers->rowOf(channelId);
    return row < 0 ? QDateTime() : callers->index(row, 0).data(QueueCallersModel::SinceRole).toDateTime();
}

void TestAlerts::longWaitsNotifyAtMostOncePerInterval()
{
    CallCentreSummary *summary = m_backend->summary();
    QDateTime now;
    summary->setClock([&now] { return now; });
    summary->setTickInterval(0);
    const QString first = m_sim->placeCall(u"queue"_s, { u"caller"_s }, u"5550001"_s)[u"id"_s].toString();
    QTRY_VERIFY(callerSince(first).isValid());
    const QString second = m_sim->placeCall(u"queue"_s, { u"caller"_s }, u"5550002"_s)[u"id"_s].toString();
    QTRY_VERIFY(callerSince(second).isValid());
    const QString third = m_sim->placeCall(u"queue"_s, { u"caller"_s }, u"5550003"_s)[u"id"_s].toString();
    QTRY_VERIFY(callerSince(third).isValid());

    // The first caller reaches the alert threshold: one notification, naming them.
    now = callerSince(first).addMSecs(CallCentreSummary::s_defaultAlertMs);
    summary->tick();
    QCOMPARE(m_shown.size(), 1);
    QCOMPARE(m_shown.at(0).title, u"Caller waiting"_s);
    QCOMPARE(m_shown.at(0).message, u"Bob (5550001) has waited 2:00 in the queue"_s);

    // The two others within the same interval: held back, then told together.
    now = callerSince(third).addMSecs(CallCentreSummary::s_defaultAlertMs + 1000);
    m_alertClockMs += 5000;
    summary->tick();
    QCOMPARE(m_shown.size(), 1);
    m_window->desktopAlerts()->flushHeldBack(); // too early: still held
    QCOMPARE(m_shown.size(), 1);
    m_alertClockMs += 25'000;
    m_window->desktopAlerts()->flushHeldBack();
    QCOMPARE(m_shown.size(), 2);
    QCOMPARE(m_shown.at(1).title, u"Caller waiting"_s);
    QVERIFY2(m_shown.at(1).message.startsWith(u"5550003 has waited"_s), qPrintable(m_shown.at(1).message));
    QVERIFY2(m_shown.at(1).message.endsWith(u"(and 1 other alert)"_s), qPrintable(m_shown.at(1).message));
    // Nobody is told twice.
    now = now.addSecs(600);
    m_alertClockMs += 600'000;
    summary->tick();
    m_window->desktopAlerts()->flushHeldBack();
    QCOMPARE(m_shown.size(), 2);
}

void TestAlerts::connectionLostNotifiesAndTheBannerFollows()
{
    auto *banner = m_window->findChild<QLabel *>(u"staleDataBanner"_s);
    QVERIFY(banner);
    QVERIFY(!banner->isVisible());
    // Data a little old is not stale yet: no banner within the threshold.
    m_window->setStaleAfterMs(3'600'000);
    m_backend->close();
    QTRY_VERIFY(m_backend->connectionStatus()->state() != ConnectionStatus::State::Connected);
    QCOMPARE(m_shown.size(), 1);
    QCOMPARE(m_shown.at(0).title, u"Connection lost"_s);
    QVERIFY2(m_shown.at(0).message.contains(m_sim->ariUrl()), qPrintable(m_shown.at(0).message));
    QVERIFY(!banner->isVisible());
    // Past the threshold: the banner, with the reason.
    m_window->setStaleAfterMs(0);
    QVERIFY(banner->isVisible());
    QVERIFY2(banner->text().startsWith(u"Not connected to Asterisk"_s), qPrintable(banner->text()));
    QVERIFY2(banner->text().contains(u"may be stale"_s), qPrintable(banner->text()));
    // A wall screen says so too.
    m_window->showWallboard();
    QVERIFY(banner->isVisible());
    m_window->leaveWallboard();
    // Connected again: it goes.
    m_backend->open();
    QTRY_COMPARE(m_backend->connectionStatus()->state(), ConnectionStatus::State::Connected);
    QVERIFY(!banner->isVisible());
}

QTEST_MAIN(TestAlerts)
#include "TestAlerts.moc"

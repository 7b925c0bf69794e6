#include <limits>

#include <QElapsedTimer>
#include <QString>
#include <QTest>

#include "sim/engine/SimClock.h"

using namespace Qt::StringLiterals;

class TestSimClock final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void invalidSpeedFallsBackToOne_data();
    void invalidSpeedFallsBackToOne();
    void toWallMs_data();
    void toWallMs();
    void elapsedIsScaledBySpeed();
    void elapsedIsMonotonic();
    void nowIsStartPlusSimulatedElapsed();
};

void TestSimClock::invalidSpeedFallsBackToOne_data()
{
    QTest::addColumn<double>("speed");
    QTest::addColumn<double>("expected");
    QTest::newRow("zero") << 0.0 << 1.0;
    QTest::newRow("negative") << -5.0 << 1.0;
    QTest::newRow("nan") << std::numeric_limits<double>::quiet_NaN() << 1.0;
    QTest::newRow("inf") << std::numeric_limits<double>::infinity() << 1.0;
    QTest::newRow("fast") << 1000.0 << 1000.0;
    QTest::newRow("slow") << 0.25 << 0.25;
}

void TestSimClock::invalidSpeedFallsBackToOne()
{
    QFETCH(double, speed);
    QFETCH(double, expected);
    SimClock clock(speed);
    QCOMPARE(clock.speed(), expected);
}

void TestSimClock::toWallMs_data()
{
    QTest::addColumn<double>("speed");
    QTest::addColumn<qint64>("simMs");
    QTest::addColumn<qint64>("wallMs");
    QTest::newRow("real time") << 1.0 << qint64(1500) << qint64(1500);
    QTest::newRow("30 s at 1000x") << 1000.0 << qint64(30000) << qint64(30);
    QTest::newRow("rounded up") << 1000.0 << qint64(30001) << qint64(31);
    QTest::newRow("1 ms at 1000x is not 0") << 1000.0 << qint64(1) << qint64(1);
    QTest::newRow("zero") << 1000.0 << qint64(0) << qint64(0);
    QTest::newRow("negative") << 10.0 << qint64(-50) << qint64(0);
    QTest::newRow("slower than real") << 0.5 << qint64(10) << qint64(20);
}

void TestSimClock::toWallMs()
{
    QFETCH(double, speed);
    QFETCH(qint64, simMs);
    QFETCH(qint64, wallMs);
    SimClock clock(speed);
    QCOMPARE(clock.toWallMs(simMs), wallMs);
}

void TestSimClock::elapsedIsScaledBySpeed()
{
    // `outer` starts before the clock and is read after it, `inner` starts after the clock and is
    // read before it: outer * speed >= simulated >= inner * speed, whatever the machine's load.
    constexpr double speed = 1000.0;
    QElapsedTimer outer;
    outer.start();
    SimClock clock(speed);
    QElapsedTimer inner;
    inner.start();
    QTRY_VERIFY(inner.elapsed() >= 20);

    const qint64 innerNs = inner.nsecsElapsed();
    const qint64 simulated = clock.elapsedMs();
    const qint64 outerNs = outer.nsecsElapsed();

    QVERIFY2(simulated >= static_cast<qint64>(static_cast<double>(innerNs) * speed / 1e6) - 1,
             qPrintable(QString::number(simulated)));
    QVERIFY2(simulated <= static_cast<qint64>(static_cast<double>(outerNs) * speed / 1e6) + 1,
             qPrintable(QString::number(simulated)));
    QVERIFY(simulated >= 20000);
}

void TestSimClock::elapsedIsMonotonic()
{
    SimClock clock(5000.0);
    qint64 previous = clock.elapsedMs();
    QVERIFY(previous >= 0);
    for (int i = 0; i < 10000; ++i) {
        const qint64 current = clock.elapsedMs();
        QVERIFY(current >= previous);
        previous = current;
    }
    QTRY_VERIFY(clock.elapsedMs() > previous);
}

void TestSimClock::nowIsStartPlusSimulatedElapsed()
{
    SimClock clock(1000.0);
    const QDateTime start = clock.startTime();
    QVERIFY(start.isValid());
    QTRY_VERIFY(clock.elapsedMs() >= 60000);
    const qint64 before = clock.elapsedMs();
    const QDateTime now = clock.now();
    const qint64 after = clock.elapsedMs();
    const qint64 offset = start.msecsTo(now);
    QVERIFY2(offset >= before && offset <= after,
             qPrintable(u"%1 not in [%2, %3]"_s.arg(offset).arg(before).arg(after)));
}

QTEST_GUILESS_MAIN(TestSimClock)
#include "TestSimClock.moc"

#include <QPointer>
#include <QSignalSpy>
#include <QTest>

#include <memory>

#include "sim/engine/SimClock.h"
#include "sim/engine/SimTimer.h"

class TestSimTimer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void thirtySimulatedSecondsFire();
    void idleState();
    void remainingIsInSimulatedUnits();
    void zeroAndNegativeFireAsynchronously();
    void stopCancels();
    void restartDiscardsPreviousRun();
    void pauseKeepsRemaining();
    void pauseAndResumeWhenNotApplicable();
    void singleShotCallsOnceAndDeletesItself();
    void singleShotCancelledWithContext();
    void worksWithoutClock();
};

void TestSimTimer::thirtySimulatedSecondsFire()
{
    SimClock clock(1000.0);
    SimTimer timer(&clock);
    QSignalSpy spy(&timer, &SimTimer::timeout);
    qint64 firedAt = -1;
    connect(&timer, &SimTimer::timeout, this, [&] { firedAt = clock.elapsedMs(); });

    const qint64 startedAt = clock.elapsedMs();
    timer.start(30000);
    QVERIFY(timer.isActive());
    QVERIFY(!timer.isPaused());
    QCOMPARE(timer.intervalMs(), 30000);
    QTRY_COMPARE(spy.count(), 1);
    // It never fires before the simulated instant.
    QVERIFY2(firedAt - startedAt >= 30000, qPrintable(QString::number(firedAt - startedAt)));
    QVERIFY(!timer.isActive());
    QCOMPARE(timer.remainingMs(), -1);
    QCOMPARE(timer.elapsedMs(), 0);
}

void TestSimTimer::idleState()
{
    SimClock clock(1000.0);
    SimTimer timer(&clock);
    QCOMPARE(timer.clock(), &clock);
    QVERIFY(!timer.isActive());
    QVERIFY(!timer.isPaused());
    QCOMPARE(timer.remainingMs(), -1);
    QCOMPARE(timer.intervalMs(), 0);
    QCOMPARE(timer.elapsedMs(), 0);
}

void TestSimTimer::remainingIsInSimulatedUnits()
{
    // At 10x a 10-minute simulated timer takes a wall minute: it cannot fire during the test.
    SimClock clock(10.0);
    SimTimer timer(&clock);
    const qint64 before = clock.elapsedMs();
    timer.start(600000);
    const qint64 after = clock.elapsedMs();
    QTRY_VERIFY(clock.elapsedMs() >= after + 500);

    const qint64 lower = clock.elapsedMs();
    const qint64 remaining = timer.remainingMs();
    const qint64 elapsed = timer.elapsedMs();
    const qint64 upper = clock.elapsedMs();
    // remaining = 600000 - (now - armedAt), with armedAt in [before, after] and now in [lower, upper]
    QVERIFY2(remaining <= 600000 - (lower - after) && remaining >= 600000 - (upper - before),
             qPrintable(QString::number(remaining)));
    QVERIFY(remaining <= 599500);
    QVERIFY(elapsed >= 500);
    QVERIFY(elapsed + timer.remainingMs() <= 600000);
}

void TestSimTimer::zeroAndNegativeFireAsynchronously()
{
    SimClock clock(1000.0);
    SimTimer zero(&clock);
    SimTimer negative(&clock);
    QSignalSpy zeroSpy(&zero, &SimTimer::timeout);
    QSignalSpy negativeSpy(&negative, &SimTimer::timeout);
    zero.start(0);
    negative.start(-500);
    QCOMPARE(negative.intervalMs(), 0);
    QCOMPARE(zeroSpy.count(), 0);
    QCOMPARE(negativeSpy.count(), 0);
    QVERIFY(zero.isActive());
    QCOMPARE(zero.remainingMs(), 0);
    QTRY_COMPARE(zeroSpy.count(), 1);
    QTRY_COMPARE(negativeSpy.count(), 1);
}

void TestSimTimer::stopCancels()
{
    SimClock clock(1000.0);
    SimTimer stopped(&clock);
    SimTimer sentinel(&clock);
    QSignalSpy stoppedSpy(&stopped, &SimTimer::timeout);
    QSignalSpy sentinelSpy(&sentinel, &SimTimer::timeout);
    stopped.start(1000);
    sentinel.start(5000);
    stopped.stop();
    QVERIFY(!stopped.isActive());
    QCOMPARE(stopped.remainingMs(), -1);
    QTRY_COMPARE(sentinelSpy.count(), 1);
    QCOMPARE(stoppedSpy.count(), 0);
    stopped.stop(); // idle: no effect
    QVERIFY(!stopped.isActive());
}

void TestSimTimer::restartDiscardsPreviousRun()
{
    SimClock clock(1000.0);
    SimTimer timer(&clock);
    QSignalSpy spy(&timer, &SimTimer::timeout);
    qint64 firedAt = -1;
    connect(&timer, &SimTimer::timeout, this, [&] { firedAt = clock.elapsedMs(); });
    timer.start(1000);
    const qint64 restartedAt = clock.elapsedMs();
    timer.start(40000);
    QCOMPARE(timer.intervalMs(), 40000);
    QTRY_COMPARE(spy.count(), 1);
    QVERIFY(firedAt - restartedAt >= 40000);
    // Nothing more comes from the first run.
    SimTimer sentinel(&clock);
    QSignalSpy sentinelSpy(&sentinel, &SimTimer::timeout);
    sentinel.start(5000);
    QTRY_COMPARE(sentinelSpy.count(), 1);
    QCOMPARE(spy.count(), 1);
}

void TestSimTimer::pauseKeepsRemaining()
{
    SimClock clock(1000.0);
    SimTimer timer(&clock);
    QSignalSpy spy(&timer, &SimTimer::timeout);
    qint64 firedAt = -1;
    connect(&timer, &SimTimer::timeout, this, [&] { firedAt = clock.elapsedMs(); });

    // 300 wall ms: even a badly loaded machine gets from start() to pause() in less.
    timer.start(300000);
    timer.pause();
    QVERIFY(timer.isActive());
    QVERIFY(timer.isPaused());
    const qint64 remaining = timer.remainingMs();
    QVERIFY(remaining > 0 && remaining <= 300000);
    const qint64 elapsedAtPause = timer.elapsedMs();
    QCOMPARE(elapsedAtPause, 300000 - remaining);

    // Let far more simulated time pass than the timer had: it stays frozen and silent.
    const qint64 pausedAt = clock.elapsedMs();
    QTRY_VERIFY(clock.elapsedMs() >= pausedAt + 400000);
    QCOMPARE(timer.remainingMs(), remaining);
    QCOMPARE(timer.elapsedMs(), elapsedAtPause);
    QCOMPARE(spy.count(), 0);
    QVERIFY(timer.isActive());

    const qint64 resumedAt = clock.elapsedMs();
    timer.resume();
    QVERIFY(!timer.isPaused());
    QVERIFY(timer.remainingMs() <= remaining);
    QTRY_COMPARE(spy.count(), 1);
    QVERIFY2(firedAt - resumedAt >= remaining,
             qPrintable(QString::number(firedAt - resumedAt)));
    QVERIFY(!timer.isActive());
}

void TestSimTimer::pauseAndResumeWhenNotApplicable()
{
    SimClock clock(1000.0);
    SimTimer timer(&clock);
    timer.pause();
    QVERIFY(!timer.isPaused());
    QVERIFY(!timer.isActive());
    timer.resume();
    QVERIFY(!timer.isActive());

    QSignalSpy spy(&timer, &SimTimer::timeout);
    timer.start(600000);
    timer.resume(); // not paused: nothing changes
    QVERIFY(!timer.isPaused());
    timer.pause();
    const qint64 remaining = timer.remainingMs();
    timer.pause(); // twice: still the same remaining time
    QCOMPARE(timer.remainingMs(), remaining);
    timer.stop();
    QVERIFY(!timer.isPaused());
    QVERIFY(!timer.isActive());
    timer.resume(); // stopped: does not come back
    QVERIFY(!timer.isActive());
    QCOMPARE(spy.count(), 0);
}

void TestSimTimer::singleShotCallsOnceAndDeletesItself()
{
    SimClock clock(1000.0);
    QObject context;
    int calls = 0;
    QPointer<SimTimer> timer = SimTimer::singleShot(&clock, 2000, &context, [&calls] { ++calls; });
    QVERIFY(timer);
    QCOMPARE(timer->parent(), &context);
    QVERIFY(timer->isActive());
    QTRY_COMPARE(calls, 1);
    QTRY_VERIFY(timer.isNull());
    QCOMPARE(calls, 1);
}

void TestSimTimer::singleShotCancelledWithContext()
{
    SimClock clock(1000.0);
    bool called = false;
    auto context = std::make_unique<QObject>();
    SimTimer::singleShot(&clock, 1000, context.get(), [&called] { called = true; });
    context.reset();

    QObject other;
    bool sentinel = false;
    SimTimer::singleShot(&clock, 5000, &other, [&sentinel] { sentinel = true; });
    QTRY_VERIFY(sentinel);
    QVERIFY(!called);
}

void TestSimTimer::worksWithoutClock()
{
    SimTimer timer(nullptr);
    QCOMPARE(timer.clock(), nullptr);
    QSignalSpy spy(&timer, &SimTimer::timeout);
    timer.start(20);
    QVERIFY(timer.remainingMs() <= 20);
    QTRY_COMPARE(spy.count(), 1);
}

QTEST_GUILESS_MAIN(TestSimTimer)
#include "TestSimTimer.moc"

#include "core/supervisor/AlertThrottle.h"

#include <QTest>

// At most one desktop notification per interval; the others are counted (SPEC UX-5).
class TestAlertThrottle final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void onePerInterval();
    void flushTellsWhatWasHeldBack();
};

void TestAlertThrottle::onePerInterval()
{
    AlertThrottle throttle(30'000);
    QVERIFY(throttle.admit(1'000'000));
    QCOMPARE(throttle.nextAllowedMs(), -1);
    QVERIFY(!throttle.admit(1'000'001));
    QVERIFY(!throttle.admit(1'029'999));
    QCOMPARE(throttle.heldBack(), 2);
    QCOMPARE(throttle.nextAllowedMs(), 1'030'000);
    QVERIFY(throttle.admit(1'030'000));
    // Admitted: the interval starts again from there.
    QVERIFY(!throttle.admit(1'059'999));
    QVERIFY(throttle.admit(1'060'000));
}

void TestAlertThrottle::flushTellsWhatWasHeldBack()
{
    AlertThrottle throttle(10'000);
    QCOMPARE(throttle.flush(0), 0);
    QVERIFY(throttle.admit(0));
    QVERIFY(!throttle.admit(100));
    QVERIFY(!throttle.admit(200));
    QVERIFY(!throttle.admit(300));
    QCOMPARE(throttle.flush(10'000), 3);
    QCOMPARE(throttle.heldBack(), 0);
    QCOMPARE(throttle.nextAllowedMs(), -1);
    // The flush was a notification: the next one waits an interval.
    QVERIFY(!throttle.admit(15'000));
    QVERIFY(throttle.admit(20'000));
}

QTEST_GUILESS_MAIN(TestAlertThrottle)
#include "TestAlertThrottle.moc"

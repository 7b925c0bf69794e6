#include "core/calls/CallTimers.h"

#include <QCoreApplication>
#include <QStringList>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

class TestCallTimers final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runsInOrderOfDeadlines();
    void sameDeadlineRunsInTheOrderGiven();
    void neverRunsWithinTheCall();
    void workAddedByAWorkRunsAfterTheWorksDueWithIt();
    void anEarlierWaitIsNotHeldBehindALaterOne();
    void waitingWorkGoesWithTheObject();
    void aWorkMayDestroyTheTimers();
};

void TestCallTimers::runsInOrderOfDeadlines()
{
    CallTimers timers;
    QStringList ran;
    timers.after(60, [&] { ran << u"60"_s; });
    timers.after(20, [&] { ran << u"20"_s; });
    timers.after(40, [&] { ran << u"40"_s; });
    QCOMPARE(timers.waitingCount(), 3);
    QTRY_COMPARE(ran.size(), 3);
    QCOMPARE(ran, (QStringList { u"20"_s, u"40"_s, u"60"_s }));
    QCOMPARE(timers.waitingCount(), 0);
}

void TestCallTimers::sameDeadlineRunsInTheOrderGiven()
{
    CallTimers timers;
    QStringList ran;
    for (const QString &name : { u"a"_s, u"b"_s, u"c"_s, u"d"_s })
        timers.after(0, [&ran, name] { ran << name; });
    QTRY_COMPARE(ran.size(), 4);
    QCOMPARE(ran, (QStringList { u"a"_s, u"b"_s, u"c"_s, u"d"_s }));
}

void TestCallTimers::neverRunsWithinTheCall()
{
    CallTimers timers;
    bool ran = false;
    timers.after(0, [&] { ran = true; });
    timers.after(-5, [&] { ran = true; });
    QVERIFY(!ran);
    QTRY_VERIFY(ran);
}

void TestCallTimers::workAddedByAWorkRunsAfterTheWorksDueWithIt()
{
    CallTimers timers;
    QStringList ran;
    timers.after(0, [&] {
        ran << u"first"_s;
        timers.after(0, [&] { ran << u"added"_s; });
        QCOMPARE(timers.waitingCount(), 1); // the works due now were taken out before any ran
    });
    timers.after(0, [&] {
        ran << u"second"_s;
        QCOMPARE(timers.waitingCount(), 1); // the added work, due now too, waits for the next round
    });
    QTRY_COMPARE(ran.size(), 3);
    QCOMPARE(ran, (QStringList { u"first"_s, u"second"_s, u"added"_s }));
}

void TestCallTimers::anEarlierWaitIsNotHeldBehindALaterOne()
{
    CallTimers timers;
    bool longDone = false;
    bool shortDone = false;
    timers.after(3600 * 1000, [&] { longDone = true; });
    timers.after(10, [&] { shortDone = true; });
    QTRY_VERIFY(shortDone);
    QVERIFY(!longDone);
    QCOMPARE(timers.waitingCount(), 1);
}

void TestCallTimers::waitingWorkGoesWithTheObject()
{
    auto timers = std::make_unique<CallTimers>();
    auto token = std::make_shared<int>(0);
    bool ran = false;
    timers->after(0, [&ran, token] { ran = true; });
    QCOMPARE(token.use_count(), 2);
    timers.reset();
    QCOMPARE(token.use_count(), 1); // the work was dropped with the timers
    QCoreApplication::processEvents();
    QVERIFY(!ran);
}

void TestCallTimers::aWorkMayDestroyTheTimers()
{
    auto *timers = new CallTimers;
    QStringList ran;
    timers->after(0, [&] {
        ran << u"first"_s;
        delete timers;
    });
    timers->after(0, [&] { ran << u"second"_s; });
    QTRY_VERIFY(!ran.isEmpty());
    QCoreApplication::processEvents();
    QCOMPARE(ran, QStringList { u"first"_s }); // the rest went with the object
}

QTEST_GUILESS_MAIN(TestCallTimers)
#include "TestCallTimers.moc"

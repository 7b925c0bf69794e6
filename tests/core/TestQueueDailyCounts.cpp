#include "core/queue/QueueDailyCounts.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

// The calls answered and abandoned today (SPEC UX-3), by the local day of the program that runs
// the queue, with an injected clock: the figures start again from zero at midnight.
class TestQueueDailyCounts final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void countsTheDay();
    void startsAgainAtMidnight();
};

void TestQueueDailyCounts::countsTheDay()
{
    QDateTime now(QDate(2026, 12, 7), QTime(9, 0), Qt::LocalTime);
    QueueDailyCounts counts;
    counts.setClock([&now] { return now; });
    QSignalSpy changed(&counts, &QueueDailyCounts::changed);
    QCOMPARE(counts.figures(), (QueueDayFigures { QDate(2026, 12, 7), 0, 0 }));
    counts.noteAnswered();
    counts.noteAnswered();
    counts.noteAbandoned();
    QCOMPARE(counts.figures(), (QueueDayFigures { QDate(2026, 12, 7), 2, 1 }));
    QCOMPARE(changed.size(), 3);
    QCOMPARE(changed.last().at(0).value<QueueDayFigures>(), counts.figures());
    // Later the same day: nothing starts again.
    now = now.addSecs(14 * 3600);
    counts.checkDay();
    QCOMPARE(counts.figures().answered, 2);
    QCOMPARE(changed.size(), 3);
}

void TestQueueDailyCounts::startsAgainAtMidnight()
{
    QDateTime now(QDate(2026, 12, 7), QTime(23, 59, 58), Qt::LocalTime);
    QueueDailyCounts counts;
    counts.setClock([&now] { return now; });
    counts.noteAnswered();
    counts.noteAbandoned();
    QSignalSpy changed(&counts, &QueueDailyCounts::changed);
    // Midnight passes with nothing counted: the timer's check says so.
    now = QDateTime(QDate(2026, 12, 8), QTime(0, 0, 1), Qt::LocalTime);
    counts.checkDay();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(counts.figures(), (QueueDayFigures { QDate(2026, 12, 8), 0, 0 }));
    // A call of the next day, counted before any check: yesterday's figures are not added to.
    now = QDateTime(QDate(2026, 12, 9), QTime(8, 0), Qt::LocalTime);
    counts.noteAbandoned();
    QCOMPARE(counts.figures(), (QueueDayFigures { QDate(2026, 12, 9), 0, 1 }));
}

QTEST_GUILESS_MAIN(TestQueueDailyCounts)
#include "TestQueueDailyCounts.moc"

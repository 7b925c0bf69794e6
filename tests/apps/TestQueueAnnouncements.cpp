// Position announcements to waiting callers (SPEC Q-3) against the simulator: what each caller
// hears at positions 1, 2 and 5 (both wordings), when, music on hold again afterwards, positions
// moving up after someone leaves, and an announcement cut short when the caller is connected
//

#include "support/QueueTestRig.h"

#include "core/queue/QueueState.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using Heard = QueueTestRig::Heard;
using Wording = SupervisorSettings::PositionWording;

namespace {

constexpr int s_intervalMs = 500; // real milliseconds

QueueTestRig::Options options(Wording wording = Wording::CallersAhead, double speed = 20.0, int interval = s_intervalMs)
{
    QueueTestRig::Options result;
    result.speed = speed;
    result.queue.announcementIntervalMs = interval;
    result.queue.positionWording = wording;
    return result;
}

// The announcements a caller heard, split: each starts with youarenext or thereare.
QList<QList<Heard>> announcements(const QList<Heard> &heard)
{
    QList<QList<Heard>> result;
    for (const Heard &item : heard) {
        if (item.isMoh())
            continue;
        if (item.media == u"sound:queue-youarenext"_s || item.media == u"sound:queue-thereare"_s)
            result.append(QList<Heard>());
        if (!result.isEmpty())
            result.last().append(item);
    }
    return result;
}

// Announcements heard to their end.
int finishedAnnouncements(const QList<Heard> &heard)
{
    int count = 0;
    for (const QList<Heard> &announcement : announcements(heard)) {
        const bool complete = announcement.first().media == u"sound:queue-youarenext"_s ? announcement.size() == 1
                                                                                        : announcement.size() == 3;
        if (complete && announcement.last().end == u"finished"_s)
            ++count;
    }
    return count;
}

} // namespace

class TestQueueAnnouncements final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void contentByPosition_data();
    void contentByPosition();
    void timingAndMusicOnHold();
    void positionsMoveUpAfterALeave();
    void connectingCutsAnnouncementShort();
    void wordingChangedWhileCallersWait();
};

void TestQueueAnnouncements::contentByPosition_data()
{
    QTest::addColumn<Wording>("wording");
    QTest::addColumn<QStringList>("second"); // what position 2 hears
    QTest::addColumn<QStringList>("fifth"); // what position 5 hears
    QTest::newRow("callers ahead (tutorial)")
        << Wording::CallersAhead
        << QStringList { u"sound:queue-thereare"_s, u"number:1"_s, u"sound:queue-callswaiting"_s }
        << QStringList { u"sound:queue-thereare"_s, u"number:4"_s, u"sound:queue-callswaiting"_s };
    QTest::newRow("own position (app_queue)")
        << Wording::OwnPosition
        << QStringList { u"sound:queue-thereare"_s, u"number:2"_s, u"sound:queue-callswaiting"_s }
        << QStringList { u"sound:queue-thereare"_s, u"number:5"_s, u"sound:queue-callswaiting"_s };
}

void TestQueueAnnouncements::contentByPosition()
{
    QFETCH(Wording, wording);
    QFETCH(QStringList, second);
    QFETCH(QStringList, fifth);
    QueueTestRig rig(options(wording));
    QVERIFY(rig.start());
    QStringList callers;
    for (int i = 0; i < 5; ++i) {
        callers.append(rig.addCaller());
        QVERIFY(!callers.last().isEmpty());
    }
    for (const QString &caller : std::as_const(callers))
        QTRY_VERIFY_WITH_TIMEOUT(finishedAnnouncements(rig.heard(caller)) >= 1, 20000);

    const auto firstAnnouncement = [&](int position) {
        return QueueTestRig::media(announcements(rig.heard(callers.at(position - 1))).value(0));
    };
    QCOMPARE(firstAnnouncement(1), QStringList { u"sound:queue-youarenext"_s });
    QCOMPARE(firstAnnouncement(2), second);
    QCOMPARE(firstAnnouncement(5), fifth);
    // Every prompt of it was heard to its end, one after the other.
    const QList<Heard> fifthHeard = announcements(rig.heard(callers.at(4))).value(0);
    for (qsizetype i = 0; i < fifthHeard.size(); ++i) {
        QCOMPARE(fifthHeard.at(i).end, u"finished"_s);
        if (i > 0)
            QVERIFY(fifthHeard.at(i).startMs >= fifthHeard.at(i - 1).endMs);
    }
}

void TestQueueAnnouncements::timingAndMusicOnHold()
{
    // A longer interval: the first announcement's check allows a fifth of it for the way of a request.
    constexpr int intervalMs = 1000;
    QueueTestRig rig(options(Wording::CallersAhead, 20.0, intervalMs));
    QVERIFY(rig.start());
    const QString caller = rig.addCaller();
    QVERIFY(!caller.isEmpty());
    const std::optional<QueueWaitingCaller> entry = rig.state()->caller(caller);
    QVERIFY(entry);
    // The application plans the first one an interval after joining.
    QVERIFY(entry->nextAnnouncement >= entry->since.addMSecs(intervalMs));
    QVERIFY(entry->nextAnnouncement <= QDateTime::currentDateTimeUtc().addMSecs(intervalMs));

    QTRY_VERIFY_WITH_TIMEOUT(finishedAnnouncements(rig.heard(caller)) >= 2, 20000);
    QVERIFY(rig.waitForMoh(caller, true));
    const QList<Heard> heard = rig.heard(caller);
    const qint64 interval = qint64(intervalMs * rig.speed()); // simulated

    // Music on hold from the start; each announcement stops it and it is started again after.
    QVERIFY(heard.first().isMoh());
    const QList<QList<Heard>> said = announcements(heard);
    QVERIFY(said.size() >= 2);
    QCOMPARE(QueueTestRig::media(said.at(0)), QStringList { u"sound:queue-youarenext"_s });
    QCOMPARE(QueueTestRig::media(said.at(1)), QStringList { u"sound:queue-youarenext"_s });
    // The first: an interval after joining (the MOH started then; the request's way is allowed for).
    QVERIFY2(said.at(0).first().startMs - heard.first().startMs >= interval * 8 / 10,
        qPrintable(u"first announcement after %1 ms"_s.arg(said.at(0).first().startMs - heard.first().startMs)));
    // The next: an interval after the previous one ENDED (not after it started).
    QVERIFY2(said.at(1).first().startMs - said.at(0).last().endMs >= interval,
        qPrintable(u"second announcement %1 ms after the first ended"_s.arg(
            said.at(1).first().startMs - said.at(0).last().endMs)));
    // Between them: MOH again, started once the first announcement had ended.
    bool mohBetween = false;
    for (const Heard &item : heard) {
        if (item.isMoh() && item.startMs >= said.at(0).last().endMs && item.startMs <= said.at(1).first().startMs)
            mohBetween = true;
    }
    QVERIFY(mohBetween);
    // Before the announcement the MOH was playing, and the announcement ended it.
    bool mohStoppedByAnnouncement = false;
    for (const Heard &item : heard) {
        if (item.isMoh() && item.startMs < said.at(0).first().startMs && item.end != u"playing"_s
            && item.endMs <= said.at(0).first().startMs + 1) {
            mohStoppedByAnnouncement = true;
        }
    }
    QVERIFY(mohStoppedByAnnouncement);
}

void TestQueueAnnouncements::positionsMoveUpAfterALeave()
{
    QueueTestRig rig(options());
    QVERIFY(rig.start());
    const QString c1 = rig.addCaller();
    const QString c2 = rig.addCaller();
    const QString c3 = rig.addCaller();
    QVERIFY(!c1.isEmpty() && !c2.isEmpty() && !c3.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(finishedAnnouncements(rig.heard(c3)) >= 1, 20000);
    QCOMPARE(QueueTestRig::media(announcements(rig.heard(c3)).constFirst()),
        (QStringList { u"sound:queue-thereare"_s, u"number:2"_s, u"sound:queue-callswaiting"_s }));

    QSignalSpy removed(rig.state(), &QueueState::callerRemoved);
    QVERIFY(rig.hangUp(c2));
    QTRY_COMPARE(removed.count(), 1);
    QCOMPARE(removed.at(0).at(0).toInt(), 1);
    QCOMPARE(rig.state()->callerIds(), (QStringList { c1, c3 }));
    QCOMPARE(rig.state()->caller(c3)->position, 2);

    // The next announcement c3 starts from now on says one caller ahead.
    const int before = int(announcements(rig.heard(c3)).size());
    QTRY_VERIFY_WITH_TIMEOUT(finishedAnnouncements(rig.heard(c3)) > before, 20000);
    QCOMPARE(QueueTestRig::media(announcements(rig.heard(c3)).constLast()),
        (QStringList { u"sound:queue-thereare"_s, u"number:1"_s, u"sound:queue-callswaiting"_s }));
    // c1, still at the front, keeps hearing that it is next.
    QTRY_VERIFY_WITH_TIMEOUT(finishedAnnouncements(rig.heard(c1)) >= 2, 20000);
    for (const QList<Heard> &announcement : announcements(rig.heard(c1)))
        QCOMPARE(QueueTestRig::media(announcement).value(0), u"sound:queue-youarenext"_s);
}

void TestQueueAnnouncements::connectingCutsAnnouncementShort()
{
    // Slower clock: the announcement (5 simulated s) lasts long enough to connect during it.
    QueueTestRig rig(options(Wording::CallersAhead, 2.0));
    QVERIFY(rig.start());
    const QString caller = rig.addCaller();
    QVERIFY(!caller.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(rig.state()->caller(caller) && rig.state()->caller(caller)->announcing, 20000);
    QVERIFY(announcements(rig.heard(caller)).size() == 1);

    const QString agent = rig.addAgent();
    QVERIFY(!agent.isEmpty());
    QVERIFY(rig.waitForPlace(caller, int(QueueState::Place::Bridge)));
    const QString bridge = rig.state()->bridgeOf(caller);
    QTRY_VERIFY(rig.simBridgeIds().contains(bridge));
    QTRY_COMPARE(announcements(rig.heard(caller)).constFirst().constFirst().end, u"stopped"_s);

    const QList<Heard> heard = rig.heard(caller);
    const Heard prompt = announcements(heard).constFirst().constFirst();
    QCOMPARE(prompt.media, u"sound:queue-youarenext"_s);
    QVERIFY2(prompt.endMs - prompt.startMs < QueueTestSounds::kYouAreNextMs,
        qPrintable(u"heard %1 ms of it"_s.arg(prompt.endMs - prompt.startMs)));
    // Nothing more of the announcement, no music on hold in the call.
    QCOMPARE(announcements(heard).size(), 1);
    QCOMPARE(announcements(heard).constFirst().size(), 1);
    QVERIFY(rig.waitForMoh(caller, false));
    QVERIFY(rig.waitForMoh(agent, false));
    QCOMPARE(rig.app()->call(caller)->machine().currentState(), u"caller-bridged"_s);
}

// A reload of the settings (SIGHUP) changes the wording for the announcements that follow.
void TestQueueAnnouncements::wordingChangedWhileCallersWait()
{
    QueueTestRig rig(options(Wording::CallersAhead));
    QVERIFY(rig.start());
    const QString first = rig.addCaller();
    const QString second = rig.addCaller();
    QVERIFY(!first.isEmpty());
    QVERIFY(!second.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(finishedAnnouncements(rig.heard(second)) >= 1, 20000);
    const QStringList callersAhead { u"sound:queue-thereare"_s, u"number:1"_s, u"sound:queue-callswaiting"_s };
    QCOMPARE(QueueTestRig::media(announcements(rig.heard(second)).value(0)), callersAhead);

    rig.app()->setPositionWording(Wording::OwnPosition);
    const qsizetype heardBefore = announcements(rig.heard(second)).size();
    // The one that may have been under way when the wording changed is left out; the next one is
    // compared once all its prompts have started.
    const QStringList ownPosition { u"sound:queue-thereare"_s, u"number:2"_s, u"sound:queue-callswaiting"_s };
    QTRY_COMPARE_WITH_TIMEOUT(
        QueueTestRig::media(announcements(rig.heard(second)).value(heardBefore + 1)).size(), ownPosition.size(), 20000);
    QCOMPARE(QueueTestRig::media(announcements(rig.heard(second)).value(heardBefore + 1)), ownPosition);
}

QTEST_GUILESS_MAIN(TestQueueAnnouncements)
#include "TestQueueAnnouncements.moc"

// The queue application against the simulator: who waits where, with music on hold, and who is
// connected to whom (SPEC ), and refused Stasis arguments.

#include "support/QueueTestRig.h"

#include "core/apps/StasisApplicationHost.h"
#include "core/calls/CallTracker.h"
#include "core/queue/QueueState.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
constexpr int s_bridge = int(QueueState::Place::Bridge);
constexpr int s_agentQueue = int(QueueState::Place::AgentQueue);
constexpr int s_callerQueue = int(QueueState::Place::CallerQueue);
constexpr int s_gone = int(QueueState::Place::Gone);

QueueTestRig::Options quietOptions()
{
    QueueTestRig::Options options;
    options.queue.announcementIntervalMs = 600000; // no announcement during these tests
    return options;
}

QStringList sortedIds(QStringList ids)
{
    ids.sort();
    return ids;
}

QStringList bridgeMembers(const QJsonArray &bridges, const QString &bridgeId)
{
    for (const QJsonValue &bridge : bridges) {
        if (bridge.toObject().value("id"_L1).toString() == bridgeId) {
            QStringList members;
            for (const QJsonValue &channel : bridge.toObject().value("channels"_L1).toArray())
                members.append(channel.toString());
            members.sort();
            return members;
        }
    }
    return {};
}
} // namespace

class TestQueueMatching final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void refusesUnknownRoles_data();
    void refusesUnknownRoles();
    void agentWaitsWithMusicOnHold();
    void callerWaitsWithMusicOnHold();
    void agentsFirstThenCallers();
    void callersFirstThenAgents();
    void connectingStopsMusicOnHoldOnBoth();
};

void TestQueueMatching::refusesUnknownRoles_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("none") << QStringList();
    QTest::newRow("empty") << QStringList { QString() };
    QTest::newRow("supervisor") << QStringList { u"supervisor"_s };
    QTest::newRow("capitalised") << QStringList { u"Agent"_s };
    QTest::newRow("path") << QStringList { u"../caller"_s };
}

void TestQueueMatching::refusesUnknownRoles()
{
    QFETCH(QStringList, args);
    QueueTestRig rig(quietOptions());
    QVERIFY(rig.start());
    QSignalSpy refused(rig.host()->tracker(), &CallTracker::callRefused);
    const QString id = rig.placeCall(args);
    QVERIFY(!id.isEmpty());
    QTRY_COMPARE(refused.count(), 1);
    QCOMPARE(refused.at(0).at(0).toString(), id);
    // Hung up without being answered, never queued.
    QTRY_VERIFY(!rig.simChannelIds().contains(id));
    QCOMPARE(rig.state()->placeOf(id), QueueState::Place::Gone);
    QCOMPARE(rig.app()->callCount(), 0);
    QVERIFY(QueueTestRig::withoutMoh(rig.heard(id)).isEmpty());
    QVERIFY(QueueTestRig::lastMoh(rig.heard(id)) == nullptr);
}

void TestQueueMatching::agentWaitsWithMusicOnHold()
{
    QueueTestRig rig(quietOptions());
    QVERIFY(rig.start());
    const QString agent = rig.addAgent(u"\"Alice\" <201>"_s);
    QVERIFY(!agent.isEmpty());
    QCOMPARE(rig.state()->placeOf(agent), QueueState::Place::AgentQueue);
    QCOMPARE(rig.state()->agentCount(), 1);
    QCOMPARE(rig.state()->agentAt(0).name, u"Alice"_s);
    QCOMPARE(rig.state()->agentAt(0).position, 1);
    QVERIFY(rig.state()->agentAt(0).since.isValid());
    QVERIFY(rig.waitForMoh(agent, true));
    QTRY_COMPARE(rig.app()->call(agent)->machine().currentState(), u"agent-waiting"_s);
}

void TestQueueMatching::callerWaitsWithMusicOnHold()
{
    QueueTestRig rig(quietOptions());
    QVERIFY(rig.start());
    const QString first = rig.addCaller(u"5551001"_s);
    const QString second = rig.addCaller(u"5551002"_s);
    QVERIFY(!first.isEmpty() && !second.isEmpty());
    QCOMPARE(rig.state()->callerIds(), (QStringList { first, second }));
    QCOMPARE(rig.state()->caller(second)->position, 2);
    QCOMPARE(rig.state()->caller(second)->callerNumber, u"5551002"_s);
    QVERIFY(rig.state()->caller(first)->nextAnnouncement > QDateTime::currentDateTimeUtc());
    QVERIFY(rig.waitForMoh(first, true));
    QVERIFY(rig.waitForMoh(second, true));
}

void TestQueueMatching::agentsFirstThenCallers()
{
    QueueTestRig rig(quietOptions());
    QVERIFY(rig.start());
    const QString a1 = rig.addAgent();
    const QString a2 = rig.addAgent();
    const QString a3 = rig.addAgent();
    QCOMPARE(rig.state()->agentIds(), (QStringList { a1, a2, a3 }));

    const QString c1 = rig.addCaller();
    QVERIFY(rig.waitForPlace(c1, s_bridge));
    QCOMPARE(rig.state()->placeOf(a1), QueueState::Place::Bridge);
    QCOMPARE(rig.state()->bridgeOf(c1), rig.state()->bridgeOf(a1));
    QCOMPARE(rig.state()->agentIds(), (QStringList { a2, a3 }));
    QCOMPARE(rig.state()->agentAt(0).position, 1);

    const QString c2 = rig.addCaller();
    QVERIFY(rig.waitForPlace(c2, s_bridge));
    QCOMPARE(rig.state()->bridgeOf(c2), rig.state()->bridgeOf(a2));
    QCOMPARE(rig.state()->agentIds(), QStringList { a3 });
    QCOMPARE(rig.state()->callerCount(), 0);
    QCOMPARE(rig.state()->pairCount(), 2);

    // The server holds the same bridges, each with its two channels.
    const QString b1 = rig.state()->bridgeOf(c1);
    const QString b2 = rig.state()->bridgeOf(c2);
    QTRY_COMPARE(bridgeMembers(rig.simBridges(), b1), sortedIds({ a1, c1 }));
    QTRY_COMPARE(bridgeMembers(rig.simBridges(), b2), sortedIds({ a2, c2 }));
    QCOMPARE(rig.state()->pairAt(0).bridgeId, b1);
    QCOMPARE(rig.state()->pairAt(0).agentChannelId, a1);
    QCOMPARE(rig.state()->pairAt(0).callerChannelId, c1);
}

void TestQueueMatching::callersFirstThenAgents()
{
    QueueTestRig rig(quietOptions());
    QVERIFY(rig.start());
    const QString c1 = rig.addCaller();
    const QString c2 = rig.addCaller();
    const QString c3 = rig.addCaller();
    QCOMPARE(rig.state()->callerIds(), (QStringList { c1, c2, c3 }));

    const QString a1 = rig.addAgent();
    QVERIFY(rig.waitForPlace(a1, s_bridge));
    QCOMPARE(rig.state()->bridgeOf(a1), rig.state()->bridgeOf(c1));
    QCOMPARE(rig.state()->callerIds(), (QStringList { c2, c3 }));
    QCOMPARE(rig.state()->caller(c2)->position, 1);
    QCOMPARE(rig.state()->caller(c3)->position, 2);

    const QString a2 = rig.addAgent();
    QVERIFY(rig.waitForPlace(a2, s_bridge));
    QCOMPARE(rig.state()->bridgeOf(a2), rig.state()->bridgeOf(c2));
    QCOMPARE(rig.state()->callerIds(), QStringList { c3 });
    QCOMPARE(rig.state()->placeOf(c3), QueueState::Place::CallerQueue);
    QCOMPARE(rig.state()->agentCount(), 0);
    Q_UNUSED(s_agentQueue);
    Q_UNUSED(s_callerQueue);
    Q_UNUSED(s_gone);
}

void TestQueueMatching::connectingStopsMusicOnHoldOnBoth()
{
    QueueTestRig rig(quietOptions());
    QVERIFY(rig.start());
    const QString caller = rig.addCaller();
    QVERIFY(rig.waitForMoh(caller, true));
    const QString agent = rig.addAgent();
    QVERIFY(rig.waitForPlace(agent, s_bridge));
    QVERIFY(rig.waitForMoh(caller, false));
    QVERIFY(rig.waitForMoh(agent, false));
    const QString bridge = rig.state()->bridgeOf(agent);
    QTRY_COMPARE(bridgeMembers(rig.simBridges(), bridge), sortedIds({ agent, caller }));
    QTRY_COMPARE(rig.app()->call(agent)->machine().currentState(), u"agent-bridged"_s);
    QTRY_COMPARE(rig.app()->call(caller)->machine().currentState(), u"caller-bridged"_s);
}

QTEST_GUILESS_MAIN(TestQueueMatching)
#include "TestQueueMatching.moc"

#include "app/DemoSchedule.h"

#include <QTest>

#include <algorithm>
#include <map>

using namespace Qt::StringLiterals;
using Action = DemoSchedule::Action;

// The demo's traffic plan (SPEC UX-8), in simulated time and seeded, so every figure below is
// exact: realistic lengths, a queue that fills and drains, voicemails now and then, one recording
// at a time and keys an agent presses only inside their own call.
class TestDemoSchedule final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameSeedSamePlan();
    void actionsComeInTimeOrderAndOnce();
    void queueCallsHaveRealisticLengths();
    void theQueueFillsAndDrains();
    void voicemailsArriveNowAndThen();
    void oneRecordingAtATimeAndNoToggling();
    void theFirstHalfMinuteShowsEverything();

private:
    static constexpr qint64 s_horizonMs = 60 * 60'000; // an hour of demo
    static QList<Action> plan(DemoSchedule *schedule, qint64 stepMs = 60'000);
};

QList<Action> TestDemoSchedule::plan(DemoSchedule *schedule, qint64 stepMs)
{
    QList<Action> actions;
    for (qint64 horizon = 0; horizon < s_horizonMs; horizon += stepMs)
        actions += schedule->until(horizon);
    actions += schedule->until(s_horizonMs);
    return actions;
}

void TestDemoSchedule::sameSeedSamePlan()
{
    DemoSchedule a(7);
    DemoSchedule b(7);
    DemoSchedule c(8);
    // Asked in different steps, the same seed plans the same.
    const QList<Action> planA = plan(&a, 60'000);
    QCOMPARE(plan(&b, 17'000), planA);
    QVERIFY(plan(&c) != planA);
}

void TestDemoSchedule::actionsComeInTimeOrderAndOnce()
{
    DemoSchedule schedule;
    qint64 previous = 0;
    QSet<int> placed;
    for (qint64 horizon = 0; horizon <= s_horizonMs; horizon += 45'000) {
        for (const Action &action : schedule.until(horizon)) {
            QVERIFY(action.atMs >= previous);
            QVERIFY(action.atMs <= horizon);
            previous = action.atMs;
            if (action.kind == Action::Kind::Place) {
                QVERIFY2(!placed.contains(action.party), "a phone is placed once");
                placed.insert(action.party);
            } else {
                QVERIFY2(placed.contains(action.party), "no action on a phone before it is placed");
            }
        }
    }
    QVERIFY(placed.size() > 60);
}

void TestDemoSchedule::queueCallsHaveRealisticLengths()
{
    DemoSchedule schedule;
    const QList<Action> actions = plan(&schedule);
    std::map<int, qint64> hangUps;
    for (const Action &action : actions) {
        if (action.kind == Action::Kind::HangUp)
            hangUps[action.party] = action.atMs;
    }
    int answered = 0;
    for (const DemoSchedule::QueueCall &call : schedule.queueCalls()) {
        if (call.endMs > s_horizonMs)
            continue;
        QCOMPARE(hangUps.at(call.party), call.endMs);
        if (call.connectMs < 0)
            continue;
        ++answered;
        const qint64 talk = call.endMs - call.connectMs;
        QVERIFY2(talk >= 60'000 && talk <= 240'000, qPrintable(QString::number(talk)));
    }
    QVERIFY(answered >= 40);
    // Per agent: one call at a time, each after the agent's previous one ended.
    std::map<int, qint64> agentFree;
    for (const DemoSchedule::QueueCall &call : schedule.queueCalls()) {
        if (call.connectMs < 0)
            continue;
        QVERIFY(call.connectMs >= call.arrivalMs);
        QVERIFY(call.connectMs >= agentFree[call.agentParty]);
        agentFree[call.agentParty] = call.endMs;
    }
    QCOMPARE(static_cast<int>(agentFree.size()), DemoSchedule::s_agents);
}

void TestDemoSchedule::theQueueFillsAndDrains()
{
    DemoSchedule schedule;
    plan(&schedule);
    // The number of callers waiting, from the plan: +1 at arrival, -1 when connected or gone.
    std::multimap<qint64, int> changes;
    int waitedLong = 0;
    for (const DemoSchedule::QueueCall &call : schedule.queueCalls()) {
        changes.emplace(call.arrivalMs, +1);
        changes.emplace(call.connectMs < 0 ? call.endMs : call.connectMs, -1);
        if (call.connectMs < 0 || call.connectMs - call.arrivalMs >= 30'000)
            ++waitedLong;
    }
    int waiting = 0;
    int peaks = 0; // times the queue reached 2 callers after being empty
    bool emptySincePeak = true;
    for (const auto &[at, change] : changes) {
        if (at > s_horizonMs)
            break;
        waiting += change;
        QVERIFY(waiting >= 0);
        if (waiting >= 2 && emptySincePeak) {
            ++peaks;
            emptySincePeak = false;
        } else if (waiting == 0) {
            emptySincePeak = true;
        }
    }
    // The rate swells and ebbs every six minutes: the queue fills and drains again and again.
    QVERIFY2(peaks >= 4, qPrintable(QString::number(peaks)));
    QVERIFY(waitedLong >= 5);
    QVERIFY(DemoSchedule::arrivalsPerMinute(0) > 1.5);
    QVERIFY(DemoSchedule::arrivalsPerMinute(DemoSchedule::s_ratePeriodMs / 2) < 0.5);
}

void TestDemoSchedule::voicemailsArriveNowAndThen()
{
    DemoSchedule schedule;
    const QList<Action> actions = plan(&schedule);
    std::map<int, qint64> talks;
    for (const Action &action : actions) {
        if (action.kind == Action::Kind::Talk)
            talks[action.party] = action.args.toLongLong();
    }
    qint64 previous = 0;
    int messages = 0;
    for (const DemoSchedule::Voicemail &message : schedule.voicemails()) {
        if (message.acceptedMs > s_horizonMs)
            break;
        ++messages;
        QVERIFY(message.lengthMs >= 15'000 && message.lengthMs <= 60'000);
        QCOMPARE(talks.at(message.party), message.lengthMs);
        // Now and then: never more than two and a half minutes apart.
        QVERIFY2(message.placedMs - previous <= 150'000, qPrintable(QString::number(message.placedMs - previous)));
        previous = message.placedMs;
    }
    QVERIFY(messages >= 25);
}

void TestDemoSchedule::oneRecordingAtATimeAndNoToggling()
{
    DemoSchedule schedule;
    const QList<Action> actions = plan(&schedule);
    // Who is connected to which agent when, from the plan.
    const auto inCallOf = [&schedule](int agent, qint64 at) {
        return std::any_of(schedule.queueCalls().cbegin(), schedule.queueCalls().cend(), [&](const auto &call) {
            return call.agentParty == agent && call.connectMs >= 0 && at > call.connectMs && at < call.endMs;
        });
    };
    QSet<int> agents;
    for (const Action &action : actions) {
        if (action.kind == Action::Kind::Place && action.args == "agent"_L1)
            agents.insert(action.party);
    }
    int recorder = 0; // the agent whose call is recorded now
    qint64 startedAt = -1;
    qint64 lastKeyAt = -1;
    int recordings = 0;
    for (const Action &action : actions) {
        if (action.kind != Action::Kind::Keys || !agents.contains(action.party))
            continue;
        QVERIFY2(inCallOf(action.party, action.atMs), "an agent's key falls inside their call");
        // Record-related keys are far apart: nothing toggles every second.
        QVERIFY(lastKeyAt < 0 || action.atMs - lastKeyAt >= 5000);
        lastKeyAt = action.atMs;
        if (action.args == "0"_L1) {
            QCOMPARE(recorder, 0); // only one at a time
            recorder = action.party;
            startedAt = action.atMs;
            ++recordings;
        } else if (action.args == "7"_L1) {
            QCOMPARE(recorder, action.party);
            QVERIFY(action.atMs - startedAt >= 45'000);
            recorder = 0;
        } else {
            QCOMPARE(action.args, u"5"_s);
            QCOMPARE(recorder, action.party);
        }
    }
    QVERIFY(recordings >= 10);
}

void TestDemoSchedule::theFirstHalfMinuteShowsEverything()
{
    DemoSchedule schedule;
    const QList<Action> first = schedule.until(30'000);
    int agents = 0;
    int callers = 0;
    bool recording = false;
    for (const Action &action : first) {
        if (action.kind == Action::Kind::Place && action.args == "agent"_L1)
            ++agents;
        if (action.kind == Action::Kind::Place && action.args == "caller"_L1)
            ++callers;
        if (action.kind == Action::Kind::Keys && action.args == "0"_L1)
            recording = true;
    }
    QCOMPARE(agents, DemoSchedule::s_agents);
    QVERIFY(callers > agents); // someone waits
    QVERIFY(recording);
    QVERIFY(!schedule.voicemails().empty());
    QVERIFY(schedule.voicemails().front().acceptedMs <= 30'000);
}

QTEST_GUILESS_MAIN(TestDemoSchedule)
#include "TestDemoSchedule.moc"

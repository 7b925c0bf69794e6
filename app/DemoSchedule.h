#pragma once

#include <QList>
#include <QRandomGenerator>
#include <QString>

#include <map>
#include <vector>

// What the demo's scripted phones do, and when (SPEC UX-8), in simulated time: agents log in and
// stay; callers arrive at a rate that swells and ebbs over a few minutes (so at times they wait
// and the queue fills, then drains), talk 1–4 minutes and hang up, or give up when they have
// waited too long; one call at a time is recorded (with a pause around a card number); now and
// then a caller leaves a voicemail of 15–60 s, and someone listens to their messages.
// Pure planning, seeded: the same seed gives the same plan however it is asked for, and nothing
// here reads a clock.
// The plan follows the queue's rules (a caller goes to the agent who has waited longest; an agent
// whose caller hung up waits again), so the keys an agent presses fall inside their call.
class DemoSchedule
{
public:
    // One thing a scripted phone does. `party` numbers the phones (the call placed by the Place
    // action of that party); the other actions act on that call.
    struct Action
    {
        enum class Kind { Place, Keys, Talk, HangUp };
        qint64 atMs = 0;
        int party = 0;
        Kind kind = Kind::Place;
        QString app; // Place: which application ("agent"/"caller" go to the queue)
        QString args; // Place: the Stasis arguments; Keys: the digits; Talk: how long, in ms
        bool operator==(const Action &) const = default;
    };
    enum class App { Queue, VmRecord, VmPlayback };

    // A caller of the queue as planned.
    struct QueueCall
    {
        int party = 0;
        int agentParty = 0; // 0 when the caller gave up
        qint64 arrivalMs = 0;
        qint64 connectMs = -1; // -1 when the caller gave up
        qint64 endMs = 0; // hung up
        bool recorded = false;
    };
    // A voicemail left, as planned.
    struct Voicemail
    {
        int party = 0;
        QString mailbox;
        qint64 placedMs = 0;
        qint64 lengthMs = 0; // what the caller says
        qint64 acceptedMs = 0; // the message is kept
    };

    static constexpr int s_agents = 3;
    static constexpr qint64 s_minTalkMs = 60'000;
    static constexpr qint64 s_maxTalkMs = 240'000;
    static constexpr qint64 s_minMessageMs = 15'000;
    static constexpr qint64 s_maxMessageMs = 60'000;
    static constexpr qint64 s_ratePeriodMs = 6 * 60'000; // the arrival rate's swell and ebb

    explicit DemoSchedule(quint32 seed = 20261206);

    // Every action up to `horizonMs` not returned before, in time order. Called again with a later
    // horizon it carries on.
    QList<Action> until(qint64 horizonMs);
    // The application an action of Place goes to.
    static App appOf(const Action &place);

    // The plan so far (for tests and logs).
    const std::vector<QueueCall> &queueCalls() const { return m_calls; }
    const std::vector<Voicemail> &voicemails() const { return m_voicemails; }
    // Callers per minute expected at `ms` (the swell and ebb).
    static double arrivalsPerMinute(qint64 ms);

private:
    // Phones are numbered per stream (callers and agents from 1, voicemail callers from
    // 1,000,001, listeners from 2,000,001), so the numbers do not depend on how the plan is asked for.
    enum class Stream { Queue, Messages, Listeners };
    int newParty(Stream stream);
    void add(qint64 atMs, int party, Action::Kind kind, const QString &app = {}, const QString &args = {});
    void planCaller(qint64 arrivalMs, qint64 talkMs, qint64 patienceMs);
    void planVoicemail(qint64 atMs, qint64 lengthMs);
    void planListener(qint64 atMs);
    static qint64 uniform(QRandomGenerator &random, qint64 low, qint64 high); // [low, high]
    qint64 nextArrivalAfter(qint64 ms);

    // One generator per stream, so that how the plan is asked for (in which steps) changes nothing.
    QRandomGenerator m_callers;
    QRandomGenerator m_messages;
    QRandomGenerator m_listeners;
    int m_lastParty[3] = { 0, 1'000'000, 2'000'000 };
    // By time, then phone; a phone's actions of the same time keep their order.
    std::multimap<std::pair<qint64, int>, Action> m_pending;
    std::vector<int> m_agentParties;
    std::vector<qint64> m_agentFreeAt; // when each agent waits again
    qint64 m_recorderFreeAt = 0; // one recording at a time
    qint64 m_nextArrivalMs = 0;
    qint64 m_nextVoicemailMs = 0;
    qint64 m_nextListenerMs = 0;
    std::vector<QueueCall> m_calls;
    std::vector<Voicemail> m_voicemails;
};

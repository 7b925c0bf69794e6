#include "app/DemoSchedule.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

using namespace Qt::StringLiterals;

namespace {

const QStringList s_mailboxes = { u"100"_s, u"101"_s, u"30"_s, u"305"_s };
constexpr double s_meanRate = 1.1; // callers per minute; three agents answer about 1.2
constexpr double s_rateSwing = 0.9;
constexpr qint64 s_agentBackMs = 500; // an agent waits again this long after the caller hung up
constexpr qint64 s_minPatienceMs = 90'000;
constexpr qint64 s_maxPatienceMs = 240'000;

} // namespace

DemoSchedule::DemoSchedule(quint32 seed)
    : m_callers(seed)
    , m_messages(seed ^ 0x5bd1e995u)
    , m_listeners(seed ^ 0x9e3779b9u)
{
    // Three agents log in one after the other and stay.
    for (int i = 0; i < s_agents; ++i) {
        const qint64 at = i * 1500;
        const int party = newParty(Stream::Queue);
        add(at, party, Action::Kind::Place, u"queue"_s, u"agent"_s);
        m_agentParties.push_back(party);
        m_agentFreeAt.push_back(at + 1000);
    }
    // The first half minute shows everything: more callers than agents (some wait), the first
    // call recorded, a short voicemail arriving.
    for (const qint64 at : { 4000, 7000, 10000, 14000, 19000 })
        planCaller(
            at, uniform(m_callers, s_minTalkMs, s_maxTalkMs), uniform(m_callers, s_minPatienceMs, s_maxPatienceMs));
    planVoicemail(3000, s_minMessageMs);
    m_nextArrivalMs = nextArrivalAfter(25000);
    m_nextVoicemailMs = 60000 + uniform(m_messages, 0, 60000);
    m_nextListenerMs = 45000;
}

double DemoSchedule::arrivalsPerMinute(qint64 ms)
{
    const double phase = 2.0 * std::numbers::pi * static_cast<double>(ms) / static_cast<double>(s_ratePeriodMs);
    return s_meanRate + s_rateSwing * std::cos(phase);
}

DemoSchedule::App DemoSchedule::appOf(const Action &place)
{
    if (place.app == "vm-record"_L1)
        return App::VmRecord;
    if (place.app == "vm-playback"_L1)
        return App::VmPlayback;
    return App::Queue;
}

int DemoSchedule::newParty(Stream stream)
{
    return ++m_lastParty[static_cast<int>(stream)];
}

qint64 DemoSchedule::uniform(QRandomGenerator &random, qint64 low, qint64 high)
{
    return low + static_cast<qint64>(random.bounded(static_cast<quint64>(high - low + 1)));
}

qint64 DemoSchedule::nextArrivalAfter(qint64 ms)
{
    // A Poisson process whose rate changes with time, by thinning one of the highest rate.
    const double highest = s_meanRate + s_rateSwing;
    double t = static_cast<double>(ms);
    for (;;) {
        const double u = m_callers.generateDouble();
        t += -std::log(1.0 - u) * 60000.0 / highest;
        if (m_callers.generateDouble() * highest <= arrivalsPerMinute(static_cast<qint64>(t)))
            return static_cast<qint64>(t);
    }
}

void DemoSchedule::add(qint64 atMs, int party, Action::Kind kind, const QString &app, const QString &args)
{
    m_pending.emplace(std::make_pair(atMs, party), Action { atMs, party, kind, app, args });
}

void DemoSchedule::planCaller(qint64 arrivalMs, qint64 talkMs, qint64 patienceMs)
{
    const int party = newParty(Stream::Queue);
    add(arrivalMs, party, Action::Kind::Place, u"queue"_s, u"caller"_s);
    QueueCall call;
    call.party = party;
    call.arrivalMs = arrivalMs;
    // The agent who has waited longest is the one free first.
    const auto first = std::min_element(m_agentFreeAt.begin(), m_agentFreeAt.end());
    const qint64 connect = std::max(arrivalMs, *first);
    if (connect - arrivalMs > patienceMs) {
        call.endMs = arrivalMs + patienceMs; // gives up
        add(call.endMs, party, Action::Kind::HangUp);
        m_calls.push_back(call);
        return;
    }
    const int agent = m_agentParties.at(static_cast<size_t>(first - m_agentFreeAt.begin()));
    call.agentParty = agent;
    call.connectMs = connect;
    call.endMs = connect + talkMs;
    *first = call.endMs + s_agentBackMs;
    // One recording at a time, started a few seconds into the call, paused around a card
    // number, stopped before the end.
    if (m_recorderFreeAt <= connect) {
        call.recorded = true;
        add(connect + 4000, agent, Action::Kind::Keys, {}, u"0"_s);
        if (talkMs >= 100'000) {
            add(connect + 30'000, agent, Action::Kind::Keys, {}, u"5"_s);
            add(connect + 42'000, agent, Action::Kind::Keys, {}, u"5"_s);
        }
        add(call.endMs - 5000, agent, Action::Kind::Keys, {}, u"7"_s);
        m_recorderFreeAt = call.endMs;
    }
    add(call.endMs, party, Action::Kind::HangUp);
    m_calls.push_back(call);
}

void DemoSchedule::planVoicemail(qint64 atMs, qint64 lengthMs)
{
    const int party = newParty(Stream::Messages);
    Voicemail message;
    message.party = party;
    message.mailbox = s_mailboxes.at(static_cast<int>(m_messages.bounded(static_cast<quint32>(s_mailboxes.size()))));
    message.placedMs = atMs;
    message.lengthMs = lengthMs;
    add(atMs, party, Action::Kind::Place, u"vm-record"_s, message.mailbox);
    add(atMs + 3000, party, Action::Kind::Keys, {}, u"#"_s); // skips the greeting
    add(atMs + 4000, party, Action::Kind::Talk, {}, QString::number(lengthMs));
    const qint64 stop = atMs + 4000 + lengthMs + 500;
    add(stop, party, Action::Kind::Keys, {}, u"#"_s); // stops recording
    message.acceptedMs = stop + 3000;
    add(message.acceptedMs, party, Action::Kind::Keys, {}, u"#"_s); // keeps it
    add(message.acceptedMs + 5000, party, Action::Kind::HangUp);
    m_voicemails.push_back(message);
}

void DemoSchedule::planListener(qint64 atMs)
{
    const int party = newParty(Stream::Listeners);
    const QString mailbox
        = s_mailboxes.at(static_cast<int>(m_listeners.bounded(static_cast<quint32>(s_mailboxes.size()))));
    add(atMs, party, Action::Kind::Place, u"vm-playback"_s, mailbox);
    add(atMs + 3000, party, Action::Kind::Keys, {}, u"#"_s); // skips "message 1"
    add(atMs + 8000, party, Action::Kind::Keys, {}, u"2"_s); // pause
    add(atMs + 11000, party, Action::Kind::Keys, {}, u"2"_s); // go on
    add(atMs + 15000, party, Action::Kind::Keys, {}, u"6"_s); // next message
    add(atMs + 30000, party, Action::Kind::HangUp);
}

QList<DemoSchedule::Action> DemoSchedule::until(qint64 horizonMs)
{
    // Everything that starts by the horizon is planned: its actions all come after its start.
    while (m_nextArrivalMs <= horizonMs) {
        planCaller(m_nextArrivalMs, uniform(m_callers, s_minTalkMs, s_maxTalkMs),
            uniform(m_callers, s_minPatienceMs, s_maxPatienceMs));
        m_nextArrivalMs = nextArrivalAfter(m_nextArrivalMs);
    }
    while (m_nextVoicemailMs <= horizonMs) {
        planVoicemail(m_nextVoicemailMs, uniform(m_messages, s_minMessageMs, s_maxMessageMs));
        m_nextVoicemailMs += uniform(m_messages, 60'000, 150'000);
    }
    while (m_nextListenerMs <= horizonMs) {
        planListener(m_nextListenerMs);
        m_nextListenerMs += uniform(m_listeners, 120'000, 240'000);
    }
    QList<Action> due;
    const auto end = m_pending.upper_bound(std::make_pair(horizonMs, std::numeric_limits<int>::max()));
    for (auto it = m_pending.begin(); it != end; ++it)
        due.append(it->second);
    m_pending.erase(m_pending.begin(), end);
    return due;
}

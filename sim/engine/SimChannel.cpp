#include "sim/engine/SimChannel.h"

#include <QPointer>

#include "sim/engine/SimBridge.h"
#include "sim/engine/SimClock.h"
#include "sim/media/SimMediaQueue.h"
#include "sim/engine/SimTimestamps.h"

using namespace Qt::StringLiterals;

namespace {
// Talking stretches kept per channel (enough for any recording running at the same time).
constexpr qsizetype s_maxTalkIntervals = 256;
} // namespace

SimChannel::SimChannel(const QString &id, const QString &name, const QDateTime &creationTime,
                       SimClock *clock, QObject *parent)
    : QObject(parent)
    , m_id(id)
    , m_name(name)
    , m_creationTime(creationTime)
    , m_mediaQueue(new SimMediaQueue(this))
    , m_clock(clock)
    , m_talkTimer(clock)
    , m_dtmfTimer(clock)
{
    connect(&m_talkTimer, &SimTimer::timeout, this, &SimChannel::onTalkTimeout);
    connect(&m_dtmfTimer, &SimTimer::timeout, this, &SimChannel::onDtmfTimeout);
}

SimChannel::~SimChannel() = default;

void SimChannel::setCaller(const QString &name, const QString &number)
{
    m_callerName = name;
    m_callerNumber = number;
}

void SimChannel::setConnected(const QString &name, const QString &number)
{
    m_connectedName = name;
    m_connectedNumber = number;
}

void SimChannel::setDialplan(const QString &context, const QString &exten, int priority,
                             const QString &appName, const QString &appData)
{
    m_context = context;
    m_exten = exten;
    m_priority = priority;
    m_appName = appName;
    m_appData = appData;
}

void SimChannel::setEndpoint(const QString &technology, const QString &resource)
{
    m_technology = technology;
    m_resource = resource;
}

QJsonObject SimChannel::toJson() const
{
    QJsonObject json{
        {u"id"_s, m_id},
        {u"name"_s, m_name},
        {u"state"_s, m_state},
        {u"protocol_id"_s, QString()},
        {u"caller"_s, QJsonObject{{u"name"_s, m_callerName}, {u"number"_s, m_callerNumber}}},
        {u"connected"_s, QJsonObject{{u"name"_s, m_connectedName}, {u"number"_s, m_connectedNumber}}},
        {u"accountcode"_s, QString()},
        {u"dialplan"_s, QJsonObject{{u"context"_s, m_context},
                                    {u"exten"_s, m_exten},
                                    {u"priority"_s, m_priority},
                                    {u"app_name"_s, m_appName},
                                    {u"app_data"_s, m_appData}}},
        {u"creationtime"_s, SimTimestamps::format(m_creationTime)},
        {u"language"_s, m_language},
    };
    if (!m_reportedVariables.isEmpty()) {
        QJsonObject variables;
        for (const QString &name : m_reportedVariables)
            variables.insert(name, m_variables.value(name));
        json.insert(u"channelvars"_s, variables);
    }
    return json;
}

void SimChannel::reportVariable(const QString &name)
{
    if (!m_reportedVariables.contains(name))
        m_reportedVariables.append(name);
}

void SimChannel::enterStasis(const QString &application, const QStringList &args)
{
    m_stasisApp = application;
    m_stasisArgs = args;
    m_applications.insert(application);
}

void SimChannel::leaveStasis()
{
    m_stasisApp.clear();
}

SimBridge *SimChannel::bridge() const
{
    return m_bridge.data();
}

void SimChannel::setBridge(SimBridge *bridge)
{
    m_bridge = bridge;
}

SimChannel *SimChannel::snoopTarget() const
{
    return m_snoopTarget.data();
}

void SimChannel::setSnoopTarget(SimChannel *target, const QString &spy, const QString &whisper)
{
    m_snoopTarget = target;
    m_snoopSpy = spy;
    m_snoopWhisper = whisper;
}

QList<SimChannel *> SimChannel::snoops() const
{
    QList<SimChannel *> result;
    for (const QPointer<SimChannel> &snoop : m_snoops) {
        if (snoop)
            result.append(snoop.data());
    }
    return result;
}

void SimChannel::addSnoop(SimChannel *snoop)
{
    m_snoops.removeIf([](const QPointer<SimChannel> &s) { return !s; });
    m_snoops.append(snoop);
}

SimChannel *SimChannel::peer() const
{
    return m_peer.data();
}

void SimChannel::setPeer(SimChannel *peer)
{
    m_peer = peer;
}

void SimChannel::setMusicOnHold(const QString &mohClass, int heardEntry)
{
    m_mohClass = mohClass;
    m_mohEntry = heardEntry;
}

void SimChannel::clearMusicOnHold()
{
    m_mohClass.clear();
    m_mohEntry = -1;
}

void SimChannel::talk(qint64 durationMs)
{
    if (durationMs <= 0)
        return;
    const qint64 now = m_clock ? m_clock->elapsedMs() : 0;
    if (m_talking && !m_talk.isEmpty()) {
        Interval &current = m_talk.last();
        current.endMs = qMax(current.endMs, now + durationMs);
        m_talkTimer.start(current.endMs - now);
        return;
    }
    m_talk.append(Interval{now, now + durationMs});
    if (m_talk.size() > s_maxTalkIntervals)
        m_talk.removeFirst();
    m_talking = true;
    m_talkTimer.start(durationMs);
    Q_EMIT talkingChanged(true);
}

void SimChannel::onTalkTimeout()
{
    m_talking = false;
    Q_EMIT talkingChanged(false);
}

qint64 SimChannel::lastTalkEndMs() const
{
    return m_talk.isEmpty() ? -1 : m_talk.last().endMs;
}

void SimChannel::queueDtmf(const QList<Dtmf> &digits)
{
    m_dtmf.append(digits);
    if (!m_dtmfTimer.isActive())
        scheduleDtmf();
}

void SimChannel::scheduleDtmf()
{
    if (m_dtmf.isEmpty() || m_hangingUp)
        return;
    const qint64 now = m_clock ? m_clock->elapsedMs() : 0;
    const qint64 start = qMax(now, m_dtmfReadyAtMs);
    m_dtmfTimer.start(start - now + m_dtmf.first().durationMs);
}

void SimChannel::onDtmfTimeout()
{
    if (m_dtmf.isEmpty() || m_hangingUp)
        return;
    const Dtmf digit = m_dtmf.takeFirst();
    const QPointer<SimChannel> alive(this);
    Q_EMIT dtmfReceived(QString(digit.digit), static_cast<int>(digit.durationMs));
    if (!alive)
        return;
    // The gap counts from once the digit has been delivered (its event stamped), so two events
    // are never closer than the gap asked for, whatever the delivery itself cost.
    m_dtmfReadyAtMs = (m_clock ? m_clock->elapsedMs() : 0) + digit.betweenMs;
    scheduleDtmf();
}

#include "sim/engine/SimFaultPlan.h"

#include "sim/engine/SimLogging.h"
#include "sim/engine/SimTimer.h"

using namespace Qt::StringLiterals;

SimFaultPlan::SimFaultPlan(SimClock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{
}

void SimFaultPlan::dropEventSocketsNow()
{
    qCInfo(lcSim) << "fault: dropping every event socket";
    m_eventsBeforeDrop = 0;
    Q_EMIT dropEventSocketsRequested();
}

void SimFaultPlan::dropEventSocketsAfter(int events)
{
    m_eventsBeforeDrop = qMax(events, 0);
    if (m_eventsBeforeDrop > 0)
        qCInfo(lcSim) << "fault: event sockets dropped after" << m_eventsBeforeDrop << "more event(s)";
}

bool SimFaultPlan::eventDelivered()
{
    if (m_eventsBeforeDrop <= 0)
        return false;
    if (--m_eventsBeforeDrop > 0)
        return false;
    qCInfo(lcSim) << "fault: dropping every event socket (event count reached)";
    return true;
}

void SimFaultPlan::refuseConnectionsFor(qint64 ms)
{
    delete m_refusalTimer;
    m_refusalTimer = nullptr;
    if (ms <= 0) {
        setRefusing(false);
        return;
    }
    qCInfo(lcSim) << "fault: refusing connections for" << ms << "simulated ms";
    setRefusing(true);
    m_refusalTimer = SimTimer::singleShot(m_clock, ms, this, [this] {
        m_refusalTimer = nullptr;
        setRefusing(false);
    });
}

void SimFaultPlan::setRefusing(bool refusing)
{
    if (m_refusing == refusing)
        return;
    m_refusing = refusing;
    if (!refusing)
        qCInfo(lcSim) << "fault: accepting connections again";
    Q_EMIT refusingConnectionsChanged(refusing);
}

void SimFaultPlan::failNextRequests(int count, RequestFault fault, qint64 delayMs)
{
    m_requestsToFault = fault == RequestFault::None ? 0 : qMax(count, 0);
    m_requestFault = m_requestsToFault > 0 ? fault : RequestFault::None;
    m_requestDelayMs = qMax<qint64>(delayMs, 0);
    if (m_requestsToFault > 0)
        qCInfo(lcSim).noquote() << "fault: the next" << m_requestsToFault << "ARI request(s):" << faultName(fault);
}

SimFaultPlan::RequestVerdict SimFaultPlan::takeRequestFault()
{
    if (m_requestsToFault <= 0)
        return {};
    RequestVerdict verdict { m_requestFault, m_requestDelayMs };
    if (--m_requestsToFault == 0)
        m_requestFault = RequestFault::None;
    return verdict;
}

void SimFaultPlan::restart(qint64 downMs)
{
    qCInfo(lcSim) << "fault: restart, every state lost, down for" << downMs << "simulated ms";
    m_eventsBeforeDrop = 0;
    m_requestsToFault = 0;
    m_requestFault = RequestFault::None;
    Q_EMIT restartRequested();
    refuseConnectionsFor(downMs);
}

void SimFaultPlan::clear()
{
    m_eventsBeforeDrop = 0;
    m_requestsToFault = 0;
    m_requestFault = RequestFault::None;
    refuseConnectionsFor(0);
}

QJsonObject SimFaultPlan::toJson() const
{
    return QJsonObject { { u"dropEventsAfter"_s, m_eventsBeforeDrop }, { u"refusingConnections"_s, m_refusing },
        { u"requests"_s,
            QJsonObject { { u"count"_s, m_requestsToFault }, { u"fault"_s, faultName(m_requestFault) },
                { u"ms"_s, static_cast<double>(m_requestDelayMs) } } } };
}

QString SimFaultPlan::faultName(RequestFault fault)
{
    switch (fault) {
    case RequestFault::None:
        return u"none"_s;
    case RequestFault::ServerError:
        return u"error"_s;
    case RequestFault::NoAnswer:
        return u"no-answer"_s;
    case RequestFault::Delay:
        return u"delay"_s;
    }
    return u"none"_s;
}

bool SimFaultPlan::parseFault(const QString &name, RequestFault *fault)
{
    for (RequestFault candidate : { RequestFault::ServerError, RequestFault::NoAnswer, RequestFault::Delay }) {
        if (name == faultName(candidate)) {
            *fault = candidate;
            return true;
        }
    }
    return false;
}

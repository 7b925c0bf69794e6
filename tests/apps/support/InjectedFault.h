#pragma once

#include <QList>
#include <QMetaType>

#include <utility>

class AriEventStream;
class SimFaultPlan;
class StasisApplicationHost;

// The faults of SPEC CN-6 that the recovery tables inject, each followed by what brings the
// supervisor back.
enum class InjectedFault {
    DropSocket, // the event socket is cut; the stream reconnects
    DropAfterEvents, // cut right after the next few events (the test makes them happen)
    RefuseConnections, // cut, and the server refuses connections for a while
    ServerErrors, // cut, and the next requests (the rebuild's) answer 500
    NoAnswer, // cut, and the next request (the rebuild's) is never answered
    SlowAnswers, // cut, and the next requests are answered late
    ServiceRestart, // the supervisor's core is destroyed and started again (by the test's rig)
    ServerRestart, // the server loses every call (an Asterisk restart)
};
Q_DECLARE_METATYPE(InjectedFault)

// Every fault with the name its table rows use.
QList<std::pair<const char *, InjectedFault>> allInjectedFaults();

// Short reconnect and rebuild delays, so that a table of faults runs in seconds.
void speedUpRecovery(AriEventStream *events, StasisApplicationHost *host);

// Arms the server's side of `fault`. DropAfterEvents arms a cut after `eventsBeforeDrop` events,
// which the test then provokes; ServiceRestart has no server side (the test's rig restarts its
// core).
void armFault(SimFaultPlan *faults, InjectedFault fault, int eventsBeforeDrop = 1);

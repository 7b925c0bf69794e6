#include "support/InjectedFault.h"

#include "core/apps/StasisApplicationHost.h"
#include "core/ari/AriEventStream.h"
#include "sim/engine/SimFaultPlan.h"

QList<std::pair<const char *, InjectedFault>> allInjectedFaults()
{
    return {
        { "drop", InjectedFault::DropSocket },
        { "drop after events", InjectedFault::DropAfterEvents },
        { "refuse", InjectedFault::RefuseConnections },
        { "500", InjectedFault::ServerErrors },
        { "no answer", InjectedFault::NoAnswer },
        { "slow", InjectedFault::SlowAnswers },
        { "service restart", InjectedFault::ServiceRestart },
        { "server restart", InjectedFault::ServerRestart },
    };
}

void speedUpRecovery(AriEventStream *events, StasisApplicationHost *host)
{
    AriEventStream::Backoff backoff;
    backoff.initial = std::chrono::milliseconds(50);
    backoff.maximum = std::chrono::milliseconds(200);
    events->setBackoff(backoff);
    host->setRebuildRetryDelay(100);
}

void armFault(SimFaultPlan *faults, InjectedFault fault, int eventsBeforeDrop)
{
    switch (fault) {
    case InjectedFault::DropSocket:
        faults->dropEventSocketsNow();
        break;
    case InjectedFault::DropAfterEvents:
        faults->dropEventSocketsAfter(eventsBeforeDrop);
        break;
    case InjectedFault::RefuseConnections:
        faults->refuseConnectionsFor(2000);
        faults->dropEventSocketsNow();
        break;
    case InjectedFault::ServerErrors:
        faults->failNextRequests(2, SimFaultPlan::RequestFault::ServerError);
        faults->dropEventSocketsNow();
        break;
    case InjectedFault::NoAnswer:
        faults->failNextRequests(1, SimFaultPlan::RequestFault::NoAnswer);
        faults->dropEventSocketsNow();
        break;
    case InjectedFault::SlowAnswers:
        faults->failNextRequests(3, SimFaultPlan::RequestFault::Delay, 1000);
        faults->dropEventSocketsNow();
        break;
    case InjectedFault::ServiceRestart:
        break;
    case InjectedFault::ServerRestart:
        faults->restart(1000);
        break;
    }
}

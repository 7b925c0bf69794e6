#pragma once

#include "sim/http/SimHttpResponse.h"
#include "sim/http/SimRouter.h"

class SimApplicationsResource;
class SimEngine;
class SimFaultPlan;
class SimHttpRequest;

// The control API under /sim (not part of ARI): what tests and the demo use to play the far end
// of calls and to look inside the simulator. Documented in sim/README.md.
//
//   POST   /sim/calls?app=&args=&language=&callerId=&name=   place a caller into an application
//   POST   /sim/calls/{id}/dtmf?dtmf=&between=&duration=     the caller presses keys
//   POST   /sim/calls/{id}/talk?ms=                          the caller speaks
//   DELETE /sim/calls/{id}                                   the caller hangs up
//   GET    /sim/calls/{id}/heard, /sim/bridges/{id}/heard    what was played to them
//   GET    /sim/state                                        everything live
//   PUT    /sim/endpoints/{tech}/{resource}?behaviour=       how originated endpoints answer
//   GET    /sim/clock                                        speed and simulated time
//   GET    /sim/faults, DELETE /sim/faults                   pending faults; cancel them
//   POST   /sim/faults/drop-events[?after=N]                 cut the event sockets (CN-6)
//   POST   /sim/faults/refuse-connections?ms=                refuse new connections for a while
//   POST   /sim/faults/requests?count=&fault=error|no-answer|delay[&ms=]
//   POST   /sim/faults/restart[?ms=]                         lose every state, down for ms
//   POST   /sim/faults/lose-channel?channel=<id>             the channel vanishes without an event
class SimControlApi
{
public:
    SimControlApi(SimEngine *engine, const SimApplicationsResource *applications, SimFaultPlan *faults);

    // `request` segments start after "sim".
    SimHttpResponse handle(const SimHttpRequest &request) const;

private:
    void registerRoutes();
    SimHttpResponse placeCall(const SimHttpRequest &request) const;
    SimHttpResponse dtmf(const SimHttpRequest &request) const;
    SimHttpResponse talk(const SimHttpRequest &request) const;
    SimHttpResponse hangup(const SimHttpRequest &request) const;
    SimHttpResponse heard(const QString &key, bool known) const;
    SimHttpResponse state() const;
    SimHttpResponse setEndpoint(const SimHttpRequest &request, const QString &endpoint) const;
    void registerFaultRoutes();

    SimEngine *m_engine = nullptr;
    const SimApplicationsResource *m_applications = nullptr;
    SimFaultPlan *m_faults = nullptr;
    SimRouter m_router;
};

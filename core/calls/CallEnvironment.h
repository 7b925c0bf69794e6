#pragma once

class AriRestClient;
class AriEventRouter;
class CallTimers;
class CallTracker;
class SoundCatalog;
class QObject;

// What every call of an application works with: the REST client (each call's operations go out
// in order under the call's channel id), the event router, the tracker that reports live calls
// and their states, and the QObject that outlives the calls and gives REST replies their context
// (the application). The sound catalog, when there is one, answers the sound checks
// of every call (else each call asks the server itself). The calls' waits go to `timers`, one
// timer for all of them.
struct CallEnvironment
{
    AriRestClient *rest = nullptr;
    AriEventRouter *router = nullptr;
    CallTracker *tracker = nullptr; // may be null (no reporting)
    QObject *context = nullptr;
    SoundCatalog *sounds = nullptr; // may be null
    CallTimers *timers = nullptr;
};

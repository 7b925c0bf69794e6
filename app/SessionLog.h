#pragma once

class SupervisorCore;
class SupervisorSettings;

// What ari-supervisor logs of its core's work, the same in both ways it runs without a window
// (headless, and the supervisor service): one line per call transition (channel, application,
// from → to, cause: fields of the JSON line, SPEC HL-1, OP-4). A call's end is its last
// transition's line (to a final state); only a call that ends otherwise (found gone after a
// reconnect, the supervisor's listening call) gets an "ended" line. The connection's facts are
// logged where they happen, in the connection layer; its state changes only at debug level.
class SessionLog
{
public:
    // Follows `core` from now on. The lines are written on the core's thread, whichever it is
    // (the service runs the core on one of its own), as the core emits; nothing to undo: the
    // connections go with the core.
    static void followCalls(SupervisorCore *core);

    // At start: a warning when no ARI password is set.
    static void warnIfNoPassword(const SupervisorSettings &settings);
};

#pragma once

#include <functional>

// Event-loop waits for the simulator tests. Unlike QTest::qWaitFor (which sleeps 10 ms between
// checks — 200 simulated ms at speed 20), these re-check the condition about every wall
// millisecond, so a test reacts to a reply or an event without adding simulated time of its own.
class SimWait
{
public:
    // Runs the event loop until `done()` holds (true) or `timeoutMs` wall milliseconds passed (false).
    static bool until(const std::function<bool()> &done, int timeoutMs = 5000);
};

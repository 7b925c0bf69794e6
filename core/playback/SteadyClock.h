#pragma once

#include <QtGlobal>

#include <chrono>

// Milliseconds of the monotonic clock: what playback positions are anchored on unless a test or
// an attached desk gives a clock of its own (PlaybackTracker, PlaybacksModel).
inline qint64 steadyClockMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

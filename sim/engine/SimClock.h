#pragma once

#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>

// The simulator's notion of time. Simulated time starts at 0 when the clock is constructed and
// runs `speed` times faster than wall time: with speed 1000, one wall millisecond is one simulated
// second. Every duration the simulator reports (playback lengths, recording durations, DTMF gaps,
// "heard" intervals) is in simulated milliseconds; SimTimer converts them to wall intervals.
//
// The clock never jumps and never goes backwards (it is derived from a monotonic QElapsedTimer).
class SimClock final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimClock)

public:
    // `speed` must be > 0 and finite; anything else is replaced by 1.0 (with a warning).
    explicit SimClock(double speed = 1.0, QObject *parent = nullptr);

    // Acceleration factor: simulated ms per wall ms.
    double speed() const;

    // Simulated milliseconds since construction (wall elapsed * speed, rounded down).
    qint64 elapsedMs() const;

    // Wall time at construction plus the simulated elapsed time, in local time (the time zone
    // Asterisk uses for event timestamps).
    QDateTime now() const;

    // Wall time at construction.
    QDateTime startTime() const;

    // Wall milliseconds that must pass for `simMs` simulated milliseconds to elapse, rounded up so
    // that a timer armed with it never fires before the simulated instant. Negative input gives 0.
    qint64 toWallMs(qint64 simMs) const;

private:
    double m_speed = 1.0;
    QDateTime m_startTime;
    QElapsedTimer m_elapsed;
};

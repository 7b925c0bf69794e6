#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <utility>

class SimClock;

// A single-shot timer counted in simulated milliseconds of a SimClock. The underlying QTimer is a
// Qt::PreciseTimer armed for simMs / speed wall milliseconds (rounded up, at least 0).
//
// States: idle (never started, stopped or fired), running, paused. A paused timer is still
// active: it keeps its remaining time until resume() or stop(). Every simulator timer (playback,
// recording, silence, music on hold, DTMF gaps, originate answer) is one of these.
class SimTimer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimTimer)

public:
    // `clock` may be nullptr (then speed 1 is used); the clock must outlive the timer.
    explicit SimTimer(SimClock *clock, QObject *parent = nullptr);

    // A fire-and-forget timer owned by `context`: calls `functor` once after `simMs` simulated ms
    // and then deletes itself. Returns the timer so the caller may pause/resume it; to cancel the
    // call delete the timer (or `context`) — a timer that is only stopped stays owned by
    // `context` until then.
    template<typename Functor>
    static SimTimer *singleShot(SimClock *clock, qint64 simMs, QObject *context, Functor &&functor)
    {
        auto *timer = new SimTimer(clock, context);
        QObject::connect(timer, &SimTimer::timeout, context,
                         [timer, f = std::forward<Functor>(functor)]() mutable {
                             timer->deleteLater();
                             f();
                         });
        timer->start(simMs);
        return timer;
    }

    SimClock *clock() const;

    // (Re)starts the timer for `simMs` simulated milliseconds (negative → 0), discarding any
    // previous run or pause.
    void start(qint64 simMs);
    // Cancels the timer; timeout() will not be emitted. No effect when idle.
    void stop();
    // Freezes the remaining time. No effect when idle or already paused.
    void pause();
    // Continues a paused timer with the remaining time it had when paused. No effect otherwise.
    void resume();

    // True while running or paused (started and neither fired nor stopped).
    bool isActive() const;
    bool isPaused() const;

    // Simulated milliseconds left before timeout(): frozen while paused, 0 when due, -1 when idle.
    qint64 remainingMs() const;
    // Simulated milliseconds given to the last start() (0 before the first one).
    qint64 intervalMs() const;
    // Simulated milliseconds of the current run that have passed (interval - remaining), i.e. how
    // far a playback timed by this timer has got; paused time does not count. 0 when idle.
    qint64 elapsedMs() const;

Q_SIGNALS:
    void timeout();

private:
    void arm(qint64 simMs);
    void onWallTimeout();
    qint64 nowSimMs() const;
    qint64 toWallMs(qint64 simMs) const;

    SimClock *m_clock = nullptr;
    QElapsedTimer m_ownClock; // speed 1 when no SimClock is given
    QTimer m_timer;
    qint64 m_intervalMs = 0;
    qint64 m_remainingAtArmMs = 0; // simulated ms left when last (re)armed
    qint64 m_armedAtSimMs = 0;     // clock elapsedMs() when last (re)armed
    bool m_active = false;
    bool m_paused = false;
};

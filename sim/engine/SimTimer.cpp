#include "sim/engine/SimTimer.h"

#include <algorithm>
#include <limits>

#include "sim/engine/SimClock.h"

namespace {
// QTimer takes an int interval; longer waits are done in several legs.
constexpr qint64 s_maxWallLegMs = std::numeric_limits<int>::max() / 2;
}

SimTimer::SimTimer(SimClock *clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &SimTimer::onWallTimeout);
    if (!m_clock)
        m_ownClock.start();
}

SimClock *SimTimer::clock() const
{
    return m_clock;
}

void SimTimer::start(qint64 simMs)
{
    simMs = std::max<qint64>(simMs, 0);
    m_intervalMs = simMs;
    m_active = true;
    m_paused = false;
    arm(simMs);
}

void SimTimer::stop()
{
    m_timer.stop();
    m_active = false;
    m_paused = false;
    m_remainingAtArmMs = 0;
}

void SimTimer::pause()
{
    if (!m_active || m_paused)
        return;
    m_remainingAtArmMs = remainingMs();
    m_paused = true;
    m_timer.stop();
}

void SimTimer::resume()
{
    if (!m_active || !m_paused)
        return;
    m_paused = false;
    arm(m_remainingAtArmMs);
}

bool SimTimer::isActive() const
{
    return m_active;
}

bool SimTimer::isPaused() const
{
    return m_paused;
}

qint64 SimTimer::remainingMs() const
{
    if (!m_active)
        return -1;
    if (m_paused)
        return m_remainingAtArmMs;
    const qint64 passed = nowSimMs() - m_armedAtSimMs;
    return std::clamp<qint64>(m_remainingAtArmMs - passed, 0, m_remainingAtArmMs);
}

qint64 SimTimer::intervalMs() const
{
    return m_intervalMs;
}

qint64 SimTimer::elapsedMs() const
{
    if (!m_active)
        return 0;
    return m_intervalMs - remainingMs();
}

void SimTimer::arm(qint64 simMs)
{
    m_remainingAtArmMs = simMs;
    m_armedAtSimMs = nowSimMs();
    m_timer.start(static_cast<int>(std::min(toWallMs(simMs), s_maxWallLegMs)));
}

qint64 SimTimer::nowSimMs() const
{
    return m_clock ? m_clock->elapsedMs() : m_ownClock.elapsed();
}

qint64 SimTimer::toWallMs(qint64 simMs) const
{
    return m_clock ? m_clock->toWallMs(simMs) : std::max<qint64>(simMs, 0);
}

void SimTimer::onWallTimeout()
{
    if (!m_active || m_paused)
        return;
    const qint64 left = remainingMs();
    if (left > 0) {
        // A long wait done in legs, or the wall timer fired a little early: wait for the rest.
        arm(left);
        return;
    }
    m_active = false;
    m_remainingAtArmMs = 0;
    Q_EMIT timeout();
}

#include "sim/engine/SimClock.h"

#include <cmath>

#include "sim/media/SimMediaLogging.h"

SimClock::SimClock(double speed, QObject *parent)
    : QObject(parent)
    , m_speed(speed)
{
    if (!std::isfinite(m_speed) || m_speed <= 0.0) {
        qCWarning(lcSimMedia) << "invalid clock speed" << speed << "- using 1";
        m_speed = 1.0;
    }
    // Local time as a fixed offset from UTC: times derived from it are formatted (in every event's
    // timestamp) without the C library re-reading the time zone each time.
    const QDateTime local = QDateTime::currentDateTime();
    m_startTime = local.toOffsetFromUtc(local.offsetFromUtc());
    m_elapsed.start();
}

double SimClock::speed() const
{
    return m_speed;
}

qint64 SimClock::elapsedMs() const
{
    // nanoseconds → simulated milliseconds; long double keeps full precision for days of
    // simulated time at high speeds.
    const long double ns = static_cast<long double>(m_elapsed.nsecsElapsed());
    return static_cast<qint64>(std::floor(ns * static_cast<long double>(m_speed) / 1.0e6L));
}

QDateTime SimClock::now() const
{
    return m_startTime.addMSecs(elapsedMs());
}

QDateTime SimClock::startTime() const
{
    return m_startTime;
}

qint64 SimClock::toWallMs(qint64 simMs) const
{
    if (simMs <= 0)
        return 0;
    return static_cast<qint64>(std::ceil(static_cast<double>(simMs) / m_speed));
}

#include "core/supervisor/AlertThrottle.h"

AlertThrottle::AlertThrottle(qint64 intervalMs)
    : m_intervalMs(intervalMs)
{
}

bool AlertThrottle::admit(qint64 nowMs)
{
    if (m_lastShownMs < 0 || nowMs - m_lastShownMs >= m_intervalMs) {
        m_lastShownMs = nowMs;
        return true;
    }
    ++m_heldBack;
    return false;
}

qint64 AlertThrottle::nextAllowedMs() const
{
    return m_heldBack == 0 ? -1 : m_lastShownMs + m_intervalMs;
}

int AlertThrottle::flush(qint64 nowMs)
{
    const int count = m_heldBack;
    m_heldBack = 0;
    if (count > 0)
        m_lastShownMs = nowMs;
    return count;
}

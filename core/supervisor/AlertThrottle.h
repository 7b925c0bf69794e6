#pragma once

#include <QtGlobal>

// Keeps desktop notifications few (SPEC UX-5): at most one per interval. An alert that comes
// sooner is held back and counted; the first one admitted after it, or flush(), tells how many
// were held back.
class AlertThrottle
{
public:
    static constexpr qint64 s_defaultIntervalMs = 30'000;

    explicit AlertThrottle(qint64 intervalMs = s_defaultIntervalMs);

    qint64 intervalMs() const { return m_intervalMs; }
    // Whether an alert at `nowMs` may be shown now; if not, it is counted as held back.
    bool admit(qint64 nowMs);
    // Alerts held back since the last one shown.
    int heldBack() const { return m_heldBack; }
    // When the held-back alerts may be told (ms since the epoch); -1 when none is held back.
    qint64 nextAllowedMs() const;
    // The held-back alerts are told now (at `nowMs`): returns their number and starts a new interval.
    int flush(qint64 nowMs);

private:
    qint64 m_intervalMs;
    qint64 m_lastShownMs = -1;
    int m_heldBack = 0;
};

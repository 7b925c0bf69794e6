#include "core/calls/CallTimers.h"

#include <QPointer>

#include <algorithm>
#include <limits>
#include <utility>
#include <vector>

namespace {

constexpr qint64 s_nsPerMs = 1000 * 1000;

} // namespace

CallTimers::CallTimers(QObject *parent)
    : QObject(parent)
    , m_timer(this)
{
    m_clock.start();
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &CallTimers::onTimeout);
}

CallTimers::~CallTimers() = default;

void CallTimers::after(int milliseconds, std::function<void()> work)
{
    if (!work)
        return;
    const qint64 deadline = m_clock.nsecsElapsed() + qint64(std::max(0, milliseconds)) * s_nsPerMs;
    m_due.emplace(deadline, std::move(work)); // after those due at the same moment
    if (m_armedFor < 0 || deadline < m_armedFor)
        arm();
}

void CallTimers::onTimeout()
{
    m_armedFor = -1;
    // The works due now are taken out before any runs: a work may add works (due later, even with
    // 0 ms: they wait for the next turn of the event loop) or destroy this object.
    const qint64 now = m_clock.nsecsElapsed();
    std::vector<std::function<void()>> due;
    const auto end = m_due.upper_bound(now);
    for (auto it = m_due.begin(); it != end; ++it)
        due.push_back(std::move(it->second));
    m_due.erase(m_due.begin(), end);
    arm();
    const QPointer<CallTimers> self(this);
    for (const std::function<void()> &work : due) {
        work();
        if (!self)
            return;
    }
}

void CallTimers::arm()
{
    if (m_due.empty()) {
        m_timer.stop();
        m_armedFor = -1;
        return;
    }
    m_armedFor = m_due.begin()->first;
    // Whole milliseconds, rounded up: a timer that fires early finds nothing due and waits again.
    const qint64 waitNs = std::max<qint64>(0, m_armedFor - m_clock.nsecsElapsed());
    const qint64 waitMs = (waitNs + s_nsPerMs - 1) / s_nsPerMs;
    m_timer.start(static_cast<int>(std::min<qint64>(waitMs, std::numeric_limits<int>::max())));
}

// Compiled here rather than in the library's combined moc unit, so linking this class does not
// pull in the meta-objects of unrelated classes.
#include "moc_CallTimers.cpp"

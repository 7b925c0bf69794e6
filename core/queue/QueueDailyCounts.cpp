#include "core/queue/QueueDailyCounts.h"

#include <algorithm>

QueueDailyCounts::QueueDailyCounts(QObject *parent)
    : QObject(parent)
    , m_clock([] { return QDateTime::currentDateTime(); })
{
    qRegisterMetaType<QueueDayFigures>();
    m_midnight.setSingleShot(true);
    connect(&m_midnight, &QTimer::timeout, this, &QueueDailyCounts::checkDay);
    m_figures.day = m_clock().date();
    schedule();
}

QueueDailyCounts::~QueueDailyCounts() = default;

void QueueDailyCounts::setClock(Clock clock)
{
    m_clock = std::move(clock);
    m_figures = QueueDayFigures { m_clock().date(), 0, 0 };
    schedule();
    Q_EMIT changed(m_figures);
}

void QueueDailyCounts::schedule()
{
    const QDateTime now = m_clock();
    const QDateTime midnight = now.date().addDays(1).startOfDay(now.timeSpec(), now.offsetFromUtc());
    // At most an hour at a time: a clock changed meanwhile (daylight saving, the system's
    // clock) is seen within the hour.
    const qint64 ms = std::clamp<qint64>(now.msecsTo(midnight) + 50, 50, 3'600'000);
    m_midnight.start(static_cast<int>(ms));
}

void QueueDailyCounts::checkDay()
{
    const QDate today = m_clock().date();
    if (today != m_figures.day) {
        m_figures = QueueDayFigures { today, 0, 0 };
        Q_EMIT changed(m_figures);
    }
    schedule();
}

void QueueDailyCounts::noteAnswered()
{
    checkDay();
    ++m_figures.answered;
    Q_EMIT changed(m_figures);
}

void QueueDailyCounts::noteAbandoned()
{
    checkDay();
    ++m_figures.abandoned;
    Q_EMIT changed(m_figures);
}

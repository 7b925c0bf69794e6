#pragma once

#include "core/queue/QueueDayFigures.h"

#include <QDateTime>
#include <QObject>
#include <QTimer>

#include <functional>

// Counts the calls of the queue answered and abandoned today (SPEC UX-3), by the local day of the
// program that runs the queue (the service): the figures go back to zero at local midnight, when
// a timer wakes (and before any count of a new day). The clock is injected so that tests can move
// the day; checkDay() does what the timer does.
class QueueDailyCounts final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueDailyCounts)

public:
    // Local time now.
    using Clock = std::function<QDateTime()>;

    explicit QueueDailyCounts(QObject *parent = nullptr);
    ~QueueDailyCounts() override;

    void setClock(Clock clock);
    const QueueDayFigures &figures() const { return m_figures; }

    void noteAnswered();
    void noteAbandoned();

public Q_SLOTS:
    // A new day began: the figures start again from zero (changed()).
    void checkDay();

Q_SIGNALS:
    void changed(const QueueDayFigures &figures);

private:
    void schedule();

    Clock m_clock;
    QueueDayFigures m_figures;
    QTimer m_midnight;
};

#include "core/supervisor/EventLog.h"

#include "core/models/LogText.h"

EventLog::EventLog(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(s_defaultBatchIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &EventLog::flush);
}

EventLog::~EventLog() = default;

void EventLog::setBatchInterval(int ms)
{
    m_timer.setInterval(std::max(0, ms));
}

void EventLog::post(EventLogEntry::Level level, const QString &category, const QString &text)
{
    // The log's boundary: text from outside stays on its line (LogText).
    m_pending.append({ QDateTime::currentDateTimeUtc(), level, LogText::escaped(category), LogText::escaped(text) });
    if (!m_timer.isActive())
        m_timer.start();
}

void EventLog::flush()
{
    m_timer.stop();
    if (m_pending.isEmpty())
        return;
    EventLogEntries batch;
    batch.swap(m_pending);
    Q_EMIT entriesAdded(batch);
}

#pragma once

#include "core/models/EventLogEntry.h"

#include <QObject>
#include <QTimer>

// Collects the lines of the supervisor's event log on the core thread and hands them over in
// batches (entriesAdded), at most one batch per interval: thousands of events per second cost the
// GUI thread a few queued calls, not thousands. With interval 0 every post is handed over on the
// next turn of the event loop.
class EventLog final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLog)

public:
    static constexpr int s_defaultBatchIntervalMs = 100;

    explicit EventLog(QObject *parent = nullptr);
    ~EventLog() override;

    void setBatchInterval(int ms);
    int pendingCount() const { return static_cast<int>(m_pending.size()); }

public Q_SLOTS:
    void post(EventLogEntry::Level level, const QString &category, const QString &text);
    void flush();

Q_SIGNALS:
    void entriesAdded(const EventLogEntries &entries);

private:
    EventLogEntries m_pending;
    QTimer m_timer;
};

#pragma once

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

// One line of the supervisor's event log (SPEC UI-6): when, how serious, where from, what.
// A value type: made on the core thread, handed to the GUI thread in batches.
struct EventLogEntry
{
    enum class Level { Debug, Info, Warning, Error };

    QDateTime time;
    Level level = Level::Info;
    QString category; // "ari.events", "ari.rest", "calls", "vm-record" …
    QString text;

    static QString levelName(Level level);

    friend bool operator==(const EventLogEntry &, const EventLogEntry &) = default;
};

using EventLogEntries = QList<EventLogEntry>;

Q_DECLARE_METATYPE(EventLogEntry)

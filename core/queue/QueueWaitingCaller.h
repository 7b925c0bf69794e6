#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

// A caller waiting in the caller queue (SPEC, UI-4). A value: signals carry copies.
struct QueueWaitingCaller
{
    QString channelId;
    QString channelName;
    QString callerNumber;
    QString callerName;
    QDateTime since; // joined the queue (UTC)
    int position = 0; // 1 = next to be connected
    QDateTime nextAnnouncement; // when the next position announcement starts; invalid while one plays
    bool announcing = false; // an announcement is playing to the caller
    int announcements = 0; // announcements started so far

    friend bool operator==(const QueueWaitingCaller &, const QueueWaitingCaller &) = default;
};

Q_DECLARE_METATYPE(QueueWaitingCaller)

#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>

// An agent waiting in the agent queue (SPEC Q-1, UI-4). A value: signals carry copies, so a view
// on another thread can mirror the queue.
struct QueueWaitingAgent
{
    QString channelId;
    QString channelName;
    QString name; // caller id name, else number, else the channel name
    QString callerNumber;
    QString callerName;
    QDateTime since; // joined the queue (UTC); again after each call
    int position = 0; // 1 = next to be connected

    friend bool operator==(const QueueWaitingAgent &, const QueueWaitingAgent &) = default;
};

Q_DECLARE_METATYPE(QueueWaitingAgent)

#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>

// One live Stasis call as the supervisor shows it (SPEC UI-5): its channel, its application and
// the current state of its state machine.
struct CallInfo
{
    QString channelId;
    QString channelName;
    QString callerNumber;
    QString application;
    QStringList args;
    QString state; // empty until the machine has started
    QDateTime started; // when the call entered the application
    QDateTime stateSince; // when it entered its current state
    QString callerName; // caller id name; may be empty

    friend bool operator==(const CallInfo &, const CallInfo &) = default;
};

// One transition of one call, as reported (SPEC HL-1: one log line each).
struct CallTransition
{
    QString channelId;
    QString application;
    QString from; // empty for the first state
    QString to;
    QString event; // the table's event; empty for the first state
    QString cause; // human words: "caller pressed #", "caller hung up (cause 16)" …
    QDateTime at;

    friend bool operator==(const CallTransition &, const CallTransition &) = default;
};

Q_DECLARE_METATYPE(CallInfo)
Q_DECLARE_METATYPE(CallTransition)

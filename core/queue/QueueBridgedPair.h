#pragma once

#include "core/queue/QueueMonitorMode.h"
#include "core/queue/QueueRecordingState.h"

#include <QDateTime>
#include <QMetaType>
#include <QPointer>
#include <QString>
#include <QStringList>

class QueueCallActions;

// An agent and a caller connected in a bridge (SPEC Q-4, UI-4). A value: signals carry copies.
// `actions` is the call's action set (Record, Pause, …; Q-7): valid until the pair is removed,
// and it lives on the core's thread (connect to it, or call its slots queued).
struct QueueBridgedPair
{
    QString bridgeId;
    QString agentChannelId;
    QString agentName; // caller id name, else number, else the channel name
    QString agentNumber;
    QString agentCallerName;
    QString agentChannelName;
    QString callerChannelId;
    QString callerNumber;
    QString callerName;
    QString callerChannelName;
    QDateTime since; // connected (UTC)
    QueueRecordingState recording = QueueRecordingState::None;
    QString recordingName; // the current (or last) recording of this call; empty if none yet
    // Its length so far (SPEC UX-3): recordedMs before the stretch running since recordingSince
    // (UTC; invalid while paused or stopped).
    qint64 recordedMs = 0;
    QDateTime recordingSince;
    QStringList storedRecordings; // recordings of this call that were kept, in order
    // The supervisor's phone on this call (SPEC UX-4): how, and who asked (a desk's user; empty
    // for the window of an all-in-one program).
    QueueMonitorMode monitor = QueueMonitorMode::None;
    QString monitoredBy;
    QPointer<QueueCallActions> actions;
};

Q_DECLARE_METATYPE(QueueBridgedPair)

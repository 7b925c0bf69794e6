#pragma once

#include <QString>

// Where the recording of a bridged queue call stands (SPEC ).
enum class QueueRecordingState {
    None, // not recording (never started, or stored / discarded)
    Starting, // the record request is on its way
    Recording,
    Paused,
    Stopping, // a stop or a discard is on its way
};

// "none", "starting", "recording", "paused", "stopping".
QString queueRecordingStateName(QueueRecordingState state);

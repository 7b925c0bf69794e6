#include "core/queue/QueueRecordingState.h"

using namespace Qt::StringLiterals;

QString queueRecordingStateName(QueueRecordingState state)
{
    switch (state) {
    case QueueRecordingState::None:
        return u"none"_s;
    case QueueRecordingState::Starting:
        return u"starting"_s;
    case QueueRecordingState::Recording:
        return u"recording"_s;
    case QueueRecordingState::Paused:
        return u"paused"_s;
    case QueueRecordingState::Stopping:
        return u"stopping"_s;
    }
    return u"none"_s;
}

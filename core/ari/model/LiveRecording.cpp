#include "core/ari/model/LiveRecording.h"

#include "core/ari/model/ModelJson.h"

using namespace Qt::StringLiterals;

LiveRecording LiveRecording::fromJson(const QJsonObject &object)
{
    LiveRecording recording;
    recording.name = object.value("name"_L1).toString();
    recording.format = object.value("format"_L1).toString();
    recording.targetUri = object.value("target_uri"_L1).toString();
    recording.state = object.value("state"_L1).toString();
    recording.duration = ModelJson::optionalInt(object.value("duration"_L1));
    recording.talkingDuration = ModelJson::optionalInt(object.value("talking_duration"_L1));
    recording.silenceDuration = ModelJson::optionalInt(object.value("silence_duration"_L1));
    recording.cause = object.value("cause"_L1).toString();
    return recording;
}

#include "core/ari/model/LiveRecording.h"

#include "core/ari/model/JsonObjectView.h"

using namespace Qt::StringLiterals;

LiveRecording LiveRecording::fromJson(const QJsonObject &object)
{
    return read(JsonObjectView(object));
}

LiveRecording LiveRecording::read(const JsonObjectView &object)
{
    LiveRecording recording;
    recording.name = object.string("name"_L1);
    recording.format = object.string("format"_L1);
    recording.targetUri = object.string("target_uri"_L1);
    recording.state = object.string("state"_L1);
    recording.duration = object.optionalInt("duration"_L1);
    recording.talkingDuration = object.optionalInt("talking_duration"_L1);
    recording.silenceDuration = object.optionalInt("silence_duration"_L1);
    recording.cause = object.string("cause"_L1);
    return recording;
}

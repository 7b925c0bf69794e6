#include "core/ari/model/Playback.h"

#include "core/ari/model/JsonObjectView.h"

using namespace Qt::StringLiterals;

Playback Playback::fromJson(const QJsonObject &object)
{
    return read(JsonObjectView(object));
}

Playback Playback::read(const JsonObjectView &object)
{
    Playback playback;
    playback.id = object.string("id"_L1);
    playback.mediaUri = object.string("media_uri"_L1);
    playback.nextMediaUri = object.string("next_media_uri"_L1);
    playback.targetUri = object.string("target_uri"_L1);
    playback.language = object.string("language"_L1);
    playback.state = object.string("state"_L1);
    return playback;
}

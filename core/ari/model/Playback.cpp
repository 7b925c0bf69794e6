#include "core/ari/model/Playback.h"

using namespace Qt::StringLiterals;

Playback Playback::fromJson(const QJsonObject &object)
{
    Playback playback;
    playback.id = object.value("id"_L1).toString();
    playback.mediaUri = object.value("media_uri"_L1).toString();
    playback.nextMediaUri = object.value("next_media_uri"_L1).toString();
    playback.targetUri = object.value("target_uri"_L1).toString();
    playback.language = object.value("language"_L1).toString();
    playback.state = object.value("state"_L1).toString();
    return playback;
}

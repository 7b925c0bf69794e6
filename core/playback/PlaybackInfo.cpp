#include "core/playback/PlaybackInfo.h"

#include <algorithm>

qint64 PlaybackInfo::positionAt(qint64 nowMs) const
{
    qint64 position = positionMs;
    if (running && nowMs > anchorMs)
        position += nowMs - anchorMs;
    if (durationMs >= 0)
        position = std::min(position, durationMs);
    return std::max<qint64>(0, position);
}

int PlaybackInfo::permilleAt(qint64 nowMs) const
{
    if (durationMs < 0)
        return -1;
    if (durationMs == 0)
        return 1000;
    return static_cast<int>(positionAt(nowMs) * 1000 / durationMs);
}

QString PlaybackInfo::targetKind() const
{
    const qsizetype colon = targetUri.indexOf(u':');
    return colon < 0 ? QString() : targetUri.left(colon);
}

QString PlaybackInfo::targetId() const
{
    const qsizetype colon = targetUri.indexOf(u':');
    return colon < 0 ? targetUri : targetUri.mid(colon + 1);
}

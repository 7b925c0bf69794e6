#pragma once

#include <QJsonObject>
#include <QString>

// ARI Playback (playbacks.json "Playback"). state: queued, playing, paused, continuing, done, failed.
struct Playback
{
    QString id;
    QString mediaUri;
    QString nextMediaUri;
    QString targetUri; // channel:<id> or bridge:<id>
    QString language;
    QString state;

    static Playback fromJson(const QJsonObject &object);
    bool isValid() const { return !id.isEmpty(); }
};

#pragma once

#include <QJsonObject>
#include <QString>

class JsonObjectView;

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
    // The same from any JSON object (an event's part is read from the parsed frame itself).
    static Playback read(const JsonObjectView &object);
    bool isValid() const { return !id.isEmpty(); }
    friend bool operator==(const Playback &, const Playback &) = default;
};

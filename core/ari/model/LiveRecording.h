#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

class JsonObjectView;

// ARI LiveRecording (recordings.json). state: queued, recording, paused, done, failed, canceled.
struct LiveRecording
{
    QString name;
    QString format;
    QString targetUri;
    QString state;
    std::optional<int> duration;
    std::optional<int> talkingDuration;
    std::optional<int> silenceDuration;
    QString cause;

    static LiveRecording fromJson(const QJsonObject &object);
    // The same from any JSON object (an event's part is read from the parsed frame itself).
    static LiveRecording read(const JsonObjectView &object);
    bool isValid() const { return !name.isEmpty(); }
    friend bool operator==(const LiveRecording &, const LiveRecording &) = default;
};

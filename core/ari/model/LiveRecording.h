#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

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
    bool isValid() const { return !name.isEmpty(); }
};

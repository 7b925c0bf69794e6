#pragma once

#include "core/playback/PlaybackInfo.h"

#include <QHash>
#include <QLoggingCategory>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <functional>

class AriEvent;
class AriRestClient;
class AriResult;
class MediaDurations;
struct AriRequest;

Q_DECLARE_LOGGING_CATEGORY(lcPlaybackTracker)

// Follows every playback of the connection and estimates its position (SPEC UI-3).
//
// Inputs: the REST requests as they are sent (onRequestSent: play requests give the skipms and
// offsetms a playback was started with; control requests move the estimate), failed requests
// (a play that failed leaves), and the events (PlaybackStarted / Continuing / Finished; the end
// of a channel or bridge drops what played on it, since some playbacks never report an end).
// Control operations follow Asterisk's table: pause and forward/reverse/restart act only while
// playing (a restart while paused is refused by Asterisk with 409, so it moves nothing here);
// unpause acts only while paused; forward past the end of a known length is ignored, as Asterisk
// does; reverse stops at 0.
//
// Output: playbackChanged() for every change of a playback, playbackRemoved() when it ends.
// Per event: hash lookups only. Lives on the core thread.
class PlaybackTracker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlaybackTracker)

public:
    using Clock = std::function<qint64()>; // milliseconds, monotonic

    // `durations` may be null (every length unknown).
    explicit PlaybackTracker(MediaDurations *durations, QObject *parent = nullptr);
    ~PlaybackTracker() override;

    // The default clock is the steady clock; tests and accelerated simulators set their own.
    void setClock(Clock clock);
    const Clock &clock() const { return m_clock; }
    qint64 now() const { return m_clock(); }
    // Used by verifyAll() to ask the server which playbacks still exist (may be null).
    void setRestClient(AriRestClient *rest);

    int count() const { return static_cast<int>(m_playbacks.size()); }
    bool contains(const QString &playbackId) const { return m_playbacks.contains(playbackId); }
    PlaybackInfo playback(const QString &playbackId) const { return m_playbacks.value(playbackId); }
    PlaybackInfoList playbacks() const;

    // Whether a request can start, steer or end a playback, or change a stored recording's length
    // (by its operation name; one built without a name counts): only those are read when sent.
    static bool mayConcernPlaybacks(const AriRequest &request);

public Q_SLOTS:
    void onRequestSent(const AriRequest &request);
    void onRequestFailed(const AriRequest &request, const AriResult &result);
    void onEvent(const AriEvent &event);
    // After a reconnect: asks the server for each known playback and drops those that are gone.
    void verifyAll();
    // Drops everything (connection closed).
    void clear();

Q_SIGNALS:
    void playbackChanged(const PlaybackInfo &info);
    void playbackRemoved(const QString &playbackId);
    void cleared();

private:
    struct PlayRequest
    {
        int skipMs = 3000;
        qint64 offsetMs = 0;
    };

    void onPlayRequest(const AriRequest &request, const QString &targetUri, const QString &playbackId);
    void onControlRequest(const QString &playbackId, const QString &operation);
    void onStarted(const AriEvent &event);
    void onContinuing(const AriEvent &event);
    void remove(const QString &playbackId);
    void removeTarget(const QString &targetUri);
    void resolveDuration(PlaybackInfo &info);
    void onDurationKnown(const QString &mediaUri, qint64 durationMs);
    void freeze(PlaybackInfo &info, qint64 now) const;
    void emitChanged(const PlaybackInfo &info);

    QPointer<MediaDurations> m_durations;
    QPointer<AriRestClient> m_rest;
    Clock m_clock;
    QHash<QString, PlaybackInfo> m_playbacks;
    QHash<QString, PlayRequest> m_requests;               // by playback id, until it starts
    QHash<QString, QSet<QString>> m_byTarget;             // target uri → playback ids
    QHash<QString, QSet<QString>> m_waitingForDuration;   // media uri → playback ids
};

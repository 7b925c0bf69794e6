#pragma once

#include "core/ari/AriOperations.h"
#include "core/calls/CallState.h"
#include "core/calls/SoundCatalog.h"

#include <QString>

#include <functional>
#include <memory>
#include <optional>

class StasisCall;

// A call state that plays media to its channel, one playback at a time. Adds to CallState:
// - checkSound(): is a sound installed, in the caller's language (SPEC VR-2)? The channel's
//   language (CHANNEL(language)) is read once per call, results are kept per call; what the server
//   has of a sound comes from the application's SoundCatalog (one request per sound, not per call).
// - play(): a client-chosen playback id, subscribed to before the play request (AR-8); the
//   handler runs once, when that playback (and no other) has finished.
// - stopPlayback() / controlPlayback() on the active playback; exit() stops it, so leaving the
//   state never leaves a prompt playing. A stop that finds the playback gone (404: the caller hung
//   up) is expected and only logged at debug level.
class CallMediaState : public CallState
{
public:
    CallMediaState(StasisCall &call, CallStateMachine &machine);
    void exit() override;
    // A playback whose PlaybackFinished was missed (the server no longer knows it) is finished
    // now ("done"), so the state moves on instead of leaving the caller in silence.
    void resynced() override;

protected:
    StasisCall &call() const { return m_call; }

    // `available` false: the sound is missing or not in the caller's language (already logged);
    // else `language` is what to pass as `lang` (may be empty: no language to ask for).
    using SoundHandler = std::function<void(bool available, const QString &language)>;
    void checkSound(const QString &soundId, SoundHandler done);

    // How a playback ended: the Playback state of its PlaybackFinished ("done", "failed"), or
    // "error" when the play request itself failed.
    using FinishedHandler = std::function<void(const QString &how)>;
    using StartedHandler = std::function<void()>;
    // Starts `media` (after stopping the active playback, if any). Returns the playback id.
    // `onStarted` (optional) runs at its first PlaybackStarted: from then on the server accepts
    // control operations on it (a queued playback answers them with 409).
    QString play(const QString &media, const AriOperations::PlayOptions &options, FinishedHandler onFinished,
        StartedHandler onStarted = {});
    bool isPlaying() const { return !m_playbackId.isEmpty(); }
    const QString &playbackId() const { return m_playbackId; }
    // Stops the active playback; its end is not reported to the handler.
    void stopPlayback();
    // A control operation on the active playback (nothing when none). `onResult` (optional) runs
    // with the outcome while the state is current.
    void controlPlayback(AriOperations::PlaybackOperation operation, ResultHandler onResult = {});

private:
    void withLanguage(std::function<void()> then);
    void onSoundAnswer(const QString &soundId, const SoundCatalog::Answer &answer, const SoundHandler &done);
    void clearPlayback();

    StasisCall &m_call;
    QString m_playbackId;
    std::shared_ptr<FinishedHandler> m_playbackFinished;
    AriSubscription *m_playbackSubscription = nullptr;
};

#pragma once

#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QString>

#include <optional>

#include "sim/media/SimMediaTask.h"
#include "sim/engine/SimTimer.h"
#include "sim/media/WavFile.h"

class SimBridge;
class SimChannel;
class SimEngine;

// One ARI live recording of a channel or a bridge. A channel recording waits in the channel's
// media queue like a playback (a record posted while a greeting plays starts when it ends); a
// bridge recording starts at once. Events: RecordingStarted when it starts, RecordingFinished
// (state "done", with duration) when it is stopped, cancelled, ended by terminateOn DTMF,
// maxDurationSeconds or maxSilenceSeconds, or by a hang-up; RecordingFailed if the file cannot
// be written. Pause, mute and their inverses emit nothing.
//
// The stored file is a real WAV file of the recorded length: audible where the caller talked
// (control API "talk") or, for a bridge, wherever the bridge was recorded unmuted; silent
// otherwise. Paused time is left out, muted time is silence. The beep (beep=true) is not recorded.
// A recording that nobody ends stops after one hour of recorded audio (a simulator limit).
class SimLiveRecording final : public SimMediaTask
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimLiveRecording)

public:
    enum class State { Queued, Recording, Paused, Done, Failed };
    enum class Termination { None, Any, Star, Hash };
    enum class IfExists { Fail, Overwrite, Append };

    struct Options
    {
        QString name;          // normalised recording name
        QString requestedName; // as the client wrote it
        QString format;
        qint64 maxDurationMs = 0;
        qint64 maxSilenceMs = 0;
        bool beep = false;
        Termination terminateOn = Termination::None;
        IfExists ifExists = IfExists::Fail;
    };

    // Asterisk's parsers: empty → default; anything unknown → std::nullopt (400).
    static std::optional<Termination> parseTermination(const QString &text);
    static std::optional<IfExists> parseIfExists(const QString &text);

    SimLiveRecording(SimEngine *engine, const Options &options, SimChannel *channel, SimBridge *bridge,
                     QObject *parent = nullptr);
    ~SimLiveRecording() override;

    QString name() const { return m_options.name; }
    QString format() const { return m_options.format; }
    State state() const { return m_state; }
    QString stateText() const;
    QString targetUri() const { return m_targetUri; }
    SimChannel *channel() const;
    SimBridge *bridge() const;
    QJsonObject toJson() const;

    // POST .../stop: ends and keeps.
    void stop();
    // DELETE /recordings/live/{name}: ends and discards.
    void cancel();
    // false: the recording is not in session yet (queued) — 409.
    bool pause();
    bool unpause();
    bool mute();
    bool unmute();
    // A DTMF digit from the far end of the recorded channel.
    void onDtmf(const QString &digit);

    void begin() override;
    void abortRunning() override;
    void abortWaiting() override;

private:
    struct Stretch
    {
        qint64 startMs = 0;
        qint64 endMs = 0;
        bool muted = false;
    };

    void openStretch(qint64 fromMs);
    void closeStretch(qint64 atMs);
    void onTalkingChanged(bool talking);
    void armSilenceTimer(qint64 silentSinceMs);
    void finish(bool keep);
    // maxDurationSeconds, bounded by the simulator's one-hour limit.
    qint64 limitMs() const;
    QList<WavFile::Segment> buildSegments(qint64 *talkingMs, qint64 *silentMs) const;

    SimEngine *m_engine = nullptr;
    Options m_options;
    QPointer<SimChannel> m_channel;
    QPointer<SimBridge> m_bridge;
    QString m_targetUri;
    State m_state = State::Queued;
    bool m_muted = false;
    qint64 m_openSinceMs = -1;       // start of the stretch being recorded, -1 when none
    QList<Stretch> m_stretches;
    bool m_endedBySilence = false;   // maxSilenceSeconds ended it: the trailing silence is cut
    SimTimer m_maxDurationTimer;
    SimTimer m_silenceTimer;
};

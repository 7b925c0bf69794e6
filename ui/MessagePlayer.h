#pragma once

#include "core/playback/WavHeader.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTimer>

#include <functional>
#include <memory>

class AudioOutput;
class PcmFileSource;
class SupervisorAccess;

// "Play here" (SPEC VM-4): plays a voicemail message on this computer's audio output, with the
// controls of listening on a phone (pause/resume, back, forward, restart, stop). The file comes
// the way Save gets it (from the service an attached desk is attached to, or all-in-one from
// Asterisk) into a temporary file; only 16-bit PCM WAV (Asterisk's `wav`, `wav16`) is played,
// anything else is refused with the reason. The position is what the output consumed. A message
// played to its end or past the service's heard share is marked heard (SPEC VM-2), by a desk
// that may act: a viewer's desk changes nothing, so its playing leaves messages new.
class MessagePlayer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessagePlayer)

public:
    enum class State { Idle, Loading, Playing, Paused, Finished, Failed };
    Q_ENUM(State)
    using OutputFactory = std::function<std::unique_ptr<AudioOutput>()>;

    explicit MessagePlayer(SupervisorAccess *access, QObject *parent = nullptr);
    ~MessagePlayer() override;

    // What plays the samples; by default the speakers (the system's default output).
    void setOutputFactory(OutputFactory factory);

    State state() const { return m_state; }
    static QString stateName(State state);
    QString recordingName() const { return m_recordingName; }
    QString error() const { return m_error; }
    qint64 positionMs() const;
    qint64 durationMs() const { return m_header.durationMs(); }
    // The output playing now (null when none).
    AudioOutput *output() const { return m_output.get(); }

public Q_SLOTS:
    void play(const QString &recordingName);
    void togglePause();
    void forward();
    void back();
    void restart();
    void stop();

Q_SIGNALS:
    void stateChanged(MessagePlayer::State state);
    // While playing, a few times a second; and after every move.
    void positionChanged(qint64 positionMs);

private:
    void onOperationFinished(const QString &operation, const QString &subject, bool ok, const QString &message);
    void openFile(const QString &path);
    void startAt(qint64 positionMs);
    void finish();
    void fail(const QString &error);
    void setState(State state);
    void onTick();
    void noteHeard(qint64 positionMs);
    void release();

    SupervisorAccess *m_access;
    OutputFactory m_factory;
    State m_state = State::Idle;
    QString m_recordingName;
    QString m_error;
    QTemporaryDir m_files;
    QString m_filePath; // the download of the message being played (or on its way)
    // Downloads given up while on their way (stopped, or another message): each file is deleted
    // when its download ends, and its end, a failure included, concerns nothing playing now.
    QSet<QString> m_abandoned;
    quint64 m_downloads = 0;
    WavHeader m_header;
    std::unique_ptr<PcmFileSource> m_source;
    std::unique_ptr<AudioOutput> m_output;
    qint64 m_segmentStartMs = 0; // where the output's last start() began
    qint64 m_stoppedAtMs = 0; // the position once no output plays (finished, failed)
    bool m_heardNoted = false;
    QTimer m_tick;
    QElapsedTimer m_endReached; // since the output consumed the last sample (invalid: not yet)
};

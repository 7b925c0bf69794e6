#pragma once

#include <QObject>
#include <QString>

class QIODevice;

// Where "Play here" (SPEC VM-4) sends a message's samples: the computer's speakers
// (SpeakerAudioOutput), or in tests an output that consumes them at the real rate and discards
// them. It pulls 16-bit signed PCM from a source device; what it consumed (processedUs) is where
// the message is, so the position shown and the controls follow what was actually played.
class AudioOutput : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AudioOutput)

public:
    ~AudioOutput() override;

    // Starts pulling interleaved 16-bit PCM of `channels` channels at `sampleRate` Hz from `source`
    // (open; read from its current position). False, with the reason in *error, when it cannot
    // play (no device, a format the device refuses): nothing is started then.
    virtual bool start(QIODevice *source, int sampleRate, int channels, QString *error) = 0;
    virtual void suspend() = 0;
    virtual void resume() = 0;
    // Stops pulling; the source is left as it is.
    virtual void stop() = 0;
    // Microseconds of audio consumed since the last start().
    virtual qint64 processedUs() const = 0;

Q_SIGNALS:
    // Everything up to the source's end was consumed.
    void drained();
    // Playing failed after start() (the device went away): why.
    void failed(const QString &error);

protected:
    explicit AudioOutput(QObject *parent = nullptr);
};

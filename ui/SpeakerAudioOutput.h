#pragma once

#include "ui/AudioOutput.h"

#include <QByteArray>
#include <QPointer>
#include <QTimer>

#include <memory>

class QAudioSink;

// The computer's speakers (Qt Multimedia's QAudioSink): the system's default audio output, or the
// device with this id. A machine without one (no sound card, no sound server: a server, CI) gets a
// clear error from start(), never a crash.
class SpeakerAudioOutput final : public AudioOutput
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SpeakerAudioOutput)

public:
    // `deviceId` empty: the default output at the time of start().
    explicit SpeakerAudioOutput(const QByteArray &deviceId = {}, QObject *parent = nullptr);
    ~SpeakerAudioOutput() override;

    bool start(QIODevice *source, int sampleRate, int channels, QString *error) override;
    void suspend() override;
    void resume() override;
    void stop() override;
    qint64 processedUs() const override;

private:
    void onStateChanged();

    QByteArray m_deviceId;
    QString m_deviceName;
    std::unique_ptr<QAudioSink> m_sink;
    QPointer<QIODevice> m_source;
    QTimer m_drain; // the samples the sink still holds once the source is at its end
};

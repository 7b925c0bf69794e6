#pragma once

#include "ui/AudioOutput.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>

// An audio output for tests (SPEC VM-4: playing here is testable without a sound card): it pulls
// the samples from its source at the real rate, as a sound card does, and discards them.
class DiscardingAudioOutput final : public AudioOutput
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DiscardingAudioOutput)

public:
    explicit DiscardingAudioOutput(QObject *parent = nullptr);
    ~DiscardingAudioOutput() override;

    bool start(QIODevice *source, int sampleRate, int channels, QString *error) override;
    void suspend() override;
    void resume() override;
    void stop() override;
    qint64 processedUs() const override;

    bool isRunning() const { return m_source && !m_suspended; }
    bool isSuspended() const { return m_suspended; }
    qint64 consumedBytes() const { return m_consumed; }
    int sampleRate() const { return m_sampleRate; }
    int channels() const { return m_channels; }
    int starts() const { return m_starts; }

private:
    void pull();
    qint64 runningMs() const;

    QPointer<QIODevice> m_source;
    QTimer m_timer;
    QElapsedTimer m_since; // since the last start or resume
    qint64 m_runBeforeMs = 0; // running time before that
    qint64 m_consumed = 0; // bytes since the last start
    int m_sampleRate = 0;
    int m_channels = 0;
    int m_bytesPerSecond = 0;
    int m_starts = 0;
    bool m_suspended = false;
};

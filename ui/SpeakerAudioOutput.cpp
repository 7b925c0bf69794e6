#include "ui/SpeakerAudioOutput.h"

#include <QAudioDevice>
#include <QAudioFormat>
#include <QAudioSink>
#include <QIODevice>
#include <QLoggingCategory>
#include <QMediaDevices>

#include <algorithm>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSpeaker, "supervisor.ui.speaker")

namespace {

QString sinkError(QAudio::Error error)
{
    switch (error) {
    case QAudio::NoError:
        return {};
    case QAudio::OpenError:
        return u"it could not be opened"_s;
    case QAudio::IOError:
        return u"writing to it failed"_s;
    case QAudio::UnderrunError:
        return u"it ran out of samples"_s;
    case QAudio::FatalError:
        return u"it stopped working"_s;
    }
    return u"unknown error"_s;
}

} // namespace

SpeakerAudioOutput::SpeakerAudioOutput(const QByteArray &deviceId, QObject *parent)
    : AudioOutput(parent)
    , m_deviceId(deviceId)
{
    m_drain.setSingleShot(true);
    connect(&m_drain, &QTimer::timeout, this, &AudioOutput::drained);
}

SpeakerAudioOutput::~SpeakerAudioOutput()
{
    if (m_sink) {
        m_sink->disconnect(this);
        m_sink->stop();
    }
}

bool SpeakerAudioOutput::start(QIODevice *source, int sampleRate, int channels, QString *error)
{
    stop();
    QAudioDevice device;
    if (m_deviceId.isEmpty()) {
        device = QMediaDevices::defaultAudioOutput();
    } else {
        const QList<QAudioDevice> outputs = QMediaDevices::audioOutputs();
        for (const QAudioDevice &output : outputs) {
            if (output.id() == m_deviceId)
                device = output;
        }
    }
    if (device.isNull()) {
        *error = m_deviceId.isEmpty()
            ? tr("this computer has no audio output (no sound device, or its sound server is not running)")
            : tr("the audio output %1 is not there").arg(QString::fromUtf8(m_deviceId));
        qCWarning(lcSpeaker).noquote() << *error;
        return false;
    }
    m_deviceName = device.description();
    QAudioFormat format;
    format.setSampleRate(sampleRate);
    format.setChannelCount(channels);
    format.setSampleFormat(QAudioFormat::Int16);
    if (!device.isFormatSupported(format)) {
        *error = tr("the audio output %1 cannot play %2 Hz 16-bit audio on %3 channel(s)")
                     .arg(m_deviceName)
                     .arg(sampleRate)
                     .arg(channels);
        qCWarning(lcSpeaker).noquote() << *error;
        return false;
    }
    m_sink = std::make_unique<QAudioSink>(device, format);
    m_source = source;
    m_sink->start(source);
    if (m_sink->error() != QAudio::NoError || m_sink->state() == QAudio::StoppedState) {
        *error = tr("the audio output %1 failed: %2").arg(m_deviceName, sinkError(m_sink->error()));
        qCWarning(lcSpeaker).noquote() << *error;
        m_sink.reset();
        return false;
    }
    connect(m_sink.get(), &QAudioSink::stateChanged, this, &SpeakerAudioOutput::onStateChanged);
    qCInfo(lcSpeaker).noquote() << "playing on" << m_deviceName;
    return true;
}

void SpeakerAudioOutput::onStateChanged()
{
    if (!m_sink)
        return;
    const QAudio::State state = m_sink->state();
    if (state == QAudio::IdleState && m_source && m_source->atEnd()) {
        // The source is read to its end; the sink still plays what it holds.
        const QAudioFormat format = m_sink->format();
        const qint64 held = std::max<qint64>(0, m_sink->bufferSize() - m_sink->bytesFree());
        const qint64 bytesPerSecond = std::max(1, format.bytesForDuration(1000000));
        m_drain.start(static_cast<int>(held * 1000 / bytesPerSecond));
    } else if (state == QAudio::StoppedState && m_sink->error() != QAudio::NoError
        && m_sink->error() != QAudio::UnderrunError) {
        const QString error = tr("the audio output %1 failed: %2").arg(m_deviceName, sinkError(m_sink->error()));
        qCWarning(lcSpeaker).noquote() << error;
        Q_EMIT failed(error);
    }
}

void SpeakerAudioOutput::suspend()
{
    m_drain.stop();
    if (m_sink)
        m_sink->suspend();
}

void SpeakerAudioOutput::resume()
{
    if (!m_sink)
        return;
    m_sink->resume();
    onStateChanged(); // (the end of the source while it was suspended)
}

void SpeakerAudioOutput::stop()
{
    m_drain.stop();
    if (!m_sink)
        return;
    m_sink->disconnect(this);
    m_sink->stop();
    // Later: stop() may come from a slot of the sink's own signal (drained, failed).
    m_sink.release()->deleteLater();
}

qint64 SpeakerAudioOutput::processedUs() const
{
    return m_sink ? m_sink->processedUSecs() : 0;
}

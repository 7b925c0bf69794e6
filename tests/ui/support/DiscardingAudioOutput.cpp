#include "DiscardingAudioOutput.h"

#include <QIODevice>

#include <algorithm>

DiscardingAudioOutput::DiscardingAudioOutput(QObject *parent)
    : AudioOutput(parent)
{
    m_timer.setInterval(10);
    connect(&m_timer, &QTimer::timeout, this, &DiscardingAudioOutput::pull);
}

DiscardingAudioOutput::~DiscardingAudioOutput() = default;

bool DiscardingAudioOutput::start(QIODevice *source, int sampleRate, int channels, QString *error)
{
    stop();
    if (!source || !source->isReadable() || sampleRate <= 0 || channels <= 0) {
        *error = QStringLiteral("nothing to play");
        return false;
    }
    m_source = source;
    m_sampleRate = sampleRate;
    m_channels = channels;
    m_bytesPerSecond = sampleRate * channels * 2;
    m_consumed = 0;
    m_runBeforeMs = 0;
    m_suspended = false;
    ++m_starts;
    m_since.start();
    m_timer.start();
    return true;
}

void DiscardingAudioOutput::suspend()
{
    if (!m_source || m_suspended)
        return;
    pull();
    m_runBeforeMs += m_since.elapsed();
    m_suspended = true;
    m_timer.stop();
}

void DiscardingAudioOutput::resume()
{
    if (!m_source || !m_suspended)
        return;
    m_suspended = false;
    m_since.start();
    m_timer.start();
}

void DiscardingAudioOutput::stop()
{
    m_timer.stop();
    m_source = nullptr;
    m_suspended = false;
}

qint64 DiscardingAudioOutput::processedUs() const
{
    return m_bytesPerSecond ? m_consumed * 1000000 / m_bytesPerSecond : 0;
}

qint64 DiscardingAudioOutput::runningMs() const
{
    return m_runBeforeMs + (m_suspended ? 0 : m_since.elapsed());
}

void DiscardingAudioOutput::pull()
{
    if (!m_source)
        return;
    // What a sound card would have played by now, in whole frames.
    const int frame = m_channels * 2;
    qint64 due = runningMs() * m_bytesPerSecond / 1000;
    due -= due % frame;
    char scratch[4096];
    while (m_consumed < due) {
        const qint64 read = m_source->read(scratch, std::min<qint64>(sizeof scratch, due - m_consumed));
        if (read <= 0) {
            if (m_source->atEnd()) {
                m_timer.stop();
                m_source = nullptr;
                Q_EMIT drained();
            }
            return;
        }
        m_consumed += read;
    }
}

#include "QueueTestSounds.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

constexpr quint32 s_sampleRate = 8000;

void appendLe16(QByteArray *bytes, quint16 value)
{
    bytes->append(char(value & 0xff));
    bytes->append(char((value >> 8) & 0xff));
}

void appendLe32(QByteArray *bytes, quint32 value)
{
    appendLe16(bytes, quint16(value & 0xffff));
    appendLe16(bytes, quint16(value >> 16));
}

} // namespace

QueueTestSounds::QueueTestSounds()
{
    if (!m_dir.isValid())
        return;
    bool ok = add(u"beep"_s, kBeepMs) && add(u"queue-youarenext"_s, kYouAreNextMs)
        && add(u"queue-thereare"_s, kThereAreMs) && add(u"queue-callswaiting"_s, kCallsWaitingMs)
        && add(u"conf-now-recording"_s, kNowRecordingMs);
    for (int n = 0; n <= 20 && ok; ++n)
        ok = add(u"digits/"_s + QString::number(n), kDigitMs);
    for (int n = 30; n <= 90 && ok; n += 10)
        ok = add(u"digits/"_s + QString::number(n), kDigitMs);
    ok = ok && add(u"digits/hundred"_s, kDigitMs);
    m_valid = ok;
}

QByteArray QueueTestSounds::wav(qint64 ms)
{
    const qint64 samples = ms * s_sampleRate / 1000;
    const quint32 dataBytes = quint32(samples * 2);
    QByteArray bytes;
    bytes.reserve(qsizetype(44 + dataBytes));
    bytes.append("RIFF");
    appendLe32(&bytes, 36 + dataBytes);
    bytes.append("WAVEfmt ");
    appendLe32(&bytes, 16);
    appendLe16(&bytes, 1); // PCM
    appendLe16(&bytes, 1); // mono
    appendLe32(&bytes, s_sampleRate);
    appendLe32(&bytes, s_sampleRate * 2);
    appendLe16(&bytes, 2);
    appendLe16(&bytes, 16);
    bytes.append("data");
    appendLe32(&bytes, dataBytes);
    for (qint64 i = 0; i < samples; ++i) {
        const double value = 2000.0 * std::sin(2.0 * M_PI * 440.0 * double(i) / s_sampleRate);
        appendLe16(&bytes, quint16(qint16(std::lround(value))));
    }
    return bytes;
}

bool QueueTestSounds::add(const QString &id, qint64 ms)
{
    const QString path = m_dir.path() + u"/en/"_s + id + u".wav"_s;
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return false;
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(wav(ms)) >= 0;
}

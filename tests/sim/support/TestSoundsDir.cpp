#include "TestSoundsDir.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QtEndian>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {

constexpr int kSampleRate = 8000;

void appendLe32(QByteArray *bytes, quint32 value)
{
    char buffer[4];
    qToLittleEndian(value, buffer);
    bytes->append(buffer, 4);
}

void appendLe16(QByteArray *bytes, quint16 value)
{
    char buffer[2];
    qToLittleEndian(value, buffer);
    bytes->append(buffer, 2);
}

} // namespace

TestSoundsDir::TestSoundsDir() = default;

bool TestSoundsDir::isValid() const
{
    return m_dir.isValid() && m_outside.isValid();
}

QString TestSoundsDir::path() const
{
    return m_dir.path();
}

QByteArray TestSoundsDir::wavBytes(qint64 ms, bool audible)
{
    const qint64 samples = ms * kSampleRate / 1000;
    const quint32 dataBytes = quint32(samples * 2);
    QByteArray bytes;
    bytes.reserve(int(44 + dataBytes));
    bytes.append("RIFF");
    appendLe32(&bytes, 36 + dataBytes);
    bytes.append("WAVE");
    bytes.append("fmt ");
    appendLe32(&bytes, 16);
    appendLe16(&bytes, 1);                 // PCM
    appendLe16(&bytes, 1);                 // mono
    appendLe32(&bytes, kSampleRate);
    appendLe32(&bytes, kSampleRate * 2);   // byte rate
    appendLe16(&bytes, 2);                 // block align
    appendLe16(&bytes, 16);                // bits per sample
    bytes.append("data");
    appendLe32(&bytes, dataBytes);
    for (qint64 i = 0; i < samples; ++i) {
        const double value = audible ? 8000.0 * std::sin(2.0 * M_PI * 440.0 * double(i) / kSampleRate) : 0.0;
        appendLe16(&bytes, quint16(qint16(std::lround(value))));
    }
    return bytes;
}

QByteArray TestSoundsDir::gsmBytes(qint64 ms)
{
    // GSM 6.10: one 33-byte frame per 20 ms; the first nibble of a frame is the 0xD signature.
    const qint64 frames = ms / 20;
    QByteArray frame(33, '\0');
    frame[0] = char(0xD0);
    QByteArray bytes;
    bytes.reserve(int(frames * 33));
    for (qint64 i = 0; i < frames; ++i)
        bytes.append(frame);
    return bytes;
}

bool TestSoundsDir::writeFile(const QString &relativePath, const QByteArray &bytes)
{
    const QString full = m_dir.filePath(relativePath);
    if (!QDir().mkpath(QFileInfo(full).absolutePath()))
        return false;
    QFile file(full);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(bytes) == bytes.size();
}

bool TestSoundsDir::addWav(const QString &language, const QString &id, qint64 ms)
{
    return writeFile(language + u'/' + id + u".wav"_s, wavBytes(ms));
}

bool TestSoundsDir::addGsm(const QString &language, const QString &id, qint64 ms)
{
    return writeFile(language + u'/' + id + u".gsm"_s, gsmBytes(ms));
}

bool TestSoundsDir::addSound(const QString &id, qint64 ms)
{
    return addWav(u"en"_s, id, ms) && addGsm(u"en"_s, id, ms);
}

bool TestSoundsDir::addStandardSet()
{
    bool ok = addSound(u"beep"_s, kBeepMs) && addSound(u"vm-intro"_s, kVmIntroMs);
    for (const QString &id : {u"vm-review"_s, u"queue-thereare"_s, u"queue-callswaiting"_s,
                              u"queue-youarenext"_s})
        ok = ok && addSound(id, kPromptMs);
    for (int digit = 0; digit <= 9; ++digit)
        ok = ok && addSound(u"digits/"_s + QString::number(digit), kDigitMs);
    for (int tens = 20; tens <= 90; tens += 10)
        ok = ok && addSound(u"digits/"_s + QString::number(tens), kDigitMs);
    for (char letter = 'a'; letter <= 'z'; ++letter)
        ok = ok && addSound(u"letters/"_s + QChar::fromLatin1(letter), kDigitMs);
    ok = ok && addWav(u"en"_s, u"queue-music"_s, kLongMs);

    QFile longFile(m_outside.filePath(u"cold-day.wav"_s));
    ok = ok && longFile.open(QIODevice::WriteOnly | QIODevice::Truncate);
    const QByteArray longBytes = wavBytes(kLongMs);
    ok = ok && longFile.write(longBytes) == longBytes.size();
    return ok;
}

QString TestSoundsDir::longSoundUri() const
{
    return u"sound:"_s + m_outside.filePath(u"cold-day"_s);
}

QString TestSoundsDir::longSound()
{
    return u"sound:queue-music"_s;
}

#include "SoundsFixture.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QtEndian>

using namespace Qt::StringLiterals;

namespace {

void appendLe32(QByteArray &bytes, quint32 value)
{
    char buffer[4];
    qToLittleEndian(value, buffer);
    bytes.append(buffer, 4);
}

void appendLe16(QByteArray &bytes, quint16 value)
{
    char buffer[2];
    qToLittleEndian(value, buffer);
    bytes.append(buffer, 2);
}

} // namespace

SoundsFixture::SoundsFixture() = default;

QByteArray SoundsFixture::wav(int ms)
{
    constexpr quint32 rate = 8000;
    const quint32 samples = quint32(ms) * rate / 1000;
    const quint32 dataBytes = samples * 2;
    QByteArray bytes;
    bytes.reserve(int(44 + dataBytes));
    bytes.append("RIFF", 4);
    appendLe32(bytes, 36 + dataBytes);
    bytes.append("WAVEfmt ", 8);
    appendLe32(bytes, 16);
    appendLe16(bytes, 1); // PCM
    appendLe16(bytes, 1); // mono
    appendLe32(bytes, rate);
    appendLe32(bytes, rate * 2);
    appendLe16(bytes, 2);
    appendLe16(bytes, 16);
    bytes.append("data", 4);
    appendLe32(bytes, dataBytes);
    // A quiet square wave, so the files are not pure silence.
    for (quint32 i = 0; i < samples; ++i)
        appendLe16(bytes, quint16((i / 10) % 2 ? 2000 : -2000));
    return bytes;
}

bool SoundsFixture::add(const QString &language, const QString &id, int ms)
{
    const QString file = m_dir.path() + u'/' + language + u'/' + id + u".wav"_s;
    if (!QDir().mkpath(QFileInfo(file).absolutePath()))
        return false;
    QFile out(file);
    if (!out.open(QIODevice::WriteOnly))
        return false;
    return out.write(wav(ms)) >= 0;
}

bool SoundsFixture::remove(const QString &language, const QString &id)
{
    return QFile::remove(m_dir.path() + u'/' + language + u'/' + id + u".wav"_s);
}

bool SoundsFixture::addStandardSet(const QString &language)
{
    bool ok = add(language, u"vm-intro"_s, kIntroMs) && add(language, u"vm-message"_s, kPromptMs)
        && add(language, u"vm-nomore"_s, kPromptMs) && add(language, u"beep"_s, 300);
    for (int n = 0; n <= 20 && ok; ++n)
        ok = add(language, u"digits/%1"_s.arg(n), kDigitMs);
    for (int n = 30; n <= 90 && ok; n += 10)
        ok = add(language, u"digits/%1"_s.arg(n), kDigitMs);
    return ok && add(language, u"digits/hundred"_s, kDigitMs);
}

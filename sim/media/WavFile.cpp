#include "sim/media/WavFile.h"

#include <QFile>
#include <QSaveFile>
#include <QtEndian>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>

#include "sim/media/SimMediaLogging.h"

using namespace Qt::StringLiterals;

namespace {

// Chunks before "data" are read in one go; a header bigger than this is treated as hostile.
constexpr qint64 s_maxHeaderBytes = 1 << 20;
constexpr int s_minRate = 8000;
constexpr int s_maxRate = 192000;
constexpr double s_toneHz = 440.0;
constexpr double s_toneAmplitude = 10362.0; // about -10 dBFS
constexpr int s_pcmHeaderBytes = 44;

quint16 readU16(const char *p)
{
    return qFromLittleEndian<quint16>(p);
}

quint32 readU32(const char *p)
{
    return qFromLittleEndian<quint32>(p);
}

void putU16(QByteArray &out, quint16 v)
{
    char b[2];
    qToLittleEndian(v, b);
    out.append(b, 2);
}

void putU32(QByteArray &out, quint32 v)
{
    char b[4];
    qToLittleEndian(v, b);
    out.append(b, 4);
}

bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

QByteArray pcmHeader(qint64 dataBytes, int sampleRate)
{
    QByteArray h;
    h.reserve(s_pcmHeaderBytes);
    h.append("RIFF", 4);
    putU32(h, static_cast<quint32>(36 + dataBytes));
    h.append("WAVE", 4);
    h.append("fmt ", 4);
    putU32(h, 16);
    putU16(h, 1);                                       // PCM
    putU16(h, 1);                                       // mono
    putU32(h, static_cast<quint32>(sampleRate));
    putU32(h, static_cast<quint32>(sampleRate * 2));    // byte rate
    putU16(h, 2);                                       // block align
    putU16(h, 16);                                      // bits
    h.append("data", 4);
    putU32(h, static_cast<quint32>(dataBytes));
    return h;
}

} // namespace

std::optional<WavFile::Info> WavFile::parseHeader(const QByteArray &data, qint64 totalSize,
                                                  QString *error)
{
    const qint64 available = data.size();
    if (totalSize < 0)
        totalSize = available;
    if (available < 12) {
        fail(error, u"file too short for a RIFF header"_s);
        return std::nullopt;
    }
    const char *bytes = data.constData();
    if (std::memcmp(bytes, "RIFF", 4) != 0 || std::memcmp(bytes + 8, "WAVE", 4) != 0) {
        fail(error, u"not a RIFF/WAVE file"_s);
        return std::nullopt;
    }

    Info info;
    bool haveFormat = false;
    qint64 pos = 12;
    while (true) {
        if (pos + 8 > available) {
            fail(error, haveFormat ? u"no data chunk"_s : u"no fmt chunk"_s);
            return std::nullopt;
        }
        const char *chunk = bytes + pos;
        const qint64 size = readU32(chunk + 4);
        const qint64 body = pos + 8;
        if (std::memcmp(chunk, "fmt ", 4) == 0) {
            if (size < 16 || body + 16 > available) {
                fail(error, u"truncated fmt chunk"_s);
                return std::nullopt;
            }
            const char *f = bytes + body;
            info.audioFormat = readU16(f);
            info.channels = readU16(f + 2);
            info.sampleRate = static_cast<int>(std::min<quint32>(readU32(f + 4), 0x7fffffff));
            info.byteRate = readU32(f + 8);
            info.blockAlign = readU16(f + 12);
            info.bitsPerSample = readU16(f + 14);
            haveFormat = true;
        } else if (std::memcmp(chunk, "data", 4) == 0) {
            if (!haveFormat) {
                fail(error, u"data chunk before fmt chunk"_s);
                return std::nullopt;
            }
            info.dataOffset = body;
            info.dataBytes = std::clamp<qint64>(totalSize - body, 0, size);
            break;
        }
        // Chunks are word aligned: an odd size is followed by a pad byte.
        pos = body + size + (size & 1);
        if (pos > s_maxHeaderBytes) {
            fail(error, u"no data chunk within the first MiB"_s);
            return std::nullopt;
        }
    }

    if (info.channels <= 0 || info.sampleRate <= 0) {
        fail(error, u"invalid channel count or sample rate"_s);
        return std::nullopt;
    }
    if (info.byteRate <= 0) {
        // Some writers leave it 0; derive it for PCM.
        info.byteRate = static_cast<qint64>(info.sampleRate) * info.channels
                        * std::max(1, info.bitsPerSample / 8);
    }
    info.durationMs = info.dataBytes * 1000 / info.byteRate;
    return info;
}

std::optional<WavFile::Info> WavFile::readInfo(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        fail(error, u"cannot open %1: %2"_s.arg(path, file.errorString()));
        return std::nullopt;
    }
    const qint64 size = file.size();
    // Almost every file has its data chunk within the first few dozen bytes; read a small
    // block first and only read more when other chunks come first.
    QByteArray head = file.read(std::min<qint64>(size, 512));
    QString firstError;
    if (auto info = parseHeader(head, size, &firstError))
        return info;
    if (size > head.size()) {
        head += file.read(std::min<qint64>(size, s_maxHeaderBytes + 8) - head.size());
        if (auto info = parseHeader(head, size, error))
            return info;
        return std::nullopt;
    }
    fail(error, firstError);
    return std::nullopt;
}

QByteArray WavFile::encodeSamples(const QList<Segment> &segments, int sampleRate)
{
    if (sampleRate < s_minRate || sampleRate > s_maxRate)
        return {};
    qint64 totalSamples = 0;
    for (const Segment &s : segments)
        totalSamples += std::max<qint64>(s.ms, 0) * sampleRate / 1000;
    QByteArray out;
    out.resize(totalSamples * 2);
    char *p = out.data();
    qint64 phaseSample = 0; // keeps the tone continuous across audible segments
    for (const Segment &s : segments) {
        const qint64 n = std::max<qint64>(s.ms, 0) * sampleRate / 1000;
        for (qint64 i = 0; i < n; ++i) {
            qint16 v = 0;
            if (s.audible) {
                const double t = static_cast<double>(phaseSample++) / sampleRate;
                v = static_cast<qint16>(std::lround(s_toneAmplitude
                                                    * std::sin(2.0 * std::numbers::pi * s_toneHz * t)));
            }
            qToLittleEndian(v, p);
            p += 2;
        }
    }
    return out;
}

QByteArray WavFile::encode(const QList<Segment> &segments, int sampleRate)
{
    if (sampleRate < s_minRate || sampleRate > s_maxRate)
        return {};
    const QByteArray samples = encodeSamples(segments, sampleRate);
    return pcmHeader(samples.size(), sampleRate) + samples;
}

bool WavFile::write(const QString &path, const QList<Segment> &segments, int sampleRate,
                    QString *error)
{
    if (sampleRate < s_minRate || sampleRate > s_maxRate)
        return fail(error, u"unsupported sample rate %1"_s.arg(sampleRate));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(error, u"cannot write %1: %2"_s.arg(path, file.errorString()));
    file.write(encode(segments, sampleRate));
    if (!file.commit())
        return fail(error, u"cannot write %1: %2"_s.arg(path, file.errorString()));
    return true;
}

bool WavFile::writeTone(const QString &path, qint64 ms, int sampleRate, QString *error)
{
    return write(path, {Segment{ms, true}}, sampleRate, error);
}

bool WavFile::writeSilence(const QString &path, qint64 ms, int sampleRate, QString *error)
{
    return write(path, {Segment{ms, false}}, sampleRate, error);
}

bool WavFile::append(const QString &path, const QList<Segment> &segments, QString *error)
{
    QString parseError;
    const auto info = readInfo(path, &parseError);
    if (!info)
        return fail(error, parseError);
    if (info->audioFormat != 1 || info->channels != 1 || info->bitsPerSample != 16)
        return fail(error, u"%1 is not 16-bit mono PCM"_s.arg(path));
    if (info->sampleRate < s_minRate || info->sampleRate > s_maxRate)
        return fail(error, u"unsupported sample rate %1"_s.arg(info->sampleRate));
    const QByteArray samples = encodeSamples(segments, info->sampleRate);
    const qint64 newData = info->dataBytes + samples.size();
    if (info->dataOffset + newData > 0xffffffffLL)
        return fail(error, u"%1 would exceed 4 GiB"_s.arg(path));

    QFile file(path);
    if (!file.open(QIODevice::ReadWrite))
        return fail(error, u"cannot open %1: %2"_s.arg(path, file.errorString()));
    // Drop anything after the data chunk (trailing chunks, a partial sample) and append there.
    if (!file.resize(info->dataOffset + info->dataBytes) || !file.seek(info->dataOffset + info->dataBytes)
        || file.write(samples) != samples.size())
        return fail(error, u"cannot append to %1: %2"_s.arg(path, file.errorString()));
    char b[4];
    qToLittleEndian(static_cast<quint32>(info->dataOffset + newData - 8), b);
    if (!file.seek(4) || file.write(b, 4) != 4)
        return fail(error, u"cannot update %1"_s.arg(path));
    qToLittleEndian(static_cast<quint32>(newData), b);
    if (!file.seek(info->dataOffset - 4) || file.write(b, 4) != 4)
        return fail(error, u"cannot update %1"_s.arg(path));
    return true;
}

QList<double> WavFile::rmsLevels(const QString &path, int windowMs, QString *error)
{
    QString parseError;
    const auto info = readInfo(path, &parseError);
    if (!info) {
        fail(error, parseError);
        return {};
    }
    if (info->audioFormat != 1 || info->bitsPerSample != 16 || windowMs <= 0) {
        fail(error, u"%1 is not 16-bit PCM"_s.arg(path));
        return {};
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || !file.seek(info->dataOffset)) {
        fail(error, u"cannot read %1"_s.arg(path));
        return {};
    }
    const QByteArray data = file.read(info->dataBytes);
    const qint64 frameBytes = 2LL * info->channels;
    const qint64 frames = data.size() / frameBytes;
    const qint64 framesPerWindow = std::max<qint64>(1, static_cast<qint64>(info->sampleRate) * windowMs / 1000);
    QList<double> levels;
    const char *p = data.constData();
    for (qint64 start = 0; start < frames; start += framesPerWindow) {
        const qint64 end = std::min(frames, start + framesPerWindow);
        double sum = 0.0;
        for (qint64 f = start; f < end; ++f) {
            double mixed = 0.0;
            for (int c = 0; c < info->channels; ++c)
                mixed += qFromLittleEndian<qint16>(p + f * frameBytes + 2 * c);
            mixed /= info->channels;
            sum += mixed * mixed;
        }
        levels.append(std::sqrt(sum / static_cast<double>(end - start)));
    }
    return levels;
}

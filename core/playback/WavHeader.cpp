#include "core/playback/WavHeader.h"

#include <QtEndian>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

quint32 wavLe32(const QByteArray &bytes, qsizetype offset)
{
    return qFromLittleEndian<quint32>(bytes.constData() + offset);
}

quint16 wavLe16(const QByteArray &bytes, qsizetype offset)
{
    return qFromLittleEndian<quint16>(bytes.constData() + offset);
}

std::optional<WavHeader> invalidHeader(QString *error, const QString &reason)
{
    if (error)
        *error = reason;
    return std::nullopt;
}

} // namespace

std::optional<WavHeader> WavHeader::read(const QByteArray &bytes, qint64 fileSize, QString *error)
{
    if (bytes.size() < 12 || !bytes.startsWith("RIFF") || bytes.mid(8, 4) != "WAVE")
        return invalidHeader(error, u"not a WAV file (no RIFF/WAVE header)"_s);
    const qint64 total = fileSize >= 0 ? fileSize : bytes.size();
    WavHeader header;
    bool formatSeen = false;
    qsizetype offset = 12;
    while (offset + 8 <= bytes.size()) {
        const QByteArray id = bytes.mid(offset, 4);
        const quint32 size = wavLe32(bytes, offset + 4);
        const qsizetype body = offset + 8;
        if (id == "fmt ") {
            if (size < 16 || body + 16 > bytes.size())
                return invalidHeader(error, u"damaged WAV header (its format chunk is too short)"_s);
            header.formatTag = wavLe16(bytes, body);
            header.channels = wavLe16(bytes, body + 2);
            header.sampleRate = wavLe32(bytes, body + 4);
            header.byteRate = wavLe32(bytes, body + 8);
            header.blockAlign = wavLe16(bytes, body + 12);
            header.bitsPerSample = wavLe16(bytes, body + 14);
            if (header.channels == 0 || header.sampleRate == 0 || header.blockAlign == 0)
                return invalidHeader(error, u"damaged WAV header (no channels, sample rate or frame size)"_s);
            if (header.byteRate == 0)
                header.byteRate = header.sampleRate * header.blockAlign;
            formatSeen = true;
        } else if (id == "data") {
            if (!formatSeen)
                return invalidHeader(error, u"damaged WAV header (samples before their format)"_s);
            // A writer that never patched the header leaves 0 or 0xFFFFFFFF: use what exists.
            const qint64 present = std::max<qint64>(0, total - body);
            qint64 dataSize = size;
            if (dataSize == 0 || dataSize > present)
                dataSize = present;
            header.dataOffset = body;
            header.dataBytes = dataSize - dataSize % header.blockAlign;
            return header;
        }
        // Chunks are padded to an even size.
        const qint64 next = static_cast<qint64>(body) + size + (size & 1u);
        if (next <= offset || next > total)
            return invalidHeader(error, u"damaged WAV header (a chunk runs past the end of the file)"_s);
        offset = static_cast<qsizetype>(next);
    }
    return invalidHeader(error, u"damaged WAV header (no samples found)"_s);
}

bool WavHeader::isPlayablePcm(QString *why) const
{
    const auto no = [why](const QString &reason) {
        if (why)
            *why = reason;
        return false;
    };
    if (formatTag != 1) {
        // The codecs Asterisk may put in a WAV container, by name.
        const QString codec = formatTag == 6 ? u"A-law"_s
            : formatTag == 7                 ? u"\u00b5-law"_s
            : formatTag == 49                ? u"GSM"_s
                                             : u"format %1"_s.arg(formatTag);
        return no(u"%1 audio, not PCM"_s.arg(codec));
    }
    if (bitsPerSample != 16)
        return no(u"%1-bit PCM, not 16-bit"_s.arg(bitsPerSample));
    if (channels > 2)
        return no(u"%1 channels, not mono or stereo"_s.arg(channels));
    if (sampleRate < 8000 || sampleRate > 48000)
        return no(u"a sample rate of %1 Hz, not 8 to 48 kHz"_s.arg(sampleRate));
    if (blockAlign != 2 * channels || byteRate != sampleRate * blockAlign)
        return no(u"an inconsistent header (frame size %1, byte rate %2)"_s.arg(blockAlign).arg(byteRate));
    return true;
}

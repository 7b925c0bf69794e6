#include "core/playback/WavHeader.h"

#include <QIODevice>
#include <QtEndian>

#include <algorithm>
#include <functional>

using namespace Qt::StringLiterals;

namespace {

// More chunks than this before the samples is no recording but a damaged (or hostile) file; the
// walk reads eight bytes a chunk, so it stays cheap whatever sizes the chunks claim.
constexpr int s_maxChunks = 4096;

// Up to `length` bytes of the file at `offset` (fewer where what can be read ends).
using ReadAt = std::function<QByteArray(qint64 offset, qint64 length)>;

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

bool isChunkId(const QByteArray &id)
{
    return id.size() == 4 && std::all_of(id.cbegin(), id.cend(), [](char c) { return c >= 0x20 && c <= 0x7e; });
}

// Whether the bytes from `offset` to `total` are whole chunks (an id of printable characters, a
// size that ends within the file, up to its very end): then a "data" chunk of size 0 before them
// is truly empty. Samples of an unpatched header do not read so.
bool chunksReachTheEnd(const ReadAt &readAt, qint64 offset, qint64 total)
{
    for (int chunk = 0; chunk < s_maxChunks && offset < total; ++chunk) {
        const QByteArray head = readAt(offset, 8);
        if (head.size() < 8 || !isChunkId(head.left(4)))
            return false;
        const quint32 size = wavLe32(head, 4);
        const qint64 end = offset + 8 + size;
        if (end > total)
            return false;
        offset = end + (size & 1u);
        if (offset == total + 1)
            return true; // a last odd chunk without its pad byte
    }
    return offset == total;
}

std::optional<WavHeader> walk(const ReadAt &readAt, qint64 total, QString *error)
{
    const QByteArray riff = readAt(0, 12);
    if (riff.size() < 12 || !riff.startsWith("RIFF") || riff.mid(8, 4) != "WAVE")
        return invalidHeader(error, u"not a WAV file (no RIFF/WAVE header)"_s);
    WavHeader header;
    bool formatSeen = false;
    qint64 offset = 12;
    for (int chunk = 0; offset + 8 <= total; ++chunk) {
        if (chunk == s_maxChunks)
            return invalidHeader(error, u"damaged WAV header (more than %1 chunks)"_s.arg(s_maxChunks));
        const QByteArray head = readAt(offset, 8);
        if (head.size() < 8)
            return invalidHeader(error, u"damaged WAV header (it cannot be read past byte %1)"_s.arg(offset));
        const QByteArray id = head.left(4);
        const quint32 size = wavLe32(head, 4);
        const qint64 body = offset + 8;
        if (id == "fmt ") {
            const QByteArray format = readAt(body, 16);
            if (size < 16 || format.size() < 16)
                return invalidHeader(error, u"damaged WAV header (its format chunk is too short)"_s);
            header.formatTag = wavLe16(format, 0);
            header.channels = wavLe16(format, 2);
            header.sampleRate = wavLe32(format, 4);
            header.byteRate = wavLe32(format, 8);
            header.blockAlign = wavLe16(format, 12);
            header.bitsPerSample = wavLe16(format, 14);
            if (header.channels == 0 || header.sampleRate == 0 || header.blockAlign == 0)
                return invalidHeader(error, u"damaged WAV header (no channels, sample rate or frame size)"_s);
            if (header.byteRate == 0)
                header.byteRate = header.sampleRate * header.blockAlign;
            formatSeen = true;
        } else if (id == "data") {
            if (!formatSeen)
                return invalidHeader(error, u"damaged WAV header (samples before their format)"_s);
            // A writer that never patched the header leaves 0xFFFFFFFF (or any size past the end)
            // or 0: the samples are what exists. A size of 0 followed by other chunks is an empty
            // data chunk, not an unpatched one: those chunks are no sound.
            const qint64 present = std::max<qint64>(0, total - body);
            qint64 dataSize = size;
            if (dataSize > present || (dataSize == 0 && !chunksReachTheEnd(readAt, body, total)))
                dataSize = present;
            header.dataOffset = body;
            header.dataBytes = dataSize - dataSize % header.blockAlign;
            return header;
        }
        // Chunks are padded to an even size.
        const qint64 next = body + size + (size & 1u);
        if (next > total)
            return invalidHeader(error, u"damaged WAV header (a chunk runs past the end of the file)"_s);
        offset = next;
    }
    return invalidHeader(error, u"damaged WAV header (no samples found)"_s);
}

} // namespace

std::optional<WavHeader> WavHeader::read(const QByteArray &bytes, qint64 fileSize, QString *error)
{
    const qint64 total = fileSize >= 0 ? fileSize : bytes.size();
    return walk([&bytes](qint64 offset, qint64 length) { return bytes.mid(offset, length); }, total, error);
}

std::optional<WavHeader> WavHeader::read(QIODevice *file, QString *error)
{
    const ReadAt readAt
        = [file](qint64 offset, qint64 length) { return file->seek(offset) ? file->read(length) : QByteArray(); };
    return walk(readAt, file->size(), error);
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

#include "core/playback/AudioDuration.h"

#include <QFile>
#include <QFileInfo>
#include <QtEndian>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

quint32 readLe32(const QByteArray &bytes, qsizetype offset)
{
    return qFromLittleEndian<quint32>(bytes.constData() + offset);
}

quint16 readLe16(const QByteArray &bytes, qsizetype offset)
{
    return qFromLittleEndian<quint16>(bytes.constData() + offset);
}

constexpr qsizetype s_headerReadLimit = 64 * 1024;

} // namespace

namespace AudioDuration {

qint64 fromWav(const QByteArray &bytes, qint64 fileSize)
{
    if (bytes.size() < 12 || !bytes.startsWith("RIFF") || bytes.mid(8, 4) != "WAVE")
        return -1;
    const qint64 total = fileSize >= 0 ? fileSize : bytes.size();
    quint32 byteRate = 0;
    qsizetype offset = 12;
    while (offset + 8 <= bytes.size()) {
        const QByteArray id = bytes.mid(offset, 4);
        const quint32 size = readLe32(bytes, offset + 4);
        const qsizetype body = offset + 8;
        if (id == "fmt ") {
            if (size < 16 || body + 16 > bytes.size())
                return -1;
            const quint16 channels = readLe16(bytes, body + 2);
            const quint32 sampleRate = readLe32(bytes, body + 4);
            byteRate = readLe32(bytes, body + 8);
            const quint16 blockAlign = readLe16(bytes, body + 12);
            if (byteRate == 0 && sampleRate != 0 && blockAlign != 0)
                byteRate = sampleRate * blockAlign;
            if (channels == 0 || byteRate == 0)
                return -1;
        } else if (id == "data") {
            if (byteRate == 0)
                return -1;
            // A writer that never patched the header leaves 0 or 0xFFFFFFFF: use what exists.
            const qint64 present = std::max<qint64>(0, total - body);
            qint64 dataSize = size;
            if (dataSize == 0 || dataSize > present)
                dataSize = present;
            return dataSize * 1000 / byteRate;
        }
        // Chunks are padded to an even size.
        const qint64 next = static_cast<qint64>(body) + size + (size & 1u);
        if (next <= offset || next > total)
            return -1;
        offset = static_cast<qsizetype>(next);
    }
    return -1;
}

qint64 fromRawSize(const QString &extension, qint64 size)
{
    if (size < 0)
        return -1;
    const QString ext = extension.toLower();
    if (ext == u"gsm")
        return size / 33 * 20;
    if (ext == u"sln" || ext == u"slin" || ext == u"raw")
        return size / 16;
    if (ext == u"sln16")
        return size / 32;
    if (ext == u"ulaw" || ext == u"alaw" || ext == u"pcm" || ext == u"al" || ext == u"ul" || ext == u"g722")
        return size / 8;
    if (ext == u"g729")
        return size;
    return -1;
}

qint64 fromFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isFile() || !info.isReadable())
        return -1;
    const QString ext = info.suffix().toLower();
    if (ext != u"wav")
        return fromRawSize(ext, info.size());
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    return fromWav(file.read(s_headerReadLimit), info.size());
}

} // namespace AudioDuration

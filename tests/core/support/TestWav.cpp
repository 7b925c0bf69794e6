#include "TestWav.h"

#include <QtEndian>

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

namespace TestWav {

QByteArray make(int durationMs, int sampleRate, int channels, bool extraChunk)
{
    const quint32 blockAlign = static_cast<quint32>(channels) * 2;
    const quint32 byteRate = static_cast<quint32>(sampleRate) * blockAlign;
    const quint32 dataSize = static_cast<quint32>(static_cast<qint64>(durationMs) * byteRate / 1000);
    QByteArray chunks;
    chunks.append("fmt ");
    appendLe32(chunks, 16);
    appendLe16(chunks, 1); // PCM
    appendLe16(chunks, static_cast<quint16>(channels));
    appendLe32(chunks, static_cast<quint32>(sampleRate));
    appendLe32(chunks, byteRate);
    appendLe16(chunks, static_cast<quint16>(blockAlign));
    appendLe16(chunks, 16);
    if (extraChunk) {
        chunks.append("LIST");
        appendLe32(chunks, 5);
        chunks.append("INFOx");
        chunks.append('\0'); // padding to an even size
    }
    chunks.append("data");
    appendLe32(chunks, dataSize);
    chunks.append(QByteArray(static_cast<qsizetype>(dataSize), '\0'));

    QByteArray file("RIFF");
    appendLe32(file, static_cast<quint32>(4 + chunks.size()));
    file.append("WAVE");
    file.append(chunks);
    return file;
}

} // namespace TestWav

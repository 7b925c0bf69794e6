#pragma once

#include <QByteArray>
#include <QString>

// Lengths of audio files as Asterisk plays them, read from the file's header or size alone.
// Every function returns -1 when the length cannot be known (unreadable, unknown format, a
// damaged header); none of them trusts a size field past the bytes that actually exist.
namespace AudioDuration {

// A RIFF/WAVE file (any PCM layout): the data chunk's length over the byte rate. `fileSize` is
// the whole file's size when only its beginning is in `bytes` (-1: `bytes` is the whole file).
qint64 fromWav(const QByteArray &bytes, qint64 fileSize = -1);

// Headerless formats by file extension: gsm (33 bytes per 20 ms), sln/slin/raw (8 kHz 16 bit),
// sln16 (16 kHz 16 bit), ulaw/alaw/pcm (8 kHz 8 bit), g722 (64 kbit/s), g729 (8 kbit/s).
qint64 fromRawSize(const QString &extension, qint64 size);

// A file on disk, by its extension (wav: header read; others: size).
qint64 fromFile(const QString &path);

} // namespace AudioDuration

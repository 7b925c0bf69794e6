#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

class QIODevice;

// The layout of a RIFF/WAVE file, read from its header: what "fmt " says and where the samples
// ("data") are. Only what the file actually holds is trusted: a data size past the end of the file
// (or left unpatched: 0xFFFFFFFF, or 0 with samples after it) is cut to the bytes that exist.
struct WavHeader
{
    quint16 formatTag = 0; // 1: integer PCM
    quint16 channels = 0;
    quint32 sampleRate = 0;
    quint32 byteRate = 0;
    quint16 blockAlign = 0;
    quint16 bitsPerSample = 0;
    qint64 dataOffset = 0; // where the samples begin in the file
    qint64 dataBytes = 0; // how many bytes of samples there are (whole frames)

    // `bytes`: the beginning of the file (the whole file when `fileSize` is -1); a header that goes
    // on past them is an error. Empty optional and the reason in *error when it is not a WAV file
    // or its header is damaged.
    static std::optional<WavHeader> read(const QByteArray &bytes, qint64 fileSize = -1, QString *error = nullptr);
    // The same from an open file, reading chunk after chunk as far as the samples, however long
    // the chunks before them (metadata) are: only their first bytes are read.
    static std::optional<WavHeader> read(QIODevice *file, QString *error = nullptr);

    // 16-bit signed integer PCM, one or two channels, 8 to 48 kHz: what a computer's sound output
    // plays as it is (Asterisk's `wav` is 8 kHz mono, `wav16` 16 kHz mono). Else the reason.
    bool isPlayablePcm(QString *why = nullptr) const;
    qint64 durationMs() const { return byteRate ? dataBytes * 1000 / byteRate : -1; }
};

#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

// Reading and writing RIFF/WAVE files, as far as the simulator needs them: the header of sound
// files and stored recordings (to know their duration), and recordings it makes itself (16-bit
// mono PCM whose content is either a tone — "has audio" — or silence, per segment).
//
// Reading is defensive: truncated, oversized or hostile headers give an error, never a crash or a
// read past the data. A data chunk whose declared size exceeds the file (a recording that was
// still being written, or a streaming header with size 0xFFFFFFFF) counts only the bytes present.
class WavFile
{
public:
    struct Info
    {
        int audioFormat = 0;     // 1 = PCM, 0xFFFE = extensible, 0x31 = GSM 6.10 (WAV49) ...
        int channels = 0;
        int sampleRate = 0;
        int bitsPerSample = 0;
        int blockAlign = 0;
        qint64 byteRate = 0;
        qint64 dataOffset = 0;   // file offset of the first data byte
        qint64 dataBytes = 0;    // bytes of the data chunk actually present
        qint64 durationMs = 0;   // dataBytes / byteRate, rounded down
    };

    // One stretch of a recording: `ms` milliseconds of a tone (audible) or of silence.
    struct Segment
    {
        qint64 ms = 0;
        bool audible = false;
        friend bool operator==(const Segment &, const Segment &) = default;
    };

    // Parses the header of the file at `path` (reads at most the chunks before "data").
    static std::optional<Info> readInfo(const QString &path, QString *error = nullptr);
    // Parses a header from bytes; `totalSize` is the full file size (the data chunk is clipped to
    // it), or -1 to use data.size().
    static std::optional<Info> parseHeader(const QByteArray &data, qint64 totalSize = -1,
                                           QString *error = nullptr);

    // A complete 16-bit mono PCM WAV file (header + samples) made of the segments in order.
    // Audible segments carry a 440 Hz tone at about -10 dBFS, silent ones zero samples.
    // sampleRate must be 8000..192000; otherwise an empty array is returned.
    static QByteArray encode(const QList<Segment> &segments, int sampleRate = 8000);
    // Only the samples (no header) of the segments, for appending.
    static QByteArray encodeSamples(const QList<Segment> &segments, int sampleRate = 8000);

    // Writes encode(segments, sampleRate) to `path` (replacing it, via a temporary file).
    static bool write(const QString &path, const QList<Segment> &segments, int sampleRate = 8000,
                      QString *error = nullptr);
    static bool writeTone(const QString &path, qint64 ms, int sampleRate = 8000,
                          QString *error = nullptr);
    static bool writeSilence(const QString &path, qint64 ms, int sampleRate = 8000,
                             QString *error = nullptr);

    // Appends the segments to an existing 16-bit mono PCM WAV file written at any rate (its own
    // rate is used) and fixes the RIFF and data sizes. Fails (file untouched) on any other format.
    static bool append(const QString &path, const QList<Segment> &segments,
                       QString *error = nullptr);

    // RMS level (0..32767) of each `windowMs` window of a 16-bit PCM file (channels mixed), the
    // way the reference transcripts' "analysis" lines describe a recording. Empty on error.
    static QList<double> rmsLevels(const QString &path, int windowMs = 250,
                                   QString *error = nullptr);
};

#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

#include "sim/media/WavFile.h"

// The stored recordings of the simulator: a directory like Asterisk's
// /var/spool/asterisk/recording, where a recording "voicemail/305/1411503204" in format "wav" is
// the file <dir>/voicemail/305/1411503204.wav.
//
// Names: may contain '/' (subdirectories). They are normalised like a path ("voicemail/../x" →
// "x"); a name that is empty, absolute, contains NUL or a backslash, ends with '/', or escapes the
// directory after normalisation ("../../evil") is invalid. For look-ups an invalid name is simply
// not found (Asterisk: GET/DELETE → 404); for recording it is an error (Asterisk: 500 "Error
// parsing request").
//
// Formats are file extensions, as in ARI's `format` parameter: a format is known when Asterisk has
// a format module for that extension (wav, gsm, ulaw, alaw, sln, g722, wav49, ...; unknown → the
// server answers 422). Only some known formats can be written here: wav (real 16-bit audio),
// wav16, sln/raw, sln16, ulaw/ul/pcm, alaw/al (G.711 encoded) and gsm (frames of the right count,
// silent content). Writing another known format gives UnsupportedFormat.
//
// Listing is in plain text (byte) order of the names, like Asterisk — not by time. A name stored
// in several formats is listed once (the first format in the order wav, gsm, others by name).
class RecordingStore
{
public:
    enum class Status {
        Ok,
        NotFound,          // 404 "Recording not found"
        AlreadyExists,     // 409 (copy onto an existing name)
        InvalidName,       // record: 500 "Error parsing request"; copy destination: 400
        UnknownFormat,     // 422: no format module for it
        UnsupportedFormat, // known to Asterisk, but the simulator cannot write it
        IoError,           // the file system refused
    };

    struct Entry
    {
        QString name;      // normalised name, '/' separated
        QString format;    // file extension ("wav")
        QString path;      // absolute file path
        friend bool operator==(const Entry &, const Entry &) = default;
    };

    // `directory` is created on first write if missing.
    explicit RecordingStore(const QString &directory);

    QString directory() const;

    // The normalised form of a recording name, or std::nullopt when the name is invalid.
    static std::optional<QString> normalizeName(const QString &name);
    static bool isValidName(const QString &name);
    // Asterisk knows the format (has a format module for the extension).
    static bool isKnownFormat(const QString &format);
    // The simulator can write recordings in that format.
    static bool isWritableFormat(const QString &format);
    // Content-Type of GET /recordings/stored/{name}/file for a format ("audio/wav" for wav).
    static QString contentType(const QString &format);
    // Human-readable name of a status, for logs.
    static QString statusText(Status status);

    // All stored recordings, sorted by name (byte order).
    QList<Entry> list() const;
    // GET /recordings/stored: [{"name","format"}...].
    QJsonArray listJson() const;
    // {"name","format"} of one entry.
    static QJsonObject entryJson(const Entry &entry);

    std::optional<Entry> find(const QString &name) const;
    bool exists(const QString &name) const;
    // Path of the stored file of that name (with its extension); empty when there is none.
    QString filePath(const QString &name) const;
    // Where a recording of that name and format lives or would be written; empty when the name is
    // invalid or the format unknown.
    QString pathFor(const QString &name, const QString &format) const;
    // Duration of the stored recording; -1 when missing or unreadable.
    qint64 durationMs(const QString &name) const;

    // Deletes every file of that name (and subdirectories left empty by it).
    Status remove(const QString &name);
    // Copies the recording to a new name (same format). AlreadyExists when the destination exists.
    Status copy(const QString &source, const QString &destination);
    // Writes (creating directories, replacing any file of that name in any format) a recording
    // made of the segments.
    Status write(const QString &name, const QString &format, const QList<WavFile::Segment> &segments,
                 QString *error = nullptr);
    // Appends the segments to the recording of that name and format (ifExists=append); creates it
    // when missing (files of the same name in other formats are left alone).
    Status append(const QString &name, const QString &format,
                  const QList<WavFile::Segment> &segments, QString *error = nullptr);

private:
    QStringList filesOf(const QString &normalizedName) const;

    QString m_directory;
};

#include "sim/media/RecordingStore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QtEndian>

#include <algorithm>

#include "sim/media/SimMediaLogging.h"
#include "sim/media/SoundCatalogue.h"

using namespace Qt::StringLiterals;

namespace {

// Extensions a stored recording may have, in the order a name's files are preferred.
const QStringList &recordingExtensions()
{
    static const QStringList extensions = [] {
        const QStringList all{u"wav"_s,    u"gsm"_s,     u"WAV"_s,     u"al"_s,     u"alaw"_s,
                              u"alw"_s,    u"au"_s,      u"g719"_s,    u"g722"_s,   u"g723"_s,
                              u"g723sf"_s, u"g726-16"_s, u"g726-24"_s, u"g726-32"_s, u"g726-40"_s,
                              u"g729"_s,   u"h263"_s,    u"h264"_s,    u"ilbc"_s,   u"jpeg"_s,
                              u"jpg"_s,    u"mu"_s,      u"ogg"_s,     u"pcm"_s,    u"raw"_s,
                              u"siren14"_s, u"siren7"_s, u"sln"_s,     u"sln12"_s,  u"sln16"_s,
                              u"sln192"_s, u"sln24"_s,   u"sln32"_s,   u"sln44"_s,  u"sln48"_s,
                              u"sln96"_s,  u"spx"_s,     u"ul"_s,      u"ulaw"_s,   u"ulw"_s,
                              u"vox"_s,    u"wav16"_s,   u"wav49"_s};
        return all;
    }();
    return extensions;
}

enum class Writer { None, Wav8k, Wav16k, Slin8k, Slin16k, Ulaw, Alaw, Gsm };

Writer writerFor(const QString &format)
{
    if (format == u"wav"_s)
        return Writer::Wav8k;
    if (format == u"wav16"_s)
        return Writer::Wav16k;
    if (format == u"sln"_s || format == u"raw"_s)
        return Writer::Slin8k;
    if (format == u"sln16"_s)
        return Writer::Slin16k;
    if (format == u"ulaw"_s || format == u"ul"_s || format == u"pcm"_s || format == u"mu"_s
        || format == u"ulw"_s)
        return Writer::Ulaw;
    if (format == u"alaw"_s || format == u"al"_s || format == u"alw"_s)
        return Writer::Alaw;
    if (format == u"gsm"_s)
        return Writer::Gsm;
    return Writer::None;
}

// G.711 mu-law of one linear sample.
quint8 toUlaw(int sample)
{
    constexpr int bias = 0x84;
    constexpr int clip = 32635;
    const int sign = sample < 0 ? 0x80 : 0;
    int magnitude = std::min(sample < 0 ? -sample : sample, clip) + bias;
    int exponent = 7;
    for (int mask = 0x4000; exponent > 0 && !(magnitude & mask); mask >>= 1)
        --exponent;
    const int mantissa = (magnitude >> (exponent + 3)) & 0x0f;
    return static_cast<quint8>(~(sign | (exponent << 4) | mantissa) & 0xff);
}

// G.711 A-law of one linear sample.
quint8 toAlaw(int sample)
{
    int value = sample >> 3; // 13-bit
    int mask = 0xd5;
    if (value < 0) {
        mask = 0x55;
        value = -value - 1;
    }
    int segment = 0;
    while (segment < 8 && value > (0x1f << segment))
        ++segment;
    if (segment >= 8)
        return static_cast<quint8>(0x7f ^ mask);
    int code = segment << 4;
    code |= segment < 2 ? (value >> 1) & 0x0f : (value >> segment) & 0x0f;
    return static_cast<quint8>(code ^ mask);
}

QByteArray companded(const QByteArray &slin, bool ulaw)
{
    QByteArray out(slin.size() / 2, Qt::Uninitialized);
    for (qsizetype i = 0; i < out.size(); ++i) {
        const int s = qFromLittleEndian<qint16>(slin.constData() + 2 * i);
        out[i] = static_cast<char>(ulaw ? toUlaw(s) : toAlaw(s));
    }
    return out;
}

// Samples (no header) in the format's own encoding.
QByteArray payload(Writer writer, const QList<WavFile::Segment> &segments)
{
    switch (writer) {
    case Writer::Wav8k:
    case Writer::Slin8k:
        return WavFile::encodeSamples(segments, 8000);
    case Writer::Wav16k:
    case Writer::Slin16k:
        return WavFile::encodeSamples(segments, 16000);
    case Writer::Ulaw:
        return companded(WavFile::encodeSamples(segments, 8000), true);
    case Writer::Alaw:
        return companded(WavFile::encodeSamples(segments, 8000), false);
    case Writer::Gsm: {
        // Frames of the right count; content is a silent frame (the simulator has no GSM coder).
        qint64 ms = 0;
        for (const WavFile::Segment &s : segments)
            ms += std::max<qint64>(s.ms, 0);
        QByteArray frame(33, '\0');
        frame[0] = '\xd0'; // GSM 6.10 frame signature
        return frame.repeated(ms / 20);
    }
    case Writer::None:
        break;
    }
    return {};
}

// Refused input is the caller's business (debug); a failing file system is worth a warning.
bool refuse(QString *error, const QString &message)
{
    if (error)
        *error = message;
    qCDebug(lcSimMedia).noquote() << message;
    return false;
}

bool setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
    qCWarning(lcSimMedia).noquote() << message;
    return false;
}

// Creates or replaces `target` with the segments encoded for `writer`.
bool writeFile(const QString &target, Writer writer, const QList<WavFile::Segment> &segments,
               QString *error)
{
    if (!QDir().mkpath(QFileInfo(target).absolutePath()))
        return setError(error, u"cannot create the directory of %1"_s.arg(target));
    QByteArray bytes;
    if (writer == Writer::Wav8k)
        bytes = WavFile::encode(segments, 8000);
    else if (writer == Writer::Wav16k)
        bytes = WavFile::encode(segments, 16000);
    else
        bytes = payload(writer, segments);
    QSaveFile file(target);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return setError(error, u"cannot write %1: %2"_s.arg(target, file.errorString()));
    return true;
}

// Where a recording `name` in `format` is written, and with which writer; a status other than Ok
// (with the reason in `error`) when the name, the format or writing it is refused.
RecordingStore::Status writeTarget(const QString &directory, const QString &name, const QString &format,
                                   QString *normalized, QString *target, Writer *writer, QString *error)
{
    const std::optional<QString> cleaned = RecordingStore::normalizeName(name);
    if (!cleaned) {
        refuse(error, u"invalid recording name %1"_s.arg(name));
        return RecordingStore::Status::InvalidName;
    }
    if (!RecordingStore::isKnownFormat(format)) {
        refuse(error, u"unknown recording format %1"_s.arg(format));
        return RecordingStore::Status::UnknownFormat;
    }
    *writer = writerFor(format);
    if (*writer == Writer::None) {
        refuse(error, u"recording format %1 cannot be written by the simulator"_s.arg(format));
        return RecordingStore::Status::UnsupportedFormat;
    }
    *normalized = *cleaned;
    *target = directory + u'/' + *cleaned + u'.' + format;
    return RecordingStore::Status::Ok;
}

bool lessUtf8(const QString &a, const QString &b)
{
    return a.toUtf8() < b.toUtf8();
}

} // namespace

RecordingStore::RecordingStore(const QString &directory)
    : m_directory(QDir::cleanPath(QDir(directory).absolutePath()))
{
}

QString RecordingStore::directory() const
{
    return m_directory;
}

std::optional<QString> RecordingStore::normalizeName(const QString &name)
{
    if (name.isEmpty() || name.startsWith(u'/') || name.endsWith(u'/') || name.contains(QChar(0))
        || name.contains(u'\\'))
        return std::nullopt;
    const QString cleaned = QDir::cleanPath(name);
    if (cleaned.isEmpty() || cleaned == u"."_s || cleaned == u".."_s || cleaned.startsWith(u"../"_s)
        || cleaned.startsWith(u'/'))
        return std::nullopt;
    return cleaned;
}

bool RecordingStore::isValidName(const QString &name)
{
    return normalizeName(name).has_value();
}

bool RecordingStore::isKnownFormat(const QString &format)
{
    return !SoundCatalogue::formatForExtension(format).isEmpty();
}

bool RecordingStore::isWritableFormat(const QString &format)
{
    return writerFor(format) != Writer::None;
}

QString RecordingStore::contentType(const QString &format)
{
    if (format == u"wav"_s || format == u"wav16"_s || format == u"WAV"_s || format == u"wav49"_s)
        return u"audio/wav"_s;
    if (format == u"gsm"_s)
        return u"audio/x-gsm"_s;
    if (writerFor(format) == Writer::Ulaw || format == u"au"_s)
        return u"audio/basic"_s;
    return u"application/octet-stream"_s;
}

QString RecordingStore::statusText(Status status)
{
    switch (status) {
    case Status::Ok: return u"ok"_s;
    case Status::NotFound: return u"recording not found"_s;
    case Status::AlreadyExists: return u"recording already exists"_s;
    case Status::InvalidName: return u"invalid recording name"_s;
    case Status::UnknownFormat: return u"unknown format"_s;
    case Status::UnsupportedFormat: return u"format not supported by the simulator"_s;
    case Status::IoError: return u"file system error"_s;
    }
    return {};
}

QList<RecordingStore::Entry> RecordingStore::list() const
{
    // name → best entry (preference order of recordingExtensions()).
    QHash<QString, Entry> byName;
    QHash<QString, qsizetype> rankOf;
    const QStringList &extensions = recordingExtensions();
    QDirIterator it(m_directory, QDir::Files | QDir::NoDotAndDotDot | QDir::Hidden, QDirIterator::Subdirectories);
    const QDir root(m_directory);
    while (it.hasNext()) {
        it.next();
        const QFileInfo fi = it.fileInfo();
        if (!fi.isFile())
            continue;
        const QString file = fi.fileName();
        const qsizetype dot = file.lastIndexOf(u'.');
        if (dot <= 0)
            continue;
        const QString extension = file.mid(dot + 1);
        const qsizetype rank = extensions.indexOf(extension);
        if (rank < 0)
            continue;
        const QString relative = root.relativeFilePath(fi.filePath());
        const QString name = relative.left(relative.size() - extension.size() - 1);
        const auto existing = rankOf.constFind(name);
        if (existing != rankOf.cend() && *existing <= rank)
            continue;
        rankOf.insert(name, rank);
        byName.insert(name, Entry{name, extension, fi.absoluteFilePath()});
    }
    QList<Entry> entries = byName.values();
    // Plain text (byte) order, like Asterisk — not by time.
    std::sort(entries.begin(), entries.end(),
              [](const Entry &a, const Entry &b) { return lessUtf8(a.name, b.name); });
    return entries;
}

QJsonArray RecordingStore::listJson() const
{
    QJsonArray array;
    for (const Entry &entry : list())
        array.append(entryJson(entry));
    return array;
}

QJsonObject RecordingStore::entryJson(const Entry &entry)
{
    return QJsonObject{{"name"_L1, entry.name}, {"format"_L1, entry.format}};
}

QStringList RecordingStore::filesOf(const QString &normalizedName) const
{
    QStringList files;
    const QString base = m_directory + u'/' + normalizedName + u'.';
    for (const QString &extension : recordingExtensions()) {
        const QFileInfo fi(base + extension);
        if (fi.isFile())
            files.append(fi.absoluteFilePath());
    }
    return files;
}

std::optional<RecordingStore::Entry> RecordingStore::find(const QString &name) const
{
    const std::optional<QString> normalized = normalizeName(name);
    if (!normalized)
        return std::nullopt;
    const QStringList files = filesOf(*normalized);
    if (files.isEmpty())
        return std::nullopt;
    const QString &path = files.first();
    return Entry{*normalized, path.mid(path.lastIndexOf(u'.') + 1), path};
}

bool RecordingStore::exists(const QString &name) const
{
    return find(name).has_value();
}

QString RecordingStore::filePath(const QString &name) const
{
    const auto entry = find(name);
    return entry ? entry->path : QString();
}

QString RecordingStore::pathFor(const QString &name, const QString &format) const
{
    const std::optional<QString> normalized = normalizeName(name);
    if (!normalized || !isKnownFormat(format))
        return {};
    return m_directory + u'/' + *normalized + u'.' + format;
}

qint64 RecordingStore::durationMs(const QString &name) const
{
    const auto entry = find(name);
    if (!entry)
        return -1;
    return SoundCatalogue::fileDurationMs(entry->path, entry->format);
}

RecordingStore::Status RecordingStore::remove(const QString &name)
{
    const std::optional<QString> normalized = normalizeName(name);
    if (!normalized)
        return Status::NotFound;
    const QStringList files = filesOf(*normalized);
    if (files.isEmpty())
        return Status::NotFound;
    for (const QString &file : files) {
        if (!QFile::remove(file)) {
            qCWarning(lcSimMedia) << "cannot delete" << file;
            return Status::IoError;
        }
    }
    // Remove the subdirectories this left empty (never the store's own directory).
    QDir dir = QFileInfo(files.first()).dir();
    while (QDir::cleanPath(dir.absolutePath()) != m_directory
           && dir.absolutePath().startsWith(m_directory + u'/')) {
        const QString path = dir.absolutePath();
        if (!dir.cdUp() || !dir.rmdir(path))
            break;
    }
    return Status::Ok;
}

RecordingStore::Status RecordingStore::copy(const QString &source, const QString &destination)
{
    const auto from = find(source);
    if (!from)
        return Status::NotFound;
    const std::optional<QString> to = normalizeName(destination);
    if (!to)
        return Status::InvalidName;
    if (!filesOf(*to).isEmpty())
        return Status::AlreadyExists;
    const QString target = m_directory + u'/' + *to + u'.' + from->format;
    if (!QDir().mkpath(QFileInfo(target).absolutePath()) || !QFile::copy(from->path, target)) {
        qCWarning(lcSimMedia) << "cannot copy" << from->path << "to" << target;
        return Status::IoError;
    }
    return Status::Ok;
}

RecordingStore::Status RecordingStore::write(const QString &name, const QString &format,
                                             const QList<WavFile::Segment> &segments, QString *error)
{
    QString normalized;
    QString target;
    Writer writer = Writer::None;
    if (const Status refused = writeTarget(m_directory, name, format, &normalized, &target, &writer, error);
        refused != Status::Ok)
        return refused;
    for (const QString &other : filesOf(normalized)) {
        if (other != target && !QFile::remove(other)) {
            setError(error, u"cannot replace %1"_s.arg(other));
            return Status::IoError;
        }
    }
    return writeFile(target, writer, segments, error) ? Status::Ok : Status::IoError;
}

RecordingStore::Status RecordingStore::append(const QString &name, const QString &format,
                                              const QList<WavFile::Segment> &segments, QString *error)
{
    QString normalized;
    QString target;
    Writer writer = Writer::None;
    if (const Status refused = writeTarget(m_directory, name, format, &normalized, &target, &writer, error);
        refused != Status::Ok)
        return refused;
    if (!QFileInfo(target).isFile()) // created; files of the name in other formats stay
        return writeFile(target, writer, segments, error) ? Status::Ok : Status::IoError;
    if (writer == Writer::Wav8k || writer == Writer::Wav16k) {
        QString appendError;
        if (!WavFile::append(target, segments, &appendError)) {
            setError(error, appendError);
            return Status::IoError;
        }
        return Status::Ok;
    }
    const QByteArray bytes = payload(writer, segments);
    QFile file(target);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Append) || file.write(bytes) != bytes.size()) {
        setError(error, u"cannot append to %1: %2"_s.arg(target, file.errorString()));
        return Status::IoError;
    }
    return Status::Ok;
}

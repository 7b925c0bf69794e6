#include "sim/media/SoundCatalogue.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSet>

#include <algorithm>
#include <array>
#include <tuple>

#include "sim/media/SimMediaLogging.h"
#include "sim/media/WavFile.h"

using namespace Qt::StringLiterals;

namespace {

// How a format's duration is told from a file.
enum class Measure {
    Header,     // a WAV header (wav, wav16, WAV/wav49)
    Bytes,      // raw: size * msPer / bytesPer
    Unknown,
};

struct FormatInfo
{
    const char *extension;
    const char *format;
    Measure measure;
    int bytesPer; // bytes per `msPer` milliseconds
    int msPer;
};

// The extensions Asterisk's format modules register, and the format (codec) each one carries.
// Case-sensitive like Asterisk ("WAV" is GSM-in-WAV, "wav" is 16-bit linear).
constexpr std::array s_formats{
    FormatInfo{"wav", "slin", Measure::Header, 0, 0},
    FormatInfo{"wav16", "slin16", Measure::Header, 0, 0},
    FormatInfo{"WAV", "gsm", Measure::Header, 0, 0},
    FormatInfo{"wav49", "gsm", Measure::Header, 0, 0},
    FormatInfo{"gsm", "gsm", Measure::Bytes, 33, 20},
    FormatInfo{"ulaw", "ulaw", Measure::Bytes, 8, 1},
    FormatInfo{"pcm", "ulaw", Measure::Bytes, 8, 1},
    FormatInfo{"ul", "ulaw", Measure::Bytes, 8, 1},
    FormatInfo{"mu", "ulaw", Measure::Bytes, 8, 1},
    FormatInfo{"ulw", "ulaw", Measure::Bytes, 8, 1},
    FormatInfo{"au", "ulaw", Measure::Bytes, 8, 1},
    FormatInfo{"alaw", "alaw", Measure::Bytes, 8, 1},
    FormatInfo{"al", "alaw", Measure::Bytes, 8, 1},
    FormatInfo{"alw", "alaw", Measure::Bytes, 8, 1},
    FormatInfo{"g722", "g722", Measure::Bytes, 8, 1},
    FormatInfo{"sln", "slin", Measure::Bytes, 16, 1},
    FormatInfo{"raw", "slin", Measure::Bytes, 16, 1},
    FormatInfo{"sln12", "slin12", Measure::Bytes, 24, 1},
    FormatInfo{"sln16", "slin16", Measure::Bytes, 32, 1},
    FormatInfo{"sln24", "slin24", Measure::Bytes, 48, 1},
    FormatInfo{"sln32", "slin32", Measure::Bytes, 64, 1},
    FormatInfo{"sln44", "slin44", Measure::Bytes, 88, 1},
    FormatInfo{"sln48", "slin48", Measure::Bytes, 96, 1},
    FormatInfo{"sln96", "slin96", Measure::Bytes, 192, 1},
    FormatInfo{"sln192", "slin192", Measure::Bytes, 384, 1},
    FormatInfo{"g729", "g729", Measure::Bytes, 10, 10},
    FormatInfo{"g723", "g723", Measure::Bytes, 24, 30},
    FormatInfo{"g723sf", "g723", Measure::Bytes, 24, 30},
    FormatInfo{"g726-40", "g726", Measure::Bytes, 5, 1},
    FormatInfo{"g726-32", "g726", Measure::Bytes, 4, 1},
    FormatInfo{"g726-24", "g726", Measure::Bytes, 3, 1},
    FormatInfo{"g726-16", "g726", Measure::Bytes, 2, 1},
    FormatInfo{"g719", "g719", Measure::Bytes, 8, 1},
    FormatInfo{"ilbc", "ilbc", Measure::Bytes, 50, 30},
    FormatInfo{"siren7", "siren7", Measure::Bytes, 4, 1},
    FormatInfo{"siren14", "siren14", Measure::Bytes, 6, 1},
    FormatInfo{"vox", "adpcm", Measure::Bytes, 4, 1},
    FormatInfo{"ogg", "slin", Measure::Unknown, 0, 0},
    FormatInfo{"spx", "speex", Measure::Unknown, 0, 0},
    FormatInfo{"h263", "h263", Measure::Unknown, 0, 0},
    FormatInfo{"h264", "h264", Measure::Unknown, 0, 0},
    FormatInfo{"jpg", "jpeg", Measure::Unknown, 0, 0},
    FormatInfo{"jpeg", "jpeg", Measure::Unknown, 0, 0},
};

const FormatInfo *formatInfo(QStringView extension)
{
    for (const FormatInfo &f : s_formats) {
        if (extension == QLatin1StringView(f.extension))
            return &f;
    }
    return nullptr;
}

struct BuiltInSound
{
    const char *id;
    int slinMs; // durations of the English core sounds (wav and gsm files)
    int gsmMs;
};

constexpr std::array s_builtIn{
    BuiltInSound{"beep", 425, 440},
    BuiltInSound{"queue-callswaiting", 2472, 2480},
    BuiltInSound{"queue-thereare", 2256, 2260},
    BuiltInSound{"queue-youarenext", 5361, 5380},
    BuiltInSound{"vm-first", 748, 760},
    BuiltInSound{"vm-goodbye", 865, 880},
    BuiltInSound{"vm-intro", 5654, 5660},
    BuiltInSound{"vm-message", 929, 940},
    BuiltInSound{"vm-messages", 1071, 1080},
    BuiltInSound{"vm-next", 2943, 2960},
    BuiltInSound{"vm-nomore", 1678, 1680},
    BuiltInSound{"vm-review", 7745, 7760},
    BuiltInSound{"vm-youhave", 906, 920},
    BuiltInSound{"digits/0", 874, 880},
    BuiltInSound{"digits/1", 911, 920},
    BuiltInSound{"digits/2", 747, 760},
    BuiltInSound{"digits/3", 838, 840},
    BuiltInSound{"digits/4", 801, 820},
    BuiltInSound{"digits/5", 820, 840},
    BuiltInSound{"digits/6", 880, 900},
    BuiltInSound{"digits/7", 820, 840},
    BuiltInSound{"digits/8", 692, 700},
    BuiltInSound{"digits/9", 858, 860},
    BuiltInSound{"digits/10", 656, 660},
    BuiltInSound{"digits/11", 965, 980},
    BuiltInSound{"digits/12", 801, 820},
    BuiltInSound{"digits/13", 929, 940},
    BuiltInSound{"digits/14", 1057, 1060},
    BuiltInSound{"digits/15", 1148, 1160},
    BuiltInSound{"digits/16", 1184, 1200},
    BuiltInSound{"digits/17", 1202, 1220},
    BuiltInSound{"digits/18", 1095, 1100},
    BuiltInSound{"digits/19", 1239, 1240},
    BuiltInSound{"digits/20", 929, 940},
    BuiltInSound{"digits/30", 902, 920},
    BuiltInSound{"digits/40", 947, 960},
    BuiltInSound{"digits/50", 1224, 1240},
    BuiltInSound{"digits/60", 1020, 1040},
    BuiltInSound{"digits/70", 1038, 1040},
    BuiltInSound{"digits/80", 838, 840},
    BuiltInSound{"digits/90", 1038, 1040},
    BuiltInSound{"digits/hundred", 849, 860},
    BuiltInSound{"digits/thousand", 892, 900},
    BuiltInSound{"digits/million", 840, 860},
    BuiltInSound{"digits/minus", 888, 900},
    BuiltInSound{"digits/star", 809, 820},
    BuiltInSound{"digits/pound", 748, 760},
    BuiltInSound{"letters/a", 614, 620},
    BuiltInSound{"letters/b", 741, 760},
    BuiltInSound{"letters/c", 865, 880},
    BuiltInSound{"letters/d", 719, 720},
    BuiltInSound{"letters/e", 662, 680},
    BuiltInSound{"letters/f", 584, 600},
    BuiltInSound{"letters/g", 696, 700},
    BuiltInSound{"letters/h", 651, 660},
    BuiltInSound{"letters/i", 674, 680},
    BuiltInSound{"letters/j", 752, 760},
    BuiltInSound{"letters/k", 719, 720},
    BuiltInSound{"letters/l", 595, 600},
    BuiltInSound{"letters/m", 606, 620},
    BuiltInSound{"letters/n", 617, 620},
    BuiltInSound{"letters/o", 651, 660},
    BuiltInSound{"letters/p", 640, 660},
    BuiltInSound{"letters/q", 741, 760},
    BuiltInSound{"letters/r", 730, 740},
    BuiltInSound{"letters/s", 617, 620},
    BuiltInSound{"letters/t", 674, 680},
    BuiltInSound{"letters/u", 787, 800},
    BuiltInSound{"letters/v", 765, 780},
    BuiltInSound{"letters/w", 908, 920},
    BuiltInSound{"letters/x", 648, 660},
    BuiltInSound{"letters/y", 752, 760},
    BuiltInSound{"letters/z", 817, 820},
    BuiltInSound{"silence/1", 1000, 1000},
    BuiltInSound{"silence/2", 2000, 2000},
    BuiltInSound{"silence/3", 3000, 3000},
    BuiltInSound{"silence/4", 4000, 4000},
    BuiltInSound{"silence/5", 5000, 5000},
    BuiltInSound{"silence/6", 6000, 6000},
    BuiltInSound{"silence/7", 7000, 7000},
    BuiltInSound{"silence/8", 8000, 8000},
    BuiltInSound{"silence/9", 9000, 9000},
    BuiltInSound{"silence/10", 10000, 10000},
};

// Nesting deeper than this is not a sounds tree (and guards against symlink loops).
constexpr int s_maxDepth = 16;

// Asterisk's order: the language, then the language cut at its last '_' again and again
// (en_US_f_Allison → en_US_f → en_US → en), then the default "en".
QStringList fallbackLanguages(const QString &language)
{
    QStringList result;
    QString candidate = language;
    while (!candidate.isEmpty()) {
        result.append(candidate);
        const qsizetype underscore = candidate.lastIndexOf(u'_');
        if (underscore < 0)
            break;
        candidate.truncate(underscore);
    }
    result.append(u"en"_s);
    result.removeDuplicates();
    return result;
}

int formatRank(const QString &format)
{
    if (format == u"slin"_s)
        return 0;
    if (format == u"gsm"_s)
        return 1;
    return 2;
}

} // namespace

SoundCatalogue::SoundCatalogue() = default;

QString SoundCatalogue::defaultDirectory()
{
    return u"/usr/share/asterisk/sounds"_s;
}

QString SoundCatalogue::formatForExtension(const QString &extension)
{
    const FormatInfo *f = formatInfo(extension);
    return f ? QString::fromLatin1(f->format) : QString();
}

qint64 SoundCatalogue::fileDurationMs(const QString &path, const QString &extension)
{
    const FormatInfo *f = formatInfo(extension);
    if (!f)
        return -1;
    switch (f->measure) {
    case Measure::Header: {
        const auto info = WavFile::readInfo(path);
        return info ? info->durationMs : -1;
    }
    case Measure::Bytes: {
        const QFileInfo fi(path);
        if (!fi.exists())
            return -1;
        return fi.size() / f->bytesPer * f->msPer;
    }
    case Measure::Unknown:
        break;
    }
    return -1;
}

SoundCatalogue SoundCatalogue::scan(const QString &directory, QString *error)
{
    SoundCatalogue catalogue;
    const QString root = directory.isEmpty() ? defaultDirectory() : directory;
    catalogue.m_directory = root;
    const QDir rootDir(root);
    if (!rootDir.exists()) {
        if (error)
            *error = u"sounds directory %1 does not exist"_s.arg(root);
        return catalogue;
    }
    QElapsedTimer timer;
    timer.start();

    // Language directories, grouped by the directory they really are.
    QHash<QString, QString> languageOf; // canonical path → language name (shortest alias)
    const QFileInfoList tops = rootDir.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QFileInfo &top : tops) {
        const QString canonical = top.canonicalFilePath();
        if (canonical.isEmpty())
            continue; // dangling symlink
        auto it = languageOf.find(canonical);
        if (it == languageOf.end()) {
            languageOf.insert(canonical, top.fileName());
        } else if (top.fileName().size() < it->size()
                   || (top.fileName().size() == it->size() && top.fileName() < *it)) {
            *it = top.fileName();
        }
    }

    int files = 0;
    for (auto lang = languageOf.cbegin(); lang != languageOf.cend(); ++lang) {
        const QString &language = lang.value();
        // Depth-first walk; `visited` holds canonical directories (symlink loops end there).
        QSet<QString> visited{lang.key()};
        struct Pending
        {
            QString path;
            QString prefix; // id prefix: "" or "digits/"
            int depth;
        };
        QList<Pending> stack{{lang.key(), QString(), 0}};
        while (!stack.isEmpty()) {
            const Pending dir = stack.takeLast();
            QDirIterator it(dir.path, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden);
            while (it.hasNext()) {
                it.next();
                const QFileInfo fi = it.fileInfo();
                const QString name = fi.fileName();
                if (fi.isDir()) {
                    if (dir.depth + 1 >= s_maxDepth)
                        continue;
                    const QString canonical = fi.canonicalFilePath();
                    if (canonical.isEmpty() || visited.contains(canonical))
                        continue;
                    visited.insert(canonical);
                    stack.append({fi.filePath(), dir.prefix + name + u'/', dir.depth + 1});
                    continue;
                }
                if (!fi.isFile())
                    continue;
                const qsizetype dot = name.lastIndexOf(u'.');
                if (dot <= 0 || dot == name.size() - 1)
                    continue; // no extension, or a hidden file without a name
                const QString extension = name.mid(dot + 1);
                const FormatInfo *f = formatInfo(extension);
                if (!f)
                    continue;
                Variant variant;
                variant.language = language;
                variant.format = QString::fromLatin1(f->format);
                variant.path = fi.absoluteFilePath();
                if (f->measure == Measure::Bytes)
                    variant.durationMs = fi.size() / f->bytesPer * f->msPer;
                else
                    variant.durationMs = std::max<qint64>(fileDurationMs(variant.path, extension), 0);
                catalogue.add(dir.prefix + name.left(dot), std::move(variant));
                ++files;
            }
        }
    }
    qCInfo(lcSimMedia) << "indexed" << catalogue.size() << "sounds from" << files << "files in" << root
                       << "in" << timer.elapsed() << "ms";
    return catalogue;
}

SoundCatalogue SoundCatalogue::builtIn()
{
    SoundCatalogue catalogue;
    catalogue.m_builtIn = true;
    for (const BuiltInSound &s : s_builtIn) {
        const QString id = QString::fromLatin1(s.id);
        catalogue.add(id, Variant{u"en"_s, u"gsm"_s, QString(), s.gsmMs});
        catalogue.add(id, Variant{u"en"_s, u"slin"_s, QString(), s.slinMs});
    }
    return catalogue;
}

SoundCatalogue SoundCatalogue::scanOrBuiltIn(const QString &directory)
{
    QString error;
    SoundCatalogue scanned = scan(directory, &error);
    if (!scanned.isEmpty())
        return scanned;
    qCInfo(lcSimMedia).noquote() << (error.isEmpty() ? u"no sounds in %1"_s.arg(scanned.directory()) : error)
                                 << "- using the built-in sound catalogue";
    return builtIn();
}

void SoundCatalogue::add(const QString &id, Variant variant)
{
    Sound &sound = m_sounds[id];
    // One file per language and format (a.wav and a.WAV both map to a format; keep the first).
    for (const Variant &v : std::as_const(sound.variants)) {
        if (v.language == variant.language && v.format == variant.format)
            return;
    }
    const auto pos = std::upper_bound(sound.variants.begin(), sound.variants.end(), variant,
                                      [](const Variant &a, const Variant &b) {
                                          return std::tie(a.language, a.format) < std::tie(b.language, b.format);
                                      });
    sound.variants.insert(pos, std::move(variant));
}

bool SoundCatalogue::isEmpty() const
{
    return m_sounds.isEmpty();
}

int SoundCatalogue::size() const
{
    return static_cast<int>(m_sounds.size());
}

bool SoundCatalogue::isBuiltIn() const
{
    return m_builtIn;
}

QString SoundCatalogue::directory() const
{
    return m_directory;
}

QStringList SoundCatalogue::ids() const
{
    QStringList result = m_sounds.keys();
    std::sort(result.begin(), result.end());
    return result;
}

QStringList SoundCatalogue::languages() const
{
    QSet<QString> set;
    for (const Sound &sound : m_sounds) {
        for (const Variant &v : sound.variants)
            set.insert(v.language);
    }
    QStringList result(set.cbegin(), set.cend());
    std::sort(result.begin(), result.end());
    return result;
}

QString SoundCatalogue::missingDefaultLanguageProblem() const
{
    if (m_builtIn || m_sounds.isEmpty())
        return {};
    const QStringList present = languages();
    if (present.contains(u"en"_s))
        return {};
    return u"sounds directory %1 has no language \"en\" (it has: %2): callers in language en will "
           "hear none of these sounds and the applications refuse their calls, as on Asterisk. On "
           "Debian, install the package asterisk-core-sounds-en, which makes \"en\" a name of the "
           "English sounds"_s.arg(m_directory, present.join(u", "_s));
}

QJsonObject SoundCatalogue::soundJson(const QString &id, const Sound &sound, const QString &language,
                                      const QString &format)
{
    QJsonArray formats;
    for (const Variant &v : sound.variants) {
        if (!language.isEmpty() && v.language != language)
            continue;
        if (!format.isEmpty() && v.format != format)
            continue;
        formats.append(QJsonObject{{"language"_L1, v.language}, {"format"_L1, v.format}});
    }
    if (formats.isEmpty())
        return {};
    QJsonObject object{{"id"_L1, id}};
    if (!sound.text.isEmpty())
        object.insert("text"_L1, sound.text);
    object.insert("formats"_L1, formats);
    return object;
}

QJsonArray SoundCatalogue::list(const QString &language, const QString &format) const
{
    QJsonArray result;
    for (const QString &id : ids()) {
        const QJsonObject object = soundJson(id, m_sounds.value(id), language, format);
        if (!object.isEmpty())
            result.append(object);
    }
    return result;
}

std::optional<QJsonObject> SoundCatalogue::find(const QString &id) const
{
    const auto it = m_sounds.constFind(id);
    if (it == m_sounds.cend())
        return std::nullopt;
    const QJsonObject object = soundJson(id, *it, {}, {});
    if (object.isEmpty())
        return std::nullopt;
    return object;
}

QList<SoundCatalogue::Variant> SoundCatalogue::variants(const QString &id) const
{
    return m_sounds.value(id).variants;
}

QString SoundCatalogue::resolveLanguage(const QString &id, const QString &language) const
{
    const auto it = m_sounds.constFind(id);
    if (it == m_sounds.cend())
        return {};
    for (const QString &candidate : fallbackLanguages(language)) {
        for (const Variant &v : it->variants) {
            if (v.language == candidate)
                return candidate;
        }
    }
    return {};
}

bool SoundCatalogue::has(const QString &id, const QString &language) const
{
    return !resolveLanguage(id, language).isEmpty();
}

qint64 SoundCatalogue::durationMs(const QString &id, const QString &language) const
{
    const QString resolved = resolveLanguage(id, language);
    if (resolved.isEmpty())
        return -1;
    const auto it = m_sounds.constFind(id);
    const Variant *best = nullptr;
    for (const Variant &v : it->variants) {
        if (v.language != resolved)
            continue;
        if (!best || formatRank(v.format) < formatRank(best->format))
            best = &v;
    }
    return best ? best->durationMs : -1;
}

#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// The sounds index of the simulator, built the way Asterisk builds the one behind GET /sounds:
// every top-level directory of the sounds directory is a language, every file below it
// (recursively) is a sound whose id is its path without the extension ("digits/1", "vm-intro")
// and whose format is the one Asterisk associates with the extension (".wav" → "slin", ".gsm" →
// "gsm", ".ulaw" → "ulaw" ...; files with unknown extensions are ignored).
//
// Language directories that are the same directory under several names (Debian installs
// en_US_f_Allison and makes en and en_US symlinks to it) are indexed once, under the shortest name
// ("en"), so the index looks like the one of an upstream installation (which only has sounds/en).
//
// Looking a sound up for a language falls back like Asterisk's file lookup: the language itself,
// then the language cut at its last '_' again and again ("en_US_f_Allison" → "en_US_f" →
// "en_US" → "en"), then "en".
//
// Value type; cheap to copy (implicitly shared containers).
class SoundCatalogue
{
public:
    // One file of a sound in one language and format.
    struct Variant
    {
        QString language;
        QString format;      // Asterisk's format name ("slin", "gsm", ...)
        QString path;        // absolute file path; empty for the built-in catalogue
        qint64 durationMs = 0;
    };

    // An empty catalogue (isEmpty()).
    SoundCatalogue();

    // /usr/share/asterisk/sounds
    static QString defaultDirectory();

    // Scans `directory` (empty = defaultDirectory()). A missing or unreadable directory gives an
    // empty catalogue and `error`.
    static SoundCatalogue scan(const QString &directory = {}, QString *error = nullptr);
    // The catalogue used when no sounds are installed: the sounds the applications need, in "en",
    // formats "gsm" and "slin", with realistic durations (those of the English core sounds).
    static SoundCatalogue builtIn();
    // scan(directory), or builtIn() when that yields no sound (missing or empty directory).
    static SoundCatalogue scanOrBuiltIn(const QString &directory = {});

    // Asterisk's format name for a file extension (without dot; case-sensitive like Asterisk:
    // "wav" → "slin", "wav16" → "slin16", "WAV"/"wav49" → "gsm", "gsm" → "gsm", "ulaw" →
    // "ulaw", "alaw" → "alaw", "g722" → "g722", "sln" → "slin", "sln16" → "slin16", ...);
    // empty for extensions Asterisk has no format module for.
    static QString formatForExtension(const QString &extension);
    // Duration of a sound file judged from its header (wav) or size (raw and gsm formats);
    // -1 when it cannot be told.
    static qint64 fileDurationMs(const QString &path, const QString &extension);

    bool isEmpty() const;
    int size() const;
    bool isBuiltIn() const;
    QString directory() const;          // the scanned directory (empty for built-in)
    QStringList ids() const;            // sorted
    QStringList languages() const;      // sorted

    // What is wrong with a scanned directory that has sounds but none in the language "en" (the
    // language of a channel unless the dialplan sets another, and the last fallback of every
    // lookup): Debian's asterisk-core-sounds-en-gsm/-wav install the files under en_US_f_Allison
    // only, and the names "en" and "en_US" come from the package asterisk-core-sounds-en. Like
    // Asterisk, the catalogue does not rename anything; this text says what to install. Empty when
    // "en" is there, for the built-in catalogue and for an empty one.
    QString missingDefaultLanguageProblem() const;

    // GET /sounds: the Sound JSON of every sound that has a file matching both filters (an empty
    // filter matches everything); each entry lists only the matching formats. Sorted by id.
    // An empty array means Asterisk's 404 "No sounds found that matched the query".
    QJsonArray list(const QString &language = {}, const QString &format = {}) const;
    // GET /sounds/{id}: {"id", "formats":[{"language","format"}...]} ("text" only when known —
    // the reference Asterisk reports none). std::nullopt = 404 "Sound not found".
    std::optional<QJsonObject> find(const QString &id) const;

    // All variants of a sound (empty when unknown).
    QList<Variant> variants(const QString &id) const;
    // The language whose files are played for `id` when `language` is asked for (fallback as
    // described above); empty when the sound is not available in any of them.
    QString resolveLanguage(const QString &id, const QString &language) const;
    bool has(const QString &id, const QString &language) const;
    // Duration of the sound in the resolved language (of its "slin" file if there is one, else
    // "gsm", else the first format found); -1 when not available.
    qint64 durationMs(const QString &id, const QString &language) const;

private:
    struct Sound
    {
        QString text;
        QList<Variant> variants;
    };

    void add(const QString &id, Variant variant);
    static QJsonObject soundJson(const QString &id, const Sound &sound,
                                 const QString &language, const QString &format);

    QHash<QString, Sound> m_sounds;
    QString m_directory;
    bool m_builtIn = false;
};

#pragma once

#include <QList>
#include <QString>
#include <QStringList>

class RecordingStore;
class SoundCatalogue;

// Turns one media URI of a play request (one item of a `media` list) plus the playback language
// into what the channel hears and how the playback ends, following what Asterisk 22 does:
//
//   sound:<id>          the sound in the language (fallback as in SoundCatalogue: en_US → en);
//                       missing → Fails at once
//   recording:<name>    a stored recording; missing → NeverEnds
//   number:<n>          English say-number files (42 → digits/40 digits/2, 115 → digits/1
//                       digits/hundred digits/15, -5 → digits/minus digits/5); not a number →
//                       NeverEnds; missing files are skipped; 1,000,000,000 and more → Fails
//                       (after the files said before, e.g. digits/minus)
//   digits:<d>          digits/<c> per character ('*' star, '#' pound, '-' minus); other
//                       characters and missing files are skipped
//   characters:<s>      letters/<c> (digits and a few symbols as Asterisk names them); missing
//                       files are skipped
//   tone:<name>[;tonezone=<zone>]   a known indication tone or a tone list ("440+480/2000,0/4000")
//                       plays until stopped (Continuous); anything else → Fails at once
//   anything else (unknown scheme, no scheme) → NeverEnds
//
// Outcomes, as the playback's events should show them:
//   Plays       PlaybackStarted, then after durationMs PlaybackFinished "done".
//   Fails       PlaybackStarted, then after durationMs (0 unless some files played first)
//               PlaybackFinished "failed".
//   Continuous  PlaybackStarted; plays until stopped (GET /playbacks 200; stop → "done").
//   NeverEnds   PlaybackStarted, then no PlaybackFinished ever; the playback is gone at once
//               (GET /playbacks/{id} → 404, stop → 404).
class MediaResolver
{
public:
    enum class Outcome { Plays, Fails, Continuous, NeverEnds };

    struct Part
    {
        QString id;          // sound id ("digits/4"), "recording:<name>" or "tone:<name>"
        QString language;    // language whose file is played (empty for recordings and tones)
        qint64 durationMs = 0;
    };

    struct Resolution
    {
        Outcome outcome = Outcome::NeverEnds;
        qint64 durationMs = 0;   // sum of the parts (0 for Continuous / NeverEnds)
        QList<Part> parts;       // what is heard, in order
        QString scheme;          // "sound", "recording", "number", ... (empty when none)
        QString target;          // the rest of the URI after "<scheme>:"
        QString reason;          // why it fails / never ends (for logs), empty when it plays
    };

    // Both must outlive the resolver; `recordings` may be nullptr (recording: → NeverEnds).
    MediaResolver(const SoundCatalogue *sounds, const RecordingStore *recordings);

    Resolution resolve(const QString &mediaUri, const QString &language) const;

    // Sound ids of English say-number for n (Asterisk's ast_say_number for "en"; other
    // languages are said the English way too). For n >= 1,000,000,000 (after a possible
    // digits/minus) Asterisk gives up and fails the playback: `sayable` is then set to false and
    // the list holds what was said before.
    static QStringList numberSounds(qint64 n, bool *sayable = nullptr);
    // Parses the number of a number: URI like Asterisk's sscanf("%30d"): leading blanks, sign,
    // digits, trailing text ignored, the value wrapped to 32 bits like a C int. Returns false
    // when there is no number.
    static bool parseNumber(const QString &text, qint64 *value);
    // Sound ids for a digits: URI (only characters that have a file name: 0-9 * # -).
    static QStringList digitSounds(const QString &digits);
    // Sound ids for a characters: URI: letters/<lower-case letter>, digits/<d>, digits/star,
    // digits/pound, letters/at, letters/dash ... When a sound is missing Asterisk tries
    // letters/ascii<code> before skipping the character (see characterFallback()).
    static QStringList characterSounds(const QString &characters);
    // letters/ascii<code> for a character (Asterisk's second choice in characters:).
    static QString characterFallback(QChar character);
    // Whether Asterisk would play `tone` (a name known in the indications, or a tone list).
    static bool isPlayableTone(const QString &tone);

private:
    bool appendSound(const QString &id, const QString &language, Resolution *resolution) const;

    const SoundCatalogue *m_sounds = nullptr;
    const RecordingStore *m_recordings = nullptr;
};

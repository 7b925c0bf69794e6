#include "sim/media/MediaResolver.h"

#include <QRegularExpression>

#include <limits>

#include "sim/media/RecordingStore.h"
#include "sim/media/SimMediaLogging.h"
#include "sim/media/SoundCatalogue.h"

using namespace Qt::StringLiterals;

namespace {

// The tone names of Asterisk's indications (every zone of the sample indications.conf defines
// these, some zones a few more of the same names).
const QStringList &knownTones()
{
    static const QStringList tones{u"dial"_s, u"busy"_s, u"ring"_s, u"congestion"_s,
                                   u"callwaiting"_s, u"dialrecall"_s, u"record"_s, u"info"_s,
                                   u"stutter"_s};
    return tones;
}

void sayNumber(qint64 num, QStringList *out, bool *sayable)
{
    if (num == 0) {
        out->append(u"digits/0"_s);
        return;
    }
    bool playHundred = false;
    while (*sayable && (num != 0 || playHundred)) {
        if (num < 0) {
            out->append(u"digits/minus"_s);
            // Asterisk's C int cannot negate INT_MIN: it then says only "minus".
            num = num > std::numeric_limits<int>::min() ? -num : 0;
        } else if (playHundred) {
            out->append(u"digits/hundred"_s);
            playHundred = false;
        } else if (num < 20) {
            out->append(u"digits/%1"_s.arg(num));
            num = 0;
        } else if (num < 100) {
            out->append(u"digits/%1"_s.arg(num / 10 * 10));
            num %= 10;
        } else if (num < 1000) {
            out->append(u"digits/%1"_s.arg(num / 100));
            playHundred = true;
            num %= 100;
        } else if (num < 1000000) {
            sayNumber(num / 1000, out, sayable);
            if (!*sayable)
                return;
            out->append(u"digits/thousand"_s);
            num %= 1000;
        } else if (num < 1000000000) {
            sayNumber(num / 1000000, out, sayable);
            if (!*sayable)
                return;
            out->append(u"digits/million"_s);
            num %= 1000000;
        } else {
            *sayable = false;
        }
    }
}

bool isCSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\v' || c == u'\f' || c == u'\r';
}

} // namespace

MediaResolver::MediaResolver(const SoundCatalogue *sounds, const RecordingStore *recordings)
    : m_sounds(sounds)
    , m_recordings(recordings)
{
}

QStringList MediaResolver::numberSounds(qint64 n, bool *sayable)
{
    QStringList out;
    bool ok = true;
    sayNumber(n, &out, &ok);
    if (sayable)
        *sayable = ok;
    return out;
}

bool MediaResolver::parseNumber(const QString &text, qint64 *value)
{
    qsizetype i = 0;
    while (i < text.size() && isCSpace(text[i]))
        ++i;
    // The field width (30) counts the sign and the digits.
    const qsizetype end = std::min<qsizetype>(text.size(), i + 30);
    bool negative = false;
    if (i < end && (text[i] == u'+' || text[i] == u'-')) {
        negative = text[i] == u'-';
        ++i;
    }
    // strtol: saturates at the limits of a 64-bit long.
    quint64 magnitude = 0;
    bool saturated = false;
    const qsizetype firstDigit = i;
    while (i < end && text[i] >= u'0' && text[i] <= u'9') {
        const int d = text[i].unicode() - u'0';
        if (magnitude > (std::numeric_limits<quint64>::max() - static_cast<quint64>(d)) / 10)
            saturated = true;
        else
            magnitude = magnitude * 10 + static_cast<quint64>(d);
        ++i;
    }
    if (i == firstDigit)
        return false;
    qint64 asLong = 0;
    const quint64 limit = negative ? quint64(std::numeric_limits<qint64>::max()) + 1
                                   : quint64(std::numeric_limits<qint64>::max());
    if (saturated || magnitude > limit)
        asLong = negative ? std::numeric_limits<qint64>::min() : std::numeric_limits<qint64>::max();
    else if (negative)
        asLong = magnitude == limit ? std::numeric_limits<qint64>::min() : -static_cast<qint64>(magnitude);
    else
        asLong = static_cast<qint64>(magnitude);
    // ...then stored into a C int: the low 32 bits.
    if (value)
        *value = static_cast<qint32>(static_cast<quint32>(static_cast<quint64>(asLong) & 0xffffffffu));
    return true;
}

QStringList MediaResolver::digitSounds(const QString &digits)
{
    QStringList out;
    for (const QChar c : digits) {
        if (c == u'*')
            out.append(u"digits/star"_s);
        else if (c == u'#')
            out.append(u"digits/pound"_s);
        else if (c == u'-')
            out.append(u"digits/minus"_s);
        else if (c >= u'0' && c <= u'9')
            out.append(u"digits/"_s + c);
    }
    return out;
}

QStringList MediaResolver::characterSounds(const QString &characters)
{
    QStringList out;
    for (const QChar c : characters) {
        switch (c.unicode()) {
        case '*': out.append(u"digits/star"_s); break;
        case '#': out.append(u"digits/pound"_s); break;
        case '!': out.append(u"letters/exclaimation-point"_s); break; // Asterisk's spelling
        case '@': out.append(u"letters/at"_s); break;
        case '$': out.append(u"letters/dollar"_s); break;
        case '-': out.append(u"letters/dash"_s); break;
        case '.': out.append(u"letters/dot"_s); break;
        case '=': out.append(u"letters/equals"_s); break;
        case '+': out.append(u"letters/plus"_s); break;
        case '/': out.append(u"letters/slash"_s); break;
        case ' ': out.append(u"letters/space"_s); break;
        default:
            if (c >= u'0' && c <= u'9')
                out.append(u"digits/"_s + c);
            else if (c >= u'A' && c <= u'Z')
                out.append(u"letters/"_s + c.toLower());
            else
                out.append(u"letters/"_s + c);
        }
    }
    return out;
}

QString MediaResolver::characterFallback(QChar character)
{
    return u"letters/ascii%1"_s.arg(character.unicode());
}

bool MediaResolver::isPlayableTone(const QString &tone)
{
    if (knownTones().contains(tone))
        return true;
    // A tone list as ast_playtones_start parses it: [!]freq[+|*freq][/ms], comma separated;
    // frequencies may be MIDI notes (M<n>).
    static const QRegularExpression part(
        uR"(^\s*!?\s*M?\d+(\s*[+*]\s*M?\d+)?\s*(/\s*\d+)?\s*$)"_s);
    const QStringList parts = tone.split(u',');
    if (tone.trimmed().isEmpty())
        return false;
    for (const QString &p : parts) {
        if (!part.match(p).hasMatch())
            return false;
    }
    return true;
}

bool MediaResolver::appendSound(const QString &id, const QString &language,
                                Resolution *resolution) const
{
    if (!m_sounds)
        return false;
    const QString resolved = m_sounds->resolveLanguage(id, language);
    if (resolved.isEmpty())
        return false;
    const qint64 ms = std::max<qint64>(m_sounds->durationMs(id, resolved), 0);
    resolution->parts.append(Part{id, resolved, ms});
    resolution->durationMs += ms;
    return true;
}

MediaResolver::Resolution MediaResolver::resolve(const QString &mediaUri, const QString &language) const
{
    Resolution r;
    const qsizetype colon = mediaUri.indexOf(u':');
    if (colon < 0) {
        r.outcome = Outcome::NeverEnds;
        r.reason = u"media URI without a scheme"_s;
        return r;
    }
    r.scheme = mediaUri.left(colon);
    r.target = mediaUri.mid(colon + 1);

    if (r.scheme == u"sound"_s) {
        if (appendSound(r.target, language, &r)) {
            r.outcome = Outcome::Plays;
        } else {
            r.outcome = Outcome::Fails;
            r.reason = u"sound %1 not found for language %2"_s.arg(r.target, language);
        }
    } else if (r.scheme == u"recording"_s) {
        const std::optional<RecordingStore::Entry> entry =
            m_recordings ? m_recordings->find(r.target) : std::nullopt;
        if (!entry) {
            r.outcome = Outcome::NeverEnds;
            r.reason = u"stored recording %1 not found"_s.arg(r.target);
        } else {
            const qint64 ms = m_recordings->durationMs(entry->name);
            if (ms < 0) {
                r.outcome = Outcome::Fails;
                r.reason = u"stored recording %1 cannot be read"_s.arg(r.target);
            } else {
                r.outcome = Outcome::Plays;
                r.parts.append(Part{u"recording:"_s + entry->name, QString(), ms});
                r.durationMs = ms;
            }
        }
    } else if (r.scheme == u"number"_s) {
        qint64 n = 0;
        if (!parseNumber(r.target, &n)) {
            r.outcome = Outcome::NeverEnds;
            r.reason = u"invalid number %1"_s.arg(r.target);
        } else {
            bool sayable = true;
            for (const QString &id : numberSounds(n, &sayable))
                appendSound(id, language, &r); // a missing file is skipped, like Asterisk
            r.outcome = sayable ? Outcome::Plays : Outcome::Fails;
            if (!sayable)
                r.reason = u"number %1 is too big to say"_s.arg(n);
        }
    } else if (r.scheme == u"digits"_s) {
        for (const QString &id : digitSounds(r.target))
            appendSound(id, language, &r);
        r.outcome = Outcome::Plays;
    } else if (r.scheme == u"characters"_s) {
        const QStringList ids = characterSounds(r.target);
        for (qsizetype i = 0; i < ids.size(); ++i) {
            if (!appendSound(ids[i], language, &r))
                appendSound(characterFallback(r.target[i]), language, &r);
        }
        r.outcome = Outcome::Plays;
    } else if (r.scheme == u"tone"_s) {
        // tone:<name or tone list>[;tonezone=<zone>]
        const QString tone = r.target.section(u';', 0, 0);
        if (isPlayableTone(tone)) {
            r.outcome = Outcome::Continuous;
            r.parts.append(Part{u"tone:"_s + tone, QString(), 0});
        } else {
            r.outcome = Outcome::Fails;
            r.reason = u"unknown tone %1"_s.arg(tone);
        }
    } else {
        r.outcome = Outcome::NeverEnds;
        r.reason = u"unknown media scheme %1"_s.arg(r.scheme);
    }
    if (!r.reason.isEmpty())
        qCDebug(lcSimMedia).noquote() << "media" << mediaUri << ":" << r.reason;
    return r;
}

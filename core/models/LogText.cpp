#include "core/models/LogText.h"

#include <QChar>

namespace {

constexpr char s_hex[] = "0123456789abcdef";

enum class Form { Text, Json };

bool isPlainAscii(char16_t unit)
{
    return unit >= 0x20 && unit < 0x7f && unit != u'\\' && unit != u'"';
}

void appendHex(QByteArray &out, const char *prefix, char32_t value, int digits)
{
    out.append(prefix);
    for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4)
        out.append(s_hex[(value >> shift) & 0xf]);
}

// One code unit that needs care (not plain ASCII); `next` is the following unit (0 at the end).
// Returns how many units were consumed (2 for a surrogate pair written as it is).
qsizetype appendSpecial(QByteArray &out, Form form, char16_t unit, char16_t next)
{
    switch (unit) {
    case u'\\':
        out.append("\\\\");
        return 1;
    case u'"':
        out.append(form == Form::Json ? "\\\"" : "\"");
        return 1;
    case u'\n':
        out.append("\\n");
        return 1;
    case u'\r':
        out.append("\\r");
        return 1;
    case u'\t':
        out.append("\\t");
        return 1;
    default:
        break;
    }
    if (QChar::isHighSurrogate(unit) && QChar::isLowSurrogate(next)) {
        const char16_t pair[] = { unit, next };
        out.append(QStringView(pair, 2).toUtf8());
        return 2;
    }
    if (QChar::isSurrogate(unit)) {
        // Half of a pair: not a character at all.
        appendHex(out, "\\u", 0xfffd, 4);
        return 1;
    }
    if (LogText::isUnsafe(unit)) {
        if (form == Form::Json)
            appendHex(out, "\\u", unit, 4);
        else if (unit <= 0xff)
            appendHex(out, "\\x", unit, 2);
        else
            appendHex(out, "\\u", unit, 4);
        return 1;
    }
    const char16_t single[] = { unit };
    out.append(QStringView(single, 1).toUtf8());
    return 1;
}

// Plain ASCII goes as it is (it is its own UTF-8), narrowed in one pass after one resize.
void appendAscii(QByteArray &out, QStringView ascii)
{
    if (ascii.isEmpty())
        return;
    const qsizetype at = out.size();
    out.resize(at + ascii.size());
    char *to = out.data() + at;
    for (const QChar c : ascii)
        *to++ = char(c.unicode());
}

void append(QByteArray &out, QStringView text, Form form)
{
    const qsizetype size = text.size();
    qsizetype runStart = 0;
    qsizetype i = 0;
    while (i < size) {
        const char16_t unit = text.at(i).unicode();
        if (isPlainAscii(unit)) {
            ++i;
            continue;
        }
        appendAscii(out, text.sliced(runStart, i - runStart));
        const char16_t next = i + 1 < size ? text.at(i + 1).unicode() : char16_t(0);
        i += appendSpecial(out, form, unit, next);
        runStart = i;
    }
    appendAscii(out, text.sliced(runStart));
}

} // namespace

bool LogText::isUnsafe(char16_t unit)
{
    if (unit < 0x20 || unit == 0x7f)
        return true;
    if (unit < 0x80)
        return false;
    if (unit <= 0x9f)
        return true; // C1 controls
    if (unit == 0x2028 || unit == 0x2029)
        return true;
    if (QChar::isSurrogate(unit))
        return true;
    return QChar::category(char32_t(unit)) == QChar::Other_Format;
}

QString LogText::escaped(const QString &text)
{
    bool clean = true;
    for (const QChar c : text) {
        const char16_t unit = c.unicode();
        if (unit >= 0x20 && unit < 0x7f && unit != u'\\')
            continue; // printable ASCII, nearly every character of a log line
        if (unit == u'\\' || isUnsafe(unit)) {
            clean = false; // (a surrogate pair is written back as it is)
            break;
        }
    }
    if (clean)
        return text;
    QByteArray utf8;
    utf8.reserve(text.size() + 16);
    appendText(utf8, text);
    return QString::fromUtf8(utf8);
}

void LogText::appendText(QByteArray &out, QStringView text)
{
    append(out, text, Form::Text);
}

void LogText::appendJson(QByteArray &out, QStringView text)
{
    append(out, text, Form::Json);
}

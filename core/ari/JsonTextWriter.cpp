#include "core/ari/JsonTextWriter.h"

#include <QString>

#include <charconv>
#include <cstring>

#include <utility>

namespace {

// The letter of RFC 8259's two-character escape for `c` (\" \\ \b \f \n \r \t), or 0 when it has
// none (the other control characters are written \u00XX).
char shortEscape(char16_t c)
{
    switch (c) {
    case u'"':
        return '"';
    case u'\\':
        return '\\';
    case u'\b':
        return 'b';
    case u'\f':
        return 'f';
    case u'\n':
        return 'n';
    case u'\r':
        return 'r';
    case u'\t':
        return 't';
    default:
        return 0;
    }
}

// The general case: escapes, and runs of non-ASCII characters converted to UTF-8.
void appendEscapedString(QByteArray &out, QStringView text)
{
    static constexpr char hex[] = "0123456789abcdef";
    out.append('"');
    qsizetype runStart = 0; // start of the characters not yet appended that need no escape
    const auto flush = [&](qsizetype end, bool ascii) {
        if (end <= runStart)
            return;
        if (!ascii) {
            out.append(text.sliced(runStart, end - runStart).toUtf8());
            return;
        }
        const qsizetype at = out.size();
        out.resize(at + end - runStart);
        char *to = out.data() + at;
        for (qsizetype j = runStart; j < end; ++j)
            *to++ = char(text[j].unicode());
    };
    bool ascii = true; // the pending run is ASCII: copied byte by byte, without a conversion
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (c >= 0x20 && c != u'"' && c != u'\\') {
            if (c >= 0x80)
                ascii = false;
            continue;
        }
        flush(i, ascii);
        runStart = i + 1;
        ascii = true;
        if (const char letter = shortEscape(c)) {
            const char escaped[] = { '\\', letter };
            out.append(escaped, sizeof escaped);
        } else {
            const char escaped[] = { '\\', 'u', '0', '0', hex[(c >> 4) & 0xf], hex[c & 0xf] };
            out.append(escaped, sizeof escaped);
        }
    }
    flush(text.size(), ascii);
    out.append('"');
}

} // namespace

JsonTextWriter::JsonTextWriter(qsizetype reserve)
{
    m_out.reserve(reserve);
}

void JsonTextWriter::beforeElement()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_hasElements.empty())
        return;
    if (m_hasElements.back())
        m_out.append(',');
    m_hasElements.back() = true;
}

JsonTextWriter &JsonTextWriter::open(char bracket)
{
    beforeElement();
    m_out.append(bracket);
    m_hasElements.push_back(false);
    return *this;
}

JsonTextWriter &JsonTextWriter::close(char bracket)
{
    m_out.append(bracket);
    if (!m_hasElements.empty())
        m_hasElements.pop_back();
    return *this;
}

JsonTextWriter &JsonTextWriter::key(QLatin1StringView name)
{
    beforeElement();
    // "name": in one step (three appends cost several times as much, once per member written).
    const qsizetype at = m_out.size();
    m_out.resize(at + name.size() + 3);
    char *to = m_out.data() + at;
    *to++ = '"';
    std::memcpy(to, name.data(), size_t(name.size()));
    to += name.size();
    *to++ = '"';
    *to = ':';
    m_afterKey = true;
    return *this;
}

JsonTextWriter &JsonTextWriter::string(QStringView text)
{
    beforeElement();
    appendString(m_out, text);
    return *this;
}

JsonTextWriter &JsonTextWriter::raw(QByteArrayView json)
{
    beforeElement();
    m_out.append(json);
    return *this;
}

JsonTextWriter &JsonTextWriter::number(qint64 value)
{
    beforeElement();
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, value);
    m_out.append(digits, result.ptr - digits);
    return *this;
}

JsonTextWriter &JsonTextWriter::boolean(bool value)
{
    beforeElement();
    if (value)
        m_out.append("true", 4);
    else
        m_out.append("false", 5);
    return *this;
}

JsonTextWriter &JsonTextWriter::null()
{
    beforeElement();
    m_out.append("null", 4);
    return *this;
}

QByteArray JsonTextWriter::take()
{
    m_hasElements.clear();
    m_afterKey = false;
    return std::exchange(m_out, {});
}

void JsonTextWriter::appendString(QByteArray &out, QStringView text)
{
    // Most strings (ids, names, URIs, states) are printable ASCII with no quote or backslash: they
    // go in one step, byte for byte, between their quotes; any other is written again, escaped.
    const qsizetype at = out.size();
    out.resize(at + text.size() + 2);
    char *to = out.data() + at;
    *to++ = '"';
    for (const QChar character : text) {
        const char16_t c = character.unicode();
        if (c < 0x20 || c >= 0x80 || c == u'"' || c == u'\\') {
            out.truncate(at);
            appendEscapedString(out, text);
            return;
        }
        *to++ = char(c);
    }
    *to = '"';
}

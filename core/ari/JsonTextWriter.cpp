#include "core/ari/JsonTextWriter.h"

#include <QString>

#include <utility>

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

JsonTextWriter &JsonTextWriter::beginObject()
{
    beforeElement();
    m_out.append('{');
    m_hasElements.push_back(false);
    return *this;
}

JsonTextWriter &JsonTextWriter::endObject()
{
    m_out.append('}');
    if (!m_hasElements.empty())
        m_hasElements.pop_back();
    return *this;
}

JsonTextWriter &JsonTextWriter::beginArray()
{
    beforeElement();
    m_out.append('[');
    m_hasElements.push_back(false);
    return *this;
}

JsonTextWriter &JsonTextWriter::endArray()
{
    m_out.append(']');
    if (!m_hasElements.empty())
        m_hasElements.pop_back();
    return *this;
}

JsonTextWriter &JsonTextWriter::key(QLatin1StringView name)
{
    beforeElement();
    m_out.append('"').append(name.data(), name.size()).append("\":", 2);
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

QByteArray JsonTextWriter::take()
{
    m_hasElements.clear();
    m_afterKey = false;
    return std::exchange(m_out, {});
}

void JsonTextWriter::appendString(QByteArray &out, QStringView text)
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
        switch (c) {
        case u'"':
            out.append("\\\"", 2);
            break;
        case u'\\':
            out.append("\\\\", 2);
            break;
        case u'\b':
            out.append("\\b", 2);
            break;
        case u'\f':
            out.append("\\f", 2);
            break;
        case u'\n':
            out.append("\\n", 2);
            break;
        case u'\r':
            out.append("\\r", 2);
            break;
        case u'\t':
            out.append("\\t", 2);
            break;
        default: {
            const char escaped[] = { '\\', 'u', '0', '0', hex[(c >> 4) & 0xf], hex[c & 0xf] };
            out.append(escaped, sizeof escaped);
            break;
        }
        }
    }
    flush(text.size(), ascii);
    out.append('"');
}

#pragma once

#include <QByteArray>
#include <QLatin1StringView>
#include <QStringView>

#include <vector>

// Writes compact JSON text straight into bytes, for the frames sent for every REST request on the
// event socket and the changes sent to every desk: building a QJsonObject and serialising it
// cost more CPU than the rest of sending either (bench/README). The caller writes a well-formed
// sequence (a key before each value in an object); the writer adds the commas and colons and
// escapes strings as RFC 8259 asks (quote, backslash and control characters; everything else as
// UTF-8). An unpaired surrogate in a string is written as "?", as QString::toUtf8 writes it.
class JsonTextWriter
{
public:
    explicit JsonTextWriter(qsizetype reserve = 256);

    JsonTextWriter &beginObject() { return open('{'); }
    JsonTextWriter &endObject() { return close('}'); }
    JsonTextWriter &beginArray() { return open('['); }
    JsonTextWriter &endArray() { return close(']'); }
    // A member's name: ASCII that needs no escaping (the program's own literals).
    JsonTextWriter &key(QLatin1StringView name);
    // A string value.
    JsonTextWriter &string(QStringView text);
    // A value that is JSON text already (a nested document).
    JsonTextWriter &raw(QByteArrayView json);
    // A whole number, written exactly (no exponent, no fraction).
    JsonTextWriter &number(qint64 value);
    JsonTextWriter &boolean(bool value);
    JsonTextWriter &null();

    const QByteArray &text() const { return m_out; }
    QByteArray take();

    // `text` as a JSON string, quotes included, appended to `out`.
    static void appendString(QByteArray &out, QStringView text);

private:
    // A container opened (after the comma it may need) or closed.
    JsonTextWriter &open(char bracket);
    JsonTextWriter &close(char bracket);
    // Before a value or a key: the comma that separates it from the one before (not after a key).
    void beforeElement();

    QByteArray m_out;
    std::vector<bool> m_hasElements; // per open container: an element was written in it
    bool m_afterKey = false;
};

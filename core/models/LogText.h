#pragma once

#include <QByteArray>
#include <QString>
#include <QStringView>

// Text from outside (a Stasis argument, a channel name, a caller id, a server's error message) on
// its way into a log: one rule for every log the program writes, applied once where the text
// leaves the program (the standard error lines of LogOutput, text or JSON, and the event log the
// window and the attached desks show). A character that could end a line, move the cursor, change
// the terminal's state or reorder what is shown is written as an escape, so one message stays one
// line and says what it said:
// - C0 controls, DEL and C1 controls (U+0080 … U+009F, NEL among them);
// - the Unicode line and paragraph separators (U+2028, U+2029);
// - invisible format characters (bidirectional overrides and isolates, zero-width characters,
//   the byte order mark: Unicode category Cf);
// - a lone UTF-16 surrogate.
//
// Text form (text lines, the event log): `\n`, `\r`, `\t`, `\xNN` up to U+00FF, `\uNNNN` above;
// a backslash is doubled, so an escape is never ambiguous. JSON form: JSON's own escapes
// (`\n`, `\"`, `\u00NN` …), with the same characters escaped.
class LogText
{
public:
    // Whether a UTF-16 code unit (not part of a surrogate pair) must be escaped.
    static bool isUnsafe(char16_t unit);

    // The text form; the same string (no copy) when nothing needs escaping.
    static QString escaped(const QString &text);
    // Appends the text form in UTF-8.
    static void appendText(QByteArray &out, QStringView text);
    // Appends the JSON form in UTF-8, without the surrounding quotes.
    static void appendJson(QByteArray &out, QStringView text);

    LogText() = delete;
};

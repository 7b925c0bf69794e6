#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <cstdio>

// Where log messages go in ari-supervisor: standard error, one line per message, as human text
// ("2026-11-26T10:00:00.123Z info supervisor.calls: …") or as JSON lines for machines
// (--log-format json: {"ts":…,"level":…,"category":…, the fields of the fact …,"message":…}).
//
// Cheap on a busy service: lines are gathered in a buffer and written with one write() per turn
// of the event loop (or when the buffer is full); a warning or worse is written at once, with
// everything before it; what is left is written when the program exits. When standard error is
// the systemd journal (JOURNAL_STREAM names it), each line starts with the sd-daemon priority
// prefix ("<6>" info, "<4>" warning, …) so the journal files it at the right level and adds its
// own time, which the line then leaves out.
class LogOutput
{
public:
    enum class Format { Text, Json };

    // A fact's own fields (SPEC OP-4): JSON lines carry them as fields, text lines as words.
    struct Fields
    {
        QString channel;
        QString app;
        QString from;
        QString to;
        QString cause;
    };

    // Installs the Qt message handler. `stream` is where lines go (standard error by default).
    static void install(Format format, std::FILE *stream = stderr);
    // Back to Qt's own handler, after writing what is buffered.
    static void uninstall();
    static bool isInstalled();

    // Writes one line with fields, as install() formats it (when LogOutput is not installed,
    // the line goes through Qt's message handler as text).
    static void write(QtMsgType type, const char *category, const Fields &fields, const QString &message);
    // Writes what is buffered now.
    static void flush();

    // Lines formatted and write() calls made so far (the benchmark reports them per call).
    static qint64 lineCount();
    static qint64 writeCount();

    // One line as install(format) writes it, with its newline; `journal`: the priority prefix,
    // no time. For the tests.
    static QByteArray formatLine(Format format, bool journal, QtMsgType type, const char *category,
        const Fields &fields, const QString &message);

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message);
};

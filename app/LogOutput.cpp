#include "app/LogOutput.h"

#include "core/models/LogText.h"

#include <QCoreApplication>
#include <QMutex>
#include <QMutexLocker>

#include <cerrno>
#include <cstdlib>
#include <ctime>

#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype s_bufferLimit = 64 * 1024; // written at once beyond this

struct Output
{
    QMutex mutex;
    LogOutput::Format format = LogOutput::Format::Text;
    int fd = STDERR_FILENO;
    bool installed = false;
    bool journal = false;
    bool flushScheduled = false;
    bool exitHookSet = false;
    QByteArray buffer;
    qint64 lines = 0;
    qint64 writes = 0;
    QtMessageHandler previous = nullptr;
};

Output &output()
{
    static Output instance;
    return instance;
}

const char *levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "debug";
    case QtInfoMsg:
        return "info";
    case QtWarningMsg:
        return "warning";
    case QtCriticalMsg:
        return "critical";
    case QtFatalMsg:
        return "fatal";
    }
    return "info";
}

// sd-daemon(3) priority prefixes.
const char *journalPrefix(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "<7>";
    case QtInfoMsg:
        return "<6>";
    case QtWarningMsg:
        return "<4>";
    case QtCriticalMsg:
        return "<3>";
    case QtFatalMsg:
        return "<2>";
    }
    return "<6>";
}

bool isUrgent(QtMsgType type)
{
    return type == QtWarningMsg || type == QtCriticalMsg || type == QtFatalMsg;
}

// systemd sets JOURNAL_STREAM=<device>:<inode> for a service whose standard error is the
// journal; it still applies only while that descriptor is the same stream.
bool isJournal(int fd)
{
    const QByteArray stream = qgetenv("JOURNAL_STREAM");
    if (stream.isEmpty())
        return false;
    struct stat status
    {
    };
    if (fstat(fd, &status) != 0)
        return false;
    const QByteArray expected = QByteArray::number(static_cast<qulonglong>(status.st_dev)) + ':'
        + QByteArray::number(static_cast<qulonglong>(status.st_ino));
    return stream == expected;
}

// "2026-11-26T10:00:00.123Z"; the part up to the seconds is kept per thread for the second it names.
void appendTime(QByteArray &line)
{
    timespec now {};
    clock_gettime(CLOCK_REALTIME, &now);
    thread_local time_t cachedSecond = -1;
    thread_local char cachedPrefix[32] = {};
    if (now.tv_sec != cachedSecond) {
        tm parts {};
        gmtime_r(&now.tv_sec, &parts);
        std::strftime(cachedPrefix, sizeof cachedPrefix, "%Y-%m-%dT%H:%M:%S", &parts);
        cachedSecond = now.tv_sec;
    }
    line.append(cachedPrefix);
    const long ms = now.tv_nsec / 1000000;
    const char fraction[] = { '.', char('0' + ms / 100), char('0' + ms / 10 % 10), char('0' + ms % 10), 'Z' };
    line.append(fraction, sizeof fraction);
}

void appendJsonString(QByteArray &line, const QString &text)
{
    line.append('"');
    LogText::appendJson(line, text);
    line.append('"');
}

void appendJsonField(QByteArray &line, const char *name, const QString &value)
{
    line.append(",\"").append(name).append("\":");
    appendJsonString(line, value);
}

// A text line stays one line: control characters (a newline in an argument from outside) are
// shown as escapes, never written as they are.
void appendText(QByteArray &line, const QString &text)
{
    LogText::appendText(line, text);
}

bool hasFields(const LogOutput::Fields &fields)
{
    return !fields.channel.isEmpty() || !fields.app.isEmpty() || !fields.from.isEmpty() || !fields.to.isEmpty()
        || !fields.cause.isEmpty();
}

// Writes the whole buffer (mutex held).
void writeOut(Output &out)
{
    const char *data = out.buffer.constData();
    qsizetype left = out.buffer.size();
    while (left > 0) {
        const ssize_t written = ::write(out.fd, data, static_cast<size_t>(left));
        if (written < 0) {
            if (errno == EINTR)
                continue;
            break; // nowhere to report it: the lines are dropped
        }
        data += written;
        left -= written;
    }
    if (!out.buffer.isEmpty())
        ++out.writes;
    out.buffer.clear();
}

void flushAtExit()
{
    LogOutput::flush();
}

} // namespace

QByteArray LogOutput::formatLine(
    Format format, bool journal, QtMsgType type, const char *category, const Fields &fields, const QString &message)
{
    QByteArray line;
    line.reserve(128 + message.size());
    if (journal)
        line.append(journalPrefix(type));
    const char *categoryName = category ? category : "default";
    if (format == Format::Json) {
        line.append("{\"ts\":\"");
        appendTime(line);
        line.append("\",\"level\":\"").append(levelName(type)).append("\",\"category\":");
        appendJsonString(line, QString::fromUtf8(categoryName));
        if (!fields.channel.isEmpty())
            appendJsonField(line, "channel", fields.channel);
        if (!fields.app.isEmpty())
            appendJsonField(line, "app", fields.app);
        if (!fields.to.isEmpty())
            appendJsonField(line, "from", fields.from); // empty: the call's first state
        if (!fields.to.isEmpty())
            appendJsonField(line, "to", fields.to);
        if (!fields.cause.isEmpty())
            appendJsonField(line, "cause", fields.cause);
        // A transition's message is its summary; the data is in the fields.
        appendJsonField(line, "message",
            message.isEmpty() && !fields.to.isEmpty()
                ? (fields.from.isEmpty() ? u"(start)"_s : fields.from) + u" -> "_s + fields.to
                : message);
        line.append("}\n");
        return line;
    }
    if (!journal) {
        appendTime(line);
        line.append(' ');
    }
    line.append(levelName(type)).append(' ').append(categoryName).append(": ");
    if (hasFields(fields)) {
        // "<channel> <app>: <from> -> <to> <message> (<cause>)"
        if (!fields.channel.isEmpty()) {
            appendText(line, fields.channel);
            line.append(' ');
        }
        if (!fields.app.isEmpty())
            appendText(line, fields.app);
        line.append(':');
        if (!fields.to.isEmpty()) {
            line.append(' ');
            appendText(line, fields.from.isEmpty() ? u"(start)"_s : fields.from);
            line.append(" -> ");
            appendText(line, fields.to);
        }
        if (!message.isEmpty()) {
            line.append(' ');
            appendText(line, message);
        }
        if (!fields.cause.isEmpty()) {
            line.append(" (");
            appendText(line, fields.cause);
            line.append(')');
        }
    } else {
        appendText(line, message);
    }
    line.append('\n');
    return line;
}

void LogOutput::install(Format format, std::FILE *stream)
{
    Output &out = output();
    {
        const QMutexLocker lock(&out.mutex);
        writeOut(out);
        out.format = format;
        out.fd = fileno(stream ? stream : stderr);
        out.journal = isJournal(out.fd);
        out.installed = true;
        if (!out.exitHookSet) {
            out.exitHookSet = true;
            std::atexit(&flushAtExit);
        }
    }
    std::fflush(stream ? stream : stderr);
    out.previous = qInstallMessageHandler(&LogOutput::handle);
}

void LogOutput::uninstall()
{
    Output &out = output();
    flush();
    {
        const QMutexLocker lock(&out.mutex);
        out.installed = false;
    }
    qInstallMessageHandler(out.previous);
    out.previous = nullptr;
}

bool LogOutput::isInstalled()
{
    Output &out = output();
    const QMutexLocker lock(&out.mutex);
    return out.installed;
}

void LogOutput::handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    write(type, context.category, Fields {}, message);
}

void LogOutput::write(QtMsgType type, const char *category, const Fields &fields, const QString &message)
{
    Output &out = output();
    Format format = Format::Text;
    bool journal = false;
    bool installed = false;
    {
        const QMutexLocker lock(&out.mutex);
        installed = out.installed;
        format = out.format;
        journal = out.journal;
    }
    if (!installed) {
        // Not installed (tests, tools): the line goes to Qt's message handler, as text.
        const QByteArray text = formatLine(Format::Text, true, type, category, fields, message);
        const QByteArray body = text.mid(text.indexOf(": ") + 2).chopped(1);
        const QMessageLogContext context(nullptr, 0, nullptr, category ? category : "default");
        qt_message_output(type, context, QString::fromUtf8(body));
        return;
    }
    const QByteArray line = formatLine(format, journal, type, category, fields, message);
    bool schedule = false;
    {
        const QMutexLocker lock(&out.mutex);
        out.buffer.append(line);
        ++out.lines;
        QCoreApplication *application = QCoreApplication::instance();
        if (isUrgent(type) || out.buffer.size() >= s_bufferLimit || !application) {
            writeOut(out);
        } else if (!out.flushScheduled) {
            out.flushScheduled = true;
            schedule = true;
        }
    }
    if (schedule) {
        // At the end of this turn of the main event loop (events already queued come first).
        QMetaObject::invokeMethod(
            QCoreApplication::instance(), [] { LogOutput::flush(); }, Qt::QueuedConnection);
    }
}

void LogOutput::flush()
{
    Output &out = output();
    const QMutexLocker lock(&out.mutex);
    out.flushScheduled = false;
    writeOut(out);
}

qint64 LogOutput::lineCount()
{
    Output &out = output();
    const QMutexLocker lock(&out.mutex);
    return out.lines;
}

qint64 LogOutput::writeCount()
{
    Output &out = output();
    const QMutexLocker lock(&out.mutex);
    return out.writes;
}

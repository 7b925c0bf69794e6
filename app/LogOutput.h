#pragma once

#include <QtGlobal>

// Where log messages go in ari-supervisor: standard error, one line each, as human text
// ("2026-11-26T10:00:00.123Z info supervisor.calls: …") or as JSON lines
// ({"time":…,"level":…,"category":…,"message":…}) for machines (--log-format json).
class LogOutput
{
public:
    enum class Format { Text, Json };
    static void install(Format format);
    // Lines written and write() calls made so far (the benchmark reports them per call).
    static qint64 lineCount();
    static qint64 writeCount();

private:
    static void handle(QtMsgType type, const QMessageLogContext &context, const QString &message);
};

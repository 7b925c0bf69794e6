#include "app/LogOutput.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {
LogOutput::Format s_format = LogOutput::Format::Text;
QMutex s_mutex;
qint64 s_lines = 0;
qint64 s_writes = 0;

QString levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return u"debug"_s;
    case QtInfoMsg:
        return u"info"_s;
    case QtWarningMsg:
        return u"warning"_s;
    case QtCriticalMsg:
        return u"critical"_s;
    case QtFatalMsg:
        return u"fatal"_s;
    }
    return u"info"_s;
}
} // namespace

void LogOutput::install(Format format)
{
    s_format = format;
    qInstallMessageHandler(&LogOutput::handle);
}

void LogOutput::handle(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QString time = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    const QString category = context.category ? QString::fromUtf8(context.category) : u"default"_s;
    QByteArray line;
    if (s_format == LogOutput::Format::Json) {
        const QJsonObject object { { u"time"_s, time }, { u"level"_s, levelName(type) }, { u"category"_s, category },
            { u"message"_s, message } };
        line = QJsonDocument(object).toJson(QJsonDocument::Compact);
    } else {
        line = (time + u' ' + levelName(type) + u' ' + category + u": "_s + message).toUtf8();
    }
    line.append('\n');
    const QMutexLocker lock(&s_mutex);
    std::fwrite(line.constData(), 1, static_cast<size_t>(line.size()), stderr);
    std::fflush(stderr);
    ++s_lines;
    ++s_writes;
}

qint64 LogOutput::lineCount()
{
    const QMutexLocker lock(&s_mutex);
    return s_lines;
}

qint64 LogOutput::writeCount()
{
    const QMutexLocker lock(&s_mutex);
    return s_writes;
}

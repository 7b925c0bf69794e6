#include "core/queue/QueueMonitorMode.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

QString queueMonitorModeName(QueueMonitorMode mode)
{
    switch (mode) {
    case QueueMonitorMode::None:
        return {};
    case QueueMonitorMode::Listen:
        return u"listen"_s;
    case QueueMonitorMode::Whisper:
        return u"whisper"_s;
    case QueueMonitorMode::Barge:
        return u"barge"_s;
    }
    return {};
}

std::optional<QueueMonitorMode> queueMonitorModeFrom(const QString &name)
{
    for (QueueMonitorMode mode : { QueueMonitorMode::Listen, QueueMonitorMode::Whisper, QueueMonitorMode::Barge }) {
        if (queueMonitorModeName(mode) == name)
            return mode;
    }
    return std::nullopt;
}

QString queueMonitorModeText(QueueMonitorMode mode)
{
    switch (mode) {
    case QueueMonitorMode::None:
        return {};
    case QueueMonitorMode::Listen:
        return QCoreApplication::translate("QueueMonitorMode", "listening in");
    case QueueMonitorMode::Whisper:
        return QCoreApplication::translate("QueueMonitorMode", "whispering");
    case QueueMonitorMode::Barge:
        return QCoreApplication::translate("QueueMonitorMode", "barging in");
    }
    return {};
}

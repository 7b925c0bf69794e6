#include "core/models/EventLogEntry.h"

using namespace Qt::StringLiterals;

QString EventLogEntry::levelName(Level level)
{
    switch (level) {
    case Level::Debug:
        return u"debug"_s;
    case Level::Info:
        return u"info"_s;
    case Level::Warning:
        return u"warning"_s;
    case Level::Error:
        return u"error"_s;
    }
    return u"info"_s;
}

#include "sim/engine/SimTimestamps.h"

using namespace Qt::StringLiterals;

QString SimTimestamps::format(const QDateTime &time)
{
    const int offsetSeconds = time.offsetFromUtc();
    const int offsetMinutes = qAbs(offsetSeconds) / 60;
    const QString offset = QString::asprintf("%c%02d%02d", offsetSeconds < 0 ? '-' : '+',
                                             offsetMinutes / 60, offsetMinutes % 60);
    return time.toString(u"yyyy-MM-ddTHH:mm:ss.zzz"_s) + offset;
}

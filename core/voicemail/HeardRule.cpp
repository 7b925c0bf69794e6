#include "core/voicemail/HeardRule.h"

namespace HeardRule {

bool isHeard(qint64 positionMs, qint64 durationMs, int heardPercent)
{
    if (durationMs <= 0 || positionMs < 0)
        return false;
    return positionMs >= durationMs || positionMs * 100 >= durationMs * heardPercent;
}

} // namespace HeardRule

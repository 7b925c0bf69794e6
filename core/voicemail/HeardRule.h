#pragma once

#include <QtGlobal>

// When a voicemail message counts as heard (SPEC VM-2), wherever it is played: on a caller's phone
// in vm-playback, on the supervisor's phone ("Listen on my phone") or on the desk's speakers
// ("Play here"). One rule, so every way of listening agrees.
namespace HeardRule {

// Played to its end, or at least `heardPercent` percent of `durationMs` (`[voicemail]
// heard_percent`). Never for a length that is not known (≤ 0): then only a playback that
// finished counts, which its caller knows.
bool isHeard(qint64 positionMs, qint64 durationMs, int heardPercent);

} // namespace HeardRule

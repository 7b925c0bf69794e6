#pragma once

#include <QString>

// Client-chosen ids for channels, playbacks, bridges and recordings (SPEC AR-8): unique within
// this process and across restarts ("<prefix>-<random>-<counter>"), made of [A-Za-z0-9._-] only.
// A character of the prefix outside that set becomes '_'; an empty prefix becomes "id".
// Thread-safe.
namespace AriIds {
QString make(const QString &prefix);
}

#pragma once

#include <QDateTime>
#include <QString>

// Asterisk's time format in ARI JSON: "2026-11-26T06:58:56.612+0000" (local time, milliseconds,
// UTC offset without a colon).
class SimTimestamps
{
public:
    static QString format(const QDateTime &time);
};

#pragma once

#include <QString>

// "1 message", "3 messages": a count with the noun in the right number (English; the window has
// no translations).
inline QString countText(qsizetype count, const QString &singular, const QString &plural)
{
    return QString::number(count) + QChar(u' ') + (count == 1 ? singular : plural);
}

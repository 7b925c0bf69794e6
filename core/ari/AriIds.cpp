#include "core/ari/AriIds.h"

#include <QRandomGenerator>

#include <atomic>

using namespace Qt::StringLiterals;

namespace {

bool isIdCharacter(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9') || u == u'.' || u == u'_'
        || u == u'-';
}

} // namespace

namespace AriIds {

QString make(const QString &prefix)
{
    // A token drawn once per process (64 random bits) keeps ids of different runs apart; the
    // counter keeps the ids of this run apart.
    static const QString s_processToken
        = QString::number(QRandomGenerator::system()->generate64(), 36).rightJustified(13, u'0');
    static std::atomic<quint64> s_counter { 0 };

    QString cleanPrefix;
    cleanPrefix.reserve(prefix.size());
    for (const QChar c : prefix)
        cleanPrefix.append(isIdCharacter(c) ? c : u'_');
    if (cleanPrefix.isEmpty())
        cleanPrefix = u"id"_s;

    const quint64 number = s_counter.fetch_add(1, std::memory_order_relaxed) + 1;
    return cleanPrefix + u'-' + s_processToken + u'-' + QString::number(number);
}

} // namespace AriIds

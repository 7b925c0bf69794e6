#include "core/ari/model/ModelJson.h"

#include <QJsonArray>

namespace ModelJson {

QStringList stringList(const QJsonValue &value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    list.reserve(array.size());
    for (const QJsonValue &entry : array)
        list.append(entry.toString());
    return list;
}

QDateTime dateTime(const QJsonValue &value)
{
    const QString text = value.toString();
    if (text.isEmpty())
        return {};
    // Asterisk writes "+0000" offsets and milliseconds; ISODateWithMs reads both forms of offset
    // and also accepts a timestamp without milliseconds.
    return QDateTime::fromString(text, Qt::ISODateWithMs);
}

std::optional<int> optionalInt(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    return value.toInt();
}

} // namespace ModelJson

#include "core/ari/model/StoredRecording.h"

using namespace Qt::StringLiterals;

StoredRecording StoredRecording::fromJson(const QJsonObject &object)
{
    StoredRecording recording;
    recording.name = object.value("name"_L1).toString();
    recording.format = object.value("format"_L1).toString();
    return recording;
}

QList<StoredRecording> StoredRecording::listFromJson(const QJsonArray &array)
{
    QList<StoredRecording> list;
    list.reserve(array.size());
    for (const QJsonValue &entry : array) {
        if (entry.isObject())
            list.append(fromJson(entry.toObject()));
    }
    return list;
}

#include "core/ari/model/Application.h"

#include "core/ari/model/ModelJson.h"

using namespace Qt::StringLiterals;

Application Application::fromJson(const QJsonObject &object)
{
    Application application;
    application.name = object.value("name"_L1).toString();
    application.channelIds = ModelJson::stringList(object.value("channel_ids"_L1));
    application.bridgeIds = ModelJson::stringList(object.value("bridge_ids"_L1));
    application.endpointIds = ModelJson::stringList(object.value("endpoint_ids"_L1));
    application.deviceNames = ModelJson::stringList(object.value("device_names"_L1));
    return application;
}

QList<Application> Application::listFromJson(const QJsonArray &array)
{
    QList<Application> list;
    list.reserve(array.size());
    for (const QJsonValue &entry : array) {
        if (entry.isObject())
            list.append(fromJson(entry.toObject()));
    }
    return list;
}

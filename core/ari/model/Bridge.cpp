#include "core/ari/model/Bridge.h"

#include "core/ari/model/ModelJson.h"

using namespace Qt::StringLiterals;

Bridge Bridge::fromJson(const QJsonObject &object)
{
    Bridge bridge;
    bridge.id = object.value("id"_L1).toString();
    bridge.technology = object.value("technology"_L1).toString();
    bridge.bridgeType = object.value("bridge_type"_L1).toString();
    bridge.bridgeClass = object.value("bridge_class"_L1).toString();
    bridge.creator = object.value("creator"_L1).toString();
    bridge.name = object.value("name"_L1).toString();
    bridge.channels = ModelJson::stringList(object.value("channels"_L1));
    return bridge;
}

#include "core/ari/model/Bridge.h"

#include "core/ari/model/JsonObjectView.h"

using namespace Qt::StringLiterals;

Bridge Bridge::fromJson(const QJsonObject &object)
{
    return read(JsonObjectView(object));
}

Bridge Bridge::read(const JsonObjectView &object)
{
    Bridge bridge;
    bridge.id = object.string("id"_L1);
    bridge.technology = object.string("technology"_L1);
    bridge.bridgeType = object.string("bridge_type"_L1);
    bridge.bridgeClass = object.string("bridge_class"_L1);
    bridge.creator = object.string("creator"_L1);
    bridge.name = object.string("name"_L1);
    bridge.channels = object.stringList("channels"_L1);
    return bridge;
}

#include "core/ari/model/AsteriskInfo.h"

using namespace Qt::StringLiterals;

AsteriskInfo AsteriskInfo::fromJson(const QJsonObject &object)
{
    AsteriskInfo info;
    const QJsonObject system = object.value("system"_L1).toObject();
    info.version = system.value("version"_L1).toString();
    info.entityId = system.value("entity_id"_L1).toString();
    info.systemName = object.value("config"_L1).toObject().value("name"_L1).toString();
    info.buildOs = object.value("build"_L1).toObject().value("os"_L1).toString();
    info.raw = object;
    return info;
}

#include "core/ari/model/Channel.h"

#include "core/ari/model/ModelJson.h"

using namespace Qt::StringLiterals;

Channel Channel::fromJson(const QJsonObject &object)
{
    Channel channel;
    channel.id = object.value("id"_L1).toString();
    channel.name = object.value("name"_L1).toString();
    channel.state = object.value("state"_L1).toString();
    const QJsonObject caller = object.value("caller"_L1).toObject();
    channel.callerName = caller.value("name"_L1).toString();
    channel.callerNumber = caller.value("number"_L1).toString();
    const QJsonObject connected = object.value("connected"_L1).toObject();
    channel.connectedName = connected.value("name"_L1).toString();
    channel.connectedNumber = connected.value("number"_L1).toString();
    channel.accountcode = object.value("accountcode"_L1).toString();
    const QJsonObject dialplan = object.value("dialplan"_L1).toObject();
    channel.dialplanContext = dialplan.value("context"_L1).toString();
    channel.dialplanExten = dialplan.value("exten"_L1).toString();
    channel.dialplanPriority = dialplan.value("priority"_L1).toInteger();
    channel.creationtime = ModelJson::dateTime(object.value("creationtime"_L1));
    channel.language = object.value("language"_L1).toString();
    return channel;
}

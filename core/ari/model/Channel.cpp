#include "core/ari/model/Channel.h"

#include "core/ari/model/JsonObjectView.h"

using namespace Qt::StringLiterals;

Channel Channel::fromJson(const QJsonObject &object)
{
    return read(JsonObjectView(object));
}

Channel Channel::read(const JsonObjectView &object)
{
    Channel channel;
    channel.id = object.string("id"_L1);
    channel.name = object.string("name"_L1);
    channel.state = object.string("state"_L1);
    const JsonObjectView caller = object.object("caller"_L1);
    channel.callerName = caller.string("name"_L1);
    channel.callerNumber = caller.string("number"_L1);
    const JsonObjectView connected = object.object("connected"_L1);
    channel.connectedName = connected.string("name"_L1);
    channel.connectedNumber = connected.string("number"_L1);
    channel.accountcode = object.string("accountcode"_L1);
    const JsonObjectView dialplan = object.object("dialplan"_L1);
    channel.dialplanContext = dialplan.string("context"_L1);
    channel.dialplanExten = dialplan.string("exten"_L1);
    channel.dialplanPriority = dialplan.toInteger("priority"_L1);
    channel.creationtime = object.dateTime("creationtime"_L1);
    channel.language = object.string("language"_L1);
    return channel;
}

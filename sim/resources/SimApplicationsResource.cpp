#include "sim/resources/SimApplicationsResource.h"

#include <QJsonArray>

#include "sim/engine/SimBridge.h"
#include "sim/engine/SimChannel.h"
#include "sim/engine/SimEngine.h"
#include "sim/http/SimEventHub.h"
#include "sim/http/SimRouter.h"

using namespace Qt::StringLiterals;

SimApplicationsResource::SimApplicationsResource(SimEngine *engine)
    : m_engine(engine)
{
}

QJsonObject SimApplicationsResource::applicationJson(const QString &name) const
{
    SimEventHub *hub = m_engine->hub();
    QJsonArray channelIds;
    QJsonArray bridgeIds;
    QJsonArray endpointIds;
    QJsonArray deviceNames;
    if (hub->subscribesAll(name)) {
        channelIds.append(u"__AST_CHANNEL_ALL_TOPIC"_s);
        bridgeIds.append(u"__AST_BRIDGE_ALL_TOPIC"_s);
        endpointIds.append(u"__AST_ENDPOINT_ALL_TOPIC"_s);
        deviceNames.append(u"__AST_DEVICE_STATE_ALL_TOPIC"_s);
    } else {
        const QList<SimChannel *> channels = m_engine->channels();
        for (const SimChannel *channel : channels) {
            if (channel->applications().contains(name))
                channelIds.append(channel->id());
        }
        const QList<SimBridge *> bridges = m_engine->bridges();
        for (const SimBridge *bridge : bridges) {
            if (bridge->applications().contains(name))
                bridgeIds.append(bridge->id());
        }
        deviceNames = QJsonArray::fromStringList(hub->subscribedDevices(name));
    }
    return QJsonObject{{u"name"_s, name},
                       {u"channel_ids"_s, channelIds},
                       {u"bridge_ids"_s, bridgeIds},
                       {u"endpoint_ids"_s, endpointIds},
                       {u"device_names"_s, deviceNames},
                       {u"events_allowed"_s, hub->allowedEvents(name)},
                       {u"events_disallowed"_s, hub->disallowedEvents(name)}};
}

void SimApplicationsResource::registerRoutes(SimRouter &router)
{
    const SimRouter::Param name = SimRouter::pathParam(u"applicationName"_s, u"Application's name"_s);
    const SimRouter::Param source = SimRouter::multiQueryParam(
        u"eventSource"_s, true, u"URI for event source (channel:{channelId}, bridge:{bridgeId}, endpoint:{tech}[/{resource}], deviceState:{deviceName}"_s);

    router.add({u"GET"_s, u"/applications"_s, u"applications"_s, u"list"_s,
                u"List all applications."_s, u"List[Application]"_s, {}, {},
                [this](const SimHttpRequest &) {
                    QJsonArray result;
                    const QStringList names = m_engine->hub()->applications();
                    for (const QString &application : names)
                        result.append(applicationJson(application));
                    return SimHttpResponse::json(200, result);
                }});
    router.add({u"GET"_s, u"/applications/{applicationName}"_s, u"applications"_s, u"get"_s,
                u"Get details of an application."_s, u"Application"_s, {name},
                {{404, u"Application does not exist."_s}},
                [this](const SimHttpRequest &request) {
                    const QString application = request.pathParam(u"applicationName"_s);
                    if (!m_engine->hub()->isRegistered(application))
                        return SimHttpResponse::error(404, u"Application not found"_s);
                    return SimHttpResponse::json(200, applicationJson(application));
                }});

    const auto subscription = [this](const SimHttpRequest &request, bool subscribe) {
        const QString application = request.pathParam(u"applicationName"_s);
        if (!m_engine->hub()->isRegistered(application))
            return SimHttpResponse::error(404, u"Application not found"_s);
        const QStringList sources = request.listParam(u"eventSource"_s);
        if (sources.isEmpty())
            return SimHttpResponse::error(400, u"Missing parameter eventSource"_s);
        // Validate everything first: Asterisk changes nothing when one source is wrong.
        QList<SimChannel *> channels;
        QList<SimBridge *> bridges;
        QStringList devices;
        for (const QString &uri : sources) {
            const qsizetype colon = uri.indexOf(u':');
            const QString scheme = colon < 0 ? uri : uri.left(colon);
            const QString id = colon < 0 ? QString() : uri.mid(colon + 1);
            if (scheme == u"channel"_s) {
                SimChannel *channel = m_engine->channel(id);
                if (!channel)
                    return SimHttpResponse::error(422, u"Event source does not exist"_s);
                channels.append(channel);
            } else if (scheme == u"bridge"_s) {
                SimBridge *bridge = m_engine->bridge(id);
                if (!bridge)
                    return SimHttpResponse::error(422, u"Event source does not exist"_s);
                bridges.append(bridge);
            } else if (scheme == u"deviceState"_s) {
                // Any device name will do: its state changes are published from then on.
                if (id.isEmpty())
                    return SimHttpResponse::error(422, u"Event source does not exist"_s);
                devices.append(id);
            } else if (scheme == u"endpoint"_s) {
                // The simulator has no endpoint events: nothing to subscribe to.
                if (id.isEmpty())
                    return SimHttpResponse::error(422, u"Event source does not exist"_s);
            } else {
                return SimHttpResponse::error(400, u"Invalid event source URI scheme"_s);
            }
        }
        for (SimChannel *channel : std::as_const(channels)) {
            if (subscribe)
                channel->subscribe(application);
            else if (channel->stasisApp() != application)
                channel->unsubscribe(application);
        }
        for (SimBridge *bridge : std::as_const(bridges)) {
            if (subscribe)
                bridge->subscribe(application);
            else
                bridge->unsubscribe(application);
        }
        for (const QString &device : std::as_const(devices)) {
            if (subscribe)
                m_engine->hub()->subscribeDevice(application, device);
            else
                m_engine->hub()->unsubscribeDevice(application, device);
        }
        return SimHttpResponse::json(200, applicationJson(application));
    };
    router.add({u"POST"_s, u"/applications/{applicationName}/subscription"_s, u"applications"_s,
                u"subscribe"_s, u"Subscribe an application to a event source."_s, u"Application"_s,
                {name, source},
                {{400, u"Missing parameter."_s},
                 {404, u"Application does not exist."_s},
                 {422, u"Event source does not exist."_s}},
                [subscription](const SimHttpRequest &request) { return subscription(request, true); }});
    router.add({u"DELETE"_s, u"/applications/{applicationName}/subscription"_s, u"applications"_s,
                u"unsubscribe"_s, u"Unsubscribe an application from an event source."_s, u"Application"_s,
                {name, source},
                {{400, u"Missing parameter; event source scheme not recognized."_s},
                 {404, u"Application does not exist."_s},
                 {422, u"Event source does not exist."_s}},
                [subscription](const SimHttpRequest &request) { return subscription(request, false); }});
    router.add({u"PUT"_s, u"/applications/{applicationName}/eventFilter"_s, u"applications"_s,
                u"filter"_s, u"Filter application events types."_s, u"Application"_s,
                {name, SimRouter::bodyParam(u"filter"_s, u"object"_s, false,
                                            u"Specify which event types to allow/disallow"_s)},
                {{400, u"Bad request."_s}, {404, u"Application does not exist."_s}},
                [this](const SimHttpRequest &request) {
                    const QString application = request.pathParam(u"applicationName"_s);
                    if (!m_engine->hub()->isRegistered(application))
                        return SimHttpResponse::error(404, u"Application not found"_s);
                    const QJsonObject filter = request.jsonBody();
                    const QJsonValue allowed = filter.value(u"allowed"_s);
                    const QJsonValue disallowed = filter.value(u"disallowed"_s);
                    if ((!allowed.isUndefined() && !allowed.isArray())
                        || (!disallowed.isUndefined() && !disallowed.isArray())) {
                        return SimHttpResponse::error(400, u"Invalid format definition"_s);
                    }
                    m_engine->hub()->setEventFilter(application, allowed.toArray(), disallowed.toArray());
                    return SimHttpResponse::json(200, applicationJson(application));
                }});
}

#include "sim/resources/SimControlApi.h"

#include <QJsonArray>

#include "sim/media/RecordingStore.h"
#include "sim/resources/SimApplicationsResource.h"
#include "sim/engine/SimBridge.h"
#include "sim/engine/SimChannel.h"
#include "sim/engine/SimClock.h"
#include "sim/engine/SimEngine.h"
#include "sim/http/SimEventHub.h"
#include "sim/engine/SimFaultPlan.h"
#include "sim/engine/SimLiveRecording.h"
#include "sim/engine/SimPlayback.h"

using namespace Qt::StringLiterals;

namespace {

SimHttpResponse channelNotFound()
{
    return SimHttpResponse::error(404, u"Channel not found"_s);
}

} // namespace

SimControlApi::SimControlApi(SimEngine *engine, const SimApplicationsResource *applications, SimFaultPlan *faults)
    : m_engine(engine)
    , m_applications(applications)
    , m_faults(faults)
{
    registerRoutes();
    registerFaultRoutes();
}

void SimControlApi::registerFaultRoutes()
{
    if (!m_faults)
        return;
    const auto add = [this](const QString &method, const QString &pattern,
                         std::function<SimHttpResponse(const SimHttpRequest &)> handler) {
        m_router.add({ method, pattern, u"sim"_s, QString(), QString(), u"void"_s, {}, {}, std::move(handler) });
    };
    // Each fault takes effect after this request's answer has left (queued), so the answer
    // itself is never caught by it.
    const auto later = [this](std::function<void()> action) {
        QMetaObject::invokeMethod(m_faults, std::move(action), Qt::QueuedConnection);
        return SimHttpResponse::noContent();
    };
    const auto nonNegative = [](const SimHttpRequest &request, const QString &name, int fallback, int *value) {
        bool ok = true;
        const QString text = request.param(name);
        *value = text.isEmpty() ? fallback : text.toInt(&ok);
        return ok && *value >= 0;
    };
    add(u"GET"_s, u"/faults"_s,
        [this](const SimHttpRequest &) { return SimHttpResponse::json(200, m_faults->toJson()); });
    add(u"DELETE"_s, u"/faults"_s, [this](const SimHttpRequest &) {
        m_faults->clear();
        return SimHttpResponse::noContent();
    });
    add(u"POST"_s, u"/faults/drop-events"_s, [this, later, nonNegative](const SimHttpRequest &request) {
        int after = 0;
        if (!nonNegative(request, u"after"_s, 0, &after))
            return SimHttpResponse::error(400, u"after must be a number of events (0 or more)"_s);
        if (after > 0) {
            m_faults->dropEventSocketsAfter(after);
            return SimHttpResponse::noContent();
        }
        return later([faults = m_faults] { faults->dropEventSocketsNow(); });
    });
    add(u"POST"_s, u"/faults/refuse-connections"_s, [this, later, nonNegative](const SimHttpRequest &request) {
        int ms = 0;
        if (!nonNegative(request, u"ms"_s, -1, &ms) || ms <= 0)
            return SimHttpResponse::error(400, u"ms must be a positive number of milliseconds"_s);
        return later([faults = m_faults, ms] { faults->refuseConnectionsFor(ms); });
    });
    add(u"POST"_s, u"/faults/requests"_s, [this, nonNegative](const SimHttpRequest &request) {
        SimFaultPlan::RequestFault fault = SimFaultPlan::RequestFault::None;
        if (!SimFaultPlan::parseFault(request.param(u"fault"_s), &fault))
            return SimHttpResponse::error(400, u"fault must be error, no-answer or delay"_s);
        int count = 0;
        int ms = 0;
        if (!nonNegative(request, u"count"_s, 1, &count) || count == 0)
            return SimHttpResponse::error(400, u"count must be a positive number of requests"_s);
        if (!nonNegative(request, u"ms"_s, fault == SimFaultPlan::RequestFault::Delay ? -1 : 0, &ms))
            return SimHttpResponse::error(400, u"ms must be a number of milliseconds (0 or more)"_s);
        m_faults->failNextRequests(count, fault, ms);
        return SimHttpResponse::noContent();
    });
    add(u"POST"_s, u"/faults/lose-channel"_s, [this](const SimHttpRequest &request) {
        SimChannel *channel = m_engine->channel(request.param(u"channel"_s));
        if (!channel)
            return SimHttpResponse::error(404, u"Channel not found"_s);
        m_engine->loseChannel(channel);
        return SimHttpResponse::noContent();
    });
    add(u"POST"_s, u"/faults/restart"_s, [later, this, nonNegative](const SimHttpRequest &request) {
        int ms = 0;
        if (!nonNegative(request, u"ms"_s, 0, &ms))
            return SimHttpResponse::error(400, u"ms must be a number of milliseconds (0 or more)"_s);
        return later([faults = m_faults, ms] { faults->restart(ms); });
    });
}

void SimControlApi::registerRoutes()
{
    const auto add = [this](const QString &method, const QString &pattern,
                            std::function<SimHttpResponse(const SimHttpRequest &)> handler) {
        m_router.add({method, pattern, u"sim"_s, QString(), QString(), u"void"_s, {}, {}, std::move(handler)});
    };
    add(u"POST"_s, u"/calls"_s, [this](const SimHttpRequest &request) { return placeCall(request); });
    add(u"DELETE"_s, u"/calls/{channelId}"_s, [this](const SimHttpRequest &request) { return hangup(request); });
    add(u"POST"_s, u"/calls/{channelId}/dtmf"_s, [this](const SimHttpRequest &request) { return dtmf(request); });
    add(u"POST"_s, u"/calls/{channelId}/talk"_s, [this](const SimHttpRequest &request) { return talk(request); });
    add(u"GET"_s, u"/calls/{channelId}/heard"_s, [this](const SimHttpRequest &request) {
        const QString id = request.pathParam(u"channelId"_s);
        const QString key = u"channel:"_s + id;
        return heard(key, m_engine->channel(id) || m_engine->findHeardLog(key));
    });
    add(u"GET"_s, u"/bridges/{bridgeId}/heard"_s, [this](const SimHttpRequest &request) {
        const QString id = request.pathParam(u"bridgeId"_s);
        const QString key = u"bridge:"_s + id;
        return heard(key, m_engine->bridge(id) || m_engine->findHeardLog(key));
    });
    add(u"GET"_s, u"/state"_s, [this](const SimHttpRequest &) { return state(); });
    add(u"GET"_s, u"/clock"_s, [this](const SimHttpRequest &) {
        return SimHttpResponse::json(200, QJsonObject{{u"speed"_s, m_engine->clock()->speed()},
                                                      {u"elapsedMs"_s, static_cast<double>(m_engine->nowMs())}});
    });
}

SimHttpResponse SimControlApi::handle(const SimHttpRequest &request) const
{
    QStringList segments = request.segments();
    if (!segments.isEmpty() && segments.first() == u"sim"_s)
        segments.removeFirst();
    // /sim/endpoints/<tech>/<resource...>: the resource may itself contain '/' ("ring@wait/n").
    if (segments.size() >= 3 && segments.first() == u"endpoints"_s) {
        if (request.method() != "PUT") {
            SimHttpResponse response = SimHttpResponse::error(405, u"Invalid method"_s);
            response.addHeader(QByteArrayLiteral("Allow"), QByteArrayLiteral("OPTIONS,PUT"));
            return response;
        }
        return setEndpoint(request, segments.mid(1).join(u'/'));
    }
    const QString method = request.method() == "HEAD" ? u"GET"_s : QString::fromLatin1(request.method());
    const SimRouter::Match match = m_router.match(method, segments);
    if (!match.pathFound)
        return SimHttpResponse::error(404, u"Resource not found"_s);
    if (request.method() == "OPTIONS") {
        SimHttpResponse response = SimHttpResponse::noContent();
        response.addHeader(QByteArrayLiteral("Allow"), SimRouter::allowHeader(match.allowedMethods));
        return response;
    }
    if (!match.route) {
        SimHttpResponse response = SimHttpResponse::error(405, u"Invalid method"_s);
        response.addHeader(QByteArrayLiteral("Allow"), SimRouter::allowHeader(match.allowedMethods));
        return response;
    }
    SimHttpRequest routed = request;
    routed.setPathParams(match.pathParams);
    return match.route->handler(routed);
}

SimHttpResponse SimControlApi::placeCall(const SimHttpRequest &request) const
{
    const QString application = request.param(u"app"_s);
    if (application.isEmpty())
        return SimHttpResponse::error(400, u"Missing parameter app"_s);
    if (!m_engine->hub()->isRegistered(application))
        return SimHttpResponse::error(404, u"Application not registered"_s);
    SimEngine::CallParams params;
    params.application = application;
    const QString args = request.param(u"args"_s);
    params.args = args.isEmpty() ? QStringList() : args.split(u',');
    if (request.hasParam(u"language"_s) && !request.param(u"language"_s).isEmpty())
        params.language = request.param(u"language"_s);
    const QString callerId = request.param(u"callerId"_s);
    const qsizetype open = callerId.indexOf(u'<');
    const qsizetype close = callerId.lastIndexOf(u'>');
    if (open >= 0 && close > open) {
        params.callerName = callerId.left(open).trimmed().remove(u'"');
        params.callerNumber = callerId.mid(open + 1, close - open - 1).trimmed();
    } else {
        params.callerNumber = callerId.trimmed();
    }
    params.channelName = request.param(u"name"_s);
    SimChannel *channel = m_engine->placeCall(params);
    return SimHttpResponse::json(200, QJsonObject{{u"channel"_s, channel->toJson()}});
}

SimHttpResponse SimControlApi::dtmf(const SimHttpRequest &request) const
{
    SimChannel *channel = m_engine->channel(request.pathParam(u"channelId"_s));
    if (!channel || channel->isHangingUp())
        return channelNotFound();
    const QString digits = request.param(u"dtmf"_s);
    if (digits.isEmpty())
        return SimHttpResponse::error(400, u"DTMF is required"_s);
    m_engine->sendCallerDtmf(channel, digits, request.intParam(u"between"_s, 100),
                             request.intParam(u"duration"_s, 100));
    return SimHttpResponse::noContent();
}

SimHttpResponse SimControlApi::talk(const SimHttpRequest &request) const
{
    SimChannel *channel = m_engine->channel(request.pathParam(u"channelId"_s));
    if (!channel || channel->isHangingUp())
        return channelNotFound();
    const int ms = request.intParam(u"ms"_s, 0);
    if (ms <= 0)
        return SimHttpResponse::error(400, u"ms must be a positive number of milliseconds"_s);
    channel->talk(ms);
    return SimHttpResponse::noContent();
}

SimHttpResponse SimControlApi::hangup(const SimHttpRequest &request) const
{
    SimChannel *channel = m_engine->channel(request.pathParam(u"channelId"_s));
    if (!channel || channel->isHangingUp())
        return channelNotFound();
    m_engine->hangup(channel, SimEngine::HangupOrigin::Caller);
    return SimHttpResponse::noContent();
}

SimHttpResponse SimControlApi::heard(const QString &key, bool known) const
{
    if (!known) {
        return SimHttpResponse::error(404, key.startsWith(u"bridge:"_s) ? u"Bridge not found"_s
                                                                         : u"Channel not found"_s);
    }
    const SimHeardLog *log = m_engine->findHeardLog(key);
    return SimHttpResponse::json(200, log ? log->toJson(m_engine->nowMs()) : QJsonArray());
}

SimHttpResponse SimControlApi::state() const
{
    QJsonArray channels;
    for (const SimChannel *channel : m_engine->channels()) {
        if (!channel->isHangingUp())
            channels.append(channel->toJson());
    }
    QJsonArray bridges;
    for (const SimBridge *bridge : m_engine->bridges())
        bridges.append(bridge->toJson());
    QJsonArray playbacks;
    for (const SimPlayback *playback : m_engine->playbacks())
        playbacks.append(playback->toJson());
    QJsonArray recordings;
    for (const SimLiveRecording *recording : m_engine->liveRecordings())
        recordings.append(recording->toJson());
    QJsonArray applications;
    for (const QString &name : m_engine->hub()->applications())
        applications.append(m_applications->applicationJson(name));
    return SimHttpResponse::json(200, QJsonObject{{u"channels"_s, channels},
                                                  {u"bridges"_s, bridges},
                                                  {u"playbacks"_s, playbacks},
                                                  {u"liveRecordings"_s, recordings},
                                                  {u"storedRecordings"_s, m_engine->recordings().listJson()},
                                                  {u"applications"_s, applications},
                                                  {u"clockMs"_s, static_cast<double>(m_engine->nowMs())}});
}

SimHttpResponse SimControlApi::setEndpoint(const SimHttpRequest &request, const QString &endpoint) const
{
    const QString behaviour = request.param(u"behaviour"_s);
    if (behaviour == u"answer"_s)
        m_engine->setEndpointBehaviour(endpoint, SimEngine::Behaviour::Answer);
    else if (behaviour == u"ring"_s)
        m_engine->setEndpointBehaviour(endpoint, SimEngine::Behaviour::Ring);
    else if (behaviour == u"busy"_s)
        m_engine->setEndpointBehaviour(endpoint, SimEngine::Behaviour::Busy);
    else
        return SimHttpResponse::error(400, u"behaviour must be answer, ring or busy"_s);
    return SimHttpResponse::noContent();
}

#include "sim/resources/SimBridgesResource.h"

#include <QJsonArray>
#include <QUrl>

#include "sim/media/RecordingStore.h"
#include "sim/engine/SimBridge.h"
#include "sim/engine/SimChannel.h"
#include "sim/engine/SimEngine.h"
#include "sim/engine/SimLiveRecording.h"
#include "sim/media/SimMediaQueue.h"
#include "sim/engine/SimPlayback.h"
#include "sim/http/SimRouter.h"

using namespace Qt::StringLiterals;

SimBridgesResource::SimBridgesResource(SimEngine *engine)
    : m_engine(engine)
{
}

SimBridgesResource::Lookup SimBridgesResource::findBridge(const SimHttpRequest &request) const
{
    Lookup lookup;
    lookup.bridge = m_engine->bridge(request.pathParam(u"bridgeId"_s));
    if (!lookup.bridge)
        lookup.error = SimHttpResponse::error(404, u"Bridge not found"_s, QByteArrayLiteral("Not found"));
    return lookup;
}

SimBridgesResource::ChannelsLookup SimBridgesResource::findChannels(const SimHttpRequest &request) const
{
    ChannelsLookup lookup;
    const QStringList ids = request.listParam(u"channel"_s);
    if (ids.isEmpty()) {
        lookup.error = SimHttpResponse::error(400, u"Missing parameter channel"_s);
        return lookup;
    }
    for (const QString &id : ids) {
        SimChannel *channel = m_engine->channel(id);
        if (!channel || channel->isHangingUp()) {
            lookup.error = SimHttpResponse::error(400, u"Channel not found"_s);
            return lookup;
        }
        if (!channel->inStasis()) {
            lookup.error = SimHttpResponse::error(422, u"Channel not in Stasis application"_s);
            return lookup;
        }
        if (!lookup.channels.contains(channel))
            lookup.channels.append(channel);
    }
    return lookup;
}

SimHttpResponse SimBridgesResource::create(const SimHttpRequest &request, const QString &bridgeId)
{
    const SimEngine::BridgeResult result =
        m_engine->createBridge(bridgeId, request.param(u"type"_s), request.param(u"name"_s));
    if (!result.bridge) {
        QByteArray reason;
        if (result.failure.status == 500)
            reason = QByteArrayLiteral("Internal Error");
        return SimHttpResponse::error(result.failure.status, result.failure.message, reason);
    }
    return SimHttpResponse::json(200, result.bridge->toJson());
}

SimHttpResponse SimBridgesResource::addChannel(const SimHttpRequest &request)
{
    const Lookup bridge = findBridge(request);
    if (bridge.error)
        return *bridge.error;
    const ChannelsLookup channels = findChannels(request);
    if (channels.error)
        return *channels.error;
    for (SimChannel *channel : channels.channels) {
        if (qobject_cast<SimLiveRecording *>(channel->mediaQueue()->current()))
            return SimHttpResponse::error(409, u"Channel %1 currently recording"_s.arg(channel->id()));
    }
    m_engine->addToBridge(bridge.bridge, channels.channels);
    return SimHttpResponse::noContent();
}

SimHttpResponse SimBridgesResource::removeChannel(const SimHttpRequest &request)
{
    const Lookup bridge = findBridge(request);
    if (bridge.error)
        return *bridge.error;
    const ChannelsLookup channels = findChannels(request);
    if (channels.error)
        return *channels.error;
    for (SimChannel *channel : channels.channels) {
        if (channel->bridge() != bridge.bridge)
            return SimHttpResponse::error(422, u"Channel not in this bridge"_s);
    }
    for (SimChannel *channel : channels.channels)
        m_engine->removeFromBridge(bridge.bridge, channel);
    return SimHttpResponse::noContent();
}

SimHttpResponse SimBridgesResource::play(const SimHttpRequest &request, const QString &playbackId)
{
    const Lookup bridge = findBridge(request);
    if (bridge.error)
        return *bridge.error;
    const int skipMs = request.intParam(u"skipms"_s, 3000);
    const int offsetMs = request.intParam(u"offsetms"_s, 0);
    const QStringList media = request.listParam(u"media"_s);
    if (media.isEmpty() || skipMs < 0 || offsetMs < 0)
        return SimHttpResponse::allocationFailed();
    const QString language = request.param(u"lang"_s).isEmpty() ? u"en"_s : request.param(u"lang"_s);
    const SimEngine::PlayResult result = m_engine->play(nullptr, bridge.bridge, playbackId, media,
                                                        language, skipMs, offsetMs);
    return SimHttpResponse::created(QByteArrayLiteral("/ari/playbacks/") + QUrl::toPercentEncoding(result.playback->id()),
                                    result.json);
}

SimHttpResponse SimBridgesResource::record(const SimHttpRequest &request)
{
    const Lookup bridge = findBridge(request);
    if (bridge.error)
        return *bridge.error;
    const auto termination = SimLiveRecording::parseTermination(request.param(u"terminateOn"_s));
    if (!termination)
        return SimHttpResponse::error(400, u"terminateOn invalid"_s);
    const auto ifExists = SimLiveRecording::parseIfExists(request.param(u"ifExists"_s));
    if (!ifExists)
        return SimHttpResponse::error(400, u"ifExists invalid"_s);
    const QString format = request.param(u"format"_s);
    if (!RecordingStore::isKnownFormat(format))
        return SimHttpResponse::error(422, u"specified format is unknown on this system"_s);
    const int maxDuration = request.intParam(u"maxDurationSeconds"_s);
    const int maxSilence = request.intParam(u"maxSilenceSeconds"_s);
    if (maxDuration < 0 || maxSilence < 0)
        return SimHttpResponse::error(500, u"Error parsing request"_s);
    SimLiveRecording::Options options;
    options.requestedName = request.param(u"name"_s);
    options.format = format;
    options.maxDurationMs = qint64(maxDuration) * 1000;
    options.maxSilenceMs = qint64(maxSilence) * 1000;
    options.beep = request.boolParam(u"beep"_s);
    options.terminateOn = *termination;
    options.ifExists = *ifExists;
    const SimEngine::RecordResult result = m_engine->record(nullptr, bridge.bridge, options);
    if (!result.recording)
        return SimHttpResponse::error(result.failure.status, result.failure.message);
    return SimHttpResponse::created(QByteArrayLiteral("/ari/recordings/live/")
                                        + QUrl::toPercentEncoding(result.recording->name()),
                                    result.json);
}

void SimBridgesResource::registerRoutes(SimRouter &router)
{
    const SimRouter::Param id = SimRouter::pathParam(u"bridgeId"_s, u"Bridge's id"_s);
    const SimRouter::Param type = SimRouter::queryParam(
        u"type"_s, u"string"_s, false,
        u"Comma separated list of bridge type attributes (mixing, holding, dtmf_events, proxy_media, video_sfu, video_single, sdp_label)."_s);
    const SimRouter::Param name = SimRouter::queryParam(u"name"_s, u"string"_s, false, u"Name to give to the bridge being created."_s);
    const SimRouter::Param channel = SimRouter::multiQueryParam(u"channel"_s, true, u"Ids of channels to add to bridge"_s);
    // Accepted and not used: the simulator has no bridge variables.
    const SimRouter::Param variables = SimRouter::bodyParam(
        u"variables"_s, u"containers"_s, false,
        u"The \"variables\" key in the body object holds variable key/value pairs to set on the bridge on creation. "
        u"Each variable is an object containing \"value\" (string) and optional \"report_events\" (boolean) to "
        u"include updates for that variable in bridge events (defaults to false)."_s);

    router.add({u"GET"_s, u"/bridges"_s, u"bridges"_s, u"list"_s, u"List all active bridges in Asterisk."_s,
                u"List[Bridge]"_s, {}, {},
                [this](const SimHttpRequest &) {
                    QJsonArray result;
                    const QList<SimBridge *> bridges = m_engine->bridges();
                    for (const SimBridge *bridge : bridges)
                        result.append(bridge->toJson());
                    return SimHttpResponse::json(200, result);
                }});
    router.add({u"POST"_s, u"/bridges"_s, u"bridges"_s, u"create"_s, u"Create a new bridge."_s, u"Bridge"_s,
                {type, SimRouter::queryParam(u"bridgeId"_s, u"string"_s, false, u"Unique ID to give to the bridge being created."_s), name,
                 variables},
                {{409, u"Bridge with the same bridgeId already exists"_s}},
                [this](const SimHttpRequest &request) { return create(request, request.param(u"bridgeId"_s)); }});
    router.add({u"POST"_s, u"/bridges/{bridgeId}"_s, u"bridges"_s, u"createWithId"_s,
                u"Create a new bridge with a specific id."_s, u"Bridge"_s, {type, id, name, variables},
                {{409, u"Bridge with the same bridgeId already exists"_s}},
                [this](const SimHttpRequest &request) { return create(request, request.pathParam(u"bridgeId"_s)); }});
    router.add({u"GET"_s, u"/bridges/{bridgeId}"_s, u"bridges"_s, u"get"_s, u"Get bridge details."_s, u"Bridge"_s,
                {id}, {{404, u"Bridge not found"_s}},
                [this](const SimHttpRequest &request) {
                    SimBridge *bridge = m_engine->bridge(request.pathParam(u"bridgeId"_s));
                    if (!bridge)
                        return SimHttpResponse::error(404, u"Bridge not found"_s);
                    return SimHttpResponse::json(200, bridge->toJson());
                }});
    router.add({u"DELETE"_s, u"/bridges/{bridgeId}"_s, u"bridges"_s, u"destroy"_s,
                u"Shut down a bridge."_s, u"void"_s, {id}, {{404, u"Bridge not found"_s}},
                [this](const SimHttpRequest &request) {
                    const Lookup bridge = findBridge(request);
                    if (bridge.error)
                        return *bridge.error;
                    m_engine->destroyBridge(bridge.bridge);
                    return SimHttpResponse::noContent();
                }});
    router.add({u"POST"_s, u"/bridges/{bridgeId}/addChannel"_s, u"bridges"_s, u"addChannel"_s,
                u"Add a channel to a bridge."_s, u"void"_s,
                {id, channel,
                 SimRouter::queryParam(u"role"_s, u"string"_s, false, u"Channel's role in the bridge"_s),
                 SimRouter::queryParam(u"absorbDTMF"_s, u"boolean"_s, false, u"Absorb DTMF coming from this channel, preventing it to pass through to the bridge"_s, u"false"_s),
                 SimRouter::queryParam(u"mute"_s, u"boolean"_s, false, u"Mute audio from this channel, preventing it to pass through to the bridge"_s, u"false"_s),
                 SimRouter::queryParam(u"inhibitConnectedLineUpdates"_s, u"boolean"_s, false, u"Do not present the identity of the newly connected channel to other bridge members"_s, u"false"_s)},
                {{400, u"Channel not found"_s}, {404, u"Bridge not found"_s},
                 {409, u"Bridge not in Stasis application; Channel currently recording"_s},
                 {422, u"Channel not in Stasis application"_s}},
                [this](const SimHttpRequest &request) { return addChannel(request); }});
    router.add({u"POST"_s, u"/bridges/{bridgeId}/removeChannel"_s, u"bridges"_s, u"removeChannel"_s,
                u"Remove a channel from a bridge."_s, u"void"_s,
                {id, SimRouter::multiQueryParam(u"channel"_s, true, u"Ids of channels to remove from bridge"_s)},
                {{400, u"Channel not found"_s}, {404, u"Bridge not found"_s},
                 {409, u"Bridge not in Stasis application"_s},
                 {422, u"Channel not in this Bridge"_s}},
                [this](const SimHttpRequest &request) { return removeChannel(request); }});
    router.add({u"POST"_s, u"/bridges/{bridgeId}/moh"_s, u"bridges"_s, u"startMoh"_s,
                u"Play music on hold to a bridge or change the MOH class that is playing."_s, u"void"_s,
                {id, SimRouter::queryParam(u"mohClass"_s, u"string"_s, false, u"Channel's id"_s)},
                {{404, u"Bridge not found"_s}, {409, u"Bridge not in Stasis application"_s}},
                [this](const SimHttpRequest &request) {
                    const Lookup bridge = findBridge(request);
                    if (bridge.error)
                        return *bridge.error;
                    m_engine->startBridgeMusicOnHold(bridge.bridge, request.param(u"mohClass"_s));
                    return SimHttpResponse::noContent();
                }});
    router.add({u"DELETE"_s, u"/bridges/{bridgeId}/moh"_s, u"bridges"_s, u"stopMoh"_s,
                u"Stop playing music on hold to a bridge."_s, u"void"_s, {id},
                {{404, u"Bridge not found"_s}, {409, u"Bridge not in Stasis application"_s}},
                [this](const SimHttpRequest &request) {
                    const Lookup bridge = findBridge(request);
                    if (bridge.error)
                        return *bridge.error;
                    if (!m_engine->stopBridgeMusicOnHold(bridge.bridge))
                        return SimHttpResponse::error(409, u"Bridge isn't playing music"_s);
                    return SimHttpResponse::noContent();
                }});

    const QList<SimRouter::Param> playCommon{
        SimRouter::multiQueryParam(u"media"_s, true, u"Media URIs to play."_s),
        SimRouter::queryParam(u"announcer_format"_s, u"string"_s, false, u"Format of the 'Anouncer' channel attached to the bridge. Defaults to the format of the channel in the bridge with the highest sampe rate."_s),
        SimRouter::queryParam(u"lang"_s, u"string"_s, false, u"For sounds, selects language for sound."_s),
        SimRouter::queryParam(u"offsetms"_s, u"int"_s, false, u"Number of milliseconds to skip before playing. Only applies to the first URI if multiple media URIs are specified."_s, u"0"_s),
        SimRouter::queryParam(u"skipms"_s, u"int"_s, false, u"Number of milliseconds to skip for forward/reverse operations."_s, u"3000"_s)};
    QList<SimRouter::Param> playParams{id};
    playParams.append(playCommon);
    playParams.append(SimRouter::queryParam(u"playbackId"_s, u"string"_s, false, u"Playback Id."_s));
    QList<SimRouter::Param> playWithIdParams{id, SimRouter::pathParam(u"playbackId"_s, u"Playback ID."_s)};
    playWithIdParams.append(playCommon);
    const QList<SimRouter::ErrorDoc> playErrors{{404, u"Bridge not found"_s},
                                                {409, u"Bridge not in a Stasis application"_s}};
    router.add({u"POST"_s, u"/bridges/{bridgeId}/play"_s, u"bridges"_s, u"play"_s,
                u"Start playback of media on a bridge."_s, u"Playback"_s, playParams, playErrors,
                [this](const SimHttpRequest &request) { return play(request, request.param(u"playbackId"_s)); }});
    router.add({u"POST"_s, u"/bridges/{bridgeId}/play/{playbackId}"_s, u"bridges"_s, u"playWithId"_s,
                u"Start playback of media on a bridge and specify the playbackId."_s, u"Playback"_s,
                playWithIdParams, playErrors,
                [this](const SimHttpRequest &request) { return play(request, request.pathParam(u"playbackId"_s)); }});
    router.add({u"POST"_s, u"/bridges/{bridgeId}/record"_s, u"bridges"_s, u"record"_s,
                u"Start a recording."_s, u"LiveRecording"_s,
                {id,
                 SimRouter::queryParam(u"name"_s, u"string"_s, true, u"Recording's filename"_s),
                 SimRouter::queryParam(u"format"_s, u"string"_s, true, u"Format to encode audio in"_s),
                 SimRouter::queryParam(u"recorder_format"_s, u"string"_s, false, u"Format of the 'Recorder' channel attached to the bridge. Defaults to the same format as the 'format' parameter."_s),
                 SimRouter::queryParam(u"maxDurationSeconds"_s, u"int"_s, false, u"Maximum duration of the recording, in seconds. 0 for no limit."_s, u"0"_s),
                 SimRouter::queryParam(u"maxSilenceSeconds"_s, u"int"_s, false, u"Maximum duration of silence, in seconds. 0 for no limit."_s, u"0"_s),
                 SimRouter::queryParam(u"ifExists"_s, u"string"_s, false, u"Action to take if a recording with the same name already exists."_s, u"fail"_s,
                                       {u"fail"_s, u"overwrite"_s, u"append"_s}),
                 SimRouter::queryParam(u"beep"_s, u"boolean"_s, false, u"Play beep when recording begins"_s, u"false"_s),
                 SimRouter::queryParam(u"terminateOn"_s, u"string"_s, false, u"DTMF input to terminate recording."_s, u"none"_s,
                                       {u"none"_s, u"any"_s, u"*"_s, u"#"_s})},
                {{400, u"Invalid parameters"_s}, {404, u"Bridge not found"_s},
                 {409, u"Bridge is not in a Stasis application; A recording with the same name already exists on the system and can not be overwritten because it is in progress or ifExists=fail"_s},
                 {422, u"The format specified is unknown on this system"_s}},
                [this](const SimHttpRequest &request) { return record(request); }});
}

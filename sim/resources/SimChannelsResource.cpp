#include "sim/resources/SimChannelsResource.h"

#include <QJsonArray>
#include <QUrl>

#include "sim/media/RecordingStore.h"
#include "sim/engine/SimChannel.h"
#include "sim/engine/SimEngine.h"
#include "sim/engine/SimLiveRecording.h"
#include "sim/engine/SimPlayback.h"
#include "sim/http/SimRouter.h"

using namespace Qt::StringLiterals;

namespace {

SimHttpResponse failureResponse(const SimEngine::Failure &failure)
{
    if (failure.allocationFailed)
        return SimHttpResponse::allocationFailed();
    return SimHttpResponse::error(failure.status, failure.message);
}

// The "variables" object of an originate body: each value is a string or an object
// {"value": string, "report_events": boolean}.
std::optional<QList<SimEngine::VariableSetting>> bodyVariables(const SimHttpRequest &request)
{
    QList<SimEngine::VariableSetting> result;
    const QJsonValue variables = request.jsonBody().value(u"variables"_s);
    if (variables.isUndefined() || variables.isNull())
        return result;
    if (!variables.isObject())
        return std::nullopt;
    const QJsonObject object = variables.toObject();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        if (it.value().isString()) {
            result.append({it.key(), it.value().toString()});
            continue;
        }
        const QJsonObject setting = it.value().toObject();
        const QJsonValue value = setting.value(u"value"_s);
        const QJsonValue report = setting.value(u"report_events"_s);
        if (!it.value().isObject() || !value.isString() || !(report.isUndefined() || report.isBool()))
            return std::nullopt;
        result.append({it.key(), value.toString(), report.toBool()});
    }
    return result;
}

} // namespace

SimChannelsResource::SimChannelsResource(SimEngine *engine)
    : m_engine(engine)
{
}

SimChannelsResource::Lookup SimChannelsResource::findControl(const SimHttpRequest &request) const
{
    Lookup lookup;
    SimChannel *channel = m_engine->channel(request.pathParam(u"channelId"_s));
    if (!channel || channel->isHangingUp()) {
        lookup.error = SimHttpResponse::error(404, u"Channel not found"_s);
        return lookup;
    }
    if (!channel->inStasis()) {
        lookup.error = SimHttpResponse::error(409, u"Channel not in Stasis application"_s);
        return lookup;
    }
    lookup.channel = channel;
    return lookup;
}

std::optional<SimHttpResponse> SimChannelsResource::checkState(const SimChannel *channel)
{
    const QString state = channel->state();
    if (state == u"Down"_s || state == u"Rsrvd"_s || state == u"Ringing"_s)
        return SimHttpResponse::error(412, u"Channel in invalid state"_s);
    return std::nullopt;
}

template<typename Action>
SimHttpResponse SimChannelsResource::simple(const SimHttpRequest &request, Action action)
{
    const Lookup lookup = findControl(request);
    if (lookup.error)
        return *lookup.error;
    if (auto invalid = checkState(lookup.channel))
        return *invalid;
    action(lookup.channel);
    return SimHttpResponse::noContent();
}

SimHttpResponse SimChannelsResource::originate(const SimHttpRequest &request, const QString &channelId)
{
    const auto variables = bodyVariables(request);
    if (!variables)
        return SimHttpResponse::error(400, u"Only string values in the 'variables' object allowed"_s);
    SimEngine::OriginateParams params;
    params.endpoint = request.param(u"endpoint"_s);
    params.application = request.param(u"app"_s);
    params.appArgs = request.param(u"appArgs"_s);
    params.extension = request.param(u"extension"_s);
    params.context = request.param(u"context"_s);
    params.channelId = channelId;
    params.otherChannelId = request.param(u"otherChannelId"_s);
    params.callerId = request.param(u"callerId"_s);
    params.timeoutSeconds = request.intParam(u"timeout"_s, 30);
    params.variables = *variables;
    params.originator = request.param(u"originator"_s);
    params.formats = request.param(u"formats"_s);
    const SimEngine::ChannelResult result = m_engine->originate(params);
    if (!result.channel)
        return failureResponse(result.failure);
    return SimHttpResponse::json(200, result.channel->toJson());
}

SimHttpResponse SimChannelsResource::create(const SimHttpRequest &request)
{
    const auto variables = bodyVariables(request);
    if (!variables)
        return SimHttpResponse::error(400, u"Only string values in the 'variables' object allowed"_s);
    SimEngine::OriginateParams params;
    params.endpoint = request.param(u"endpoint"_s);
    params.application = request.param(u"app"_s);
    params.appArgs = request.param(u"appArgs"_s);
    params.channelId = request.param(u"channelId"_s);
    params.otherChannelId = request.param(u"otherChannelId"_s);
    params.variables = *variables;
    params.originator = request.param(u"originator"_s);
    params.formats = request.param(u"formats"_s);
    if (!params.endpoint.isEmpty() && params.application.isEmpty())
        return SimHttpResponse::error(400, u"Missing parameter app"_s);
    // The reply shows the channel as it was created, before it entered Stasis.
    const SimEngine::ChannelResult result = m_engine->createChannel(params);
    if (!result.channel)
        return failureResponse(result.failure);
    QJsonObject json = result.channel->toJson();
    QJsonObject dialplan = json.value(u"dialplan"_s).toObject();
    dialplan.insert(u"app_name"_s, QString());
    dialplan.insert(u"app_data"_s, QString());
    json.insert(u"dialplan"_s, dialplan);
    return SimHttpResponse::json(200, json);
}

SimHttpResponse SimChannelsResource::hangup(const SimHttpRequest &request)
{
    SimChannel *channel = m_engine->channel(request.pathParam(u"channelId"_s));
    if (!channel || channel->isHangingUp())
        return SimHttpResponse::error(404, u"Channel not found"_s);
    const QString reason = request.param(u"reason"_s);
    const QString reasonCode = request.param(u"reason_code"_s);
    if (!reason.isEmpty() && !reasonCode.isEmpty())
        return SimHttpResponse::error(400, u"The reason and reason_code can't both be specified"_s);
    int cause = 16;
    if (!reasonCode.isEmpty()) {
        bool ok = false;
        cause = reasonCode.trimmed().section(u' ', 0, 0).toInt(&ok);
        if (!ok) {
            return SimHttpResponse::error(400, u"Invalid reason for hangup reason code provided"_s,
                                          QByteArrayLiteral("Invalid Reason Code"));
        }
    } else if (!reason.isEmpty()) {
        cause = SimEngine::causeForReason(reason);
        if (cause < 0) {
            return SimHttpResponse::error(400, u"Invalid reason for hangup reason provided"_s,
                                          QByteArrayLiteral("Invalid Reason"));
        }
    }
    m_engine->hangup(channel, SimEngine::HangupOrigin::Application, cause);
    return SimHttpResponse::noContent();
}

SimHttpResponse SimChannelsResource::play(const SimHttpRequest &request, const QString &playbackId)
{
    const Lookup lookup = findControl(request);
    if (lookup.error)
        return *lookup.error;
    if (auto invalid = checkState(lookup.channel))
        return *invalid;
    const int skipMs = request.intParam(u"skipms"_s, 3000);
    const int offsetMs = request.intParam(u"offsetms"_s, 0);
    if (skipMs < 0)
        return SimHttpResponse::error(400, u"skipms cannot be negative"_s);
    if (offsetMs < 0)
        return SimHttpResponse::error(400, u"offsetms cannot be negative"_s);
    // Repeated media= keys: only the last counts; its value may be a comma-separated list.
    const QStringList media = request.listParam(u"media"_s);
    if (media.isEmpty())
        return SimHttpResponse::error(500, u"Failed to queue media for playback"_s);
    const QString language = request.param(u"lang"_s).isEmpty() ? lookup.channel->language()
                                                                  : request.param(u"lang"_s);
    const SimEngine::PlayResult result = m_engine->play(lookup.channel, nullptr, playbackId, media,
                                                        language, skipMs, offsetMs);
    return SimHttpResponse::created(QByteArrayLiteral("/ari/playbacks/") + QUrl::toPercentEncoding(result.playback->id()),
                                    result.json);
}

SimHttpResponse SimChannelsResource::record(const SimHttpRequest &request)
{
    if (request.intParam(u"maxDurationSeconds"_s) < 0)
        return SimHttpResponse::error(400, u"max_duration_seconds cannot be negative"_s);
    if (request.intParam(u"maxSilenceSeconds"_s) < 0)
        return SimHttpResponse::error(400, u"max_silence_seconds cannot be negative"_s);
    const Lookup lookup = findControl(request);
    if (lookup.error)
        return *lookup.error;
    const auto termination = SimLiveRecording::parseTermination(request.param(u"terminateOn"_s));
    if (!termination)
        return SimHttpResponse::error(400, u"terminateOn invalid"_s);
    const auto ifExists = SimLiveRecording::parseIfExists(request.param(u"ifExists"_s));
    if (!ifExists)
        return SimHttpResponse::error(400, u"ifExists invalid"_s);
    const QString format = request.param(u"format"_s);
    if (!RecordingStore::isKnownFormat(format))
        return SimHttpResponse::error(422, u"specified format is unknown on this system"_s);
    SimLiveRecording::Options options;
    options.requestedName = request.param(u"name"_s);
    options.format = format;
    options.maxDurationMs = qint64(request.intParam(u"maxDurationSeconds"_s)) * 1000;
    options.maxSilenceMs = qint64(request.intParam(u"maxSilenceSeconds"_s)) * 1000;
    options.beep = request.boolParam(u"beep"_s);
    options.terminateOn = *termination;
    options.ifExists = *ifExists;
    const SimEngine::RecordResult result = m_engine->record(lookup.channel, nullptr, options);
    if (!result.recording)
        return failureResponse(result.failure);
    return SimHttpResponse::created(QByteArrayLiteral("/ari/recordings/live/")
                                        + QUrl::toPercentEncoding(result.recording->name()),
                                    result.json);
}

SimHttpResponse SimChannelsResource::getVariable(const SimHttpRequest &request)
{
    const QString variable = request.param(u"variable"_s);
    if (variable.isEmpty())
        return SimHttpResponse::error(400, u"Variable name is required"_s);
    SimChannel *channel = m_engine->channel(request.pathParam(u"channelId"_s));
    if (!channel || channel->isHangingUp())
        return SimHttpResponse::error(404, u"Provided channel was not found"_s, QByteArrayLiteral("Channel Not Found"));
    int status = 0;
    const std::optional<QString> value = m_engine->readVariable(channel, variable, &status);
    if (!value) {
        if (status == 500)
            return SimHttpResponse::error(500, u"Unable to read provided function"_s, QByteArrayLiteral("Error With Function"));
        return SimHttpResponse::error(404, u"Provided variable was not found"_s, QByteArrayLiteral("Variable Not Found"));
    }
    return SimHttpResponse::json(200, QJsonObject{{u"value"_s, *value}});
}

SimHttpResponse SimChannelsResource::setVariable(const SimHttpRequest &request)
{
    const QString variable = request.param(u"variable"_s);
    if (variable.isEmpty())
        return SimHttpResponse::error(400, u"Variable name is required"_s);
    const Lookup lookup = findControl(request);
    if (lookup.error)
        return *lookup.error;
    if (!m_engine->writeVariable(lookup.channel, variable, request.param(u"value"_s), true,
                                 request.boolParam(u"report_events"_s)))
        return SimHttpResponse::error(400, u"Failed to execute function"_s);
    return SimHttpResponse::noContent();
}

SimHttpResponse SimChannelsResource::dtmf(const SimHttpRequest &request)
{
    const Lookup lookup = findControl(request);
    if (lookup.error)
        return *lookup.error;
    if (auto invalid = checkState(lookup.channel))
        return *invalid;
    if (request.param(u"dtmf"_s).isEmpty())
        return SimHttpResponse::error(400, u"DTMF is required"_s);
    // Sent towards the far end of the channel: nothing the application's socket sees.
    return SimHttpResponse::noContent();
}

SimHttpResponse SimChannelsResource::mute(const SimHttpRequest &request)
{
    const Lookup lookup = findControl(request);
    if (lookup.error)
        return *lookup.error;
    if (auto invalid = checkState(lookup.channel))
        return *invalid;
    const QString direction = request.hasParam(u"direction"_s) ? request.param(u"direction"_s) : u"both"_s;
    if (direction.isEmpty())
        return SimHttpResponse::error(400, u"Direction is required"_s);
    if (direction != u"in"_s && direction != u"out"_s && direction != u"both"_s)
        return SimHttpResponse::error(400, u"Invalid direction specified"_s);
    return SimHttpResponse::noContent();
}

SimHttpResponse SimChannelsResource::dial(const SimHttpRequest &request)
{
    const Lookup lookup = findControl(request);
    if (lookup.error)
        return *lookup.error;
    const SimEngine::Failure failure = m_engine->dial(lookup.channel, request.intParam(u"timeout"_s, 0));
    if (failure)
        return failureResponse(failure);
    return SimHttpResponse::noContent();
}

SimHttpResponse SimChannelsResource::snoop(const SimHttpRequest &request, const QString &snoopId)
{
    const auto direction = [](const QString &text) -> std::optional<QString> {
        if (text.isEmpty() || text == u"none"_s)
            return u"none"_s;
        if (text == u"both"_s || text == u"out"_s || text == u"in"_s)
            return text;
        return std::nullopt;
    };
    const auto spy = direction(request.param(u"spy"_s));
    if (!spy)
        return SimHttpResponse::error(400, u"Invalid direction specified for spy"_s);
    const auto whisper = direction(request.param(u"whisper"_s));
    if (!whisper)
        return SimHttpResponse::error(400, u"Invalid direction specified for whisper"_s);
    if (*spy == u"none"_s && *whisper == u"none"_s)
        return SimHttpResponse::error(400, u"Direction must be specified for at least spy or whisper"_s);
    const QString application = request.param(u"app"_s);
    if (application.isEmpty())
        return SimHttpResponse::error(400, u"Application name is required"_s);
    SimChannel *target = m_engine->channel(request.pathParam(u"channelId"_s));
    if (!target || target->isHangingUp())
        return SimHttpResponse::error(404, u"Provided channel was not found"_s, QByteArrayLiteral("Channel Not Found"));
    if (!snoopId.isEmpty() && m_engine->channel(snoopId))
        return SimHttpResponse::error(500, u"Snoop channel could not be created"_s, QByteArrayLiteral("Internal error"));
    SimChannel *channel
        = m_engine->snoop(target, *spy, *whisper, application, request.param(u"appArgs"_s), snoopId);
    return SimHttpResponse::json(200, channel->toJson());
}

void SimChannelsResource::registerRoutes(SimRouter &router)
{
    const SimRouter::Param id = SimRouter::pathParam(u"channelId"_s, u"Channel's id"_s);
    const QList<SimRouter::ErrorDoc> controlErrors{{404, u"Channel not found"_s},
                                                   {409, u"Channel not in a Stasis application"_s},
                                                   {412, u"Channel in invalid state"_s}};
    const SimRouter::Param variables = SimRouter::bodyParam(
        u"variables"_s, u"containers"_s, false,
        u"The \"variables\" key in the body object holds variable key/value pairs to set on the channel on "
        u"creation. Each variable value may be either a string or an object containing \"value\" (string) and "
        u"optional \"report_events\" (boolean) to include updates for that variable in channel events (defaults to "
        u"false). Other keys in the body object are interpreted as query parameters."_s);
    const SimRouter::Param formats = SimRouter::queryParam(
        u"formats"_s, u"string"_s, false,
        u"The format name capability list to use if originator is not specified. Ex. \"ulaw,slin16\"."_s);
    const SimRouter::Param channelId = SimRouter::queryParam(u"channelId"_s, u"string"_s, false,
                                                             u"The unique id to assign the channel on creation."_s);
    const SimRouter::Param otherChannelId = SimRouter::queryParam(
        u"otherChannelId"_s, u"string"_s, false, u"The unique id to assign the second channel when using local channels."_s);
    // In Asterisk's order; the id is a path parameter of originateWithId.
    const auto originateParams = [&](bool withId) {
        QList<SimRouter::Param> params;
        if (withId)
            params.append(id);
        params
            << SimRouter::queryParam(u"endpoint"_s, u"string"_s, true, u"Endpoint to call."_s)
            << SimRouter::queryParam(u"extension"_s, u"string"_s, false, u"The extension to dial after the endpoint answers. Mutually exclusive with 'app'."_s)
            << SimRouter::queryParam(u"context"_s, u"string"_s, false, u"The context to dial after the endpoint answers. If omitted, uses 'default'. Mutually exclusive with 'app'."_s)
            << SimRouter::queryParam(u"priority"_s, u"long"_s, false, u"The priority to dial after the endpoint answers. If omitted, uses 1. Mutually exclusive with 'app'."_s)
            << SimRouter::queryParam(u"label"_s, u"string"_s, false, u"The label to dial after the endpoint answers. Will supersede 'priority' if provided. Mutually exclusive with 'app'."_s)
            << SimRouter::queryParam(u"app"_s, u"string"_s, false, u"The application that is subscribed to the originated channel. When the channel is answered, it will be passed to this Stasis application. Mutually exclusive with 'context', 'extension', 'priority', and 'label'."_s)
            << SimRouter::queryParam(u"appArgs"_s, u"string"_s, false, u"The application arguments to pass to the Stasis application provided by 'app'. Mutually exclusive with 'context', 'extension', 'priority', and 'label'."_s)
            << SimRouter::queryParam(u"callerId"_s, u"string"_s, false, u"CallerID to use when dialing the endpoint or extension."_s)
            << SimRouter::queryParam(u"timeout"_s, u"int"_s, false, u"Timeout (in seconds) before giving up dialing, or -1 for no timeout."_s, u"30"_s)
            << variables;
        if (!withId)
            params.append(channelId);
        params << otherChannelId
               << SimRouter::queryParam(u"originator"_s, u"string"_s, false,
                                        u"The unique id of the channel which is originating this one."_s)
               << formats;
        return params;
    };
    const QList<SimRouter::Param> originateNoId = originateParams(false);
    const QList<SimRouter::Param> originateWithId = originateParams(true);

    router.add({u"GET"_s, u"/channels"_s, u"channels"_s, u"list"_s, u"List all active channels in Asterisk."_s,
                u"List[Channel]"_s, {}, {},
                [this](const SimHttpRequest &) {
                    QJsonArray result;
                    const QList<SimChannel *> channels = m_engine->channels();
                    for (const SimChannel *channel : channels) {
                        if (!channel->isHangingUp())
                            result.append(channel->toJson());
                    }
                    return SimHttpResponse::json(200, result);
                }});
    router.add({u"POST"_s, u"/channels"_s, u"channels"_s, u"originate"_s,
                u"Create a new channel (originate)."_s, u"Channel"_s, originateNoId,
                {{400, u"Invalid parameters for originating a channel."_s},
                 {409, u"Channel with given unique ID already exists."_s}},
                [this](const SimHttpRequest &request) { return originate(request, request.param(u"channelId"_s)); }});
    router.add({u"POST"_s, u"/channels/create"_s, u"channels"_s, u"create"_s,
                u"Create channel."_s, u"Channel"_s,
                {SimRouter::queryParam(u"endpoint"_s, u"string"_s, true, u"Endpoint for channel communication"_s),
                 SimRouter::queryParam(u"app"_s, u"string"_s, true, u"Stasis Application to place channel into"_s),
                 SimRouter::queryParam(u"appArgs"_s, u"string"_s, false, u"The application arguments to pass to the Stasis application provided by 'app'."_s),
                 channelId, otherChannelId,
                 SimRouter::queryParam(u"originator"_s, u"string"_s, false, u"Unique ID of the calling channel"_s),
                 formats, variables},
                {{409, u"Channel with given unique ID already exists."_s}},
                [this](const SimHttpRequest &request) { return create(request); }});
    router.add({u"GET"_s, u"/channels/{channelId}"_s, u"channels"_s, u"get"_s, u"Channel details."_s,
                u"Channel"_s, {id}, {{404, u"Channel not found"_s}},
                [this](const SimHttpRequest &request) {
                    SimChannel *channel = m_engine->channel(request.pathParam(u"channelId"_s));
                    if (!channel || channel->isHangingUp())
                        return SimHttpResponse::error(404, u"Channel not found"_s);
                    return SimHttpResponse::json(200, channel->toJson());
                }});
    router.add({u"POST"_s, u"/channels/{channelId}"_s, u"channels"_s, u"originateWithId"_s,
                u"Create a new channel (originate with id)."_s, u"Channel"_s, originateWithId,
                {{400, u"Invalid parameters for originating a channel."_s},
                 {409, u"Channel with given unique ID already exists."_s}},
                [this](const SimHttpRequest &request) { return originate(request, request.pathParam(u"channelId"_s)); }});
    router.add({u"DELETE"_s, u"/channels/{channelId}"_s, u"channels"_s, u"hangup"_s, u"Delete (i.e. hangup) a channel."_s,
                u"void"_s,
                {id, SimRouter::queryParam(u"reason_code"_s, u"string"_s, false, u"The reason code for hanging up the channel."_s),
                 SimRouter::queryParam(u"reason"_s, u"string"_s, false, u"Reason for hanging up the channel"_s, {},
                                       {u"normal"_s, u"busy"_s, u"congestion"_s, u"no_answer"_s, u"timeout"_s,
                                        u"rejected"_s, u"unallocated"_s, u"normal_unspecified"_s,
                                        u"number_incomplete"_s, u"codec_mismatch"_s, u"interworking"_s,
                                        u"failure"_s, u"answered_elsewhere"_s})},
                {{400, u"Invalid reason for hangup provided"_s}, {404, u"Channel not found"_s}},
                [this](const SimHttpRequest &request) { return hangup(request); }});

    const auto addSimple = [&](const QString &method, const QString &path, const QString &nickname,
                               const QString &summary, std::function<void(SimChannel *)> action) {
        router.add({method, path, u"channels"_s, nickname, summary, u"void"_s, {id}, controlErrors,
                    [this, action](const SimHttpRequest &request) { return simple(request, action); }});
    };
    addSimple(u"POST"_s, u"/channels/{channelId}/answer"_s, u"answer"_s, u"Answer a channel."_s,
              [this](SimChannel *channel) { m_engine->answer(channel); });
    addSimple(u"POST"_s, u"/channels/{channelId}/ring"_s, u"ring"_s, u"Indicate ringing to a channel."_s,
              [](SimChannel *) {});
    addSimple(u"DELETE"_s, u"/channels/{channelId}/ring"_s, u"ringStop"_s, u"Stop ringing indication on a channel if locally generated."_s,
              [](SimChannel *) {});
    addSimple(u"POST"_s, u"/channels/{channelId}/progress"_s, u"progress"_s, u"Indicate progress to a channel."_s,
              [](SimChannel *) {});
    addSimple(u"POST"_s, u"/channels/{channelId}/hold"_s, u"hold"_s, u"Hold a channel."_s, [](SimChannel *) {});
    addSimple(u"DELETE"_s, u"/channels/{channelId}/hold"_s, u"unhold"_s, u"Remove a channel from hold."_s,
              [](SimChannel *) {});
    addSimple(u"POST"_s, u"/channels/{channelId}/silence"_s, u"startSilence"_s, u"Play silence to a channel."_s,
              [](SimChannel *) {});
    addSimple(u"DELETE"_s, u"/channels/{channelId}/silence"_s, u"stopSilence"_s, u"Stop playing silence to a channel."_s,
              [](SimChannel *) {});
    addSimple(u"DELETE"_s, u"/channels/{channelId}/moh"_s, u"stopMoh"_s, u"Stop playing music on hold to a channel."_s,
              [this](SimChannel *channel) { m_engine->stopMusicOnHold(channel); });
    router.add({u"POST"_s, u"/channels/{channelId}/moh"_s, u"channels"_s, u"startMoh"_s,
                u"Play music on hold to a channel."_s, u"void"_s,
                {id, SimRouter::queryParam(u"mohClass"_s, u"string"_s, false, u"Music on hold class to use"_s)},
                controlErrors,
                [this](const SimHttpRequest &request) {
                    const QString mohClass = request.param(u"mohClass"_s);
                    return simple(request, [this, mohClass](SimChannel *channel) {
                        m_engine->startMusicOnHold(channel, mohClass);
                    });
                }});
    const QList<SimRouter::Param> muteParams{
        id, SimRouter::queryParam(u"direction"_s, u"string"_s, false, u"Direction in which to mute audio"_s,
                                  u"both"_s, {u"both"_s, u"in"_s, u"out"_s})};
    router.add({u"POST"_s, u"/channels/{channelId}/mute"_s, u"channels"_s, u"mute"_s, u"Mute a channel."_s,
                u"void"_s, muteParams, controlErrors,
                [this](const SimHttpRequest &request) { return mute(request); }});
    router.add({u"DELETE"_s, u"/channels/{channelId}/mute"_s, u"channels"_s, u"unmute"_s, u"Unmute a channel."_s,
                u"void"_s, muteParams, controlErrors,
                [this](const SimHttpRequest &request) { return mute(request); }});
    router.add({u"POST"_s, u"/channels/{channelId}/dtmf"_s, u"channels"_s, u"sendDTMF"_s,
                u"Send provided DTMF to a given channel."_s, u"void"_s,
                {id, SimRouter::queryParam(u"dtmf"_s, u"string"_s, false, u"DTMF To send."_s),
                 SimRouter::queryParam(u"before"_s, u"int"_s, false, u"Amount of time to wait before DTMF digits (specified in milliseconds) start."_s, u"0"_s),
                 SimRouter::queryParam(u"between"_s, u"int"_s, false, u"Amount of time in between DTMF digits (specified in milliseconds)."_s, u"100"_s),
                 SimRouter::queryParam(u"duration"_s, u"int"_s, false, u"Length of each DTMF digit (specified in milliseconds)."_s, u"100"_s),
                 SimRouter::queryParam(u"after"_s, u"int"_s, false, u"Amount of time to wait after DTMF digits (specified in milliseconds) end."_s, u"0"_s)},
                {{400, u"DTMF is required"_s}, {404, u"Channel not found"_s},
                 {409, u"Channel not in a Stasis application"_s}, {412, u"Channel in invalid state"_s}},
                [this](const SimHttpRequest &request) { return dtmf(request); }});

    const QList<SimRouter::Param> playCommon{
        SimRouter::multiQueryParam(u"media"_s, true, u"Media URIs to play."_s),
        SimRouter::queryParam(u"lang"_s, u"string"_s, false, u"For sounds, selects language for sound."_s),
        SimRouter::queryParam(u"offsetms"_s, u"int"_s, false, u"Number of milliseconds to skip before playing. Only applies to the first URI if multiple media URIs are specified."_s),
        SimRouter::queryParam(u"skipms"_s, u"int"_s, false, u"Number of milliseconds to skip for forward/reverse operations."_s, u"3000"_s)};
    QList<SimRouter::Param> playParams{id};
    playParams.append(playCommon);
    playParams.append(SimRouter::queryParam(u"playbackId"_s, u"string"_s, false, u"Playback ID."_s));
    QList<SimRouter::Param> playWithIdParams{id, SimRouter::pathParam(u"playbackId"_s, u"Playback ID."_s)};
    playWithIdParams.append(playCommon);
    router.add({u"POST"_s, u"/channels/{channelId}/play"_s, u"channels"_s, u"play"_s,
                u"Start playback of media."_s, u"Playback"_s, playParams, controlErrors,
                [this](const SimHttpRequest &request) { return play(request, request.param(u"playbackId"_s)); }});
    router.add({u"POST"_s, u"/channels/{channelId}/play/{playbackId}"_s, u"channels"_s, u"playWithId"_s,
                u"Start playback of media and specify the playbackId."_s, u"Playback"_s, playWithIdParams, controlErrors,
                [this](const SimHttpRequest &request) { return play(request, request.pathParam(u"playbackId"_s)); }});
    router.add({u"POST"_s, u"/channels/{channelId}/record"_s, u"channels"_s, u"record"_s,
                u"Start a recording."_s, u"LiveRecording"_s,
                {id,
                 SimRouter::queryParam(u"name"_s, u"string"_s, true, u"Recording's filename"_s),
                 SimRouter::queryParam(u"format"_s, u"string"_s, true, u"Format to encode audio in"_s),
                 SimRouter::queryParam(u"maxDurationSeconds"_s, u"int"_s, false, u"Maximum duration of the recording, in seconds. 0 for no limit"_s, u"0"_s),
                 SimRouter::queryParam(u"maxSilenceSeconds"_s, u"int"_s, false, u"Maximum duration of silence, in seconds. 0 for no limit"_s, u"0"_s),
                 SimRouter::queryParam(u"ifExists"_s, u"string"_s, false, u"Action to take if a recording with the same name already exists."_s, u"fail"_s,
                                       {u"fail"_s, u"overwrite"_s, u"append"_s}),
                 SimRouter::queryParam(u"beep"_s, u"boolean"_s, false, u"Play beep when recording begins"_s, u"false"_s),
                 SimRouter::queryParam(u"terminateOn"_s, u"string"_s, false, u"DTMF input to terminate recording"_s, u"none"_s,
                                       {u"none"_s, u"any"_s, u"*"_s, u"#"_s})},
                {{400, u"Invalid parameters"_s}, {404, u"Channel not found"_s},
                 {409, u"Channel is not in a Stasis application; the channel is currently bridged with other channels; A recording with the same name already exists on the system and can not be overwritten because it is in progress or ifExists=fail"_s},
                 {422, u"The format specified is unknown on this system"_s}},
                [this](const SimHttpRequest &request) { return record(request); }});
    router.add({u"GET"_s, u"/channels/{channelId}/variable"_s, u"channels"_s, u"getChannelVar"_s,
                u"Get the value of a channel variable or function."_s, u"Variable"_s,
                {id, SimRouter::queryParam(u"variable"_s, u"string"_s, true, u"The channel variable or function to get"_s)},
                {{400, u"Missing variable parameter."_s}, {404, u"Channel or variable not found"_s},
                 {409, u"Channel not in a Stasis application"_s}},
                [this](const SimHttpRequest &request) { return getVariable(request); }});
    router.add({u"POST"_s, u"/channels/{channelId}/variable"_s, u"channels"_s, u"setChannelVar"_s,
                u"Set the value of a channel variable or function."_s, u"void"_s,
                {id, SimRouter::queryParam(u"variable"_s, u"string"_s, true, u"The channel variable or function to set"_s),
                 SimRouter::queryParam(u"value"_s, u"string"_s, false, u"The value to set the variable to"_s),
                 SimRouter::queryParam(u"report_events"_s, u"boolean"_s, false,
                                       u"Whether this variable should be included in channel events. Defaults to false."_s,
                                       u"false"_s)},
                {{400, u"Missing variable parameter."_s}, {404, u"Channel not found"_s},
                 {409, u"Channel not in a Stasis application"_s}},
                [this](const SimHttpRequest &request) { return setVariable(request); }});
    const QList<SimRouter::Param> snoopCommon{
        SimRouter::queryParam(u"spy"_s, u"string"_s, false, u"Direction of audio to spy on"_s, u"none"_s,
                              {u"none"_s, u"both"_s, u"out"_s, u"in"_s}),
        SimRouter::queryParam(u"whisper"_s, u"string"_s, false, u"Direction of audio to whisper into"_s, u"none"_s,
                              {u"none"_s, u"both"_s, u"out"_s, u"in"_s}),
        SimRouter::queryParam(u"app"_s, u"string"_s, true, u"Application the snooping channel is placed into"_s),
        SimRouter::queryParam(u"appArgs"_s, u"string"_s, false, u"The application arguments to pass to the Stasis application"_s)};
    QList<SimRouter::Param> snoopParams{id};
    snoopParams.append(snoopCommon);
    snoopParams.append(SimRouter::queryParam(u"snoopId"_s, u"string"_s, false, u"Unique ID to assign to snooping channel"_s));
    QList<SimRouter::Param> snoopWithIdParams{id, SimRouter::pathParam(u"snoopId"_s, u"Unique ID to assign to snooping channel"_s)};
    snoopWithIdParams.append(snoopCommon);
    const QList<SimRouter::ErrorDoc> snoopErrors{{400, u"Invalid parameters"_s}, {404, u"Channel not found"_s}};
    router.add({u"POST"_s, u"/channels/{channelId}/snoop"_s, u"channels"_s, u"snoopChannel"_s,
                u"Start snooping."_s, u"Channel"_s, snoopParams, snoopErrors,
                [this](const SimHttpRequest &request) { return snoop(request, request.param(u"snoopId"_s)); }});
    router.add({u"POST"_s, u"/channels/{channelId}/snoop/{snoopId}"_s, u"channels"_s, u"snoopChannelWithId"_s,
                u"Start snooping."_s, u"Channel"_s, snoopWithIdParams, snoopErrors,
                [this](const SimHttpRequest &request) { return snoop(request, request.pathParam(u"snoopId"_s)); }});
    router.add({u"POST"_s, u"/channels/{channelId}/dial"_s, u"channels"_s, u"dial"_s,
                u"Dial a created channel."_s, u"void"_s,
                {id, SimRouter::queryParam(u"caller"_s, u"string"_s, false, u"Channel ID of caller"_s),
                 SimRouter::queryParam(u"timeout"_s, u"int"_s, false, u"Dial timeout"_s, u"0"_s)},
                {{404, u"Channel cannot be found."_s}, {409, u"Channel cannot be dialed."_s}},
                [this](const SimHttpRequest &request) { return dial(request); }});
}

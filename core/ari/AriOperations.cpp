#include "core/ari/AriOperations.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace AriOperations {

namespace {

using Method = AriRequest::Method;

AriRequest makeRequest(Method method, const QString &operation, const QString &pathTemplate, const QString &path)
{
    AriRequest request;
    request.method = method;
    request.operation = operation;
    request.pathTemplate = pathTemplate;
    request.path = path;
    return request;
}

// QUrlQuery reads a '%' followed by two hex digits as an escape; a literal '%' is written as
// "%25" so that every value comes back exactly as given.
void addItem(AriRequest &request, const QString &key, const QString &value)
{
    QString escaped = value;
    escaped.replace(u'%', u"%25"_s);
    request.query.addQueryItem(key, escaped);
}

void addIfGiven(AriRequest &request, const QString &key, const QString &value)
{
    if (!value.isEmpty())
        addItem(request, key, value);
}

template <typename Number> void addIfGiven(AriRequest &request, const QString &key, const std::optional<Number> &value)
{
    if (value)
        addItem(request, key, QString::number(*value));
}

void addIfGiven(AriRequest &request, const QString &key, const std::optional<bool> &value)
{
    if (value)
        addItem(request, key, *value ? u"true"_s : u"false"_s);
}

// Swagger "allowMultiple" parameters go out as ONE comma-separated value: Asterisk keeps only
// the last of repeated keys (media=a&media=b plays only b).
void addList(AriRequest &request, const QString &key, const QStringList &values)
{
    addItem(request, key, values.join(u','));
}

AriRequest playRequest(const QString &resource, const QString &ownerParameter, const QString &ownerId,
    const QStringList &media, const PlayOptions &options)
{
    const QString base = u'/' + resource + u'/' + encodeSegment(ownerId) + u"/play"_s;
    const QString templateBase = u'/' + resource + u"/{"_s + ownerParameter + u"}/play"_s;
    AriRequest request = options.playbackId.isEmpty()
        ? makeRequest(Method::Post, u"play"_s, templateBase, base)
        : makeRequest(Method::Post, u"playWithId"_s, templateBase + u"/{playbackId}"_s,
            base + u'/' + encodeSegment(options.playbackId));
    addList(request, u"media"_s, media);
    addIfGiven(request, u"lang"_s, options.lang);
    addIfGiven(request, u"offsetms"_s, options.offsetms);
    addIfGiven(request, u"skipms"_s, options.skipms);
    return request;
}

AriRequest recordRequest(
    const QString &resource, const QString &ownerParameter, const QString &ownerId, const RecordOptions &options)
{
    AriRequest request
        = makeRequest(Method::Post, u"record"_s, u'/' + resource + u"/{"_s + ownerParameter + u"}/record"_s,
            u'/' + resource + u'/' + encodeSegment(ownerId) + u"/record"_s);
    addItem(request, u"name"_s, options.name);
    addItem(request, u"format"_s, options.format);
    addIfGiven(request, u"maxDurationSeconds"_s, options.maxDurationSeconds);
    addIfGiven(request, u"maxSilenceSeconds"_s, options.maxSilenceSeconds);
    addIfGiven(request, u"ifExists"_s, options.ifExists);
    addIfGiven(request, u"beep"_s, options.beep);
    addIfGiven(request, u"terminateOn"_s, options.terminateOn);
    return request;
}

AriRequest channelRequest(Method method, const QString &operation, const QString &suffix, const QString &channelId)
{
    return makeRequest(
        method, operation, u"/channels/{channelId}"_s + suffix, u"/channels/"_s + encodeSegment(channelId) + suffix);
}

AriRequest bridgeRequest(Method method, const QString &operation, const QString &suffix, const QString &bridgeId)
{
    return makeRequest(
        method, operation, u"/bridges/{bridgeId}"_s + suffix, u"/bridges/"_s + encodeSegment(bridgeId) + suffix);
}

AriRequest storedRequest(Method method, const QString &operation, const QString &suffix, const QString &name)
{
    return makeRequest(method, operation, u"/recordings/stored/{recordingName}"_s + suffix,
        u"/recordings/stored/"_s + encodeSegment(name) + suffix);
}

AriRequest liveRequest(Method method, const QString &operation, const QString &suffix, const QString &name)
{
    return makeRequest(method, operation, u"/recordings/live/{recordingName}"_s + suffix,
        u"/recordings/live/"_s + encodeSegment(name) + suffix);
}

} // namespace

QString encodeSegment(const QString &segment)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(segment));
}

QString playbackOperationName(PlaybackOperation operation)
{
    switch (operation) {
    case PlaybackOperation::Restart:
        return u"restart"_s;
    case PlaybackOperation::Pause:
        return u"pause"_s;
    case PlaybackOperation::Unpause:
        return u"unpause"_s;
    case PlaybackOperation::Reverse:
        return u"reverse"_s;
    case PlaybackOperation::Forward:
        return u"forward"_s;
    }
    return u"restart"_s;
}

// asterisk

AriRequest getInfo()
{
    return makeRequest(Method::Get, u"getInfo"_s, u"/asterisk/info"_s, u"/asterisk/info"_s);
}

AriRequest getGlobalVariable(const QString &variable)
{
    AriRequest request = makeRequest(Method::Get, u"getGlobalVar"_s, u"/asterisk/variable"_s, u"/asterisk/variable"_s);
    addItem(request, u"variable"_s, variable);
    return request;
}

// applications

AriRequest listApplications()
{
    return makeRequest(Method::Get, u"list"_s, u"/applications"_s, u"/applications"_s);
}

AriRequest getApplication(const QString &applicationName)
{
    return makeRequest(Method::Get, u"get"_s, u"/applications/{applicationName}"_s,
        u"/applications/"_s + encodeSegment(applicationName));
}

// sounds

AriRequest listSounds(const QString &lang, const QString &format)
{
    AriRequest request = makeRequest(Method::Get, u"list"_s, u"/sounds"_s, u"/sounds"_s);
    addIfGiven(request, u"lang"_s, lang);
    addIfGiven(request, u"format"_s, format);
    return request;
}

AriRequest getSound(const QString &soundId)
{
    return makeRequest(Method::Get, u"get"_s, u"/sounds/{soundId}"_s, u"/sounds/"_s + encodeSegment(soundId));
}

// channels

AriRequest listChannels()
{
    return makeRequest(Method::Get, u"list"_s, u"/channels"_s, u"/channels"_s);
}

AriRequest getChannel(const QString &channelId)
{
    return channelRequest(Method::Get, u"get"_s, {}, channelId);
}

AriRequest originate(const OriginateOptions &options)
{
    AriRequest request = makeRequest(Method::Post, u"originate"_s, u"/channels"_s, u"/channels"_s);
    addItem(request, u"endpoint"_s, options.endpoint);
    addIfGiven(request, u"extension"_s, options.extension);
    addIfGiven(request, u"context"_s, options.context);
    addIfGiven(request, u"priority"_s, options.priority);
    addIfGiven(request, u"label"_s, options.label);
    addIfGiven(request, u"app"_s, options.app);
    addIfGiven(request, u"appArgs"_s, options.appArgs);
    addIfGiven(request, u"callerId"_s, options.callerId);
    addIfGiven(request, u"timeout"_s, options.timeout);
    addIfGiven(request, u"channelId"_s, options.channelId);
    addIfGiven(request, u"otherChannelId"_s, options.otherChannelId);
    addIfGiven(request, u"originator"_s, options.originator);
    addIfGiven(request, u"formats"_s, options.formats);
    if (!options.variables.isEmpty())
        request.body.insert(u"variables"_s, options.variables);
    return request;
}

AriRequest snoopChannel(const QString &channelId, const SnoopOptions &options)
{
    AriRequest request = channelRequest(Method::Post, u"snoopChannel"_s, u"/snoop"_s, channelId);
    addIfGiven(request, u"spy"_s, options.spy);
    addIfGiven(request, u"whisper"_s, options.whisper);
    addItem(request, u"app"_s, options.app);
    addIfGiven(request, u"appArgs"_s, options.appArgs);
    addIfGiven(request, u"snoopId"_s, options.snoopId);
    return request;
}

AriRequest answer(const QString &channelId)
{
    return channelRequest(Method::Post, u"answer"_s, u"/answer"_s, channelId);
}

AriRequest hangup(const QString &channelId, const QString &reason)
{
    AriRequest request = channelRequest(Method::Delete, u"hangup"_s, {}, channelId);
    addIfGiven(request, u"reason"_s, reason);
    return request;
}

AriRequest ring(const QString &channelId)
{
    return channelRequest(Method::Post, u"ring"_s, u"/ring"_s, channelId);
}

AriRequest ringStop(const QString &channelId)
{
    return channelRequest(Method::Delete, u"ringStop"_s, u"/ring"_s, channelId);
}

AriRequest play(const QString &channelId, const QStringList &media, const PlayOptions &options)
{
    return playRequest(u"channels"_s, u"channelId"_s, channelId, media, options);
}

AriRequest record(const QString &channelId, const RecordOptions &options)
{
    return recordRequest(u"channels"_s, u"channelId"_s, channelId, options);
}

AriRequest sendDTMF(const QString &channelId, const QString &dtmf, const DtmfOptions &options)
{
    AriRequest request = channelRequest(Method::Post, u"sendDTMF"_s, u"/dtmf"_s, channelId);
    addItem(request, u"dtmf"_s, dtmf);
    addIfGiven(request, u"before"_s, options.before);
    addIfGiven(request, u"between"_s, options.between);
    addIfGiven(request, u"duration"_s, options.duration);
    addIfGiven(request, u"after"_s, options.after);
    return request;
}

AriRequest startMoh(const QString &channelId, const QString &mohClass)
{
    AriRequest request = channelRequest(Method::Post, u"startMoh"_s, u"/moh"_s, channelId);
    addIfGiven(request, u"mohClass"_s, mohClass);
    return request;
}

AriRequest stopMoh(const QString &channelId)
{
    return channelRequest(Method::Delete, u"stopMoh"_s, u"/moh"_s, channelId);
}

AriRequest getChannelVar(const QString &channelId, const QString &variable)
{
    AriRequest request = channelRequest(Method::Get, u"getChannelVar"_s, u"/variable"_s, channelId);
    addItem(request, u"variable"_s, variable);
    return request;
}

AriRequest setChannelVar(const QString &channelId, const QString &variable, const QString &value)
{
    AriRequest request = channelRequest(Method::Post, u"setChannelVar"_s, u"/variable"_s, channelId);
    addItem(request, u"variable"_s, variable);
    addItem(request, u"value"_s, value);
    return request;
}

// bridges

AriRequest listBridges()
{
    return makeRequest(Method::Get, u"list"_s, u"/bridges"_s, u"/bridges"_s);
}

AriRequest createBridge(const QString &type, const QString &bridgeId, const QString &name)
{
    AriRequest request = makeRequest(Method::Post, u"create"_s, u"/bridges"_s, u"/bridges"_s);
    addIfGiven(request, u"type"_s, type);
    addIfGiven(request, u"bridgeId"_s, bridgeId);
    addIfGiven(request, u"name"_s, name);
    return request;
}

AriRequest getBridge(const QString &bridgeId)
{
    return bridgeRequest(Method::Get, u"get"_s, {}, bridgeId);
}

AriRequest destroyBridge(const QString &bridgeId)
{
    return bridgeRequest(Method::Delete, u"destroy"_s, {}, bridgeId);
}

AriRequest addChannel(const QString &bridgeId, const QStringList &channelIds, const QString &role)
{
    AriRequest request = bridgeRequest(Method::Post, u"addChannel"_s, u"/addChannel"_s, bridgeId);
    addList(request, u"channel"_s, channelIds);
    addIfGiven(request, u"role"_s, role);
    return request;
}

AriRequest removeChannel(const QString &bridgeId, const QStringList &channelIds)
{
    AriRequest request = bridgeRequest(Method::Post, u"removeChannel"_s, u"/removeChannel"_s, bridgeId);
    addList(request, u"channel"_s, channelIds);
    return request;
}

AriRequest playOnBridge(const QString &bridgeId, const QStringList &media, const PlayOptions &options)
{
    return playRequest(u"bridges"_s, u"bridgeId"_s, bridgeId, media, options);
}

AriRequest recordBridge(const QString &bridgeId, const RecordOptions &options)
{
    return recordRequest(u"bridges"_s, u"bridgeId"_s, bridgeId, options);
}

AriRequest startBridgeMoh(const QString &bridgeId, const QString &mohClass)
{
    AriRequest request = bridgeRequest(Method::Post, u"startMoh"_s, u"/moh"_s, bridgeId);
    addIfGiven(request, u"mohClass"_s, mohClass);
    return request;
}

AriRequest stopBridgeMoh(const QString &bridgeId)
{
    return bridgeRequest(Method::Delete, u"stopMoh"_s, u"/moh"_s, bridgeId);
}

// playbacks

AriRequest getPlayback(const QString &playbackId)
{
    return makeRequest(
        Method::Get, u"get"_s, u"/playbacks/{playbackId}"_s, u"/playbacks/"_s + encodeSegment(playbackId));
}

AriRequest stopPlayback(const QString &playbackId)
{
    return makeRequest(
        Method::Delete, u"stop"_s, u"/playbacks/{playbackId}"_s, u"/playbacks/"_s + encodeSegment(playbackId));
}

AriRequest controlPlayback(const QString &playbackId, PlaybackOperation operation)
{
    AriRequest request = makeRequest(Method::Post, u"control"_s, u"/playbacks/{playbackId}/control"_s,
        u"/playbacks/"_s + encodeSegment(playbackId) + u"/control"_s);
    addItem(request, u"operation"_s, playbackOperationName(operation));
    return request;
}

// recordings: stored

AriRequest listStored()
{
    return makeRequest(Method::Get, u"listStored"_s, u"/recordings/stored"_s, u"/recordings/stored"_s);
}

AriRequest getStored(const QString &recordingName)
{
    return storedRequest(Method::Get, u"getStored"_s, {}, recordingName);
}

AriRequest deleteStored(const QString &recordingName)
{
    return storedRequest(Method::Delete, u"deleteStored"_s, {}, recordingName);
}

AriRequest copyStored(const QString &recordingName, const QString &destinationRecordingName)
{
    AriRequest request = storedRequest(Method::Post, u"copyStored"_s, u"/copy"_s, recordingName);
    addItem(request, u"destinationRecordingName"_s, destinationRecordingName);
    return request;
}

AriRequest updateMailbox(const QString &mailboxName, int oldMessages, int newMessages)
{
    AriRequest request = makeRequest(
        Method::Put, u"update"_s, u"/mailboxes/{mailboxName}"_s, u"/mailboxes/"_s + encodeSegment(mailboxName));
    addItem(request, u"oldMessages"_s, QString::number(oldMessages));
    addItem(request, u"newMessages"_s, QString::number(newMessages));
    return request;
}

AriRequest getStoredFile(const QString &recordingName)
{
    AriRequest request = storedRequest(Method::Get, u"getStoredFile"_s, u"/file"_s, recordingName);
    request.binary = true;
    return request;
}

// recordings: live

AriRequest getLive(const QString &recordingName)
{
    return liveRequest(Method::Get, u"getLive"_s, {}, recordingName);
}

AriRequest stopLive(const QString &recordingName)
{
    return liveRequest(Method::Post, u"stop"_s, u"/stop"_s, recordingName);
}

AriRequest cancelLive(const QString &recordingName)
{
    return liveRequest(Method::Delete, u"cancel"_s, {}, recordingName);
}

AriRequest pauseLive(const QString &recordingName)
{
    return liveRequest(Method::Post, u"pause"_s, u"/pause"_s, recordingName);
}

AriRequest unpauseLive(const QString &recordingName)
{
    return liveRequest(Method::Delete, u"unpause"_s, u"/pause"_s, recordingName);
}

AriRequest muteLive(const QString &recordingName)
{
    return liveRequest(Method::Post, u"mute"_s, u"/mute"_s, recordingName);
}

AriRequest unmuteLive(const QString &recordingName)
{
    return liveRequest(Method::Delete, u"unmute"_s, u"/mute"_s, recordingName);
}

} // namespace AriOperations

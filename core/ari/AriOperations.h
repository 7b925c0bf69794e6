#pragma once

#include "core/ari/AriRequest.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

// Builders for every ARI REST operation the product uses (SPEC AR-1). Parameter names are exactly
// those of the ARI Swagger spec; optional parameters are sent only when given. Each request's
// `operation` is the Swagger nickname, so tests can check every builder against the spec's table.
namespace AriOperations {

struct PlayOptions
{
    QString lang;
    std::optional<int> offsetms;
    std::optional<int> skipms;
    QString playbackId; // when set, POST …/play/{playbackId} (playWithId)
};

struct RecordOptions
{
    QString name;            // e.g. "voicemail/305/1411503204" (sent as is in the query)
    QString format = QStringLiteral("wav");
    std::optional<int> maxDurationSeconds;
    std::optional<int> maxSilenceSeconds;
    QString ifExists;        // fail | overwrite | append (empty: server default)
    std::optional<bool> beep;
    QString terminateOn;     // none | any | * | #
};

struct OriginateOptions
{
    QString endpoint;        // e.g. "PJSIP/1001"
    QString app;
    QString appArgs;         // comma separated
    QString channelId;       // client-chosen (AR-8)
    QString otherChannelId;
    QString callerId;
    std::optional<int> timeout;
    QString extension, context;
    std::optional<long long> priority;
    QString label;
    QString originator;
    QString formats;
    QJsonObject variables;   // sent as the JSON body {"variables": {...}}
};

struct DtmfOptions
{
    std::optional<int> before, between, duration, after;
};

// The directions of a snoop (Swagger: none | both | out | in). `out`: what Asterisk sends to the
// snooped channel (what its phone hears); `in`: what comes from it (what its phone says).
struct SnoopOptions
{
    QString spy; // what the snoop channel hears of the snooped one
    QString whisper; // where what the snoop channel is given goes
    QString app; // required: the Stasis application the snoop channel enters
    QString appArgs;
    QString snoopId; // client-chosen (AR-8)
};

enum class PlaybackOperation { Restart, Pause, Unpause, Reverse, Forward };
QString playbackOperationName(PlaybackOperation operation);

// asterisk
AriRequest getInfo();
AriRequest getGlobalVariable(const QString &variable);
// applications
AriRequest listApplications();
AriRequest getApplication(const QString &applicationName);
// sounds
AriRequest listSounds(const QString &lang = {}, const QString &format = {});
AriRequest getSound(const QString &soundId);
// channels
AriRequest listChannels();
AriRequest getChannel(const QString &channelId);
AriRequest originate(const OriginateOptions &options);
AriRequest answer(const QString &channelId);
AriRequest hangup(const QString &channelId, const QString &reason = {});
AriRequest ring(const QString &channelId);
AriRequest ringStop(const QString &channelId);
AriRequest play(const QString &channelId, const QStringList &media, const PlayOptions &options = {});
AriRequest record(const QString &channelId, const RecordOptions &options);
AriRequest sendDTMF(const QString &channelId, const QString &dtmf, const DtmfOptions &options = {});
AriRequest startMoh(const QString &channelId, const QString &mohClass = {});
AriRequest stopMoh(const QString &channelId);
AriRequest getChannelVar(const QString &channelId, const QString &variable);
AriRequest setChannelVar(const QString &channelId, const QString &variable, const QString &value);
AriRequest snoopChannel(const QString &channelId, const SnoopOptions &options);
// bridges
AriRequest listBridges();
AriRequest createBridge(const QString &type, const QString &bridgeId = {}, const QString &name = {});
AriRequest getBridge(const QString &bridgeId);
AriRequest destroyBridge(const QString &bridgeId);
AriRequest addChannel(const QString &bridgeId, const QStringList &channelIds, const QString &role = {});
AriRequest removeChannel(const QString &bridgeId, const QStringList &channelIds);
AriRequest playOnBridge(const QString &bridgeId, const QStringList &media, const PlayOptions &options = {});
AriRequest recordBridge(const QString &bridgeId, const RecordOptions &options);
AriRequest startBridgeMoh(const QString &bridgeId, const QString &mohClass = {});
AriRequest stopBridgeMoh(const QString &bridgeId);
// playbacks
AriRequest getPlayback(const QString &playbackId);
AriRequest stopPlayback(const QString &playbackId);
AriRequest controlPlayback(const QString &playbackId, PlaybackOperation operation);
// recordings: stored
AriRequest listStored();
AriRequest getStored(const QString &recordingName);
AriRequest deleteStored(const QString &recordingName);
AriRequest copyStored(const QString &recordingName, const QString &destinationRecordingName);
AriRequest getStoredFile(const QString &recordingName); // binary
// mailboxes: the counts a phone's message lamp shows; `mailboxName` is "<mailbox>@<context>"
AriRequest updateMailbox(const QString &mailboxName, int oldMessages, int newMessages);
// recordings: live
AriRequest getLive(const QString &recordingName);
AriRequest stopLive(const QString &recordingName);   // POST …/stop: stored
AriRequest cancelLive(const QString &recordingName); // DELETE: not stored
AriRequest pauseLive(const QString &recordingName);
AriRequest unpauseLive(const QString &recordingName);
AriRequest muteLive(const QString &recordingName);
AriRequest unmuteLive(const QString &recordingName);

// Percent-encodes one path segment, '/' included ("voicemail/305/1" → "voicemail%2F305%2F1").
QString encodeSegment(const QString &segment);

} // namespace AriOperations

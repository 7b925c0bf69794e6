#pragma once

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPair>
#include <QSet>
#include <QStringList>

#include <memory>

#include "sim/media/MediaResolver.h"
#include "sim/engine/SimChannel.h"
#include "sim/engine/SimEvents.h"
#include "sim/engine/SimHeardLog.h"
#include "sim/engine/SimLiveRecording.h"
#include "sim/media/SimMediaLookup.h"

class RecordingStore;
class SimBridge;
class SimChannel;
class SimClock;
class SimEventHub;
class SimPlayback;
class SoundCatalogue;

// The simulated PBX: every channel, bridge, playback and live recording, and the rules by which
// they change and what events Asterisk 22 publishes when they do (order included). The REST
// resources and the control API validate requests and call into it; it never deals with HTTP.
//
// Objects are deleted as soon as they end (hang-up, destroy, finish), so a long run with thousands
// of calls keeps only what is live — plus the "heard" logs of the control API, kept by design
// until the server stops.
class SimEngine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimEngine)

public:
    struct Settings
    {
        QString systemName = QStringLiteral("ari-sim");
        QString asteriskId = QStringLiteral("02:00:00:00:00:01");
        bool reproduceRecordingReleaseRace = false;
    };

    // How an originated endpoint answers (control API PUT /sim/endpoints/...).
    enum class Behaviour { Answer, Ring, Busy };
    // Who ends a call: the far end (control API), the application (DELETE /channels/{id}), or
    // the network (no answer, busy).
    enum class HangupOrigin { Caller, Application, Network };

    struct Failure
    {
        int status = 0;        // 0 = no failure
        QString message;
        bool allocationFailed = false; // 500 {"error":"Allocation failed"}
        explicit operator bool() const { return status != 0; }
    };

    struct CallParams
    {
        QString application;
        QStringList args;
        QString language = QStringLiteral("en");
        QString callerName;
        QString callerNumber;
        QString channelName;   // empty: Local/<exten>@<app>-XXXXXXXX;2
    };

    // One entry of an originate's body "variables": a string, or {"value", "report_events"}.
    struct VariableSetting
    {
        QString name;
        QString value;
        bool reportEvents = false;
    };

    struct OriginateParams
    {
        QString endpoint;
        QString application;
        QString appArgs;
        QString extension;
        QString context;
        QString channelId;
        QString otherChannelId;
        QString callerId;
        int timeoutSeconds = 30;    // -1: no timeout
        QList<VariableSetting> variables;
        QString originator;         // id of the channel on whose behalf the channel is created
        QString formats;            // "ulaw,slin16": checked against Asterisk's format names, else unused
    };

    struct ChannelResult
    {
        SimChannel *channel = nullptr;
        Failure failure;
    };

    struct PlayResult
    {
        SimPlayback *playback = nullptr;
        QJsonObject json;  // the 201 body (taken before the playback starts)
    };

    struct RecordResult
    {
        SimLiveRecording *recording = nullptr;
        QJsonObject json;
        Failure failure;
    };

    struct BridgeResult
    {
        SimBridge *bridge = nullptr;
        Failure failure;
    };

    SimEngine(const Settings &settings, SimClock *clock, SimEventHub *hub,
              const SoundCatalogue *sounds, RecordingStore *recordings, QObject *parent = nullptr);
    ~SimEngine() override;

    // Environment.
    SimClock *clock() const { return m_clock; }
    SimEventHub *hub() const { return m_hub; }
    const SoundCatalogue &sounds() const { return *m_sounds; }
    RecordingStore &recordings() const { return *m_recordings; }
    const SimMediaLookup &media() const { return *m_media; }
    qint64 nowMs() const;
    QDateTime now() const;
    QString timestamp() const;
    QString asteriskId() const { return m_settings.asteriskId; }
    QString systemName() const { return m_settings.systemName; }

    // Registries.
    SimChannel *channel(const QString &id) const;
    QList<SimChannel *> channels() const;
    SimBridge *bridge(const QString &id) const;
    QList<SimBridge *> bridges() const;
    SimPlayback *playback(const QString &id) const;
    QList<SimPlayback *> playbacks() const;
    SimLiveRecording *liveRecording(const QString &name) const;
    QList<SimLiveRecording *> liveRecordings() const;
    int channelCount() const { return static_cast<int>(m_channels.size()); }
    int bridgeCount() const { return static_cast<int>(m_bridges.size()); }
    int playbackCount() const { return static_cast<int>(m_allPlaybacks.size()); }
    int liveRecordingCount() const { return static_cast<int>(m_liveRecordings.size()); }

    // Heard logs ("channel:<id>" / "bridge:<id>"), created on first use.
    SimHeardLog *heardLog(const QString &key);
    const SimHeardLog *findHeardLog(const QString &key) const;

    // Events.
    QJsonObject newEvent(SimEvents::Type type) const;
    void publish(const QJsonObject &event, const QSet<QString> &applications);
    void publishChannelEvent(SimChannel *channel, SimEvents::Type type, QJsonObject fields = {});
    void publishPlaybackEvent(SimPlayback *playback, SimEvents::Type type);
    void publishRecordingEvent(SimLiveRecording *recording, SimEvents::Type type,
                               const QJsonObject &recordingJson);

    // Calls.
    // A caller dialled into `application` (dialplan Stasis(app,args)): StasisStart, state Ring.
    SimChannel *placeCall(const CallParams &params);
    ChannelResult originate(const OriginateParams &params);
    ChannelResult createChannel(const OriginateParams &params);
    Failure dial(SimChannel *channel, int timeoutSeconds);
    // POST /channels/{id}/snoop: a channel that hears `target` (`spy`: "in", "out", "both",
    // "none"), whispers to it (`whisper`, the same values) and enters `application` a moment
    // after it is created.
    SimChannel *snoop(SimChannel *target, const QString &spy, const QString &whisper, const QString &application,
                      const QString &appArgs, const QString &snoopId);
    // Also makes a technology other than Local dialable for that endpoint.
    void setEndpointBehaviour(const QString &endpoint, Behaviour behaviour);
    Behaviour endpointBehaviour(const QString &endpoint) const;

    void answer(SimChannel *channel);
    void hangup(SimChannel *channel, HangupOrigin origin, int cause = 16);
    // The far end presses keys: ChannelDtmfReceived per digit, one after the other.
    void sendCallerDtmf(SimChannel *channel, const QString &digits, int betweenMs, int durationMs);
    void startMusicOnHold(SimChannel *channel, const QString &mohClass);
    void stopMusicOnHold(SimChannel *channel);
    // Channel variables and functions: std::nullopt + code 404 (no such variable) or 500 (function
    // cannot be read).
    std::optional<QString> readVariable(SimChannel *channel, const QString &name, int *errorStatus) const;
    // false: a function that cannot be written. `reportEvents`: the variable (not a function) is
    // shown in the channel's "channelvars" from now on.
    bool writeVariable(SimChannel *channel, const QString &name, const QString &value, bool publishEvent,
                       bool reportEvents = false);

    // Playbacks and recordings.
    PlayResult play(SimChannel *channel, SimBridge *bridge, const QString &playbackId,
                    const QStringList &media, const QString &language, qint64 skipMs, qint64 offsetMs);
    RecordResult record(SimChannel *channel, SimBridge *bridge, SimLiveRecording::Options options);
    bool isRecordingNameBusy(const QString &name) const;
    // When the far end of `channel` made sound (talking), or for a snoop channel what it hears of
    // its target; sorted, possibly overlapping.
    QList<SimChannel::Interval> audibleIntervals(SimChannel *channel) const;

    // Device states. Devices of channels ("Local/305@vm-record", "PJSIP/1001") are INUSE while a
    // channel uses them; "Stasis:<name>" devices are the ones ARI controls (PUT/DELETE
    // /deviceStates), UNKNOWN until set. A change is published as DeviceStateChanged to the
    // subscribeAll applications and the device's subscribers.
    enum class DeviceStateResult { Ok, NotControlled, MissingName, UnknownState };
    // Asterisk's state name ("INUSE", "NOT_INUSE", "UNKNOWN", "INVALID" …) of any device.
    QString deviceState(const QString &device) const;
    // The ARI-controlled devices, by name: ("Stasis:lamp", "BUSY").
    QList<QPair<QString, QString>> controlledDeviceStates() const;
    // `state` is one of Asterisk's settable states, in any case ("busy", "NOT_INUSE").
    DeviceStateResult setControlledDeviceState(const QString &device, const QString &state);
    DeviceStateResult deleteControlledDeviceState(const QString &device);

    // Mailboxes whose message counts ARI sets (PUT /mailboxes, Asterisk's res_mwi_external): the
    // counts a phone's message lamp shows. A PUT creates the mailbox; they are sorted by name.
    struct MailboxCounts
    {
        int oldMessages = 0;
        int newMessages = 0;
    };
    QList<QPair<QString, MailboxCounts>> mailboxes() const;
    std::optional<MailboxCounts> mailbox(const QString &name) const;
    void updateMailbox(const QString &name, MailboxCounts counts);
    // false when there was no such mailbox.
    bool deleteMailbox(const QString &name);

    // Bridges.
    BridgeResult createBridge(const QString &bridgeId, const QString &type, const QString &name);
    void destroyBridge(SimBridge *bridge);
    // An Asterisk restart: every channel, bridge, playback and live recording ends (hung up as by
    // the network). Call it once the event sockets are gone, so nobody sees those events; stored
    // recordings stay, like files on disk.
    void discardAll();
    // The channel vanishes without a single event (a fault: Asterisk lost it, or its end never
    // reached the application); later requests on it get 404 "Channel not found".
    void loseChannel(SimChannel *channel);
    void addToBridge(SimBridge *bridge, const QList<SimChannel *> &channels);
    void removeFromBridge(SimBridge *bridge, SimChannel *channel);
    void startBridgeMusicOnHold(SimBridge *bridge, const QString &mohClass);
    bool stopBridgeMusicOnHold(SimBridge *bridge);

    static QString causeText(int cause);
    // ARI's hangup reasons ("busy" → 17); -1 when unknown.
    static int causeForReason(const QString &reason);
    QString newUuid() const;

private:
    QString newChannelId();
    QString nextNameSuffix();
    SimChannel *newChannel(const QString &id, const QString &name);
    void onCallerDtmf(SimChannel *channel, const QString &digit, int durationMs);
    void registerPlayback(SimPlayback *playback);
    void onPlaybackFinished(SimPlayback *playback);
    void onRecordingFinished(SimLiveRecording *recording);
    // `peerCause` < 0: the Local peer ends with `cause` too.
    void destroyChannel(SimChannel *channel, int cause, int peerCause = -1);
    void trackDevice(SimChannel *channel);
    void releaseDevice(SimChannel *channel);
    void publishDeviceState(const QString &device, const QString &state);
    // The name after "Stasis:" (any case); nullopt when `device` is not an ARI-controlled one.
    static std::optional<QString> controlledName(const QString &device);
    bool isDialable(const QString &technology, const QString &resource) const;
    void leaveBridge(SimChannel *channel, bool updatePeers);
    // Who hears whom (the heard logs' voice entries), brought up to date for every channel
    // connected to `changed` through bridges and snoops.
    void updateHearing(const QList<SimChannel *> &changed);
    // The parties whose voice a channel sends into its bridge / its far end hears (channel ids);
    // `visiting` guards against snoops that lead back to themselves.
    QSet<QString> voicesSent(SimChannel *channel, QSet<const SimChannel *> &visiting) const;
    QSet<QString> voicesDelivered(SimChannel *channel, QSet<const SimChannel *> &visiting) const;
    QSet<QString> voicesWhisperedBy(SimChannel *snoop, QSet<const SimChannel *> &visiting) const;
    void updateBridgePeers(SimBridge *bridge);
    void publishVarset(SimChannel *channel, const QString &variable, const QString &value);
    void publishDial(SimChannel *channel, const QString &status, const QString &dialString);
    void runDial(SimChannel *channel, const QString &dialString, int timeoutSeconds);
    void answerOriginated(SimChannel *channel, const QString &dialString);
    void setChannelState(SimChannel *channel, const QString &state);
    Failure parseEndpoint(const QString &endpoint, QString *technology, QString *resource) const;
    ChannelResult makeOutboundChannel(const OriginateParams &params, bool create);

    Settings m_settings;
    SimClock *m_clock = nullptr;
    SimEventHub *m_hub = nullptr;
    const SoundCatalogue *m_sounds = nullptr;
    RecordingStore *m_recordings = nullptr;
    std::unique_ptr<MediaResolver> m_resolver;
    std::unique_ptr<SimMediaLookup> m_media;

    QHash<QString, SimChannel *> m_channels;
    QMap<quint64, SimChannel *> m_channelOrder;    // creation order, for listings
    QHash<QString, SimBridge *> m_bridges;
    QMap<quint64, SimBridge *> m_bridgeOrder;
    QHash<QString, QList<SimPlayback *>> m_playbacks; // id → playbacks with that id, oldest first
    QSet<SimPlayback *> m_allPlaybacks;
    QHash<QString, SimLiveRecording *> m_liveRecordings;
    QSet<QString> m_releasingRecordings;
    QHash<QString, std::shared_ptr<SimHeardLog>> m_heardLogs;
    QHash<QString, Behaviour> m_behaviours;
    QHash<QString, int> m_deviceUse;                  // device name → live channels using it
    QMap<QString, QString> m_controlledDevices;       // name after "Stasis:" → state
    QMap<QString, MailboxCounts> m_mailboxes;         // "305@default" → counts
    quint64 m_channelCounter = 0;
    quint32 m_nameCounter = 0;
    quint64 m_sequence = 0;
    bool m_silent = false; // loseChannel(): nothing is published
};

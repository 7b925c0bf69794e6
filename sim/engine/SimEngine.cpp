#include "sim/engine/SimEngine.h"

#include <QJsonArray>

#include <algorithm>
#include <QTimer>
#include <QUuid>

#include "sim/media/RecordingStore.h"
#include "sim/engine/SimBridge.h"
#include "sim/engine/SimChannel.h"
#include "sim/engine/SimClock.h"
#include "sim/http/SimEventHub.h"
#include "sim/engine/SimLogging.h"
#include "sim/media/SimMediaQueue.h"
#include "sim/engine/SimPlayback.h"
#include "sim/engine/SimTimer.h"
#include "sim/engine/SimTimestamps.h"
#include "sim/media/SoundCatalogue.h"

using namespace Qt::StringLiterals;

namespace {

// AST_MAX_PUBLIC_UNIQUEID
constexpr int s_maxUniqueIdLength = 149;
// How long a just-finished recording name stays busy when the release race is reproduced (wall ms).
constexpr int s_recordingReleaseDelayMs = 50;
// Originated endpoints that answer do so after this long (simulated ms).
constexpr qint64 s_answerDelayMs = 1000;

// "\"Agent Smith\" <200>" → ("Agent Smith", "200"); "200" → ("", "200"); "Bob" → ("Bob", "").
QPair<QString, QString> parseCallerId(const QString &text)
{
    const QString trimmed = text.trimmed();
    const qsizetype open = trimmed.indexOf(u'<');
    const qsizetype close = trimmed.lastIndexOf(u'>');
    if (open >= 0 && close > open) {
        QString name = trimmed.left(open).trimmed();
        if (name.size() >= 2 && name.startsWith(u'"') && name.endsWith(u'"'))
            name = name.mid(1, name.size() - 2);
        return {name, trimmed.mid(open + 1, close - open - 1).trimmed()};
    }
    bool numeric = !trimmed.isEmpty();
    for (const QChar c : trimmed) {
        if (!c.isDigit() && c != u'+' && c != u'*' && c != u'#')
            numeric = false;
    }
    if (numeric)
        return {QString(), trimmed};
    QString name = trimmed;
    if (name.size() >= 2 && name.startsWith(u'"') && name.endsWith(u'"'))
        name = name.mid(1, name.size() - 2);
    return {name, QString()};
}

// The media format names Asterisk knows ("core show codecs"), for the originate "formats".
bool isFormatName(const QString &name)
{
    static const QSet<QString> s_formats{
        u"g723"_s,   u"ulaw"_s,    u"alaw"_s,   u"gsm"_s,     u"g726"_s,   u"g726aal2"_s, u"adpcm"_s,
        u"slin"_s,   u"slin12"_s,  u"slin16"_s, u"slin24"_s,  u"slin32"_s, u"slin44"_s,   u"slin48"_s,
        u"slin96"_s, u"slin192"_s, u"lpc10"_s,  u"g729"_s,    u"speex"_s,  u"speex16"_s,  u"speex32"_s,
        u"ilbc"_s,   u"g722"_s,    u"siren7"_s, u"siren14"_s, u"testlaw"_s, u"g719"_s,    u"opus"_s,
        u"jpeg"_s,   u"png"_s,     u"h261"_s,   u"h263"_s,    u"h263p"_s,  u"h264"_s,     u"h265"_s,
        u"mpeg4"_s,  u"vp8"_s,     u"vp9"_s,    u"red"_s,     u"t140"_s,   u"t38"_s,      u"none"_s,
        u"codec2"_s, u"silk8"_s,   u"silk12"_s, u"silk16"_s,  u"silk24"_s};
    return s_formats.contains(name);
}

// "FUNC(arg)" → ("FUNC", "arg"); false when not a function call.
bool splitFunction(const QString &name, QString *function, QString *argument)
{
    const qsizetype open = name.indexOf(u'(');
    if (open <= 0 || !name.endsWith(u')'))
        return false;
    *function = name.left(open).toUpper();
    *argument = name.mid(open + 1, name.size() - open - 2).trimmed().toLower();
    return true;
}

QStringList splitArgs(const QString &appArgs)
{
    if (appArgs.isEmpty())
        return {};
    return appArgs.split(u',');
}

} // namespace

SimEngine::SimEngine(const Settings &settings, SimClock *clock, SimEventHub *hub,
                     const SoundCatalogue *sounds, RecordingStore *recordings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_clock(clock)
    , m_hub(hub)
    , m_sounds(sounds)
    , m_recordings(recordings)
    , m_resolver(std::make_unique<MediaResolver>(sounds, recordings))
    , m_media(std::make_unique<SimMediaLookup>(m_resolver.get()))
{
}

SimEngine::~SimEngine()
{
    // Children (channels, bridges, playbacks, recordings) are deleted by QObject; stop them from
    // publishing anything while that happens.
    const QObjectList children = this->children();
    for (QObject *child : children)
        child->disconnect(this);
}

// ---------------------------------------------------------------------------------------------
// Environment, registries, events

qint64 SimEngine::nowMs() const
{
    return m_clock->elapsedMs();
}

QDateTime SimEngine::now() const
{
    return m_clock->now();
}

QString SimEngine::timestamp() const
{
    return SimTimestamps::format(now());
}

QString SimEngine::newUuid() const
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString SimEngine::newChannelId()
{
    const qint64 seconds = m_clock->startTime().toSecsSinceEpoch() + nowMs() / 1000;
    QString id;
    do {
        id = m_settings.systemName + u'-' + QString::number(seconds) + u'.'
            + QString::number(m_channelCounter++);
    } while (m_channels.contains(id));
    return id;
}

QString SimEngine::nextNameSuffix()
{
    return QString::asprintf("%08x", m_nameCounter++);
}

SimChannel *SimEngine::newChannel(const QString &id, const QString &name)
{
    auto *channel = new SimChannel(id, name, now(), m_clock, this);
    channel->setSequence(++m_sequence);
    connect(channel, &SimChannel::dtmfReceived, this, [this, channel](const QString &digit, int durationMs) {
        onCallerDtmf(channel, digit, durationMs);
    });
    m_channels.insert(id, channel);
    m_channelOrder.insert(channel->sequence(), channel);
    return channel;
}

SimChannel *SimEngine::channel(const QString &id) const
{
    return m_channels.value(id);
}

QList<SimChannel *> SimEngine::channels() const
{
    return m_channelOrder.values();
}

SimBridge *SimEngine::bridge(const QString &id) const
{
    return m_bridges.value(id);
}

QList<SimBridge *> SimEngine::bridges() const
{
    return m_bridgeOrder.values();
}

SimPlayback *SimEngine::playback(const QString &id) const
{
    // Asterisk finds the oldest playback when a client reused an id.
    const auto it = m_playbacks.constFind(id);
    return it == m_playbacks.constEnd() || it->isEmpty() ? nullptr : it->first();
}

QList<SimPlayback *> SimEngine::playbacks() const
{
    QList<SimPlayback *> result;
    for (const QList<SimPlayback *> &list : m_playbacks)
        result.append(list);
    return result;
}

SimLiveRecording *SimEngine::liveRecording(const QString &name) const
{
    return m_liveRecordings.value(name);
}

QList<SimLiveRecording *> SimEngine::liveRecordings() const
{
    return m_liveRecordings.values();
}

SimHeardLog *SimEngine::heardLog(const QString &key)
{
    std::shared_ptr<SimHeardLog> &log = m_heardLogs[key];
    if (!log)
        log = std::make_shared<SimHeardLog>();
    return log.get();
}

const SimHeardLog *SimEngine::findHeardLog(const QString &key) const
{
    const auto it = m_heardLogs.constFind(key);
    return it == m_heardLogs.constEnd() ? nullptr : it.value().get();
}

QJsonObject SimEngine::newEvent(SimEvents::Type type) const
{
    return QJsonObject{{u"type"_s, SimEvents::name(type)}, {u"timestamp"_s, timestamp()}};
}

void SimEngine::publish(const QJsonObject &event, const QSet<QString> &applications)
{
    if (!m_silent)
        m_hub->publish(event, applications);
}

void SimEngine::publishChannelEvent(SimChannel *channel, SimEvents::Type type, QJsonObject fields)
{
    QJsonObject event = newEvent(type);
    for (auto it = fields.constBegin(); it != fields.constEnd(); ++it)
        event.insert(it.key(), it.value());
    event.insert(u"channel"_s, channel->toJson());
    publish(event, channel->applications());
}

void SimEngine::publishVarset(SimChannel *channel, const QString &variable, const QString &value)
{
    channel->setVariable(variable, value);
    publishChannelEvent(channel, SimEvents::ChannelVarset,
                        QJsonObject{{u"variable"_s, variable}, {u"value"_s, value}});
}

void SimEngine::publishPlaybackEvent(SimPlayback *playback, SimEvents::Type type)
{
    QJsonObject event = newEvent(type);
    event.insert(u"playback"_s, playback->toJson());
    QSet<QString> applications;
    if (SimChannel *channel = playback->channel())
        applications = channel->applications();
    else if (SimBridge *bridge = playback->bridge())
        applications = bridge->applications();
    publish(event, applications);
}

void SimEngine::publishRecordingEvent(SimLiveRecording *recording, SimEvents::Type type,
                                      const QJsonObject &recordingJson)
{
    QJsonObject event = newEvent(type);
    event.insert(u"recording"_s, recordingJson);
    QSet<QString> applications;
    if (SimChannel *channel = recording->channel())
        applications = channel->applications();
    else if (SimBridge *bridge = recording->bridge())
        applications = bridge->applications();
    publish(event, applications);
}

QString SimEngine::causeText(int cause)
{
    switch (cause) {
    case 1: return u"Unallocated (unassigned) number"_s;
    case 16: return u"Normal Clearing"_s;
    case 17: return u"User busy"_s;
    case 18: return u"No user responding"_s;
    case 19: return u"User alerting, no answer"_s;
    case 21: return u"Call Rejected"_s;
    case 26: return u"Answered elsewhere"_s;
    case 28: return u"Invalid number format (incomplete number)"_s;
    case 31: return u"Normal, unspecified"_s;
    case 34: return u"Circuit/channel congestion"_s;
    case 38: return u"Network out of order"_s;
    case 58: return u"Bearer capability not available"_s;
    case 127: return u"Interworking, unspecified"_s;
    default: return u"Unknown"_s;
    }
}

int SimEngine::causeForReason(const QString &reason)
{
    static const QHash<QString, int> causes{
        {u"normal"_s, 16},           {u"busy"_s, 17},           {u"congestion"_s, 34},
        {u"no_answer"_s, 19},        {u"timeout"_s, 18},        {u"rejected"_s, 21},
        {u"unallocated"_s, 1},       {u"normal_unspecified"_s, 31},
        {u"number_incomplete"_s, 28}, {u"codec_mismatch"_s, 58}, {u"interworking"_s, 127},
        {u"failure"_s, 38},          {u"answered_elsewhere"_s, 26},
    };
    return causes.value(reason, -1);
}

// ---------------------------------------------------------------------------------------------
// Calls

SimChannel *SimEngine::placeCall(const CallParams &params)
{
    const QString exten = params.args.isEmpty() || params.args.first().isEmpty() ? u"s"_s
                                                                                 : params.args.first();
    const QString name = params.channelName.isEmpty()
        ? QString(u"Local/"_s + exten + u'@' + params.application + u'-' + nextNameSuffix() + u";2"_s)
        : params.channelName;
    SimChannel *channel = newChannel(newChannelId(), name);
    channel->setState(u"Ring"_s);
    channel->setLanguage(params.language.isEmpty() ? u"en"_s : params.language);
    channel->setCaller(params.callerName, params.callerNumber);
    channel->setEndpoint(u"Local"_s, exten + u'@' + params.application);
    channel->setDeviceName(u"Local/"_s + exten + u'@' + params.application);
    trackDevice(channel);
    QString appData = params.application;
    if (!params.args.isEmpty())
        appData += u',' + params.args.join(u',');
    channel->setDialplan(params.application, exten, 1, u"Stasis"_s, appData);
    channel->enterStasis(params.application, params.args);
    qCInfo(lcSim) << "call" << channel->id() << "enters" << params.application << params.args;
    publishChannelEvent(channel, SimEvents::StasisStart,
                        QJsonObject{{u"args"_s, QJsonArray::fromStringList(params.args)}});
    return channel;
}

SimEngine::Failure SimEngine::parseEndpoint(const QString &endpoint, QString *technology,
                                            QString *resource) const
{
    if (endpoint.isEmpty())
        return Failure{400, u"Endpoint must be specified"_s};
    const qsizetype slash = endpoint.indexOf(u'/');
    if (slash <= 0 || slash == endpoint.size() - 1)
        return Failure{400, u"Invalid endpoint specified"_s};
    *technology = endpoint.left(slash);
    *resource = endpoint.mid(slash + 1);
    return {};
}

SimEngine::ChannelResult SimEngine::makeOutboundChannel(const OriginateParams &params, bool create)
{
    ChannelResult result;
    if (params.channelId.size() > s_maxUniqueIdLength || params.otherChannelId.size() > s_maxUniqueIdLength) {
        result.failure = Failure{400, u"Uniqueid length exceeds maximum of %1"_s.arg(s_maxUniqueIdLength)};
        return result;
    }
    const bool originatorAndFormats = !params.originator.isEmpty() && !params.formats.isEmpty();
    if (originatorAndFormats && (create || !params.endpoint.isEmpty())) {
        result.failure = Failure{400, u"Originator and formats can't both be specified"_s};
        return result;
    }
    QString technology;
    QString resource;
    if (Failure failure = parseEndpoint(params.endpoint, &technology, &resource)) {
        result.failure = failure;
        return result;
    }
    if (!create && params.application.isEmpty() && params.extension.isEmpty()) {
        result.failure = Failure{400, u"Application or extension must be specified"_s};
        return result;
    }
    // The originator only lends its formats (and, for /channels/create, subscribes to the
    // application); an originate insists that it exists, /channels/create does not.
    SimChannel *originator = params.originator.isEmpty() ? nullptr : this->channel(params.originator);
    if (!create && !params.originator.isEmpty() && !originator) {
        result.failure = Failure{400, u"Provided originator channel was not found"_s};
        return result;
    }
    if (create && originator && !params.application.isEmpty())
        originator->subscribe(params.application);
    if (!originator && !params.formats.isEmpty()) {
        const QStringList formats = params.formats.split(u',');
        for (const QString &format : formats) {
            if (!isFormatName(format.trimmed())) {
                result.failure = Failure{400, u"Provided format (%1) was not found"_s.arg(format.trimmed())};
                return result;
            }
        }
    }
    if (!isDialable(technology, resource)) {
        qCInfo(lcSim) << "originate to unknown technology" << technology;
        result.failure = Failure{500, QString(), true};
        return result;
    }
    const QString id = params.channelId.isEmpty() ? newChannelId() : params.channelId;
    if (m_channels.contains(id)) {
        result.failure = Failure{409, u"Channel with given unique ID already exists"_s};
        return result;
    }
    const bool local = technology.compare(u"Local"_s, Qt::CaseInsensitive) == 0;
    QString peerId;
    if (local) {
        peerId = !params.otherChannelId.isEmpty() ? params.otherChannelId
            : params.channelId.isEmpty()          ? newChannelId()
                                                  : params.channelId + u";2"_s;
        if (m_channels.contains(peerId) || peerId == id) {
            result.failure = Failure{409, u"Channel with given unique ID already exists"_s};
            return result;
        }
    }

    // Local/<exten>@<context>[/options]
    const QString localTarget = local ? resource.section(u'/', 0, 0) : QString();
    QString exten = u"s"_s;
    QString context = u"default"_s;
    if (local) {
        exten = localTarget.section(u'@', 0, 0);
        if (localTarget.contains(u'@'))
            context = localTarget.section(u'@', 1);
    }
    const QString suffix = nextNameSuffix();
    const QString name = local ? QString(u"Local/"_s + localTarget + u'-' + suffix + u";1"_s)
                               : QString(technology + u'/' + resource + u'-' + suffix);
    SimChannel *channel = newChannel(id, name);
    channel->setEndpoint(technology, resource);
    channel->setDeviceName(local ? QString(u"Local/"_s + localTarget) : QString(technology + u'/' + resource));
    trackDevice(channel);
    channel->setCreatedByAri(create);
    if (create)
        channel->setDialplan(context, exten, 1, QString(), QString());
    else
        channel->setDialplan(context, exten, 1, u"AppDial2"_s, u"(Outgoing Line)"_s);
    if (!params.callerId.isEmpty()) {
        const auto [cidName, cidNumber] = parseCallerId(params.callerId);
        channel->setCaller(cidName, cidNumber);
        channel->setConnected(cidName, cidNumber);
    }
    if (!params.application.isEmpty())
        channel->subscribe(params.application);
    channel->setPlan(params.application, splitArgs(params.appArgs));

    if (local) {
        SimChannel *peer = newChannel(peerId, u"Local/"_s + localTarget + u'-' + suffix + u";2"_s);
        peer->setEndpoint(technology, resource);
        peer->setDialplan(context, exten, 1, QString(), QString());
        if (!params.callerId.isEmpty()) {
            const auto [cidName, cidNumber] = parseCallerId(params.callerId);
            peer->setCaller(cidName, cidNumber);
            peer->setConnected(cidName, cidNumber);
        }
        if (!params.application.isEmpty())
            peer->subscribe(params.application);
        peer->setPeer(channel);
        channel->setPeer(peer);
    }
    for (const VariableSetting &variable : params.variables) {
        writeVariable(channel, variable.name, variable.value, false, variable.reportEvents);
        if (SimChannel *peer = channel->peer()) {
            if (variable.name.compare(u"CHANNEL(language)"_s, Qt::CaseInsensitive) == 0)
                writeVariable(peer, variable.name, variable.value, false);
        }
    }
    result.channel = channel;
    return result;
}

SimEngine::ChannelResult SimEngine::originate(const OriginateParams &params)
{
    ChannelResult result = makeOutboundChannel(params, false);
    if (!result.channel)
        return result;
    SimChannel *channel = result.channel;
    channel->setOriginated(true);
    qCInfo(lcSim) << "originate" << channel->id() << "to" << params.endpoint << "for" << params.application;
    for (const VariableSetting &variable : params.variables) {
        QString function;
        QString argument;
        if (!splitFunction(variable.name, &function, &argument))
            publishChannelEvent(channel, SimEvents::ChannelVarset,
                                QJsonObject{{u"variable"_s, variable.name}, {u"value"_s, variable.value}});
    }
    runDial(channel, channel->resource(), params.timeoutSeconds);
    return result;
}

SimEngine::ChannelResult SimEngine::createChannel(const OriginateParams &params)
{
    ChannelResult result = makeOutboundChannel(params, true);
    if (!result.channel)
        return result;
    SimChannel *channel = result.channel;
    channel->setOriginated(true);
    if (!params.application.isEmpty()) {
        QString appData = params.application;
        if (!params.appArgs.isEmpty())
            appData += u',' + params.appArgs;
        channel->setDialplan(channel->context(), channel->exten(), 1, u"Stasis"_s, appData);
        publishVarset(channel, u"STASISSTATUS"_s, QString());
        channel->enterStasis(params.application, splitArgs(params.appArgs));
        publishChannelEvent(channel, SimEvents::StasisStart,
                            QJsonObject{{u"args"_s, QJsonArray::fromStringList(channel->stasisArgs())}});
    }
    return result;
}

SimEngine::Failure SimEngine::dial(SimChannel *channel, int timeoutSeconds)
{
    if (channel->state() != u"Down"_s && channel->state() != u"Rsrvd"_s)
        return Failure{409, u"Channel is not in the 'Down' state"_s};
    if (!channel->isCreatedByAri())
        return Failure{409, u"Dialing a channel not created by ARI"_s};
    runDial(channel, channel->resource(), timeoutSeconds);
    return {};
}

SimChannel *SimEngine::snoop(SimChannel *target, const QString &spy, const QString &whisper,
                             const QString &application, const QString &appArgs, const QString &snoopId)
{
    const QString id = snoopId.isEmpty() ? newChannelId() : snoopId;
    SimChannel *channel = newChannel(id, u"Snoop/"_s + target->id() + u'-' + nextNameSuffix());
    channel->setState(u"Up"_s);
    channel->setLanguage(target->language());
    channel->setEndpoint(u"Snoop"_s, target->id());
    channel->setDialplan(u"default"_s, u"s"_s, 1, QString(), QString());
    channel->setOriginated(true);
    channel->setSnoopTarget(target, spy, whisper);
    channel->subscribe(application);
    target->addSnoop(channel);
    qCInfo(lcSim) << "snoop" << id << "on" << target->id() << "spy" << spy << "whisper" << whisper;
    updateHearing({ target, channel });
    const QStringList args = splitArgs(appArgs);
    // Asterisk puts the snoop channel into Stasis a moment after answering the request.
    SimTimer::singleShot(m_clock, 0, channel, [this, channel, application, args] {
        if (channel->isHangingUp())
            return;
        // As in the transcript: the 200 reply shows no dialplan application, StasisStart shows
        // Stasis with the application (and its arguments) as app_data.
        QString appData = application;
        if (!args.isEmpty())
            appData += u',' + args.join(u',');
        channel->setDialplan(u"default"_s, u"s"_s, 1, u"Stasis"_s, appData);
        channel->enterStasis(application, args);
        publishChannelEvent(channel, SimEvents::StasisStart,
                            QJsonObject{{u"args"_s, QJsonArray::fromStringList(args)}});
    });
    return channel;
}

QList<SimChannel::Interval> SimEngine::audibleIntervals(SimChannel *channel) const
{
    QList<SimChannel::Interval> result;
    if (!channel)
        return result;
    SimChannel *target = channel->snoopTarget();
    if (!target) {
        if (channel->isSnoop())
            return result; // the snooped channel is gone
        return channel->talkIntervals();
    }
    const QString spy = channel->snoopSpy();
    if (spy == u"in"_s || spy == u"both"_s)
        result.append(target->talkIntervals());
    if (spy == u"out"_s || spy == u"both"_s) {
        if (const SimHeardLog *log = findHeardLog(target->heardKey())) {
            const QList<QPair<qint64, qint64>> heard = log->intervals(nowMs());
            for (const auto &interval : heard)
                result.append(SimChannel::Interval{interval.first, interval.second});
        }
    }
    std::sort(result.begin(), result.end(), [](const SimChannel::Interval &a, const SimChannel::Interval &b) {
        return a.startMs < b.startMs;
    });
    return result;
}

void SimEngine::setEndpointBehaviour(const QString &endpoint, Behaviour behaviour)
{
    m_behaviours.insert(endpoint, behaviour);
}

bool SimEngine::isDialable(const QString &technology, const QString &resource) const
{
    if (technology.compare(u"Local"_s, Qt::CaseInsensitive) == 0)
        return true;
    // Like the reference Asterisk (no SIP stack loaded), other technologies cannot allocate a
    // channel — unless the control API described how that endpoint answers.
    const QString endpoint = technology + u'/' + resource;
    if (m_behaviours.contains(endpoint))
        return true;
    const qsizetype lastSlash = endpoint.lastIndexOf(u'/');
    return lastSlash > technology.size() && m_behaviours.contains(endpoint.left(lastSlash));
}

void SimEngine::trackDevice(SimChannel *channel)
{
    const QString device = channel->deviceName();
    if (device.isEmpty())
        return;
    if (m_deviceUse[device]++ > 0)
        return;
    publishDeviceState(device, u"INUSE"_s);
}

void SimEngine::releaseDevice(SimChannel *channel)
{
    const QString device = channel->deviceName();
    const auto it = m_deviceUse.find(device);
    if (device.isEmpty() || it == m_deviceUse.end())
        return;
    if (--it.value() > 0)
        return;
    m_deviceUse.erase(it);
    publishDeviceState(device, u"NOT_INUSE"_s);
}

void SimEngine::publishDeviceState(const QString &device, const QString &state)
{
    QJsonObject event = newEvent(SimEvents::DeviceStateChanged);
    event.insert(u"device_state"_s, QJsonObject{{u"name"_s, device}, {u"state"_s, state}});
    publish(event, m_hub->deviceSubscribers(device));
}

std::optional<QString> SimEngine::controlledName(const QString &device)
{
    static const QString s_scheme = u"Stasis:"_s;
    if (!device.startsWith(s_scheme, Qt::CaseInsensitive))
        return std::nullopt;
    return device.mid(s_scheme.size());
}

QString SimEngine::deviceState(const QString &device) const
{
    if (m_deviceUse.contains(device))
        return u"INUSE"_s;
    if (const std::optional<QString> name = controlledName(device))
        return m_controlledDevices.value(*name, u"UNKNOWN"_s);
    // Like Asterisk without a SIP stack: a device of a technology it cannot dial is INVALID; the
    // simulator has no dialplan, so every Local device counts as an existing extension.
    const qsizetype slash = device.indexOf(u'/');
    if (slash <= 0 || slash == device.size() - 1)
        return u"INVALID"_s;
    return isDialable(device.left(slash), device.mid(slash + 1)) ? u"NOT_INUSE"_s : u"INVALID"_s;
}

QList<QPair<QString, QString>> SimEngine::controlledDeviceStates() const
{
    QList<QPair<QString, QString>> result;
    for (auto it = m_controlledDevices.constBegin(); it != m_controlledDevices.constEnd(); ++it)
        result.append({u"Stasis:"_s + it.key(), it.value()});
    return result;
}

SimEngine::DeviceStateResult SimEngine::setControlledDeviceState(const QString &device, const QString &state)
{
    static const QStringList s_settable{u"NOT_INUSE"_s, u"INUSE"_s, u"BUSY"_s, u"INVALID"_s,
                                        u"UNAVAILABLE"_s, u"RINGING"_s, u"RINGINUSE"_s, u"ONHOLD"_s};
    const std::optional<QString> name = controlledName(device);
    if (!name)
        return DeviceStateResult::NotControlled;
    if (name->isEmpty())
        return DeviceStateResult::MissingName;
    const QString value = state.toUpper();
    if (!s_settable.contains(value))
        return DeviceStateResult::UnknownState;
    const QString previous = m_controlledDevices.value(*name, u"UNKNOWN"_s);
    m_controlledDevices.insert(*name, value);
    qCInfo(lcSim) << "device state" << device << "set to" << value;
    if (previous != value)
        publishDeviceState(u"Stasis:"_s + *name, value);
    return DeviceStateResult::Ok;
}

SimEngine::DeviceStateResult SimEngine::deleteControlledDeviceState(const QString &device)
{
    const std::optional<QString> name = controlledName(device);
    if (!name)
        return DeviceStateResult::NotControlled;
    if (name->isEmpty())
        return DeviceStateResult::MissingName;
    // Deleting a device that was never set changes nothing and publishes nothing.
    if (m_controlledDevices.remove(*name) > 0) {
        qCInfo(lcSim) << "device state" << device << "deleted";
        publishDeviceState(u"Stasis:"_s + *name, u"UNKNOWN"_s);
    }
    return DeviceStateResult::Ok;
}

QList<QPair<QString, SimEngine::MailboxCounts>> SimEngine::mailboxes() const
{
    QList<QPair<QString, MailboxCounts>> result;
    result.reserve(m_mailboxes.size());
    for (auto it = m_mailboxes.constBegin(); it != m_mailboxes.constEnd(); ++it)
        result.append({it.key(), it.value()});
    return result;
}

std::optional<SimEngine::MailboxCounts> SimEngine::mailbox(const QString &name) const
{
    const auto it = m_mailboxes.constFind(name);
    if (it == m_mailboxes.constEnd())
        return std::nullopt;
    return *it;
}

void SimEngine::updateMailbox(const QString &name, MailboxCounts counts)
{
    m_mailboxes.insert(name, counts);
    qCInfo(lcSim).noquote() << "mailbox" << name << "now has" << counts.newMessages << "new and"
                            << counts.oldMessages << "old messages";
}

bool SimEngine::deleteMailbox(const QString &name)
{
    if (m_mailboxes.remove(name) == 0)
        return false;
    qCInfo(lcSim).noquote() << "mailbox" << name << "deleted";
    return true;
}

SimEngine::Behaviour SimEngine::endpointBehaviour(const QString &endpoint) const
{
    const auto it = m_behaviours.constFind(endpoint);
    if (it != m_behaviours.constEnd())
        return it.value();
    // "Local/ring@wait/n" also matches a behaviour set for "Local/ring@wait".
    const qsizetype slash = endpoint.indexOf(u'/');
    const qsizetype lastSlash = endpoint.lastIndexOf(u'/');
    if (lastSlash > slash && slash >= 0)
        return m_behaviours.value(endpoint.left(lastSlash), Behaviour::Answer);
    return Behaviour::Answer;
}

void SimEngine::publishDial(SimChannel *channel, const QString &status, const QString &dialString)
{
    QJsonObject event = newEvent(SimEvents::Dial);
    event.insert(u"dialstatus"_s, status);
    event.insert(u"forward"_s, QString());
    event.insert(u"dialstring"_s, dialString);
    event.insert(u"peer"_s, channel->toJson());
    publish(event, channel->applications());
}

void SimEngine::setChannelState(SimChannel *channel, const QString &state)
{
    if (channel->state() == state)
        return;
    channel->setState(state);
    publishChannelEvent(channel, SimEvents::ChannelStateChange);
}

void SimEngine::runDial(SimChannel *channel, const QString &dialString, int timeoutSeconds)
{
    publishDial(channel, QString(), dialString);
    const QString endpoint = channel->technology() + u'/' + channel->resource();
    switch (endpointBehaviour(endpoint)) {
    case Behaviour::Answer:
        SimTimer::singleShot(m_clock, s_answerDelayMs, channel, [this, channel, dialString] {
            if (!channel->isHangingUp())
                answerOriginated(channel, dialString);
        });
        return;
    case Behaviour::Ring:
        setChannelState(channel, u"Ringing"_s);
        publishDial(channel, u"RINGING"_s, dialString);
        if (timeoutSeconds != -1) { // -1: ring for ever
            const qint64 timeoutMs = (timeoutSeconds > 0 ? timeoutSeconds : 30) * qint64(1000);
            SimTimer::singleShot(m_clock, timeoutMs, channel, [this, channel] {
                hangup(channel, HangupOrigin::Network, 19);
            });
        }
        return;
    case Behaviour::Busy:
        // After the REST reply, like Asterisk's dial thread. With a Local pair the dialled half
        // ends with cause 0 ("Unknown"), the busy half with 17.
        SimTimer::singleShot(m_clock, 0, channel, [this, channel, dialString] {
            if (channel->isHangingUp())
                return;
            SimChannel *peer = channel->peer();
            if (peer)
                setChannelState(peer, u"Busy"_s);
            publishDial(channel, u"BUSY"_s, dialString);
            channel->setHangingUp();
            destroyChannel(channel, peer ? 0 : 17, 17);
        });
        return;
    }
}

void SimEngine::answerOriginated(SimChannel *channel, const QString &dialString)
{
    if (SimChannel *peer = channel->peer())
        setChannelState(peer, u"Up"_s);
    setChannelState(channel, u"Up"_s);
    publishDial(channel, u"ANSWER"_s, dialString);
    if (channel->inStasis() || channel->plannedApplication().isEmpty())
        return;
    const QString application = channel->plannedApplication();
    const QStringList args = channel->plannedArgs();
    publishVarset(channel, u"STASISSTATUS"_s, QString());
    QString appData = application;
    if (!args.isEmpty())
        appData += u',' + args.join(u',');
    channel->setDialplan(channel->context(), channel->exten(), 1, u"Stasis"_s, appData);
    channel->enterStasis(application, args);
    publishChannelEvent(channel, SimEvents::StasisStart,
                        QJsonObject{{u"args"_s, QJsonArray::fromStringList(args)}});
}

void SimEngine::answer(SimChannel *channel)
{
    setChannelState(channel, u"Up"_s);
}

void SimEngine::hangup(SimChannel *channel, HangupOrigin origin, int cause)
{
    if (!channel || channel->isHangingUp())
        return;
    channel->setHangingUp();
    qCInfo(lcSim) << "hang-up of" << channel->id() << "cause" << cause;
    switch (origin) {
    case HangupOrigin::Caller:
        publishChannelEvent(channel, SimEvents::ChannelHangupRequest, QJsonObject{{u"cause"_s, 16}});
        cause = 16;
        break;
    case HangupOrigin::Application:
        publishChannelEvent(channel, SimEvents::ChannelHangupRequest,
                            QJsonObject{{u"cause"_s, 32}, {u"soft"_s, true}});
        break;
    case HangupOrigin::Network:
        break;
    }
    destroyChannel(channel, cause);
}

void SimEngine::destroyChannel(SimChannel *channel, int cause, int peerCause)
{
    const QList<SimChannel *> snoops = channel->snoops();
    for (SimChannel *snoop : snoops)
        hangup(snoop, HangupOrigin::Network, cause);
    leaveBridge(channel, true);
    stopMusicOnHold(channel);
    channel->mediaQueue()->abortAll();
    // Nobody hears it any more, it hears nobody (a snoop: its whisper ends).
    updateHearing({ channel, channel->snoopTarget() });
    if (channel->inStasis()) {
        const QString application = channel->stasisApp();
        publishChannelEvent(channel, SimEvents::StasisEnd);
        channel->leaveStasis();
        if (channel->isOriginated())
            publishVarset(channel, u"STASISSTATUS"_s, u"SUCCESS"_s);
        else
            channel->unsubscribe(application); // dialplan channels leave the app before dying
    }
    publishChannelEvent(channel, SimEvents::ChannelDestroyed,
                        QJsonObject{{u"cause"_s, cause}, {u"cause_txt"_s, causeText(cause)}});
    m_channels.remove(channel->id());
    m_channelOrder.remove(channel->sequence());
    releaseDevice(channel);
    SimChannel *peer = channel->peer();
    channel->setPeer(nullptr);
    channel->deleteLater();
    if (peer && !peer->isHangingUp()) {
        peer->setHangingUp();
        peer->setPeer(nullptr);
        destroyChannel(peer, peerCause >= 0 ? peerCause : cause);
    }
}

void SimEngine::sendCallerDtmf(SimChannel *channel, const QString &digits, int betweenMs, int durationMs)
{
    static const QString valid = u"0123456789*#ABCD"_s;
    QList<SimChannel::Dtmf> keys;
    for (const QChar c : digits) {
        const QChar digit = c.toUpper();
        if (valid.contains(digit))
            keys.append(SimChannel::Dtmf{digit, durationMs > 0 ? durationMs : 100, betweenMs >= 0 ? betweenMs : 100});
    }
    channel->queueDtmf(keys);
}

void SimEngine::onCallerDtmf(SimChannel *channel, const QString &digit, int durationMs)
{
    if (channel->isHangingUp())
        return;
    publishChannelEvent(channel, SimEvents::ChannelDtmfReceived,
                        QJsonObject{{u"digit"_s, digit}, {u"duration_ms"_s, durationMs}});
    if (auto *recording = qobject_cast<SimLiveRecording *>(channel->mediaQueue()->current()))
        recording->onDtmf(digit);
}

void SimEngine::startMusicOnHold(SimChannel *channel, const QString &mohClass)
{
    const QString effective = mohClass.isEmpty() ? u"default"_s : mohClass;
    if (channel->hasMusicOnHold()) {
        if (channel->musicOnHoldClass() == effective)
            return;
        stopMusicOnHold(channel);
    }
    const int entry = heardLog(channel->heardKey())->addMusicOnHold(effective, nowMs());
    channel->setMusicOnHold(effective, entry);
}

void SimEngine::stopMusicOnHold(SimChannel *channel)
{
    if (!channel->hasMusicOnHold())
        return;
    heardLog(channel->heardKey())->finish(channel->musicOnHoldEntry(), nowMs(), SimHeardLog::End::Stopped);
    channel->clearMusicOnHold();
}

std::optional<QString> SimEngine::readVariable(SimChannel *channel, const QString &name,
                                               int *errorStatus) const
{
    QString function;
    QString argument;
    if (name.endsWith(u')')) {
        if (splitFunction(name, &function, &argument)) {
            if (function == u"CHANNEL"_s) {
                if (argument == u"language"_s)
                    return channel->language();
                if (argument == u"state"_s)
                    return channel->state();
                if (argument == u"name"_s)
                    return channel->name();
                if (argument == u"uniqueid"_s)
                    return channel->id();
                if (argument == u"channeltype"_s)
                    return channel->technology();
            } else if (function == u"CALLERID"_s) {
                if (argument == u"name"_s)
                    return channel->callerName();
                if (argument == u"num"_s || argument == u"number"_s)
                    return channel->callerNumber();
                if (argument == u"all"_s)
                    return u"\""_s + channel->callerName() + u"\" <"_s + channel->callerNumber() + u'>';
            }
        }
        *errorStatus = 500;
        return std::nullopt;
    }
    if (!channel->hasVariable(name)) {
        *errorStatus = 404;
        return std::nullopt;
    }
    return channel->variable(name);
}

bool SimEngine::writeVariable(SimChannel *channel, const QString &name, const QString &value,
                              bool publishEvent, bool reportEvents)
{
    QString function;
    QString argument;
    if (splitFunction(name, &function, &argument)) {
        if (function == u"CHANNEL"_s && argument == u"language"_s) {
            channel->setLanguage(value);
            return true;
        }
        if (function == u"CALLERID"_s) {
            if (argument == u"name"_s) {
                channel->setCaller(value, channel->callerNumber());
                return true;
            }
            if (argument == u"num"_s || argument == u"number"_s) {
                channel->setCaller(channel->callerName(), value);
                return true;
            }
            if (argument == u"all"_s) {
                const auto [cidName, cidNumber] = parseCallerId(value);
                channel->setCaller(cidName, cidNumber);
                return true;
            }
        }
        return false;
    }
    if (reportEvents)
        channel->reportVariable(name);
    if (publishEvent)
        publishVarset(channel, name, value);
    else
        channel->setVariable(name, value);
    return true;
}

// ---------------------------------------------------------------------------------------------
// Playbacks and recordings

SimEngine::PlayResult SimEngine::play(SimChannel *channel, SimBridge *bridge, const QString &playbackId,
                                      const QStringList &media, const QString &language, qint64 skipMs,
                                      qint64 offsetMs)
{
    const QString id = playbackId.isEmpty() ? newUuid() : playbackId;
    auto *playback = new SimPlayback(this, id, media, language, channel, bridge, skipMs, offsetMs, this);
    registerPlayback(playback);
    PlayResult result{playback, playback->toJson()};
    qCDebug(lcSim) << "playback" << id << media << "on" << playback->targetUri();
    if (channel)
        channel->mediaQueue()->enqueue(playback);
    else if (bridge)
        bridge->mediaQueue()->enqueue(playback);
    return result;
}

void SimEngine::registerPlayback(SimPlayback *playback)
{
    m_playbacks[playback->id()].append(playback);
    m_allPlaybacks.insert(playback);
    connect(playback, &SimMediaTask::finished, this, [this, playback] { onPlaybackFinished(playback); });
}

void SimEngine::onPlaybackFinished(SimPlayback *playback)
{
    const auto it = m_playbacks.find(playback->id());
    if (it != m_playbacks.end()) {
        it->removeOne(playback);
        if (it->isEmpty())
            m_playbacks.erase(it);
    }
    m_allPlaybacks.remove(playback);
    playback->deleteLater();
}

bool SimEngine::isRecordingNameBusy(const QString &name) const
{
    return m_liveRecordings.contains(name) || m_releasingRecordings.contains(name);
}

SimEngine::RecordResult SimEngine::record(SimChannel *channel, SimBridge *bridge,
                                          SimLiveRecording::Options options)
{
    RecordResult result;
    const std::optional<QString> normalized = RecordingStore::normalizeName(options.requestedName);
    if (!normalized) {
        result.failure = Failure{500, u"Error parsing request"_s};
        return result;
    }
    options.name = *normalized;
    if (!RecordingStore::isWritableFormat(options.format)) {
        result.failure = Failure{422, u"specified format is unknown on this system"_s};
        return result;
    }
    const QString exists = u"Recording '%1' already exists and can not be overwritten"_s.arg(options.requestedName);
    if (isRecordingNameBusy(options.name)
        || (options.ifExists == SimLiveRecording::IfExists::Fail && m_recordings->exists(options.name))) {
        result.failure = Failure{409, exists};
        return result;
    }
    auto *recording = new SimLiveRecording(this, options, channel, bridge, this);
    m_liveRecordings.insert(options.name, recording);
    connect(recording, &SimMediaTask::finished, this, [this, recording] { onRecordingFinished(recording); });
    result.recording = recording;
    result.json = recording->toJson();
    qCDebug(lcSim) << "recording" << options.name << "on" << recording->targetUri();
    if (channel) {
        channel->mediaQueue()->enqueue(recording);
    } else if (bridge) {
        bridge->addRecording(recording);
        recording->begin();
    }
    return result;
}

void SimEngine::onRecordingFinished(SimLiveRecording *recording)
{
    const QString name = recording->name();
    if (m_liveRecordings.value(name) == recording) {
        m_liveRecordings.remove(name);
        if (m_settings.reproduceRecordingReleaseRace) {
            m_releasingRecordings.insert(name);
            QTimer::singleShot(s_recordingReleaseDelayMs, this, [this, name] { m_releasingRecordings.remove(name); });
        }
    }
    recording->deleteLater();
}

// ---------------------------------------------------------------------------------------------
// Bridges

SimEngine::BridgeResult SimEngine::createBridge(const QString &bridgeId, const QString &type,
                                                const QString &name)
{
    static const QStringList validTypes{u"mixing"_s, u"holding"_s, u"dtmf_events"_s, u"proxy_media"_s,
                                        u"video_sfu"_s, u"video_single"_s, u"sdp_label"_s};
    BridgeResult result;
    if (!bridgeId.isEmpty() && m_bridges.contains(bridgeId)) {
        result.failure = Failure{409, u"Bridge with id '%1' already exists"_s.arg(bridgeId)};
        return result;
    }
    QStringList types;
    const QStringList parts = type.split(u',', Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        const QString trimmed = part.trimmed();
        if (!validTypes.contains(trimmed)) {
            result.failure = Failure{500, u"Unable to create bridge. Possible duplicate bridge id '%1'"_s.arg(
                                              bridgeId.isEmpty() ? u"(null)"_s : bridgeId)};
            return result;
        }
        types.append(trimmed);
    }
    if (types.isEmpty())
        types.append(u"mixing"_s);
    const QString id = bridgeId.isEmpty() ? newUuid() : bridgeId;
    auto *bridge = new SimBridge(id, name, types, now(), this);
    bridge->setSequence(++m_sequence);
    m_bridges.insert(id, bridge);
    m_bridgeOrder.insert(bridge->sequence(), bridge);
    qCInfo(lcSim) << "bridge" << id << "created" << types;
    QJsonObject event = newEvent(SimEvents::BridgeCreated);
    event.insert(u"bridge"_s, bridge->toJson());
    m_hub->publishToSubscribeAll(event);
    result.bridge = bridge;
    return result;
}

void SimEngine::updateBridgePeers(SimBridge *bridge)
{
    const QList<SimChannel *> members = bridge->members();
    if (members.size() < 2)
        return;
    for (SimChannel *member : members) {
        QStringList others;
        for (SimChannel *other : members) {
            if (other != member)
                others.append(other->name());
        }
        publishVarset(member, u"BRIDGEPEER"_s, others.join(u','));
    }
}

void SimEngine::leaveBridge(SimChannel *channel, bool updatePeers)
{
    SimBridge *bridge = channel->bridge();
    if (!bridge)
        return;
    if (bridge->members().size() >= 2)
        publishVarset(channel, u"BRIDGEPEER"_s, QString());
    bridge->removeMember(channel);
    channel->setBridge(nullptr);
    QJsonObject event = newEvent(SimEvents::ChannelLeftBridge);
    event.insert(u"bridge"_s, bridge->toJson());
    event.insert(u"channel"_s, channel->toJson());
    publish(event, channel->applications() | bridge->applications());
    if (updatePeers)
        updateBridgePeers(bridge);
    QList<SimChannel *> changed = bridge->members();
    changed.append(channel);
    updateHearing(changed);
}

void SimEngine::addToBridge(SimBridge *bridge, const QList<SimChannel *> &channels)
{
    for (SimChannel *channel : channels) {
        if (channel->bridge())
            leaveBridge(channel, channel->bridge() != bridge);
        bridge->addMember(channel);
        channel->setBridge(bridge);
        for (const QString &application : channel->applications())
            bridge->subscribe(application);
        QJsonObject event = newEvent(SimEvents::ChannelEnteredBridge);
        event.insert(u"bridge"_s, bridge->toJson());
        event.insert(u"channel"_s, channel->toJson());
        publish(event, channel->applications() | bridge->applications());
    }
    updateBridgePeers(bridge);
    updateHearing(bridge->members());
}

QSet<QString> SimEngine::voicesWhisperedBy(SimChannel *snoop, QSet<const SimChannel *> &visiting) const
{
    // What the snoop channel is given: the voices of the others in its bridge.
    QSet<QString> result;
    SimBridge *bridge = snoop->bridge();
    if (!bridge || snoop->isHangingUp() || visiting.contains(snoop))
        return result;
    visiting.insert(snoop);
    const QList<SimChannel *> members = bridge->members();
    for (SimChannel *member : members) {
        if (member != snoop)
            result |= voicesSent(member, visiting);
    }
    visiting.remove(snoop);
    return result;
}

QSet<QString> SimEngine::voicesSent(SimChannel *channel, QSet<const SimChannel *> &visiting) const
{
    QSet<QString> result;
    if (!channel || channel->isHangingUp() || visiting.contains(channel))
        return result;
    if (channel->isSnoop()) {
        // A snoop channel sends what it spies on (before its own whisper is mixed in, like
        // Asterisk's audiohooks: the spy reads first).
        SimChannel *target = channel->snoopTarget();
        const QString spy = channel->snoopSpy();
        visiting.insert(channel);
        if (spy == u"in"_s || spy == u"both"_s)
            result |= voicesSent(target, visiting);
        if (spy == u"out"_s || spy == u"both"_s)
            result |= voicesDelivered(target, visiting);
        visiting.remove(channel);
        return result;
    }
    result.insert(channel->id());
    const QList<SimChannel *> snoops = channel->snoops();
    for (SimChannel *snoop : snoops) {
        const QString whisper = snoop->snoopWhisper();
        if (whisper == u"in"_s || whisper == u"both"_s)
            result |= voicesWhisperedBy(snoop, visiting);
    }
    return result;
}

QSet<QString> SimEngine::voicesDelivered(SimChannel *channel, QSet<const SimChannel *> &visiting) const
{
    QSet<QString> result;
    if (!channel || channel->isHangingUp())
        return result;
    if (SimBridge *bridge = channel->bridge()) {
        const QList<SimChannel *> members = bridge->members();
        for (SimChannel *member : members) {
            if (member != channel)
                result |= voicesSent(member, visiting);
        }
    }
    const QList<SimChannel *> snoops = channel->snoops();
    for (SimChannel *snoop : snoops) {
        const QString whisper = snoop->snoopWhisper();
        if (whisper == u"out"_s || whisper == u"both"_s)
            result |= voicesWhisperedBy(snoop, visiting);
    }
    return result;
}

void SimEngine::updateHearing(const QList<SimChannel *> &changed)
{
    // Everyone connected to the changed channels by a bridge or a snoop may hear differently now.
    QSet<SimChannel *> reached;
    QList<SimChannel *> pending;
    for (SimChannel *channel : changed) {
        if (channel && !reached.contains(channel)) {
            reached.insert(channel);
            pending.append(channel);
        }
    }
    while (!pending.isEmpty()) {
        SimChannel *channel = pending.takeLast();
        QList<SimChannel *> neighbours = channel->snoops();
        neighbours.append(channel->snoopTarget());
        if (SimBridge *bridge = channel->bridge())
            neighbours.append(bridge->members());
        for (SimChannel *neighbour : std::as_const(neighbours)) {
            if (neighbour && !reached.contains(neighbour)) {
                reached.insert(neighbour);
                pending.append(neighbour);
            }
        }
    }
    const qint64 now = nowMs();
    for (SimChannel *channel : std::as_const(reached)) {
        if (channel->isSnoop())
            continue; // no far end of its own
        QSet<const SimChannel *> visiting;
        QSet<QString> voices = voicesDelivered(channel, visiting);
        voices.remove(channel->id());
        QHash<QString, int> &entries = channel->voiceEntries();
        if (entries.isEmpty() && voices.isEmpty())
            continue;
        SimHeardLog *log = heardLog(channel->heardKey());
        for (auto it = entries.begin(); it != entries.end();) {
            if (voices.contains(it.key())) {
                voices.remove(it.key());
                ++it;
                continue;
            }
            log->finish(it.value(), now, SimHeardLog::End::Stopped);
            it = entries.erase(it);
        }
        QStringList added(voices.cbegin(), voices.cend());
        added.sort(); // one order whatever the hash's
        for (const QString &speaker : std::as_const(added))
            entries.insert(speaker, log->addVoice(speaker, now));
    }
}

void SimEngine::removeFromBridge(SimBridge *bridge, SimChannel *channel)
{
    if (channel->bridge() == bridge)
        leaveBridge(channel, true);
}

void SimEngine::destroyBridge(SimBridge *bridge)
{
    const QList<SimChannel *> members = bridge->members();
    for (SimChannel *member : members)
        leaveBridge(member, false);
    stopBridgeMusicOnHold(bridge);
    bridge->mediaQueue()->abortAll();
    const QList<SimLiveRecording *> recordings = bridge->recordings();
    for (SimLiveRecording *recording : recordings)
        recording->abortRunning();
    QJsonObject event = newEvent(SimEvents::BridgeDestroyed);
    event.insert(u"bridge"_s, bridge->toJson());
    publish(event, bridge->applications());
    m_bridges.remove(bridge->id());
    m_bridgeOrder.remove(bridge->sequence());
    qCInfo(lcSim) << "bridge" << bridge->id() << "destroyed";
    bridge->deleteLater();
}

void SimEngine::discardAll()
{
    const QList<SimChannel *> channels = m_channelOrder.values();
    for (SimChannel *channel : channels)
        hangup(channel, HangupOrigin::Network);
    const QList<SimBridge *> bridges = m_bridgeOrder.values();
    for (SimBridge *bridge : bridges)
        destroyBridge(bridge);
    qCInfo(lcSim) << "every channel and bridge discarded (restart)";
}

void SimEngine::loseChannel(SimChannel *channel)
{
    const QString id = channel->id();
    m_silent = true;
    hangup(channel, HangupOrigin::Network);
    m_silent = false;
    qCInfo(lcSim) << "channel" << id << "lost without an event (fault)";
}

void SimEngine::startBridgeMusicOnHold(SimBridge *bridge, const QString &mohClass)
{
    stopBridgeMusicOnHold(bridge);
    const QString effective = mohClass.isEmpty() ? u"default"_s : mohClass;
    const int entry = heardLog(bridge->heardKey())->addMusicOnHold(effective, nowMs());
    bridge->setMusicOnHold(effective, entry);
}

bool SimEngine::stopBridgeMusicOnHold(SimBridge *bridge)
{
    if (!bridge->hasMusicOnHold())
        return false;
    heardLog(bridge->heardKey())->finish(bridge->musicOnHoldEntry(), nowMs(), SimHeardLog::End::Stopped);
    bridge->clearMusicOnHold();
    return true;
}

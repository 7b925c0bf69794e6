#include "core/ari/AriEvent.h"

#include "core/ari/model/Bridge.h"
#include "core/ari/model/Channel.h"
#include "core/ari/model/LiveRecording.h"
#include "core/ari/model/ModelJson.h"
#include "core/ari/model/Playback.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace {

using NamedType = std::pair<AriEvent::Type, QLatin1StringView>;

// The names ARI uses on the wire for the types we know (events.json).
constexpr std::array s_typeNames{
    NamedType{AriEvent::Type::StasisStart, "StasisStart"_L1},
    NamedType{AriEvent::Type::StasisEnd, "StasisEnd"_L1},
    NamedType{AriEvent::Type::ChannelCreated, "ChannelCreated"_L1},
    NamedType{AriEvent::Type::ChannelDestroyed, "ChannelDestroyed"_L1},
    NamedType{AriEvent::Type::ChannelStateChange, "ChannelStateChange"_L1},
    NamedType{AriEvent::Type::ChannelHangupRequest, "ChannelHangupRequest"_L1},
    NamedType{AriEvent::Type::ChannelDtmfReceived, "ChannelDtmfReceived"_L1},
    NamedType{AriEvent::Type::ChannelVarset, "ChannelVarset"_L1},
    NamedType{AriEvent::Type::ChannelDialplan, "ChannelDialplan"_L1},
    NamedType{AriEvent::Type::ChannelEnteredBridge, "ChannelEnteredBridge"_L1},
    NamedType{AriEvent::Type::ChannelLeftBridge, "ChannelLeftBridge"_L1},
    NamedType{AriEvent::Type::Dial, "Dial"_L1},
    NamedType{AriEvent::Type::PlaybackStarted, "PlaybackStarted"_L1},
    NamedType{AriEvent::Type::PlaybackContinuing, "PlaybackContinuing"_L1},
    NamedType{AriEvent::Type::PlaybackFinished, "PlaybackFinished"_L1},
    NamedType{AriEvent::Type::RecordingStarted, "RecordingStarted"_L1},
    NamedType{AriEvent::Type::RecordingFinished, "RecordingFinished"_L1},
    NamedType{AriEvent::Type::RecordingFailed, "RecordingFailed"_L1},
    NamedType{AriEvent::Type::BridgeCreated, "BridgeCreated"_L1},
    NamedType{AriEvent::Type::BridgeDestroyed, "BridgeDestroyed"_L1},
    NamedType{AriEvent::Type::ApplicationReplaced, "ApplicationReplaced"_L1},
    NamedType{AriEvent::Type::DeviceStateChanged, "DeviceStateChanged"_L1},
};

const QHash<QString, AriEvent::Type> &typesByName()
{
    static const QHash<QString, AriEvent::Type> s_byName = [] {
        QHash<QString, AriEvent::Type> byName;
        byName.reserve(qsizetype(s_typeNames.size()));
        for (const auto &[type, name] : s_typeNames)
            byName.insert(QString(name), type);
        return byName;
    }();
    return s_byName;
}

AriEvent::Type typeOf(const QString &name)
{
    return typesByName().value(name, AriEvent::Type::Unknown);
}

QString idOf(const QJsonObject &event, QLatin1StringView member, QLatin1StringView key)
{
    return event.value(member).toObject().value(key).toString();
}

} // namespace

bool AriEvent::parse(const QByteArray &frame, AriEvent *event, QString *error)
{
    const auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        if (event)
            *event = AriEvent();
        return false;
    };
    if (!event)
        return fail(u"no event to fill"_s);

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(frame, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(u"not valid JSON: %1 at offset %2"_s.arg(parseError.errorString()).arg(parseError.offset));
    if (!document.isObject())
        return fail(u"not a JSON object"_s);
    const QJsonObject object = document.object();
    const QJsonValue type = object.value("type"_L1);
    if (!type.isString())
        return fail(u"no \"type\" string in the event"_s);
    if (type.toString().isEmpty())
        return fail(u"empty \"type\" in the event"_s);

    *event = fromJson(object);
    if (error)
        error->clear();
    return true;
}

AriEvent AriEvent::fromJson(const QJsonObject &object)
{
    AriEvent event;
    event.m_raw = object;
    event.m_typeName = object.value("type"_L1).toString();
    event.m_type = typeOf(event.m_typeName);

    // Routing keys, read once. Dial names the channel being dialled "peer" (the channel the
    // application created or originated); every other event names its channel "channel".
    if (event.m_type == Type::Dial)
        event.m_channelId = idOf(object, "peer"_L1, "id"_L1);
    else
        event.m_channelId = idOf(object, "channel"_L1, "id"_L1);
    event.m_playbackId = idOf(object, "playback"_L1, "id"_L1);
    event.m_bridgeId = idOf(object, "bridge"_L1, "id"_L1);
    event.m_recordingName = idOf(object, "recording"_L1, "name"_L1);
    return event;
}

AriEvent::Type AriEvent::typeFromName(QStringView name)
{
    return typeOf(name.toString());
}

QString AriEvent::typeName(Type type)
{
    for (const auto &[known, name] : s_typeNames) {
        if (known == type)
            return QString(name);
    }
    return u"Unknown"_s;
}

QString AriEvent::application() const
{
    return m_raw.value("application"_L1).toString();
}

QDateTime AriEvent::timestamp() const
{
    return ModelJson::dateTime(m_raw.value("timestamp"_L1));
}

Channel AriEvent::channel() const
{
    if (m_type == Type::Dial)
        return Channel::fromJson(m_raw.value("peer"_L1).toObject());
    return Channel::fromJson(m_raw.value("channel"_L1).toObject());
}

Channel AriEvent::dialCaller() const
{
    return Channel::fromJson(m_raw.value("caller"_L1).toObject());
}

QString AriEvent::dialStatus() const
{
    return m_raw.value("dialstatus"_L1).toString();
}

Bridge AriEvent::bridge() const
{
    return Bridge::fromJson(m_raw.value("bridge"_L1).toObject());
}

Playback AriEvent::playback() const
{
    return Playback::fromJson(m_raw.value("playback"_L1).toObject());
}

LiveRecording AriEvent::recording() const
{
    return LiveRecording::fromJson(m_raw.value("recording"_L1).toObject());
}

QStringList AriEvent::args() const
{
    return ModelJson::stringList(m_raw.value("args"_L1));
}

QString AriEvent::digit() const
{
    return m_raw.value("digit"_L1).toString();
}

int AriEvent::durationMs() const
{
    return m_raw.value("duration_ms"_L1).toInt();
}

int AriEvent::cause() const
{
    return m_raw.value("cause"_L1).toInt();
}

QString AriEvent::causeText() const
{
    return m_raw.value("cause_txt"_L1).toString();
}

bool AriEvent::soft() const
{
    return m_raw.value("soft"_L1).toBool();
}

QString AriEvent::variable() const
{
    return m_raw.value("variable"_L1).toString();
}

QString AriEvent::value() const
{
    return m_raw.value("value"_L1).toString();
}

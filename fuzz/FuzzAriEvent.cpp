// libFuzzer target: one WebSocket text frame of the ARI event stream, parsed as the event stream
// does (AriEvent::parse), then read through every accessor the router, the applications and the
// socket transport use.
#include "core/ari/AriEvent.h"
#include "core/ari/model/Bridge.h"
#include "core/ari/model/Channel.h"
#include "core/ari/model/LiveRecording.h"
#include "core/ari/model/Playback.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray frame = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    AriEvent event;
    QString error;
    if (!AriEvent::parse(frame, &event, &error)) {
        // A refused frame always says why, and leaves an empty event behind.
        if (error.isEmpty() || event.type() != AriEvent::Type::Unknown || !event.typeName().isEmpty())
            __builtin_trap();
        return 0;
    }
    if (event.typeName().isEmpty())
        __builtin_trap();
    if (AriEvent::typeFromName(event.typeName()) != event.type())
        __builtin_trap();
    if (event.type() != AriEvent::Type::Unknown && AriEvent::typeName(event.type()) != event.typeName())
        __builtin_trap();

    (void)event.application();
    (void)event.timestamp().isValid();
    const Channel channel = event.channel();
    if (event.channelId() != channel.id)
        __builtin_trap();
    (void)event.dialCaller();
    if (event.bridgeId() != event.bridge().id)
        __builtin_trap();
    if (event.playbackId() != event.playback().id)
        __builtin_trap();
    if (event.recordingName() != event.recording().name)
        __builtin_trap();
    (void)event.args();
    (void)event.digit();
    (void)event.durationMs();
    (void)event.cause();
    (void)event.causeText();
    (void)event.soft();
    (void)event.variable();
    (void)event.value();
    (void)event.dialStatus();
    // Every member through the view the REST answers are read with, and the whole frame as Qt's types.
    const JsonObjectView members = event.members();
    if (members.string(QLatin1StringView("type")) != event.typeName())
        __builtin_trap();
    (void)members.utf8(QLatin1StringView("message_body"));
    (void)members.toInt(QLatin1StringView("status_code"));
    (void)members.optionalInt(QLatin1StringView("duration"));
    if (event.raw().value(QLatin1StringView("type")).toString() != event.typeName())
        __builtin_trap();

    // Against Qt's own reading of the frame, where Qt takes it: the type, the routing keys and the
    // numbers read alike. Skipped when the frame escapes a surrogate (an unpaired one is kept as
    // "?" in the tree, as UTF-16 by Qt).
    QJsonParseError qtError;
    const QJsonDocument qt = QJsonDocument::fromJson(frame, &qtError);
    if (qtError.error == QJsonParseError::NoError && qt.isObject() && !frame.contains("\\ud")
        && !frame.contains("\\uD")) {
        const QJsonObject object = qt.object();
        const auto idOf = [&](const char *member, const char *key) {
            return object.value(QLatin1StringView(member)).toObject().value(QLatin1StringView(key)).toString();
        };
        if (event.typeName() != object.value(QLatin1StringView("type")).toString()
            || event.channelId() != idOf(event.type() == AriEvent::Type::Dial ? "peer" : "channel", "id")
            || event.playbackId() != idOf("playback", "id") || event.bridgeId() != idOf("bridge", "id")
            || event.recordingName() != idOf("recording", "name")
            || event.durationMs() != object.value(QLatin1StringView("duration_ms")).toInt()
            || event.cause() != object.value(QLatin1StringView("cause")).toInt()
            || event.soft() != object.value(QLatin1StringView("soft")).toBool())
            __builtin_trap();
    }
    return 0;
}

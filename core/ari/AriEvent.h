#pragma once

#include "core/ari/model/JsonObjectView.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>

struct Channel;
struct Bridge;
struct Playback;
struct LiveRecording;

// One frame of the ARI WebSocket (SPEC AR-3): an event, or the answer to a REST request sent on
// the socket (RESTResponse, CN-1). The frame is parsed once into a compact read-only tree that the
// copies of an event share; the type and the routing keys (channel id, playback id, bridge id,
// recording name) are extracted then, everything else is read from the tree on demand. A frame of
// a type we do not know is kept whole (type Unknown, typeName() and raw() intact), never dropped.
class AriEvent
{
public:
    enum class Type {
        Unknown,
        StasisStart,
        StasisEnd,
        ChannelCreated,
        ChannelDestroyed,
        ChannelStateChange,
        ChannelHangupRequest,
        ChannelDtmfReceived,
        ChannelVarset,
        ChannelDialplan,
        ChannelEnteredBridge,
        ChannelLeftBridge,
        Dial,
        PlaybackStarted,
        PlaybackContinuing,
        PlaybackFinished,
        RecordingStarted,
        RecordingFinished,
        RecordingFailed,
        BridgeCreated,
        BridgeDestroyed,
        ApplicationReplaced,
        DeviceStateChanged,
        RestResponse, // not an event: the answer to a REST request sent on the socket
    };

    AriEvent() = default;

    // Parses one WebSocket text frame. Returns false (and leaves a message in *error) for a frame
    // that is not a JSON object with a non-empty string "type".
    static bool parse(const QByteArray &frame, AriEvent *event, QString *error);
    // The same from an object already parsed (tests, replays); no member is required.
    static AriEvent fromJson(const QJsonObject &object);

    // Frames RapidJSON refused and Qt's parser read instead (or refused), since the start.
    static quint64 framesReadByQt() { return s_framesReadByQt.load(std::memory_order_relaxed); }

    static Type typeFromName(QStringView name);
    static QString typeName(Type type);

    Type type() const { return m_type; }
    QString typeName() const { return m_typeName; }
    // The whole frame as a QJsonObject, built on each call: for what no accessor reads.
    QJsonObject raw() const;
    QString application() const;
    QDateTime timestamp() const;

    // Routing keys; empty when the event has none.
    const QString &channelId() const { return m_channelId; }
    const QString &playbackId() const { return m_playbackId; }
    const QString &bridgeId() const { return m_bridgeId; }
    const QString &recordingName() const { return m_recordingName; }

    // Typed parts. Absent or mistyped parts read as empty / 0 / false.
    Channel channel() const;    // the event's channel; for Dial the dialled channel ("peer")
    Bridge bridge() const;
    Playback playback() const;
    LiveRecording recording() const;
    QStringList args() const;   // StasisStart
    QString digit() const;      // ChannelDtmfReceived
    int durationMs() const;     // ChannelDtmfReceived
    int cause() const;          // ChannelHangupRequest / ChannelDestroyed
    QString causeText() const;  // ChannelDestroyed ("cause_txt")
    bool soft() const;          // ChannelHangupRequest
    QString variable() const;   // ChannelVarset
    QString value() const;      // ChannelVarset
    QString dialStatus() const; // Dial: "" while dialling, then RINGING, ANSWER, BUSY, ...
    Channel dialCaller() const; // Dial: the calling channel, when there is one

    // Every member of the frame, read as QJsonValue's to…() would read it: for what no accessor
    // above reads (a RESTResponse's transaction_id, request_id, status_code, message_body, …).
    // Valid as long as this event or a copy of it lives.
    JsonObjectView members() const;

private:
    class Tree;

    void readKeys();

    static std::atomic<quint64> s_framesReadByQt;

    std::shared_ptr<const Tree> m_tree;
    Type m_type = Type::Unknown;
    QString m_typeName;
    QString m_channelId;
    QString m_playbackId;
    QString m_bridgeId;
    QString m_recordingName;
};

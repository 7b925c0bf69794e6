#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

struct Channel;
struct Bridge;
struct Playback;
struct LiveRecording;

// One event from the ARI WebSocket (SPEC AR-3). Parsing is done once: the type and the routing
// keys (channel id, playback id, bridge id, recording name) are extracted; typed objects are read
// from the raw JSON on demand. An event of a type we do not know is kept whole (type Unknown,
// typeName() and raw() intact), never dropped.
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
    };

    AriEvent() = default;
    // Parses one WebSocket text frame. Returns false (and leaves a message in *error) for a frame
    // that is not a JSON object with a string "type".
    static bool parse(const QByteArray &frame, AriEvent *event, QString *error);
    static AriEvent fromJson(const QJsonObject &object);

    static Type typeFromName(QStringView name);
    static QString typeName(Type type);

    Type type() const { return m_type; }
    QString typeName() const { return m_typeName; }
    const QJsonObject &raw() const { return m_raw; }
    QString application() const;
    QDateTime timestamp() const;

    // Routing keys; empty when the event has none.
    const QString &channelId() const { return m_channelId; }
    const QString &playbackId() const { return m_playbackId; }
    const QString &bridgeId() const { return m_bridgeId; }
    const QString &recordingName() const { return m_recordingName; }

    // Typed parts (read from raw()). Absent parts read as empty / 0 / false.
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

private:
    Type m_type = Type::Unknown;
    QString m_typeName;
    QJsonObject m_raw;
    QString m_channelId;
    QString m_playbackId;
    QString m_bridgeId;
    QString m_recordingName;
};

#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

// The event types the simulator publishes on /ari/events. The engine builds every event from
// one of these values, and the events listing (/ari/api-docs/events.json) declares a model for
// each of them (SimModels), so a client that looks an event's type up in the listing always
// finds it.
class SimEvents
{
    Q_GADGET

public:
    // The enumerator names are the ARI event type names.
    enum Type {
        ApplicationReplaced,
        BridgeCreated,
        BridgeDestroyed,
        ChannelDestroyed,
        ChannelDtmfReceived,
        ChannelEnteredBridge,
        ChannelHangupRequest,
        ChannelLeftBridge,
        ChannelStateChange,
        ChannelVarset,
        DeviceStateChanged,
        Dial,
        PlaybackContinuing,
        PlaybackFinished,
        PlaybackStarted,
        RecordingFailed,
        RecordingFinished,
        RecordingStarted,
        StasisEnd,
        StasisStart,
    };
    Q_ENUM(Type)

    // "StasisStart".
    static QString name(Type type);
    // Every type, in declaration order.
    static QList<Type> all();
    // The names of all(), e.g. for the subTypes of the Event model.
    static QStringList names();
};

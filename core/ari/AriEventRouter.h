#pragma once

#include "core/ari/AriEvent.h"
#include "core/ari/AriSubscription.h"

#include <QHash>
#include <QObject>

#include <functional>
#include <vector>

// Delivers events to subscriptions (SPEC AR-4), strictly in arrival order. Per event the work is
// a few hash lookups (by channel id, playback id, bridge id, recording name, event type): nothing
// scans all calls. Subscriptions can be made before the resource exists (client-chosen ids, AR-8).
// A handler may subscribe or unsubscribe (itself or others) while being called; an event that a
// handler causes to be routed re-entrantly is queued and delivered after the current one.
class AriEventRouter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AriEventRouter)

public:
    using Handler = std::function<void(const AriEvent &)>;

    explicit AriEventRouter(QObject *parent = nullptr);
    ~AriEventRouter() override;

    // Events whose channel (event.channelId()) is `channelId`. Optionally only of one type.
    [[nodiscard]] AriSubscriptionPtr onChannel(const QString &channelId, Handler handler,
                                               AriEvent::Type onlyType = AriEvent::Type::Unknown);
    [[nodiscard]] AriSubscriptionPtr onPlayback(const QString &playbackId, Handler handler);
    [[nodiscard]] AriSubscriptionPtr onBridge(const QString &bridgeId, Handler handler);
    [[nodiscard]] AriSubscriptionPtr onRecording(const QString &recordingName, Handler handler);
    [[nodiscard]] AriSubscriptionPtr onType(AriEvent::Type type, Handler handler);
    [[nodiscard]] AriSubscriptionPtr onAll(Handler handler);

    int subscriptionCount() const; // live subscriptions (leak checks in tests)

public Q_SLOTS:
    void route(const AriEvent &event);

private:
    friend class AriSubscription;
    void unsubscribe(AriSubscription::Scope scope, const QString &key, quint64 id);
    // implementation's choice
};

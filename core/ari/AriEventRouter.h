#pragma once

#include "core/ari/AriEvent.h"
#include "core/ari/AriSubscription.h"

#include <QHash>
#include <QObject>

#include <deque>
#include <functional>
#include <memory>
#include <vector>

// Delivers events to subscriptions (SPEC AR-4), strictly in arrival order. Per event the work is
// a few hash lookups (by channel id, playback id, bridge id, recording name, event type): nothing
// scans all calls. Subscriptions can be made before the resource exists (client-chosen ids, AR-8).
// A handler may subscribe or unsubscribe (itself or others) while being called; an event that a
// handler causes to be routed re-entrantly is queued and delivered after the current one.
//
// Order of delivery for one event: subscriptions on its channel (onChannel), then its playback
// (onPlayback), its bridge (onBridge), its recording (onRecording), then those on its type
// (onType), then onAll. Within one scope, in the order the subscriptions were made.
// The subscribers of an event are fixed when its delivery starts: a subscription made by a
// handler sees the next events, not the current one; a subscription destroyed by a handler is
// not called again, even if it was still due for the current event.
// Events of a type we do not know reach onType(AriEvent::Type::Unknown).
// Not thread-safe: use a router (and destroy its subscriptions) on the thread it lives on.
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

    struct Entry
    {
        quint64 id = 0;
        Handler handler;
        AriEvent::Type onlyType = AriEvent::Type::Unknown; // Unknown: every type
        bool alive = true; // cleared on unsubscribe; checked before every call
    };
    using EntryPtr = std::shared_ptr<Entry>;
    using EntryList = std::vector<EntryPtr>;

    AriSubscriptionPtr add(AriSubscription::Scope scope, const QString &key, Handler handler,
                           AriEvent::Type onlyType = AriEvent::Type::Unknown);
    void unsubscribe(AriSubscription::Scope scope, const QString &key, quint64 id);
    void dispatch(const AriEvent &event);
    EntryList *listFor(AriSubscription::Scope scope, const QString &key);
    QHash<QString, EntryList> &mapFor(AriSubscription::Scope scope);

    QHash<QString, EntryList> m_byChannel;
    QHash<QString, EntryList> m_byPlayback;
    QHash<QString, EntryList> m_byBridge;
    QHash<QString, EntryList> m_byRecording;
    QHash<QString, EntryList> m_byType; // key: AriEvent::typeName(type)
    EntryList m_all;
    quint64 m_nextId = 1;
    int m_count = 0;
    bool m_dispatching = false;
    std::deque<AriEvent> m_pending; // routed while dispatching: delivered after the current event
};

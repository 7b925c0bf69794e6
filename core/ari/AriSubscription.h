#pragma once

#include "core/ari/AriEvent.h"

#include <QPointer>
#include <QString>

#include <functional>
#include <memory>

class AriEventRouter;

// A subscription to events of one scope (SPEC AR-4). It is an object: destroying it unsubscribes,
// and no callback runs after that, even for an event already being dispatched.
// Held as std::unique_ptr by whoever listens (typically a call state).
class AriSubscription final
{
public:
    enum class Scope { Channel, Playback, Bridge, Recording, EventType, All };

    ~AriSubscription();
    AriSubscription(const AriSubscription &) = delete;
    AriSubscription &operator=(const AriSubscription &) = delete;

    Scope scope() const { return m_scope; }
    const QString &key() const { return m_key; }

private:
    friend class AriEventRouter;
    AriSubscription(AriEventRouter *router, Scope scope, const QString &key, quint64 id);

    QPointer<AriEventRouter> m_router;
    Scope m_scope;
    QString m_key;
    quint64 m_id;
};

using AriSubscriptionPtr = std::unique_ptr<AriSubscription>;

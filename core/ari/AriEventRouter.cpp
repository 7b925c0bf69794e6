#include "core/ari/AriEventRouter.h"

#include <QPointer>
#include <QVarLengthArray>

#include <algorithm>

AriEventRouter::AriEventRouter(QObject *parent)
    : QObject(parent)
{
}

AriEventRouter::~AriEventRouter()
{
    // Take every entry out before letting go of them: destroying a handler may destroy
    // subscriptions it captured, which then unsubscribe from (now empty) lists. Entries still held
    // by a dispatch on the stack are marked dead so nothing more is called.
    std::vector<EntryList> doomed;
    const auto take = [&doomed](EntryList &list) {
        for (const EntryPtr &entry : list)
            entry->alive = false;
        doomed.push_back(std::move(list));
        list.clear();
    };
    for (auto *map : {&m_byChannel, &m_byPlayback, &m_byBridge, &m_byRecording, &m_byType}) {
        QHash<QString, EntryList> taken;
        taken.swap(*map);
        for (EntryList &list : taken)
            take(list);
    }
    take(m_all);
    m_count = 0;
    m_pending.clear();
}

AriSubscriptionPtr AriEventRouter::onChannel(const QString &channelId, Handler handler, AriEvent::Type onlyType)
{
    return add(AriSubscription::Scope::Channel, channelId, std::move(handler), onlyType);
}

AriSubscriptionPtr AriEventRouter::onPlayback(const QString &playbackId, Handler handler)
{
    return add(AriSubscription::Scope::Playback, playbackId, std::move(handler));
}

AriSubscriptionPtr AriEventRouter::onBridge(const QString &bridgeId, Handler handler)
{
    return add(AriSubscription::Scope::Bridge, bridgeId, std::move(handler));
}

AriSubscriptionPtr AriEventRouter::onRecording(const QString &recordingName, Handler handler)
{
    return add(AriSubscription::Scope::Recording, recordingName, std::move(handler));
}

AriSubscriptionPtr AriEventRouter::onType(AriEvent::Type type, Handler handler)
{
    return add(AriSubscription::Scope::EventType, AriEvent::typeName(type), std::move(handler));
}

AriSubscriptionPtr AriEventRouter::onAll(Handler handler)
{
    return add(AriSubscription::Scope::All, QString(), std::move(handler));
}

int AriEventRouter::subscriptionCount() const
{
    return m_count;
}

AriSubscriptionPtr AriEventRouter::add(AriSubscription::Scope scope, const QString &key, Handler handler,
                                       AriEvent::Type onlyType)
{
    auto entry = std::make_shared<Entry>();
    entry->id = m_nextId++;
    entry->handler = std::move(handler);
    entry->onlyType = onlyType;
    if (scope == AriSubscription::Scope::All)
        m_all.push_back(entry);
    else
        mapFor(scope)[key].push_back(entry);
    ++m_count;
    // The constructor is private (only the router makes subscriptions), hence no make_unique.
    return AriSubscriptionPtr(new AriSubscription(this, scope, key, entry->id));
}

QHash<QString, AriEventRouter::EntryList> &AriEventRouter::mapFor(AriSubscription::Scope scope)
{
    switch (scope) {
    case AriSubscription::Scope::Channel:
        return m_byChannel;
    case AriSubscription::Scope::Playback:
        return m_byPlayback;
    case AriSubscription::Scope::Bridge:
        return m_byBridge;
    case AriSubscription::Scope::Recording:
        return m_byRecording;
    case AriSubscription::Scope::EventType:
    case AriSubscription::Scope::All:
        break;
    }
    return m_byType;
}

AriEventRouter::EntryList *AriEventRouter::listFor(AriSubscription::Scope scope, const QString &key)
{
    if (scope == AriSubscription::Scope::All)
        return &m_all;
    QHash<QString, EntryList> &map = mapFor(scope);
    const auto it = map.find(key);
    return it == map.end() ? nullptr : &it.value();
}

void AriEventRouter::unsubscribe(AriSubscription::Scope scope, const QString &key, quint64 id)
{
    EntryList *list = listFor(scope, key);
    if (!list)
        return;
    const auto it = std::find_if(list->begin(), list->end(), [id](const EntryPtr &entry) { return entry->id == id; });
    if (it == list->end())
        return;
    // The entry may be in the middle of a dispatch (held by its snapshot): it stays alive there
    // until the dispatch lets go of it, but is never called again. It is released only after the
    // lists are consistent again, as releasing a handler may unsubscribe others.
    const EntryPtr doomed = std::move(*it);
    doomed->alive = false;
    list->erase(it);
    --m_count;
    if (list->empty() && scope != AriSubscription::Scope::All)
        mapFor(scope).remove(key);
}

void AriEventRouter::route(const AriEvent &event)
{
    if (m_dispatching) {
        m_pending.push_back(event);
        return;
    }
    QPointer<AriEventRouter> self(this);
    m_dispatching = true;
    dispatch(event);
    while (self && !m_pending.empty()) {
        const AriEvent next = std::move(m_pending.front());
        m_pending.pop_front();
        dispatch(next);
    }
    if (self)
        m_dispatching = false;
}

void AriEventRouter::dispatch(const AriEvent &event)
{
    // The subscribers are fixed before the first call: handlers may add or remove subscriptions
    // (changing the lists under us). Shared ownership keeps a handler alive while it runs even if
    // it destroys its own subscription.
    QVarLengthArray<EntryPtr, 16> targets;
    const auto collect = [&targets](const QHash<QString, EntryList> &map, const QString &key,
                                    AriEvent::Type type = AriEvent::Type::Unknown) {
        if (key.isEmpty())
            return;
        const auto it = map.constFind(key);
        if (it == map.constEnd())
            return;
        for (const EntryPtr &entry : it.value()) {
            if (entry->onlyType == AriEvent::Type::Unknown || entry->onlyType == type)
                targets.append(entry);
        }
    };
    collect(m_byChannel, event.channelId(), event.type());
    collect(m_byPlayback, event.playbackId());
    collect(m_byBridge, event.bridgeId());
    collect(m_byRecording, event.recordingName());
    if (!m_byType.isEmpty()) {
        // Known types are keyed by their wire name, which the event already holds; every event
        // of an unknown type goes to onType(Unknown).
        static const QString s_unknownKey = AriEvent::typeName(AriEvent::Type::Unknown);
        collect(m_byType, event.type() == AriEvent::Type::Unknown ? s_unknownKey : event.typeName());
    }
    for (const EntryPtr &entry : m_all)
        targets.append(entry);

    QPointer<AriEventRouter> self(this);
    for (const EntryPtr &entry : targets) {
        if (!entry->alive)
            continue;
        entry->handler(event);
        if (!self)
            return; // a handler destroyed the router
    }
}

// Compiled here rather than in the library's combined moc unit, so linking this class does not
// pull in the meta-objects of unrelated classes.
#include "moc_AriEventRouter.cpp"

#include "core/ari/AriEventRouter.h"

#include <QJsonObject>
#include <QTest>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

class TestAriEventRouter final : public QObject
{
    Q_OBJECT

private:
    static QJsonObject idObject(const QString &member, const QString &value)
    {
        return QJsonObject{{member, value}};
    }

    // An event of `type` with whichever routing keys are not empty; `seq` tags it for order checks.
    static AriEvent makeEvent(const QString &type, const QString &channelId = {}, const QString &playbackId = {},
                              const QString &bridgeId = {}, const QString &recordingName = {}, int seq = 0)
    {
        QJsonObject object{{u"type"_s, type}, {u"seq"_s, seq}};
        if (!channelId.isEmpty())
            object.insert(u"channel"_s, idObject(u"id"_s, channelId));
        if (!playbackId.isEmpty())
            object.insert(u"playback"_s, idObject(u"id"_s, playbackId));
        if (!bridgeId.isEmpty())
            object.insert(u"bridge"_s, idObject(u"id"_s, bridgeId));
        if (!recordingName.isEmpty())
            object.insert(u"recording"_s, idObject(u"name"_s, recordingName));
        return AriEvent::fromJson(object);
    }

    static int seqOf(const AriEvent &event) { return event.raw().value("seq"_L1).toInt(); }

private Q_SLOTS:
    void eachScope()
    {
        AriEventRouter router;
        QStringList calls;
        const auto record = [&calls](const QString &tag) {
            return [&calls, tag](const AriEvent &event) { calls.append(tag + u':' + event.typeName()); };
        };
        auto channel = router.onChannel(u"c1"_s, record(u"channel"_s));
        auto channelDtmfOnly = router.onChannel(u"c1"_s, record(u"dtmf-only"_s), AriEvent::Type::ChannelDtmfReceived);
        auto otherChannel = router.onChannel(u"c2"_s, record(u"other"_s));
        auto playback = router.onPlayback(u"p1"_s, record(u"playback"_s));
        auto bridge = router.onBridge(u"b1"_s, record(u"bridge"_s));
        auto recording = router.onRecording(u"voicemail/305/1"_s, record(u"recording"_s));
        auto type = router.onType(AriEvent::Type::StasisEnd, record(u"type"_s));
        auto unknown = router.onType(AriEvent::Type::Unknown, record(u"unknown"_s));
        auto all = router.onAll(record(u"all"_s));
        QCOMPARE(router.subscriptionCount(), 9);
        QCOMPARE(channel->scope(), AriSubscription::Scope::Channel);
        QCOMPARE(channel->key(), u"c1"_s);
        QCOMPARE(recording->key(), u"voicemail/305/1"_s);
        QCOMPARE(type->scope(), AriSubscription::Scope::EventType);

        router.route(makeEvent(u"ChannelStateChange"_s, u"c1"_s));
        QCOMPARE(calls, (QStringList{u"channel:ChannelStateChange"_s, u"all:ChannelStateChange"_s}));
        calls.clear();
        router.route(makeEvent(u"ChannelDtmfReceived"_s, u"c1"_s));
        QCOMPARE(calls, (QStringList{u"channel:ChannelDtmfReceived"_s, u"dtmf-only:ChannelDtmfReceived"_s,
                                     u"all:ChannelDtmfReceived"_s}));
        calls.clear();
        router.route(makeEvent(u"PlaybackFinished"_s, {}, u"p1"_s));
        QCOMPARE(calls, (QStringList{u"playback:PlaybackFinished"_s, u"all:PlaybackFinished"_s}));
        calls.clear();
        router.route(makeEvent(u"BridgeDestroyed"_s, {}, {}, u"b1"_s));
        QCOMPARE(calls, (QStringList{u"bridge:BridgeDestroyed"_s, u"all:BridgeDestroyed"_s}));
        calls.clear();
        router.route(makeEvent(u"RecordingFinished"_s, {}, {}, {}, u"voicemail/305/1"_s));
        QCOMPARE(calls, (QStringList{u"recording:RecordingFinished"_s, u"all:RecordingFinished"_s}));
        calls.clear();
        router.route(makeEvent(u"StasisEnd"_s, u"c9"_s));
        QCOMPARE(calls, (QStringList{u"type:StasisEnd"_s, u"all:StasisEnd"_s}));
        calls.clear();
        router.route(makeEvent(u"ChannelCallerId"_s, u"c2"_s));
        QCOMPARE(calls, (QStringList{u"other:ChannelCallerId"_s, u"unknown:ChannelCallerId"_s,
                                     u"all:ChannelCallerId"_s}));
        calls.clear();
        // Keys are exact: a prefix or another case is another object.
        router.route(makeEvent(u"ChannelStateChange"_s, u"C1"_s, u"p"_s, u"b1 "_s));
        QCOMPARE(calls, QStringList{u"all:ChannelStateChange"_s});
    }

    void orderAcrossScopes()
    {
        AriEventRouter router;
        QStringList calls;
        const auto record = [&calls](const QString &tag) { return [&calls, tag](const AriEvent &) { calls.append(tag); }; };
        // Made in the reverse of the delivery order, to show the order is by scope.
        auto all = router.onAll(record(u"all"_s));
        auto type = router.onType(AriEvent::Type::ChannelEnteredBridge, record(u"type"_s));
        auto recording = router.onRecording(u"r1"_s, record(u"recording"_s));
        auto bridge = router.onBridge(u"b1"_s, record(u"bridge"_s));
        auto playback = router.onPlayback(u"p1"_s, record(u"playback"_s));
        auto channel1 = router.onChannel(u"c1"_s, record(u"channel-1"_s));
        auto channel2 = router.onChannel(u"c1"_s, record(u"channel-2"_s));
        router.route(makeEvent(u"ChannelEnteredBridge"_s, u"c1"_s, u"p1"_s, u"b1"_s, u"r1"_s));
        QCOMPARE(calls, (QStringList{u"channel-1"_s, u"channel-2"_s, u"playback"_s, u"bridge"_s, u"recording"_s,
                                     u"type"_s, u"all"_s}));
    }

    void subscribeBeforeTheObjectExists()
    {
        // AR-8: an id chosen by the client is subscribed before the REST call creates it.
        AriEventRouter router;
        int finished = 0;
        auto sub = router.onPlayback(u"pb-1"_s, [&finished](const AriEvent &event) {
            if (event.type() == AriEvent::Type::PlaybackFinished)
                ++finished;
        });
        router.route(makeEvent(u"PlaybackStarted"_s, {}, u"pb-1"_s));
        router.route(makeEvent(u"PlaybackFinished"_s, {}, u"pb-1"_s));
        QCOMPARE(finished, 1);
    }

    void noCallbackAfterDestruction()
    {
        AriEventRouter router;
        int calls = 0;
        auto sub = router.onChannel(u"c1"_s, [&calls](const AriEvent &) { ++calls; });
        auto all = router.onAll([&calls](const AriEvent &) { ++calls; });
        router.route(makeEvent(u"ChannelStateChange"_s, u"c1"_s));
        QCOMPARE(calls, 2);
        sub.reset();
        all.reset();
        QCOMPARE(router.subscriptionCount(), 0);
        router.route(makeEvent(u"ChannelStateChange"_s, u"c1"_s));
        QCOMPARE(calls, 2);
    }

    void destroyedLaterInTheSameEvent()
    {
        AriEventRouter router;
        QStringList calls;
        AriSubscriptionPtr later;
        AriSubscriptionPtr laterAll;
        auto first = router.onChannel(u"c1"_s, [&](const AriEvent &) {
            calls.append(u"first"_s);
            later.reset();    // due for this very event, in the same scope
            laterAll.reset(); // due for this very event, in another scope
        });
        later = router.onChannel(u"c1"_s, [&calls](const AriEvent &) { calls.append(u"later"_s); });
        laterAll = router.onAll([&calls](const AriEvent &) { calls.append(u"all"_s); });
        router.route(makeEvent(u"ChannelHangupRequest"_s, u"c1"_s));
        QCOMPARE(calls, QStringList{u"first"_s});
        QCOMPARE(router.subscriptionCount(), 1);
    }

    void handlerDestroysItsOwnSubscription()
    {
        AriEventRouter router;
        int calls = 0;
        AriSubscriptionPtr self;
        auto payload = std::make_shared<QString>(u"captured state"_s);
        self = router.onChannel(u"c1"_s, [&, payload](const AriEvent &) {
            ++calls;
            self.reset();
            // The handler object is still alive while it runs: its captures are usable.
            QCOMPARE(*payload, u"captured state"_s);
        });
        std::weak_ptr<QString> watch = payload;
        payload.reset();
        router.route(makeEvent(u"StasisEnd"_s, u"c1"_s));
        router.route(makeEvent(u"StasisEnd"_s, u"c1"_s));
        QCOMPARE(calls, 1);
        QCOMPARE(router.subscriptionCount(), 0);
        QVERIFY(watch.expired()); // released once the dispatch let go of it
    }

    void subscriptionMadeDuringDispatchSeesNextEvent()
    {
        AriEventRouter router;
        QList<int> newcomerSaw;
        AriSubscriptionPtr newcomer;
        auto first = router.onChannel(u"c1"_s, [&](const AriEvent &) {
            if (!newcomer)
                newcomer = router.onChannel(u"c1"_s, [&](const AriEvent &e) { newcomerSaw.append(seqOf(e)); });
        });
        router.route(makeEvent(u"ChannelStateChange"_s, u"c1"_s, {}, {}, {}, 1));
        router.route(makeEvent(u"ChannelStateChange"_s, u"c1"_s, {}, {}, {}, 2));
        QCOMPARE(newcomerSaw, QList<int>{2});
    }

    void routerDestroyedDuringDispatch()
    {
        auto router = std::make_unique<AriEventRouter>();
        int laterCalls = 0;
        auto killer = router->onChannel(u"c1"_s, [&router](const AriEvent &) { router.reset(); });
        auto later = router->onAll([&laterCalls](const AriEvent &) { ++laterCalls; });
        router->route(makeEvent(u"StasisEnd"_s, u"c1"_s));
        QVERIFY(!router);
        QCOMPARE(laterCalls, 0);
        killer.reset(); // outliving the router is fine
        later.reset();
    }

    void subscriptionOutlivesRouter()
    {
        auto router = std::make_unique<AriEventRouter>();
        auto sub = router->onBridge(u"b1"_s, [](const AriEvent &) {});
        router.reset();
        sub.reset(); // no crash, nothing to unsubscribe from
        QVERIFY(!sub);
    }

    void burstKeepsOrder()
    {
        AriEventRouter router;
        constexpr int s_events = 10000;
        constexpr int s_channels = 100;
        std::vector<QList<int>> perChannel(s_channels);
        std::vector<AriSubscriptionPtr> subs;
        for (int c = 0; c < s_channels; ++c) {
            subs.push_back(router.onChannel(u"chan-%1"_s.arg(c), [&perChannel, c](const AriEvent &event) {
                perChannel[size_t(c)].append(seqOf(event));
            }));
        }
        QList<int> all;
        all.reserve(s_events);
        subs.push_back(router.onAll([&all](const AriEvent &event) { all.append(seqOf(event)); }));
        QCOMPARE(router.subscriptionCount(), s_channels + 1);

        for (int i = 0; i < s_events; ++i)
            router.route(makeEvent(u"ChannelDtmfReceived"_s, u"chan-%1"_s.arg(i % s_channels), {}, {}, {}, i));

        QCOMPARE(all.size(), s_events);
        for (int i = 0; i < s_events; ++i)
            QCOMPARE(all.at(i), i);
        for (int c = 0; c < s_channels; ++c) {
            const QList<int> &seen = perChannel[size_t(c)];
            QCOMPARE(seen.size(), s_events / s_channels);
            for (int k = 0; k < seen.size(); ++k)
                QCOMPARE(seen.at(k), c + k * s_channels);
        }
        subs.clear();
        QCOMPARE(router.subscriptionCount(), 0);
    }

    void reentrantRouteIsQueued()
    {
        AriEventRouter router;
        QStringList calls;
        auto first = router.onChannel(u"c1"_s, [&](const AriEvent &event) {
            calls.append(u"first:%1"_s.arg(seqOf(event)));
            if (seqOf(event) == 1) {
                router.route(makeEvent(u"ChannelStateChange"_s, u"c1"_s, {}, {}, {}, 2));
                router.route(makeEvent(u"ChannelStateChange"_s, u"c1"_s, {}, {}, {}, 3));
                calls.append(u"first:1 done"_s);
            }
        });
        auto second = router.onChannel(u"c1"_s, [&](const AriEvent &event) {
            calls.append(u"second:%1"_s.arg(seqOf(event)));
        });
        router.route(makeEvent(u"ChannelStateChange"_s, u"c1"_s, {}, {}, {}, 1));
        QCOMPARE(calls, (QStringList{u"first:1"_s, u"first:1 done"_s, u"second:1"_s, u"first:2"_s, u"second:2"_s,
                                     u"first:3"_s, u"second:3"_s}));

        // Once the queue is drained the router routes directly again.
        calls.clear();
        router.route(makeEvent(u"ChannelStateChange"_s, u"c1"_s, {}, {}, {}, 4));
        QCOMPARE(calls, (QStringList{u"first:4"_s, u"second:4"_s}));
    }

    void countReturnsToZero()
    {
        AriEventRouter router;
        {
            std::vector<AriSubscriptionPtr> subs;
            for (int i = 0; i < 50; ++i) {
                const QString key = u"k%1"_s.arg(i % 5); // several subscriptions per key
                subs.push_back(router.onChannel(key, [](const AriEvent &) {}));
                subs.push_back(router.onPlayback(key, [](const AriEvent &) {}));
                subs.push_back(router.onBridge(key, [](const AriEvent &) {}));
                subs.push_back(router.onRecording(key, [](const AriEvent &) {}));
                subs.push_back(router.onType(AriEvent::Type::StasisStart, [](const AriEvent &) {}));
                subs.push_back(router.onAll([](const AriEvent &) {}));
            }
            QCOMPARE(router.subscriptionCount(), 300);
            // Destroy in an order unlike creation.
            for (size_t i = 0; i < subs.size(); i += 2)
                subs[i].reset();
            QCOMPARE(router.subscriptionCount(), 150);
        }
        QCOMPARE(router.subscriptionCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestAriEventRouter)
#include "TestAriEventRouter.moc"

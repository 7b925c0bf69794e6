// Measures the per-event cost of the ARI event pipeline with thousands of live calls subscribed:
// parse one WebSocket frame (AriEvent::parse) and route it (AriEventRouter::route) by hash lookup.
// Prints one JSON object. Not part of the test suite.
#include "core/ari/AriEvent.h"
#include "core/ari/AriEventRouter.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTextStream>

#include <vector>

using namespace Qt::StringLiterals;

namespace {

QByteArray dtmfFrame(const QString &channelId)
{
    const QJsonObject channel{{u"id"_s, channelId},
                              {u"name"_s, u"PJSIP/200-0000000b"_s},
                              {u"state"_s, u"Up"_s},
                              {u"caller"_s, QJsonObject{{u"name"_s, u""_s}, {u"number"_s, u"200"_s}}},
                              {u"language"_s, u"en"_s}};
    const QJsonObject event{{u"type"_s, u"ChannelDtmfReceived"_s},
                            {u"timestamp"_s, u"2026-11-26T10:00:00.000+0000"_s},
                            {u"digit"_s, u"5"_s},
                            {u"duration_ms"_s, 100},
                            {u"channel"_s, channel},
                            {u"application"_s, u"vm-playback"_s}};
    return QJsonDocument(event).toJson(QJsonDocument::Compact);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int calls = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 5000;
    const int events = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 200000;

    AriEventRouter router;
    std::vector<AriSubscriptionPtr> subscriptions;
    subscriptions.reserve(static_cast<size_t>(calls) * 3);
    quint64 delivered = 0;
    QStringList channelIds;
    for (int i = 0; i < calls; ++i) {
        const QString id = u"bench-1795676512."_s + QString::number(i);
        channelIds.append(id);
        // Each call listens to its channel, its playback and its recording, as a state would.
        subscriptions.push_back(router.onChannel(id, [&delivered](const AriEvent &) { ++delivered; }));
        subscriptions.push_back(router.onPlayback(u"pb-"_s + id, [&delivered](const AriEvent &) { ++delivered; }));
        subscriptions.push_back(router.onRecording(u"voicemail/100/"_s + QString::number(i),
                                                   [&delivered](const AriEvent &) { ++delivered; }));
    }

    std::vector<QByteArray> frames;
    frames.reserve(1024);
    QRandomGenerator random(42);
    for (int i = 0; i < 1024; ++i)
        frames.push_back(dtmfFrame(channelIds.at(static_cast<int>(random.bounded(calls)))));

    QElapsedTimer parseTimer;
    qint64 parseNs = 0;
    qint64 routeNs = 0;
    QElapsedTimer total;
    total.start();
    for (int i = 0; i < events; ++i) {
        AriEvent event;
        QString error;
        parseTimer.start();
        AriEvent::parse(frames[static_cast<size_t>(i) % frames.size()], &event, &error);
        parseNs += parseTimer.nsecsElapsed();
        parseTimer.start();
        router.route(event);
        routeNs += parseTimer.nsecsElapsed();
    }
    const double seconds = static_cast<double>(total.nsecsElapsed()) / 1e9;

    const QJsonObject result{{u"benchmark"_s, u"event_pipeline"_s},
                             {u"calls"_s, calls},
                             {u"subscriptions"_s, router.subscriptionCount()},
                             {u"events"_s, events},
                             {u"delivered"_s, static_cast<double>(delivered)},
                             {u"events_per_second"_s, events / seconds},
                             {u"parse_ns_per_event"_s, static_cast<double>(parseNs) / events},
                             {u"route_ns_per_event"_s, static_cast<double>(routeNs) / events}};
    QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Compact) << '\n';
    return delivered == static_cast<quint64>(events) ? 0 : 1;
}

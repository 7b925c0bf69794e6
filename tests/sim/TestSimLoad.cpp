// Many concurrent calls: 1,000 callers placed, answered and played to at the same time, then
// hung up; bridged pairs recorded. Afterwards nothing is left alive in the simulator.

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

#include <functional>

#include "support/EventCollector.h"
#include "support/SimTestHarness.h"
#include "support/TestSoundsDir.h"
#include "sim/SimServer.h"

using namespace Qt::StringLiterals;

namespace {

// Fires requests without waiting for each answer (the harness's helpers wait for every reply).
class AsyncClient final : public QObject
{
public:
    using Callback = std::function<void(int status, const QByteArray &body)>;

    explicit AsyncClient(const QUrl &baseUrl)
        : m_baseUrl(baseUrl)
    {
    }

    void send(const QByteArray &method, const QString &pathAndQuery, Callback callback)
    {
        QNetworkRequest request(QUrl(m_baseUrl.toString() + pathAndQuery));
        request.setRawHeader("Authorization", "Basic " + QByteArray("asterisk:asterisk").toBase64());
        QNetworkReply *reply = m_network.sendCustomRequest(request, method);
        ++m_pending;
        connect(reply, &QNetworkReply::finished, this, [this, reply, callback] {
            --m_pending;
            callback(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll());
            reply->deleteLater();
        });
    }

    int pending() const { return m_pending; }

private:
    QUrl m_baseUrl;
    QNetworkAccessManager m_network;
    int m_pending = 0;
};

} // namespace

class TestSimLoad final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void thousandConcurrentCalls();
    void bridgedPairsRecorded();

private:
    void placeCalls(int count, const QString &prefix, QStringList *ids);

    TestSoundsDir m_sounds;
    std::unique_ptr<SimTestHarness> m_sim;
    std::unique_ptr<EventCollector> m_app;
    std::unique_ptr<AsyncClient> m_client;
};

void TestSimLoad::initTestCase()
{
    QVERIFY(m_sounds.isValid());
    QVERIFY(m_sounds.addStandardSet());
}

void TestSimLoad::init()
{
    SimTestHarness::Options options;
    options.speed = 1000;
    options.soundsDir = m_sounds.path();
    m_sim = std::make_unique<SimTestHarness>(options);
    QVERIFY(m_sim->start());
    m_app = m_sim->connectEvents(u"load"_s);
    QVERIFY(m_app);
    m_client = std::make_unique<AsyncClient>(m_sim->baseUrl());
}

void TestSimLoad::cleanup()
{
    m_client.reset();
    m_app.reset();
    m_sim.reset();
}

void TestSimLoad::placeCalls(int count, const QString &prefix, QStringList *ids)
{
    int failed = 0;
    for (int i = 0; i < count; ++i) {
        m_client->send("POST", u"/sim/calls?app=load&args="_s + prefix + QString::number(i),
                       [ids, &failed](int status, const QByteArray &body) {
                           if (status != 200) {
                               ++failed;
                               return;
                           }
                           ids->append(QJsonDocument::fromJson(body).object().value("channel"_L1).toObject()
                                          .value("id"_L1).toString());
                       });
    }
    QTRY_VERIFY_WITH_TIMEOUT(m_client->pending() == 0, 120000);
    QCOMPARE(failed, 0);
}

void TestSimLoad::thousandConcurrentCalls()
{
    constexpr int calls = 1000;
    QStringList ids;
    placeCalls(calls, u"c"_s, &ids);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(ids.size(), calls);
    QCOMPARE(QSet<QString>(ids.begin(), ids.end()).size(), calls);
    QTRY_COMPARE_WITH_TIMEOUT(m_app->count(u"StasisStart"_s), calls, 60000);
    QCOMPARE(m_sim->server()->liveChannelCount(), calls);

    // Every call is answered and hears a beep.
    int answered = 0;
    int playing = 0;
    for (int i = 0; i < calls; ++i) {
        const QString id = ids.at(i);
        m_client->send("POST", u"/ari/channels/"_s + id + u"/answer"_s,
                       [this, id, i, &answered, &playing](int status, const QByteArray &) {
                           if (status != 204)
                               return;
                           ++answered;
                           m_client->send("POST", u"/ari/channels/"_s + id + u"/play/pb-"_s + QString::number(i)
                                              + u"?media=sound:beep"_s,
                                          [&playing](int status, const QByteArray &) {
                                              if (status == 201)
                                                  ++playing;
                                          });
                       });
    }
    QTRY_COMPARE_WITH_TIMEOUT(answered, calls, 120000);
    QTRY_COMPARE_WITH_TIMEOUT(playing, calls, 120000);
    QTRY_COMPARE_WITH_TIMEOUT(m_app->count(u"PlaybackFinished"_s), calls, 60000);
    QCOMPARE(m_app->count(u"PlaybackFinished"_s, [](const QJsonObject &event) {
                 return event.value("playback"_L1).toObject().value("state"_L1).toString() == "done"_L1;
             }),
             calls);
    QCOMPARE(m_app->count(u"ChannelStateChange"_s), calls);
    QTRY_COMPARE(m_sim->server()->livePlaybackCount(), 0);

    // Every caller hangs up.
    int hungUp = 0;
    for (const QString &id : ids) {
        m_client->send("DELETE", u"/sim/calls/"_s + id, [&hungUp](int status, const QByteArray &) {
            if (status == 204)
                ++hungUp;
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(hungUp, calls, 120000);
    QTRY_COMPARE_WITH_TIMEOUT(m_app->count(u"StasisEnd"_s), calls, 60000);
    QCOMPARE(m_app->count(u"ChannelHangupRequest"_s), calls);
    QTRY_COMPARE(m_sim->server()->liveChannelCount(), 0);
    QCOMPARE(m_sim->server()->livePlaybackCount(), 0);
    QCOMPARE(m_sim->server()->liveBridgeCount(), 0);
    QCOMPARE(m_sim->server()->liveRecordingCount(), 0);
    QCOMPARE(m_sim->state().value("channels"_L1).toArray(), QJsonArray());
    QCOMPARE(m_sim->get(u"/channels"_s).array(), QJsonArray());
    QVERIFY(m_app->malformedFrames().isEmpty());
}

void TestSimLoad::bridgedPairsRecorded()
{
    // Recordings are real files of the recorded length: keep simulated time close to wall time.
    cleanup();
    SimTestHarness::Options options;
    options.speed = 5;
    options.soundsDir = m_sounds.path();
    m_sim = std::make_unique<SimTestHarness>(options);
    QVERIFY(m_sim->start());
    m_app = m_sim->connectEvents(u"load"_s);
    QVERIFY(m_app);
    m_client = std::make_unique<AsyncClient>(m_sim->baseUrl());

    constexpr int pairs = 100;
    QStringList ids;
    placeCalls(2 * pairs, u"p"_s, &ids);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(ids.size(), 2 * pairs);
    QTRY_COMPARE_WITH_TIMEOUT(m_app->count(u"StasisStart"_s), 2 * pairs, 60000);

    int answered = 0;
    for (const QString &id : std::as_const(ids)) {
        m_client->send("POST", u"/ari/channels/"_s + id + u"/answer"_s, [&answered](int status, const QByteArray &) {
            if (status == 204)
                ++answered;
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(answered, 2 * pairs, 60000);

    // A bridge per pair, both channels in it, the bridge recorded.
    int recording = 0;
    for (int i = 0; i < pairs; ++i) {
        const QString bridge = u"load-bridge-"_s + QString::number(i);
        const QString members = ids.at(2 * i) + u',' + ids.at(2 * i + 1);
        m_client->send("POST", u"/ari/bridges/"_s + bridge + u"?type=mixing"_s,
                       [this, bridge, members, i, &recording](int status, const QByteArray &) {
                           if (status != 200)
                               return;
                           m_client->send("POST", u"/ari/bridges/"_s + bridge + u"/addChannel?channel="_s + members,
                                          [this, bridge, i, &recording](int status, const QByteArray &) {
                                              if (status != 204)
                                                  return;
                                              m_client->send("POST", u"/ari/bridges/"_s + bridge
                                                                 + u"/record?format=wav&name=load%2F"_s + QString::number(i),
                                                             [&recording](int status, const QByteArray &) {
                                                                 if (status == 201)
                                                                     ++recording;
                                                             });
                                          });
                       });
    }
    QTRY_COMPARE_WITH_TIMEOUT(recording, pairs, 60000);
    QTRY_COMPARE_WITH_TIMEOUT(m_app->count(u"RecordingStarted"_s), pairs, 60000);
    QCOMPARE(m_app->count(u"ChannelEnteredBridge"_s), 2 * pairs);
    QCOMPARE(m_sim->server()->liveBridgeCount(), pairs);
    QCOMPARE(m_sim->server()->liveRecordingCount(), pairs);

    // Destroying the bridges ends their recordings, which are kept.
    int destroyed = 0;
    for (int i = 0; i < pairs; ++i) {
        m_client->send("DELETE", u"/ari/bridges/load-bridge-"_s + QString::number(i),
                       [&destroyed](int status, const QByteArray &) {
                           if (status == 204)
                               ++destroyed;
                       });
    }
    QTRY_COMPARE_WITH_TIMEOUT(destroyed, pairs, 60000);
    QTRY_COMPARE_WITH_TIMEOUT(m_app->count(u"RecordingFinished"_s), pairs, 60000);
    QTRY_COMPARE_WITH_TIMEOUT(m_app->count(u"BridgeDestroyed"_s), pairs, 60000);
    QCOMPARE(m_app->count(u"ChannelLeftBridge"_s), 2 * pairs);
    QCOMPARE(m_sim->server()->liveRecordingCount(), 0);
    QCOMPARE(m_sim->server()->liveBridgeCount(), 0);
    QCOMPARE(m_sim->get(u"/recordings/stored"_s).array().size(), pairs);

    // Callers hang up, the application hangs up the agents.
    int hungUp = 0;
    for (int i = 0; i < pairs; ++i) {
        m_client->send("DELETE", u"/sim/calls/"_s + ids.at(2 * i), [&hungUp](int status, const QByteArray &) {
            if (status == 204)
                ++hungUp;
        });
        m_client->send("DELETE", u"/ari/channels/"_s + ids.at(2 * i + 1), [&hungUp](int status, const QByteArray &) {
            if (status == 204)
                ++hungUp;
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(hungUp, 2 * pairs, 60000);
    QTRY_COMPARE_WITH_TIMEOUT(m_app->count(u"StasisEnd"_s), 2 * pairs, 60000);
    QTRY_COMPARE(m_sim->server()->liveChannelCount(), 0);
    QCOMPARE(m_sim->server()->livePlaybackCount(), 0);
}

QTEST_GUILESS_MAIN(TestSimLoad)
#include "TestSimLoad.moc"

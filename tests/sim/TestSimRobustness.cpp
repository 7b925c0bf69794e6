// Hostile and broken input: malformed JSON, oversized requests and parameters, unknown ids,
// invalid names, garbage on the socket. The simulator answers like Asterisk and keeps running.

#include <QJsonArray>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTest>

#include "support/EventCollector.h"
#include "support/SimTestHarness.h"
#include "sim/SimServer.h"

using namespace Qt::StringLiterals;

class TestSimRobustness final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void malformedJsonBody();
    void oversizedJsonBody();
    void hugeQueryIsCutLikeAsterisk();
    void hugeHeaderFailsAuthentication();
    void unknownIds_data();
    void unknownIds();
    void hostileRecordingNames_data();
    void hostileRecordingNames();
    void strangePaths_data();
    void strangePaths();
    void numbersAreReadLikeAtoi();
    void garbageOnTheSocket_data();
    void garbageOnTheSocket();
    void controlsOnEndedObjects();
    void manyRequestsOnOneConnection();

private:
    bool stillServing();

    std::unique_ptr<SimTestHarness> m_sim;
    std::unique_ptr<EventCollector> m_app;
    QString m_channel;
};

void TestSimRobustness::initTestCase()
{
    SimTestHarness::Options options;
    options.speed = 100;
    m_sim = std::make_unique<SimTestHarness>(options);
    QVERIFY(m_sim->start());
    m_app = m_sim->connectEvents(u"app"_s);
    QVERIFY(m_app);
    m_channel = m_sim->answeredCall(m_app.get(), u"app"_s, {u"1"_s});
    QVERIFY(!m_channel.isEmpty());
}

void TestSimRobustness::cleanupTestCase()
{
    m_app.reset();
    m_sim.reset();
}

void TestSimRobustness::init()
{
    QVERIFY(stillServing());
}

bool TestSimRobustness::stillServing()
{
    return m_sim->get(u"/asterisk/ping"_s).status == 200
        && m_sim->get(u"/channels/"_s + m_channel).status == 200;
}

void TestSimRobustness::malformedJsonBody()
{
    for (const QByteArray &body : {QByteArray("{not json"), QByteArray("[1,2"), QByteArray("\x01\x02\x03"),
                                   QByteArray(R"({"a":)")}) {
        const RestReply reply = m_sim->http("POST", u"/ari/channels"_s,
                                            QUrlQuery{{u"endpoint"_s, u"Local/x@y"_s}, {u"app"_s, u"app"_s}}, body,
                                            "application/json");
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.message(), u"Error parsing request body"_s);
    }
    // A JSON body that is not an object carries no parameters.
    const RestReply array = m_sim->http("POST", u"/ari/bridges"_s, {}, "[1,2,3]", "application/json");
    QCOMPARE(array.status, 200);
    QVERIFY(stillServing());
}

void TestSimRobustness::oversizedJsonBody()
{
    const QByteArray big = R"({"endpoint":")" + QByteArray(1'000'000, 'a') + R"("})";
    const RestReply reply = m_sim->http("POST", u"/ari/channels"_s, QUrlQuery{{u"app"_s, u"app"_s}}, big,
                                        "application/json");
    QCOMPARE(reply.status, 413);
    QCOMPARE(reply.message(), u"Request body too large"_s);
    // A body that is not JSON is not read at all.
    const RestReply other = m_sim->http("POST", u"/ari/bridges"_s, {}, QByteArray(200'000, 'x'), "text/plain");
    QCOMPARE(other.status, 200);
    QVERIFY(stillServing());
}

void TestSimRobustness::hugeQueryIsCutLikeAsterisk()
{
    // Asterisk reads 4 KB of request line: a 1 MB parameter is cut, the request still served.
    const QString huge(1'000'000, u'a');
    const RestReply ping = m_sim->get(u"/asterisk/ping"_s, QUrlQuery{{u"x"_s, huge}});
    QCOMPARE(ping.status, 200);

    const RestReply play = m_sim->post(u"/channels/"_s + m_channel + u"/play/huge"_s,
                                       QUrlQuery{{u"media"_s, u"sound:"_s + huge}});
    QCOMPARE(play.status, 201);
    const QString media = play.object().value("media_uri"_L1).toString();
    QVERIFY(media.startsWith(u"sound:aaa"_s));
    QVERIFY2(media.size() < 4096, qPrintable(QString::number(media.size())));
    const QJsonObject finished = m_app->waitFor(u"PlaybackFinished"_s, EventCollector::forPlayback(u"huge"_s));
    QCOMPARE(finished.value("playback"_L1).toObject().value("state"_L1).toString(), u"failed"_s);

    // A huge path: no such resource.
    const RestReply path = m_sim->get(u"/channels/"_s + huge);
    QCOMPARE(path.status, 404);
    QVERIFY(stillServing());
}

void TestSimRobustness::hugeHeaderFailsAuthentication()
{
    const RestReply reply = m_sim->ari("GET", u"/asterisk/ping"_s, {},
                                       SimTestHarness::Auth::basic(QString(200'000, u'u'), u"p"_s));
    QCOMPARE(reply.status, 401);
    QVERIFY(stillServing());
}

void TestSimRobustness::unknownIds_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    QTest::newRow("channel get") << QByteArray("GET") << u"/channels/nope"_s << 404 << u"Channel not found"_s;
    QTest::newRow("channel hangup") << QByteArray("DELETE") << u"/channels/nope"_s << 404 << u"Channel not found"_s;
    QTest::newRow("channel answer") << QByteArray("POST") << u"/channels/nope/answer"_s << 404 << u"Channel not found"_s;
    QTest::newRow("channel play") << QByteArray("POST") << u"/channels/nope/play?media=sound:beep"_s << 404
                                  << u"Channel not found"_s;
    QTest::newRow("channel record") << QByteArray("POST") << u"/channels/nope/record?name=a&format=wav"_s << 404
                                    << u"Channel not found"_s;
    QTest::newRow("channel moh") << QByteArray("POST") << u"/channels/nope/moh"_s << 404 << u"Channel not found"_s;
    QTest::newRow("channel variable") << QByteArray("GET") << u"/channels/nope/variable?variable=X"_s << 404
                                      << u"Provided channel was not found"_s;
    QTest::newRow("bridge get") << QByteArray("GET") << u"/bridges/nope"_s << 404 << u"Bridge not found"_s;
    QTest::newRow("bridge destroy") << QByteArray("DELETE") << u"/bridges/nope"_s << 404 << u"Bridge not found"_s;
    QTest::newRow("bridge add") << QByteArray("POST") << u"/bridges/nope/addChannel?channel=x"_s << 404
                                << u"Bridge not found"_s;
    QTest::newRow("playback get") << QByteArray("GET") << u"/playbacks/nope"_s << 404 << u"Playback not found"_s;
    QTest::newRow("playback stop") << QByteArray("DELETE") << u"/playbacks/nope"_s << 404 << u"Playback not found"_s;
    QTest::newRow("playback control") << QByteArray("POST") << u"/playbacks/nope/control?operation=pause"_s << 404
                                      << u"Playback not found"_s;
    QTest::newRow("live get") << QByteArray("GET") << u"/recordings/live/nope"_s << 404 << u"Recording not found"_s;
    QTest::newRow("live stop") << QByteArray("POST") << u"/recordings/live/nope/stop"_s << 404 << u"Recording not found"_s;
    QTest::newRow("live cancel") << QByteArray("DELETE") << u"/recordings/live/nope"_s << 404 << u"Recording not found"_s;
    QTest::newRow("live mute") << QByteArray("POST") << u"/recordings/live/nope/mute"_s << 404 << u"Recording not found"_s;
    QTest::newRow("stored get") << QByteArray("GET") << u"/recordings/stored/nope"_s << 404 << u"Recording not found"_s;
    QTest::newRow("stored file") << QByteArray("GET") << u"/recordings/stored/nope/file"_s << 404
                                 << u"Recording not found"_s;
    QTest::newRow("stored copy") << QByteArray("POST") << u"/recordings/stored/nope/copy?destinationRecordingName=x"_s
                                 << 404 << u"Recording not found"_s;
    QTest::newRow("sound") << QByteArray("GET") << u"/sounds/nope"_s << 404 << u"Sound not found"_s;
    QTest::newRow("application") << QByteArray("GET") << u"/applications/nope"_s << 404 << u"Application not found"_s;
}

void TestSimRobustness::unknownIds()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QString, message);
    const QString target = path.section(u'?', 0, 0);
    const QUrlQuery query(path.section(u'?', 1));
    const RestReply reply = m_sim->ari(method, target, query);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.message(), message);
}

void TestSimRobustness::hostileRecordingNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("parent") << u"../../evil"_s;
    QTest::newRow("absolute") << u"/etc/passwd"_s;
    QTest::newRow("trailing slash") << u"voicemail/"_s;
    QTest::newRow("nul") << QString(u"a"_s + QChar(0) + u"b"_s);
    QTest::newRow("backslash") << u"a\\b"_s;
    QTest::newRow("empty") << QString();
}

void TestSimRobustness::hostileRecordingNames()
{
    QFETCH(QString, name);
    const RestReply record = m_sim->post(u"/channels/"_s + m_channel + u"/record"_s,
                                         QUrlQuery{{u"name"_s, name}, {u"format"_s, u"wav"_s}});
    QCOMPARE(record.status, 500);
    QCOMPARE(record.message(), u"Error parsing request"_s);
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(name));
    if (!encoded.isEmpty()) {
        QCOMPARE(m_sim->get(u"/recordings/stored/"_s + encoded).status, 404);
        QCOMPARE(m_sim->del(u"/recordings/stored/"_s + encoded).status, 404);
        QCOMPARE(m_sim->get(u"/recordings/stored/"_s + encoded + u"/file"_s).status, 404);
    }
    QCOMPARE(m_sim->get(u"/recordings/stored"_s).array(), QJsonArray());
    QCOMPARE(m_sim->server()->liveRecordingCount(), 0);
}

void TestSimRobustness::strangePaths_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("nul in id") << u"/channels/a%00b"_s;
    QTest::newRow("unicode") << u"/channels/%E2%98%83"_s;
    QTest::newRow("invalid utf-8") << u"/channels/%FF%FE"_s;
    QTest::newRow("many segments") << u"/channels"_s + QString(u"/x"_s).repeated(2000);
}

void TestSimRobustness::strangePaths()
{
    QFETCH(QString, path);
    const RestReply reply = m_sim->get(path);
    QVERIFY2(reply.status == 404 || reply.status == 400, reply.describe().constData());
    QVERIFY(stillServing());
}

void TestSimRobustness::numbersAreReadLikeAtoi()
{
    // Asterisk reads int parameters with atoi(): junk is 0, a leading number counts.
    QCOMPARE(m_sim->post(u"/channels/"_s + m_channel + u"/play/atoi"_s,
                         QUrlQuery{{u"media"_s, u"sound:beep"_s}, {u"skipms"_s, u"abc"_s}, {u"offsetms"_s, u"12xyz"_s}})
                 .status,
             201);
    QVERIFY(!m_app->waitFor(u"PlaybackFinished"_s, EventCollector::forPlayback(u"atoi"_s)).isEmpty());
    const RestReply negative = m_sim->post(u"/channels/"_s + m_channel + u"/play"_s,
                                           QUrlQuery{{u"media"_s, u"sound:beep"_s}, {u"skipms"_s, u"-1"_s}});
    QCOMPARE(negative.status, 400);
    QCOMPARE(negative.message(), u"skipms cannot be negative"_s);
    const RestReply overflow = m_sim->post(u"/channels/"_s + m_channel + u"/record"_s,
                                           QUrlQuery{{u"name"_s, u"of"_s}, {u"format"_s, u"wav"_s},
                                                     {u"maxDurationSeconds"_s, u"99999999999999999999"_s}});
    QCOMPARE(overflow.status, 201);
    QCOMPARE(m_sim->del(u"/recordings/live/of"_s).status, 204);
    QVERIFY(!m_app->waitFor(u"RecordingFinished"_s, EventCollector::forRecording(u"of"_s)).isEmpty());
}

void TestSimRobustness::garbageOnTheSocket_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("not http") << QByteArray("hello there\r\n\r\n");
    QTest::newRow("binary") << QByteArray(5000, '\x00');
    QTest::newRow("bad version") << QByteArray("GET /ari/asterisk/ping HTTP/9.9\r\n\r\n");
    QTest::newRow("truncated request") << QByteArray("POST /ari/channels HTTP/1.1\r\nContent-Length: 100000\r\n\r\n{");
    QTest::newRow("bad content length") << QByteArray("POST /ari/bridges HTTP/1.1\r\nContent-Length: -5\r\n\r\n");
    QTest::newRow("many headers") << ("GET /ari/asterisk/ping HTTP/1.1\r\n" + QByteArray("X-A: b\r\n").repeated(5000) + "\r\n");
    QTest::newRow("broken escapes") << QByteArray("GET /ari/channels/%zz%/%%% HTTP/1.1\r\n\r\n");
    QTest::newRow("upgrade without key") << QByteArray("GET /ari/events?app=x&api_key=asterisk:asterisk HTTP/1.1\r\n"
                                                       "Upgrade: websocket\r\nConnection: Upgrade\r\n\r\n");
}

void TestSimRobustness::garbageOnTheSocket()
{
    QFETCH(QByteArray, bytes);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_sim->server()->port());
    QVERIFY(socket.waitForConnected(5000));
    socket.write(bytes);
    QTRY_VERIFY(socket.bytesToWrite() == 0);
    QVERIFY(m_sim->waitSimulated(100));
    socket.abort();
    QVERIFY(stillServing());
    QCOMPARE(m_sim->server()->liveChannelCount(), 1);
}

void TestSimRobustness::controlsOnEndedObjects()
{
    const QString channel = m_sim->answeredCall(m_app.get(), u"app"_s, {u"2"_s});
    QVERIFY(!channel.isEmpty());
    QCOMPARE(m_sim->post(u"/channels/"_s + channel + u"/play/ended"_s, QUrlQuery{{u"media"_s, u"sound:vm-intro"_s}}).status,
             201);
    QVERIFY(m_sim->hangupCaller(channel));
    QVERIFY(!m_app->waitFor(u"StasisEnd"_s, EventCollector::forChannel(channel)).isEmpty());
    QCOMPARE(m_sim->post(u"/playbacks/ended/control"_s, QUrlQuery{{u"operation"_s, u"pause"_s}}).status, 404);
    QCOMPARE(m_sim->del(u"/playbacks/ended"_s).status, 404);
    QCOMPARE(m_sim->post(u"/channels/"_s + channel + u"/answer"_s).status, 404);
    QCOMPARE(m_sim->del(u"/channels/"_s + channel).status, 404);
    QCOMPARE(m_sim->http("POST", u"/sim/calls/"_s + channel + u"/dtmf"_s, QUrlQuery{{u"dtmf"_s, u"1"_s}}).status, 404);
    QCOMPARE(m_sim->post(u"/bridges/b-ended"_s).status, 200);
    QCOMPARE(m_sim->del(u"/bridges/b-ended"_s).status, 204);
    QCOMPARE(m_sim->post(u"/bridges/b-ended/addChannel"_s, QUrlQuery{{u"channel"_s, m_channel}}).status, 404);
    QCOMPARE(m_sim->del(u"/bridges/b-ended/moh"_s).status, 404);
}

void TestSimRobustness::manyRequestsOnOneConnection()
{
    for (int i = 0; i < 50; ++i) {
        const RestReply reply = m_sim->get(u"/channels/"_s + m_channel);
        QCOMPARE(reply.status, 200);
    }
}

QTEST_GUILESS_MAIN(TestSimRobustness)
#include "TestSimRobustness.moc"

#include "core/ari/AriEventStream.h"

#include "support/FakeEventServer.h"

#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using State = AriEventStream::State;

class TestAriEventStream final : public QObject
{
    Q_OBJECT

private:
    static AriEndpoint endpointFor(const FakeEventServer &server)
    {
        AriEndpoint endpoint;
        endpoint.baseUrl = server.baseUrl();
        endpoint.user = u"asterisk"_s;
        endpoint.password = u"secret"_s;
        endpoint.applications = {u"vm-record"_s};
        return endpoint;
    }

    static QByteArray fixture(const QString &name)
    {
        QFile file(QStringLiteral(SUPERVISOR_TEST_DATA_DIR) + "/events/"_L1 + name + ".json"_L1);
        if (!file.open(QIODevice::ReadOnly))
            qFatal("missing fixture %s", qPrintable(file.fileName()));
        return QJsonDocument::fromJson(file.readAll()).toJson(QJsonDocument::Compact);
    }

    static QList<State> states(const QSignalSpy &spy)
    {
        QList<State> list;
        for (const QList<QVariant> &args : spy)
            list.append(args.at(0).value<State>());
        return list;
    }

    static QList<qint64> delays(const QSignalSpy &spy)
    {
        QList<qint64> list;
        for (const QList<QVariant> &args : spy)
            list.append(args.at(0).value<std::chrono::milliseconds>().count());
        return list;
    }

    static AriEventStream::Backoff fastBackoff(std::chrono::milliseconds initial, std::chrono::milliseconds maximum,
                                               double jitter = 0.0)
    {
        AriEventStream::Backoff backoff;
        backoff.initial = initial;
        backoff.maximum = maximum;
        backoff.jitter = jitter;
        return backoff;
    }

private Q_SLOTS:
    void eventsUrl_data()
    {
        QTest::addColumn<QString>("base");
        QTest::addColumn<QStringList>("apps");
        QTest::addColumn<bool>("subscribeAll");
        QTest::addColumn<bool>("useApiKey");
        QTest::addColumn<QString>("expected");
        QTest::newRow("http") << u"http://127.0.0.1:8088/ari"_s << QStringList{u"vm-record"_s} << false << false
                              << u"ws://127.0.0.1:8088/ari/events?app=vm-record"_s;
        QTest::newRow("https, trailing slash") << u"https://pbx.example:8089/ari/"_s
                                               << QStringList{u"vm-record"_s, u"queue"_s} << true << false
                                               << u"wss://pbx.example:8089/ari/events?app=vm-record,queue&subscribeAll=true"_s;
        QTest::newRow("prefixed path") << u"http://10.0.0.5/asterisk/ari"_s << QStringList{u"a b"_s} << false << false
                                       << u"ws://10.0.0.5/asterisk/ari/events?app=a%20b"_s;
        QTest::newRow("api key") << u"http://127.0.0.1:8088/ari"_s << QStringList{u"queue"_s} << false << true
                                 << u"ws://127.0.0.1:8088/ari/events?app=queue&api_key=asterisk%3As%26cret"_s;
    }

    void eventsUrl()
    {
        QFETCH(QString, base);
        QFETCH(QStringList, apps);
        QFETCH(bool, subscribeAll);
        QFETCH(bool, useApiKey);
        QFETCH(QString, expected);
        AriEndpoint endpoint;
        endpoint.baseUrl = QUrl(base);
        endpoint.user = u"asterisk"_s;
        endpoint.password = u"s&cret"_s;
        endpoint.applications = apps;
        endpoint.subscribeAll = subscribeAll;
        endpoint.useApiKey = useApiKey;
        QCOMPARE(endpoint.eventsUrl().toString(QUrl::FullyEncoded), expected);
        QVERIFY(!endpoint.redactedUrl().contains(u"cret"_s));
    }

    void redactedUrlHasNoCredentials()
    {
        AriEndpoint endpoint;
        endpoint.baseUrl = QUrl(u"http://asterisk:secret@127.0.0.1:8088/ari?api_key=asterisk:secret"_s);
        QCOMPARE(endpoint.redactedUrl(), u"http://127.0.0.1:8088/ari"_s);
        QVERIFY(!endpoint.eventsUrl().toString().contains(u"secret"_s)); // no user info carried over
    }

    void connectsWithBasicAuth()
    {
        FakeEventServer server;
        QVERIFY(server.listen());
        AriEndpoint endpoint = endpointFor(server);
        endpoint.applications = {u"vm-record"_s, u"queue"_s};
        AriEventStream stream(endpoint);
        QSignalSpy stateSpy(&stream, &AriEventStream::stateChanged);
        QSignalSpy resyncSpy(&stream, &AriEventStream::resynced);
        QCOMPARE(stream.state(), State::Disconnected);

        stream.open();
        QCOMPARE(stream.state(), State::Connecting);
        QTRY_COMPARE(stream.state(), State::Connected);
        QCOMPARE(states(stateSpy), (QList<State>{State::Connecting, State::Connected}));
        QCOMPARE(resyncSpy.count(), 0); // a first connect is not a resync
        QTRY_COMPARE(server.clientCount(), 1);

        QCOMPARE(server.connectionAttempts(), 1);
        const FakeEventServer::Upgrade upgrade = server.lastUpgrade();
        QCOMPARE(upgrade.path, u"/ari/events"_s);
        QCOMPARE(upgrade.query.queryItemValue(u"app"_s, QUrl::FullyDecoded), u"vm-record,queue"_s);
        QVERIFY(!upgrade.query.hasQueryItem(u"api_key"_s));
        QVERIFY(!upgrade.query.hasQueryItem(u"subscribeAll"_s));
        QCOMPARE(upgrade.authorization, "Basic " + QByteArray("asterisk:secret").toBase64());
        QVERIFY(stream.lastError().isEmpty());
    }

    void connectsWithApiKey()
    {
        FakeEventServer server;
        QVERIFY(server.listen());
        AriEndpoint endpoint = endpointFor(server);
        endpoint.useApiKey = true;
        endpoint.password = u"p&ss+w%rd:x"_s; // characters that must survive a query string
        endpoint.subscribeAll = true;
        AriEventStream stream(endpoint);
        stream.open();
        QTRY_COMPARE(stream.state(), State::Connected);

        const FakeEventServer::Upgrade upgrade = server.lastUpgrade();
        QCOMPARE(upgrade.path, u"/ari/events"_s);
        QCOMPARE(upgrade.query.queryItemValue(u"app"_s, QUrl::FullyDecoded), u"vm-record"_s);
        QCOMPARE(upgrade.query.queryItemValue(u"api_key"_s, QUrl::FullyDecoded), u"asterisk:p&ss+w%rd:x"_s);
        QCOMPARE(upgrade.query.queryItemValue(u"subscribeAll"_s), u"true"_s);
        QVERIFY(upgrade.authorization.isEmpty()); // the key replaces the header
    }

    void eventsArriveTypedAndInOrder()
    {
        FakeEventServer server;
        QVERIFY(server.listen());
        AriEventStream stream(endpointFor(server));
        QSignalSpy eventSpy(&stream, &AriEventStream::eventReceived);
        stream.open();
        QTRY_COMPARE(server.clientCount(), 1);
        QTRY_COMPARE(stream.state(), State::Connected);

        const QStringList kinds{u"StasisStart"_s, u"ChannelStateChange"_s, u"PlaybackStarted"_s,
                                u"ChannelDtmfReceived"_s, u"PlaybackFinished"_s, u"RecordingStarted"_s,
                                u"RecordingFinished"_s, u"ChannelHangupRequest"_s, u"StasisEnd"_s,
                                u"ChannelCallerId"_s};
        for (const QString &kind : kinds)
            server.sendText(fixture(kind));
        constexpr int s_burst = 2000;
        for (int i = 0; i < s_burst; ++i) {
            server.sendEvent(QJsonObject{{u"type"_s, u"ChannelDtmfReceived"_s},
                                         {u"digit"_s, QString::number(i % 10)},
                                         {u"seq"_s, i},
                                         {u"channel"_s, QJsonObject{{u"id"_s, u"c%1"_s.arg(i % 7)}}}});
        }
        QTRY_COMPARE(eventSpy.count(), int(kinds.size()) + s_burst);

        for (int i = 0; i < kinds.size(); ++i) {
            const auto event = eventSpy.at(i).at(0).value<AriEvent>();
            QCOMPARE(event.typeName(), kinds.at(i));
        }
        const auto start = eventSpy.at(0).at(0).value<AriEvent>();
        QCOMPARE(start.type(), AriEvent::Type::StasisStart);
        QCOMPARE(start.args(), QStringList{u"305"_s});
        QCOMPARE(start.channelId(), u"ari-acceptance-1795676514.63"_s);
        QCOMPARE(eventSpy.at(kinds.size() - 1).at(0).value<AriEvent>().type(), AriEvent::Type::Unknown);
        for (int i = 0; i < s_burst; ++i) {
            const auto event = eventSpy.at(int(kinds.size()) + i).at(0).value<AriEvent>();
            QCOMPARE(event.raw().value("seq"_L1).toInt(), i);
            QCOMPARE(event.channelId(), u"c%1"_s.arg(i % 7));
        }
    }

    void malformedFrameIsReportedAndSkipped()
    {
        FakeEventServer server;
        QVERIFY(server.listen());
        AriEventStream stream(endpointFor(server));
        QSignalSpy eventSpy(&stream, &AriEventStream::eventReceived);
        QSignalSpy malformedSpy(&stream, &AriEventStream::malformedFrame);
        QSignalSpy stateSpy(&stream, &AriEventStream::stateChanged);
        stream.open();
        QTRY_COMPARE(server.clientCount(), 1);
        QTRY_COMPARE(stream.state(), State::Connected);

        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"malformed event frame ignored: not valid JSON"_s));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"malformed event frame ignored: no \"type\""_s));
        server.sendText("{\"type\":\"StasisStart\",");
        server.sendText("{\"channel\":{\"id\":\"c1\"}}");
        server.sendText(fixture(u"StasisEnd"_s));
        QTRY_COMPARE(eventSpy.count(), 1);
        QCOMPARE(malformedSpy.count(), 2);
        QCOMPARE(malformedSpy.at(0).at(0).toByteArray(), QByteArray("{\"type\":\"StasisStart\","));
        QVERIFY(malformedSpy.at(0).at(1).toString().contains(u"not valid JSON"_s));
        QCOMPARE(eventSpy.at(0).at(0).value<AriEvent>().type(), AriEvent::Type::StasisEnd);
        QCOMPARE(stream.state(), State::Connected);
        QCOMPARE(stateSpy.count(), 2); // Connecting, Connected: nothing else
    }

    void reconnectsWithGrowingDelaysThenResyncs()
    {
        FakeEventServer server;
        QVERIFY(server.listen());
        AriEventStream stream(endpointFor(server));
        stream.setBackoff(fastBackoff(10ms, 50ms));
        QSignalSpy stateSpy(&stream, &AriEventStream::stateChanged);
        QSignalSpy scheduledSpy(&stream, &AriEventStream::reconnectScheduled);
        QSignalSpy resyncSpy(&stream, &AriEventStream::resynced);
        QSignalSpy eventSpy(&stream, &AriEventStream::eventReceived);
        QSignalSpy errorSpy(&stream, &AriEventStream::errorOccurred);
        stream.open();
        QTRY_COMPARE(server.clientCount(), 1);
        QTRY_COMPARE(stream.state(), State::Connected);

        // The server goes down: five attempts are cut, the sixth is accepted again.
        constexpr int s_acceptedAttempt = 7;
        connect(&server, &FakeEventServer::upgradeRequested, this, [&server] {
            if (server.connectionAttempts() == s_acceptedAttempt)
                server.setMode(FakeEventServer::Mode::WebSocket);
        });
        server.setMode(FakeEventServer::Mode::Hangup);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"event socket lost"_s));
        for (int i = 0; i < 5; ++i)
            QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"cannot connect the event socket"_s));
        server.dropClients();

        QTRY_COMPARE_WITH_TIMEOUT(resyncSpy.count(), 1, 10000);
        QVERIFY(errorSpy.at(0).at(0).toString().startsWith(u"event socket lost: "_s));
        QVERIFY(errorSpy.at(1).at(0).toString().startsWith(u"cannot connect the event socket to ws://127.0.0.1:"_s));
        QCOMPARE(stream.state(), State::Connected);
        QCOMPARE(server.connectionAttempts(), s_acceptedAttempt);
        QCOMPARE(states(stateSpy),
                 (QList<State>{State::Connecting, State::Connected, State::Reconnecting, State::Connected}));
        // Doubling from the initial delay, capped at the maximum.
        QCOMPARE(delays(scheduledSpy), (QList<qint64>{10, 20, 40, 50, 50, 50}));
        QCOMPARE(errorSpy.count(), 6);
        QCOMPARE(stream.reconnectAttempts(), 0);
        QCOMPARE(stream.nextRetryDelay(), 0ms);
        // The timer really waited: attempts are spaced by at least the scheduled delays.
        const QList<FakeEventServer::Upgrade> &upgrades = server.upgrades();
        for (int i = 3; i < upgrades.size(); ++i)
            QVERIFY2(upgrades.at(i).atMs - upgrades.at(i - 1).atMs >= 25, qPrintable(QString::number(i)));

        // Events flow again on the new socket.
        QTRY_COMPARE(server.clientCount(), 1);
        server.sendText(fixture(u"StasisStart"_s));
        QTRY_COMPARE(eventSpy.count(), 1);

        // A successful connect resets the backoff.
        scheduledSpy.clear();
        server.setMode(FakeEventServer::Mode::WebSocket);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"event socket lost"_s));
        server.dropClients();
        QTRY_COMPARE(resyncSpy.count(), 2);
        QCOMPARE(delays(scheduledSpy), QList<qint64>{10});
    }

    void serverDownFromTheStart()
    {
        quint16 deadPort = 0;
        {
            FakeEventServer gone;
            QVERIFY(gone.listen());
            deadPort = gone.port();
        }
        AriEndpoint endpoint;
        endpoint.baseUrl = QUrl(u"http://127.0.0.1:%1/ari"_s.arg(deadPort));
        endpoint.applications = {u"vm-record"_s};
        endpoint.user = u"asterisk"_s;
        endpoint.password = u"topsecret"_s;
        endpoint.useApiKey = true;
        AriEventStream stream(endpoint);
        stream.setBackoff(fastBackoff(5000ms, 5000ms));
        QSignalSpy scheduledSpy(&stream, &AriEventStream::reconnectScheduled);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"cannot connect the event socket"_s));
        stream.open();
        QTRY_COMPARE(stream.state(), State::Reconnecting);
        QVERIFY2(stream.lastError().contains(u"cannot connect the event socket to ws://127.0.0.1:"_s),
                 qPrintable(stream.lastError()));
        QVERIFY2(stream.lastError().contains(u"api_key=***"_s), qPrintable(stream.lastError()));
        QVERIFY2(stream.lastError().contains(u"refused"_s, Qt::CaseInsensitive), qPrintable(stream.lastError()));
        QVERIFY(!stream.lastError().contains(u"topsecret"_s)); // messages never carry the password
        QCOMPARE(stream.lastHttpStatus(), 0);
        QCOMPARE(delays(scheduledSpy), QList<qint64>{5000});
        QCOMPARE(stream.nextRetryDelay(), 5000ms);
        QCOMPARE(stream.reconnectAttempts(), 1);
        stream.close();
        QCOMPARE(stream.state(), State::Disconnected);
        QCOMPARE(stream.nextRetryDelay(), 0ms);
    }

    void jitterIsBoundedAndSeedable()
    {
        FakeEventServer server;
        server.setMode(FakeEventServer::Mode::Hangup);
        QVERIFY(server.listen());
        constexpr int s_retries = 5;
        const auto run = [&server](quint32 seed) {
            AriEventStream stream(endpointFor(server));
            stream.setBackoff(fastBackoff(8ms, 64ms, 0.5));
            stream.setRandomSeed(seed);
            QSignalSpy scheduledSpy(&stream, &AriEventStream::reconnectScheduled);
            // Stop right after the fifth schedule: exactly five failures, five warnings.
            connect(&stream, &AriEventStream::reconnectScheduled, &stream, [&stream, &scheduledSpy] {
                if (scheduledSpy.count() == s_retries)
                    stream.close();
            });
            for (int i = 0; i < s_retries; ++i)
                QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"cannot connect the event socket"_s));
            stream.open();
            if (!QTest::qWaitFor([&stream] { return stream.state() == State::Disconnected; }, 10000))
                return QList<qint64>();
            return delays(scheduledSpy);
        };
        const QList<qint64> first = run(7);
        const QList<qint64> again = run(7);
        const QList<qint64> other = run(8);
        QCOMPARE(first.size(), s_retries);
        QCOMPARE(again, first);
        QCOMPARE(other.size(), s_retries);
        QVERIFY(other != first);
        const QList<qint64> base{8, 16, 32, 64, 64};
        for (int i = 0; i < s_retries; ++i) {
            for (const QList<qint64> &list : {first, other}) {
                QVERIFY2(list.at(i) >= base.at(i) / 2 && list.at(i) <= std::min<qint64>(base.at(i) * 3 / 2, 64),
                         qPrintable(u"%1: %2"_s.arg(i).arg(list.at(i))));
            }
        }
        QVERIFY(first != base); // the jitter did something
    }

    void wrongPasswordFailsWithoutHotLoop()
    {
        FakeEventServer server; // answers the upgrade like Asterisk: 401 {"message":"Authentication required"}
        server.setMode(FakeEventServer::Mode::Refuse);
        QVERIFY(server.listen());
        AriEventStream stream(endpointFor(server));
        constexpr auto s_maximum = 120ms;
        stream.setBackoff(fastBackoff(5ms, s_maximum));
        QSignalSpy stateSpy(&stream, &AriEventStream::stateChanged);
        QSignalSpy scheduledSpy(&stream, &AriEventStream::reconnectScheduled);
        QSignalSpy errorSpy(&stream, &AriEventStream::errorOccurred);
        for (int i = 0; i < 4; ++i)
            QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"authentication failed \\(401\\)"_s));

        stream.open();
        QTRY_COMPARE(stream.state(), State::Failed);
        QVERIFY2(stream.lastError().contains(u"authentication failed (401)"_s), qPrintable(stream.lastError()));
        QCOMPARE(stream.lastHttpStatus(), 401);
        QCOMPARE(errorSpy.at(0).at(0).toString(), stream.lastError());

        // It keeps trying, but only at the maximum delay: over the period of three maximum delays
        // there are four attempts in all, not the dozens an initial-delay loop would make.
        QTRY_COMPARE_WITH_TIMEOUT(errorSpy.count(), 4, 10000);
        QCOMPARE(server.connectionAttempts(), 4);
        QCOMPARE(delays(scheduledSpy).mid(0, 3), (QList<qint64>{120, 120, 120}));
        const QList<FakeEventServer::Upgrade> &upgrades = server.upgrades();
        for (int i = 1; i < 4; ++i)
            QVERIFY2(upgrades.at(i).atMs - upgrades.at(i - 1).atMs >= s_maximum.count() / 2,
                     qPrintable(QString::number(upgrades.at(i).atMs - upgrades.at(i - 1).atMs)));
        // One state change to Failed, no flapping while it retries.
        QCOMPARE(states(stateSpy), (QList<State>{State::Connecting, State::Failed}));
        QCOMPARE(stream.state(), State::Failed);

        stream.close();
        QCOMPARE(stream.state(), State::Disconnected);
        QCOMPARE(stream.nextRetryDelay(), 0ms);
    }

    void badRequestFails()
    {
        FakeEventServer server;
        server.setMode(FakeEventServer::Mode::Refuse);
        server.setRefusal(400, "Bad Request", "text/html",
                          "<html><body><p>HTTP request is missing param: [app]</p></body></html>");
        QVERIFY(server.listen());
        AriEventStream stream(endpointFor(server));
        stream.setBackoff(fastBackoff(5ms, 5000ms));
        QSignalSpy scheduledSpy(&stream, &AriEventStream::reconnectScheduled);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"bad request \\(400\\)"_s));
        stream.open();
        QTRY_COMPARE(stream.state(), State::Failed);
        QVERIFY2(stream.lastError().contains(u"(400)"_s), qPrintable(stream.lastError()));
        QVERIFY(stream.lastError().contains(u"vm-record"_s));
        QCOMPARE(stream.lastHttpStatus(), 400);
        QCOMPARE(delays(scheduledSpy), QList<qint64>{5000});
        QCOMPARE(server.connectionAttempts(), 1);
    }

    void noApplicationFailsAtOnce()
    {
        FakeEventServer server;
        QVERIFY(server.listen());
        AriEndpoint endpoint = endpointFor(server);
        endpoint.applications.clear();
        AriEventStream stream(endpoint);
        QSignalSpy stateSpy(&stream, &AriEventStream::stateChanged);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"no Stasis application name"_s));
        stream.open();
        QCOMPARE(stream.state(), State::Failed);
        QCOMPARE(states(stateSpy), QList<State>{State::Failed});
        QCOMPARE(stream.nextRetryDelay(), 0ms);
        QCOMPARE(server.connectionAttempts(), 0);
    }

    void applicationReplacedStopsTheStream()
    {
        FakeEventServer server;
        QVERIFY(server.listen());
        AriEndpoint endpoint = endpointFor(server);
        endpoint.applications = {u"queue"_s};
        AriEventStream stream(endpoint);
        stream.setBackoff(fastBackoff(5ms, 10ms));
        QSignalSpy stateSpy(&stream, &AriEventStream::stateChanged);
        QSignalSpy replacedSpy(&stream, &AriEventStream::applicationReplaced);
        QSignalSpy eventSpy(&stream, &AriEventStream::eventReceived);
        QSignalSpy scheduledSpy(&stream, &AriEventStream::reconnectScheduled);
        stream.open();
        QTRY_COMPARE(server.clientCount(), 1);
        QTRY_COMPARE(stream.state(), State::Connected);

        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"application \"queue\" was taken over"_s));
        server.sendText(fixture(u"ApplicationReplaced"_s));
        server.sendText(fixture(u"StasisStart"_s)); // already in flight: not delivered any more
        QTRY_COMPARE(replacedSpy.count(), 1);
        QCOMPARE(replacedSpy.at(0).at(0).toString(), u"queue"_s);
        QCOMPARE(stream.state(), State::Failed);
        QVERIFY(stream.lastError().contains(u"ApplicationReplaced"_s));
        QCOMPARE(states(stateSpy), (QList<State>{State::Connecting, State::Connected, State::Failed}));

        // The stream closes its socket itself and does not come back.
        QTRY_COMPARE(server.clientCount(), 0);
        QCOMPARE(eventSpy.count(), 1);
        QCOMPARE(eventSpy.at(0).at(0).value<AriEvent>().type(), AriEvent::Type::ApplicationReplaced);
        QCOMPARE(scheduledSpy.count(), 0);
        QCOMPARE(stream.nextRetryDelay(), 0ms);
        QCOMPARE(server.connectionAttempts(), 1);

        // Opening it again on purpose is allowed (it takes the application back).
        stream.open();
        QTRY_COMPARE(stream.state(), State::Connected);
        QCOMPARE(server.connectionAttempts(), 2);
    }

    void userCloseDoesNotReconnect()
    {
        FakeEventServer server;
        QVERIFY(server.listen());
        AriEventStream stream(endpointFor(server));
        stream.setBackoff(fastBackoff(5ms, 10ms));
        QSignalSpy stateSpy(&stream, &AriEventStream::stateChanged);
        QSignalSpy scheduledSpy(&stream, &AriEventStream::reconnectScheduled);
        QSignalSpy resyncSpy(&stream, &AriEventStream::resynced);
        QSignalSpy errorSpy(&stream, &AriEventStream::errorOccurred);
        stream.open();
        QTRY_COMPARE(server.clientCount(), 1);
        QTRY_COMPARE(stream.state(), State::Connected);

        stream.close();
        QCOMPARE(stream.state(), State::Disconnected);
        QTRY_COMPARE(server.clientCount(), 0); // closed on our side, the server saw it go
        QCOMPARE(scheduledSpy.count(), 0);
        QCOMPARE(errorSpy.count(), 0);
        QCOMPARE(stream.nextRetryDelay(), 0ms);
        QCOMPARE(server.connectionAttempts(), 1);
        QCOMPARE(states(stateSpy), (QList<State>{State::Connecting, State::Connected, State::Disconnected}));

        // close() twice is harmless; open() again is a fresh start (no resync).
        stream.close();
        QCOMPARE(stateSpy.count(), 3);
        stream.open();
        QTRY_COMPARE(stream.state(), State::Connected);
        QCOMPARE(resyncSpy.count(), 0);
        QCOMPARE(server.connectionAttempts(), 2);
    }

    void heartbeatKeepsHealthyConnection()
    {
        FakeEventServer server;
        QVERIFY(server.listen());
        AriEventStream stream(endpointFor(server));
        stream.setHeartbeatInterval(100ms);
        QSignalSpy stateSpy(&stream, &AriEventStream::stateChanged);
        QSignalSpy pongSpy(&stream, &AriEventStream::heartbeatAnswered);
        stream.open();
        QTRY_COMPARE(stream.state(), State::Connected);
        QTRY_VERIFY(pongSpy.count() >= 3); // three heartbeats answered in a row
        QCOMPARE(stream.state(), State::Connected);
        QCOMPARE(stateSpy.count(), 2);
    }

    void heartbeatDetectsDeadPeer()
    {
        FakeEventServer server; // accepts the upgrade, then never reads again: pings go unanswered
        server.setMode(FakeEventServer::Mode::Unresponsive);
        QVERIFY(server.listen());
        AriEventStream stream(endpointFor(server));
        stream.setHeartbeatInterval(100ms);
        stream.setBackoff(fastBackoff(5ms, 10ms));
        QSignalSpy stateSpy(&stream, &AriEventStream::stateChanged);
        QSignalSpy eventSpy(&stream, &AriEventStream::eventReceived);
        QSignalSpy resyncSpy(&stream, &AriEventStream::resynced);
        QSignalSpy pongSpy(&stream, &AriEventStream::heartbeatAnswered);
        QSignalSpy errorSpy(&stream, &AriEventStream::errorOccurred);
        connect(&server, &FakeEventServer::upgradeRequested, this, [&server] {
            if (server.connectionAttempts() == 2)
                server.setMode(FakeEventServer::Mode::WebSocket); // the replacement is healthy
        });
        // The silent peer still talks (one event right after the upgrade); it just never answers.
        connect(&server, &FakeEventServer::clientConnected, this, [&server] {
            if (server.mode() == FakeEventServer::Mode::Unresponsive)
                server.sendText(fixture(u"StasisStart"_s));
        });

        stream.open();
        QTRY_COMPARE(eventSpy.count(), 1);

        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"event socket lost: no answer to the heartbeat ping"_s));
        QTRY_VERIFY(states(stateSpy).contains(State::Reconnecting));
        QTRY_COMPARE(errorSpy.count(), 1);
        QCOMPARE(errorSpy.at(0).at(0).toString(), u"event socket lost: no answer to the heartbeat ping within 100 ms"_s);
        QCOMPARE(pongSpy.count(), 0);
        QTRY_COMPARE(resyncSpy.count(), 1);
        QCOMPARE(stream.state(), State::Connected);
        QCOMPARE(states(stateSpy),
                 (QList<State>{State::Connecting, State::Connected, State::Reconnecting, State::Connected}));
        QVERIFY(stream.lastError().isEmpty()); // connected again: no current error
        QTRY_VERIFY(pongSpy.count() >= 2);
    }

    void unansweredUpgradeTimesOut()
    {
        FakeEventServer server;
        server.setMode(FakeEventServer::Mode::Mute);
        QVERIFY(server.listen());
        AriEventStream stream(endpointFor(server));
        stream.setConnectTimeout(40ms);
        stream.setBackoff(fastBackoff(5000ms, 5000ms));
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"no answer to the WebSocket upgrade within 40 ms"_s));
        stream.open();
        QTRY_COMPARE(stream.state(), State::Reconnecting);
        QCOMPARE(server.connectionAttempts(), 1);
        QCOMPARE(stream.nextRetryDelay(), 5000ms);
    }

    void destroyedWhileConnected()
    {
        FakeEventServer server;
        QVERIFY(server.listen());
        auto stream = std::make_unique<AriEventStream>(endpointFor(server));
        stream->open();
        QTRY_COMPARE(server.clientCount(), 1);
        stream.reset();
        QTRY_COMPARE(server.clientCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestAriEventStream)
#include "TestAriEventStream.moc"

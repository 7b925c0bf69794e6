#include "core/ari/AriEvent.h"
#include "core/ari/model/Bridge.h"
#include "core/ari/model/Channel.h"
#include "core/ari/model/LiveRecording.h"
#include "core/ari/model/Playback.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

// Fixtures in tests/data/events/ are events captured from Asterisk 22.10.1, one per kind.
class TestAriEvent final : public QObject
{
    Q_OBJECT

private:
    static QByteArray fixture(const QString &name)
    {
        QFile file(QStringLiteral(SUPERVISOR_TEST_DATA_DIR) + "/events/"_L1 + name + ".json"_L1);
        if (!file.open(QIODevice::ReadOnly))
            qFatal("missing fixture %s", qPrintable(file.fileName()));
        return file.readAll();
    }

    static AriEvent parsed(const QString &name)
    {
        AriEvent event;
        QString error;
        if (!AriEvent::parse(fixture(name), &event, &error))
            qFatal("fixture %s does not parse: %s", qPrintable(name), qPrintable(error));
        return event;
    }

private Q_SLOTS:
    void routingKeys_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<AriEvent::Type>("type");
        QTest::addColumn<QString>("channelId");
        QTest::addColumn<QString>("playbackId");
        QTest::addColumn<QString>("bridgeId");
        QTest::addColumn<QString>("recordingName");
        QTest::addColumn<QString>("application");

        using T = AriEvent::Type;
        const QString vmCaller = u"ari-acceptance-1795676514.63"_s;
        const QString queueCaller = u"ari-acceptance-1795676524.67"_s;
        const QString queueBridge = u"queue-call-1795676531868"_s;
        const QString vmRecording = u"voicemail/305/1795676516"_s;
        QTest::newRow("StasisStart") << u"StasisStart"_s << T::StasisStart << vmCaller << QString() << QString()
                                     << QString() << u"vm-record"_s;
        QTest::newRow("StasisEnd") << u"StasisEnd"_s << T::StasisEnd << vmCaller << QString() << QString()
                                   << QString() << u"vm-record"_s;
        QTest::newRow("ChannelStateChange") << u"ChannelStateChange"_s << T::ChannelStateChange << vmCaller
                                            << QString() << QString() << QString() << u"vm-record"_s;
        QTest::newRow("ChannelDtmfReceived") << u"ChannelDtmfReceived"_s << T::ChannelDtmfReceived << vmCaller
                                             << QString() << QString() << QString() << u"vm-record"_s;
        QTest::newRow("ChannelHangupRequest") << u"ChannelHangupRequest"_s << T::ChannelHangupRequest << vmCaller
                                              << QString() << QString() << QString() << u"vm-record"_s;
        QTest::newRow("ChannelDestroyed") << u"ChannelDestroyed"_s << T::ChannelDestroyed
                                          << u"ari-acceptance-1795676508.54"_s << QString() << QString()
                                          << QString() << u"queue"_s;
        QTest::newRow("ChannelDialplan") << u"ChannelDialplan"_s << T::ChannelDialplan
                                         << u"ari-acceptance-1795676505.46"_s << QString() << QString()
                                         << QString() << u"queue"_s;
        QTest::newRow("ChannelVarset") << u"ChannelVarset"_s << T::ChannelVarset << queueCaller << QString()
                                       << QString() << QString() << u"queue"_s;
        QTest::newRow("ChannelEnteredBridge") << u"ChannelEnteredBridge"_s << T::ChannelEnteredBridge
                                              << queueCaller << QString() << queueBridge << QString()
                                              << u"queue"_s;
        QTest::newRow("ChannelLeftBridge") << u"ChannelLeftBridge"_s << T::ChannelLeftBridge << queueCaller
                                           << QString() << queueBridge << QString() << u"queue"_s;
        QTest::newRow("BridgeDestroyed") << u"BridgeDestroyed"_s << T::BridgeDestroyed << QString() << QString()
                                         << queueBridge << QString() << u"queue"_s;
        QTest::newRow("Dial uses the peer") << u"Dial"_s << T::Dial << u"agent-200"_s << QString() << QString()
                                            << QString() << u"queue"_s;
        QTest::newRow("PlaybackStarted") << u"PlaybackStarted"_s << T::PlaybackStarted << QString()
                                         << u"vm-greeting"_s << QString() << QString() << u"vm-record"_s;
        QTest::newRow("PlaybackContinuing") << u"PlaybackContinuing"_s << T::PlaybackContinuing << QString()
                                            << u"announce-1"_s << QString() << QString() << u"queue"_s;
        QTest::newRow("PlaybackFinished") << u"PlaybackFinished"_s << T::PlaybackFinished << QString()
                                          << u"vm-greeting"_s << QString() << QString() << u"vm-record"_s;
        QTest::newRow("RecordingStarted") << u"RecordingStarted"_s << T::RecordingStarted << QString()
                                          << QString() << QString() << vmRecording << u"vm-record"_s;
        QTest::newRow("RecordingFinished") << u"RecordingFinished"_s << T::RecordingFinished << QString()
                                           << QString() << QString() << vmRecording << u"vm-record"_s;
        QTest::newRow("ApplicationReplaced") << u"ApplicationReplaced"_s << T::ApplicationReplaced << QString()
                                             << QString() << QString() << QString() << u"queue"_s;
        QTest::newRow("DeviceStateChanged") << u"DeviceStateChanged"_s << T::DeviceStateChanged << QString()
                                            << QString() << QString() << QString() << u"monitor"_s;
        // Not a type the product knows: kept, and still routable by its channel.
        QTest::newRow("ChannelCallerId (unknown)") << u"ChannelCallerId"_s << T::Unknown << u"agent-200-peer"_s
                                                   << QString() << QString() << QString() << u"queue"_s;
    }

    void routingKeys()
    {
        QFETCH(QString, file);
        QFETCH(AriEvent::Type, type);
        QFETCH(QString, channelId);
        QFETCH(QString, playbackId);
        QFETCH(QString, bridgeId);
        QFETCH(QString, recordingName);
        QFETCH(QString, application);

        AriEvent event;
        QString error = u"stale"_s;
        QVERIFY(AriEvent::parse(fixture(file), &event, &error));
        QVERIFY(error.isEmpty());
        QCOMPARE(event.type(), type);
        QCOMPARE(event.typeName(), file); // the wire name, also for an unknown type
        QCOMPARE(event.channelId(), channelId);
        QCOMPARE(event.playbackId(), playbackId);
        QCOMPARE(event.bridgeId(), bridgeId);
        QCOMPARE(event.recordingName(), recordingName);
        QCOMPARE(event.application(), application);
        QVERIFY(event.timestamp().isValid());
        QCOMPARE(event.raw().value("type"_L1).toString(), file);
    }

    void timestampIsUtcWithMilliseconds()
    {
        const AriEvent event = parsed(u"Dial"_s);
        QCOMPARE(event.timestamp(), QDateTime(QDate(2026, 11, 26), QTime(7, 1, 46, 464), Qt::UTC));
    }

    void stasisStart()
    {
        const AriEvent event = parsed(u"StasisStart"_s);
        QCOMPARE(event.args(), QStringList{u"305"_s});
        const Channel channel = event.channel();
        QCOMPARE(channel.id, u"ari-acceptance-1795676514.63"_s);
        QCOMPARE(channel.name, u"Local/305@vm-record-0000001f;2"_s);
        QCOMPARE(channel.state, u"Ring"_s);
        QCOMPARE(channel.dialplanContext, u"vm-record"_s);
        QCOMPARE(channel.dialplanExten, u"305"_s);
        QCOMPARE(channel.dialplanPriority, 2);
        QCOMPARE(channel.language, u"en"_s);
        QCOMPARE(channel.creationtime, QDateTime(QDate(2026, 11, 26), QTime(7, 1, 54, 354), Qt::UTC));
    }

    void dtmf()
    {
        const AriEvent event = parsed(u"ChannelDtmfReceived"_s);
        QCOMPARE(event.digit(), u"#"_s);
        QCOMPARE(event.durationMs(), 100);
        QCOMPARE(event.channel().state, u"Up"_s);
    }

    void hangupRequest()
    {
        const AriEvent event = parsed(u"ChannelHangupRequest"_s);
        QCOMPARE(event.cause(), 32);
        QVERIFY(event.soft());
    }

    void channelDestroyed()
    {
        const AriEvent event = parsed(u"ChannelDestroyed"_s);
        QCOMPARE(event.cause(), 19);
        QCOMPARE(event.causeText(), u"User alerting, no answer"_s);
        QVERIFY(!event.soft());
    }

    void varset()
    {
        const AriEvent event = parsed(u"ChannelVarset"_s);
        QCOMPARE(event.variable(), u"BRIDGEPEER"_s);
        QCOMPARE(event.value(), u"Local/agent@queue-00000020;2"_s);
    }

    void dial()
    {
        const AriEvent event = parsed(u"Dial"_s);
        QCOMPARE(event.dialStatus(), u"ANSWER"_s);
        const Channel peer = event.channel();
        QCOMPARE(peer.id, u"agent-200"_s);
        QCOMPARE(peer.callerName, u"Agent 200"_s);
        QCOMPARE(peer.connectedName, u"Agent Smith"_s);
        QVERIFY(!event.dialCaller().isValid()); // an originate has no calling channel
    }

    void bridgeEvents()
    {
        const AriEvent entered = parsed(u"ChannelEnteredBridge"_s);
        const Bridge bridge = entered.bridge();
        QCOMPARE(bridge.id, u"queue-call-1795676531868"_s);
        QCOMPARE(bridge.bridgeType, u"mixing"_s);
        QCOMPARE(bridge.bridgeClass, u"stasis"_s);
        QCOMPARE(bridge.technology, u"simple_bridge"_s);
        QCOMPARE(bridge.channels, QStringList{u"ari-acceptance-1795676524.67"_s});
        QCOMPARE(entered.channel().id, u"ari-acceptance-1795676524.67"_s);

        const AriEvent destroyed = parsed(u"BridgeDestroyed"_s);
        QCOMPARE(destroyed.bridge().id, u"queue-call-1795676531868"_s);
        QVERIFY(!destroyed.channel().isValid());
    }

    void playbacks()
    {
        const Playback continuing = parsed(u"PlaybackContinuing"_s).playback();
        QCOMPARE(continuing.id, u"announce-1"_s);
        QCOMPARE(continuing.mediaUri, u"sound:queue-thereare"_s);
        QCOMPARE(continuing.nextMediaUri, u"number:0"_s);
        QCOMPARE(continuing.state, u"continuing"_s);
        QCOMPARE(continuing.targetUri, u"channel:ari-acceptance-1795676524.67"_s);

        const Playback finished = parsed(u"PlaybackFinished"_s).playback();
        QCOMPARE(finished.state, u"done"_s);
        QCOMPARE(finished.language, u"en"_s);
    }

    void recordings()
    {
        const LiveRecording started = parsed(u"RecordingStarted"_s).recording();
        QCOMPARE(started.state, u"recording"_s);
        QVERIFY(!started.duration.has_value());

        const LiveRecording finished = parsed(u"RecordingFinished"_s).recording();
        QCOMPARE(finished.name, u"voicemail/305/1795676516"_s);
        QCOMPARE(finished.format, u"wav"_s);
        QCOMPARE(finished.state, u"done"_s);
        QCOMPARE(finished.duration, std::optional<int>(2));
        QCOMPARE(finished.targetUri, u"channel:ari-acceptance-1795676514.63"_s);
    }

    void unknownEventKeptWhole()
    {
        const AriEvent event = parsed(u"ChannelCallerId"_s);
        QCOMPARE(event.type(), AriEvent::Type::Unknown);
        QCOMPARE(event.typeName(), u"ChannelCallerId"_s);
        QCOMPARE(event.raw().value("caller_presentation_txt"_L1).toString(),
                 u"Presentation Allowed, Not Screened"_s);
        QCOMPARE(event.channel().callerName, u"Agent Smith"_s);

        AriEvent invented;
        QVERIFY(AriEvent::parse(R"({"type":"SomethingNew","thing":{"id":"x"},"n":[1,2]})", &invented, nullptr));
        QCOMPARE(invented.type(), AriEvent::Type::Unknown);
        QCOMPARE(invented.typeName(), u"SomethingNew"_s);
        QCOMPARE(invented.raw().value("n"_L1).toArray().size(), 2);
    }

    void typeNamesRoundTrip()
    {
        using T = AriEvent::Type;
        for (int i = int(T::StasisStart); i <= int(T::RestResponse); ++i) {
            const auto type = T(i);
            const QString name = AriEvent::typeName(type);
            QVERIFY2(name != u"Unknown"_s, qPrintable(QString::number(i)));
            QCOMPARE(AriEvent::typeFromName(name), type);
        }
        QCOMPARE(AriEvent::typeFromName(u"stasisstart"), T::Unknown); // names are exact
        QCOMPARE(AriEvent::typeFromName(u""), T::Unknown);
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<QString>("errorPart");
        QTest::newRow("empty") << QByteArray() << u"not valid JSON"_s;
        QTest::newRow("truncated") << QByteArray(R"({"type":"StasisStart","channel":{)") << u"not valid JSON"_s;
        QTest::newRow("not JSON") << QByteArray("hello") << u"not valid JSON"_s;
        QTest::newRow("binary garbage") << QByteArray("\xff\xfe\x00\x01", 4) << u"not valid JSON"_s;
        QTest::newRow("array") << QByteArray(R"([{"type":"StasisStart"}])") << u"not a JSON object"_s;
        QTest::newRow("no type") << QByteArray(R"({"channel":{"id":"c1"}})") << u"\"type\""_s;
        QTest::newRow("type not a string") << QByteArray(R"({"type":42})") << u"\"type\""_s;
        QTest::newRow("type null") << QByteArray(R"({"type":null})") << u"\"type\""_s;
        QTest::newRow("empty type") << QByteArray(R"({"type":""})") << u"\"type\""_s;
    }

    void malformed()
    {
        QFETCH(QByteArray, frame);
        QFETCH(QString, errorPart);
        AriEvent event = parsed(u"StasisStart"_s);
        QString error;
        QVERIFY(!AriEvent::parse(frame, &event, &error));
        QVERIFY2(error.contains(errorPart), qPrintable(error));
        QCOMPARE(event.type(), AriEvent::Type::Unknown); // nothing stale left behind
        QVERIFY(event.channelId().isEmpty());
        QVERIFY(!AriEvent::parse(frame, &event, nullptr)); // no error slot: still no crash
        QVERIFY(!AriEvent::parse(frame, nullptr, &error));
    }

    void wrongFieldTypesReadAsEmpty()
    {
        AriEvent event;
        QVERIFY(AriEvent::parse(R"({"type":"StasisStart","channel":"oops","args":"305","playback":[1],)"
                                R"("bridge":{"id":7},"recording":{"name":null},"digit":5,"cause":"x"})",
                                &event, nullptr));
        QCOMPARE(event.type(), AriEvent::Type::StasisStart);
        QVERIFY(event.channelId().isEmpty());
        QVERIFY(event.playbackId().isEmpty());
        QVERIFY(event.bridgeId().isEmpty());
        QVERIFY(event.recordingName().isEmpty());
        QVERIFY(event.args().isEmpty());
        QVERIFY(event.digit().isEmpty());
        QCOMPARE(event.cause(), 0);
        QVERIFY(!event.channel().isValid());
        QVERIFY(!event.timestamp().isValid());
    }

    void everyFixtureReadsAsQtReadsIt_data()
    {
        QTest::addColumn<QString>("file");
        const QDir events(QStringLiteral(SUPERVISOR_TEST_DATA_DIR) + "/events"_L1);
        const QStringList files = events.entryList({ u"*.json"_s }, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 20);
        for (const QString &file : files)
            QTest::newRow(qPrintable(file)) << file.chopped(5);
    }

    void everyFixtureReadsAsQtReadsIt()
    {
        // The frame's tree and Qt's parser agree on every member of every captured event, and the
        // typed parts read from the tree equal the models read from Qt's objects.
        QFETCH(QString, file);
        const QJsonObject qt = QJsonDocument::fromJson(fixture(file)).object();
        const AriEvent event = parsed(file);
        QCOMPARE(event.raw(), qt);

        QVERIFY(event.channel()
                == Channel::fromJson(qt.value(file == "Dial"_L1 ? "peer"_L1 : "channel"_L1).toObject()));
        QVERIFY(event.dialCaller() == Channel::fromJson(qt.value("caller"_L1).toObject()));
        QVERIFY(event.bridge() == Bridge::fromJson(qt.value("bridge"_L1).toObject()));
        QVERIFY(event.playback() == Playback::fromJson(qt.value("playback"_L1).toObject()));
        QVERIFY(event.recording() == LiveRecording::fromJson(qt.value("recording"_L1).toObject()));
        // Not equal for want of content: the captured events carry these parts.
        if (file == "StasisStart"_L1)
            QVERIFY(!event.channel().name.isEmpty() && event.channel().creationtime.isValid());
        if (file == "ChannelCallerId"_L1)
            QVERIFY(!event.channel().callerName.isEmpty());
        if (file == "RecordingFinished"_L1)
            QVERIFY(event.recording().duration.has_value());
        if (file == "ChannelEnteredBridge"_L1)
            QVERIFY(!event.bridge().channels.isEmpty());
        if (file == "PlaybackStarted"_L1)
            QVERIFY(!event.playback().targetUri.isEmpty());

        QCOMPARE(event.application(), qt.value("application"_L1).toString());
        QCOMPARE(event.args().join(u'|'), qt.value("args"_L1).toVariant().toStringList().join(u'|'));
        QCOMPARE(event.digit(), qt.value("digit"_L1).toString());
        QCOMPARE(event.durationMs(), qt.value("duration_ms"_L1).toInt());
        QCOMPARE(event.cause(), qt.value("cause"_L1).toInt());
        QCOMPARE(event.soft(), qt.value("soft"_L1).toBool());
    }

    void restResponseIsNotAnEvent()
    {
        AriEvent answer;
        QVERIFY(AriEvent::parse(R"({"type":"RESTResponse","transaction_id":"t1","request_id":"7",)"
                                R"("status_code":200,"reason_phrase":"OK","uri":"sounds/vm-intro",)"
                                "\"message_body\":\"{\\\"id\\\":\\\"vm-intro\\\"}\"}",
                                &answer, nullptr));
        QCOMPARE(answer.type(), AriEvent::Type::RestResponse);
        QCOMPARE(answer.typeName(), u"RESTResponse"_s);
        QCOMPARE(answer.members().toInt("status_code"_L1), 200);
        QCOMPARE(answer.members().string("request_id"_L1), u"7"_s);
        QCOMPARE(answer.members().utf8("message_body"_L1), QByteArray(R"({"id":"vm-intro"})"));
    }

    void hostileFramesReadAsQtReadsThem()
    {
        AriEvent event;
        QString error;

        // An escaped unpaired surrogate, high or low: the frame is left to Qt's parser (which reads
        // it as that UTF-16 unit) and kept in the tree, which holds UTF-8, as "?" (as toUtf8 writes it).
        for (const QByteArray &escape : { QByteArray("\\ud800"), QByteArray("\\udc00") }) {
            const quint64 readByQt = AriEvent::framesReadByQt();
            const QByteArray frame
                = "{\"type\":\"StasisStart\",\"channel\":{\"id\":\"c1\",\"caller\":{\"name\":\"a" + escape + "b\"}}}";
            QVERIFY2(AriEvent::parse(frame, &event, &error), qPrintable(error));
            QCOMPARE(AriEvent::framesReadByQt(), readByQt + 1);
            QCOMPARE(event.channelId(), u"c1"_s);
            QCOMPARE(event.channel().callerName, u"a?b"_s);
        }

        // Upper-case hex digits likewise. An escaped backslash before "ud800" is no escape of a
        // surrogate: that frame stays with the fast reading, and the text is read as written.
        {
            const quint64 readByQt = AriEvent::framesReadByQt();
            QVERIFY(AriEvent::parse("{\"type\":\"StasisEnd\",\"channel\":{\"id\":\"c1\",\"name\":\"a\\uDC00b\"}}",
                &event, &error));
            QCOMPARE(AriEvent::framesReadByQt(), readByQt + 1);
            QCOMPARE(event.channel().name, u"a?b"_s);
            QVERIFY(AriEvent::parse(
                "{\"type\":\"StasisEnd\",\"channel\":{\"id\":\"c1\",\"name\":\"a\\\\ud800\\\\\"}}", &event, &error));
            QCOMPARE(AriEvent::framesReadByQt(), readByQt + 1);
            QCOMPARE(event.channel().name, u"a\\ud800\\"_s);
            // An escaped backslash, then an escaped surrogate: the second escape still counts.
            QVERIFY(AriEvent::parse(
                "{\"type\":\"StasisEnd\",\"channel\":{\"id\":\"c1\",\"name\":\"a\\\\\\udc00\"}}", &event, &error));
            QCOMPARE(AriEvent::framesReadByQt(), readByQt + 2);
            QCOMPARE(event.channel().name, u"a\\?"_s);
        }
        // Raw bytes of an encoded surrogate (not UTF-8): Qt's parser has the word, as for an escape,
        // and it refuses them.
        {
            const quint64 readByQt = AriEvent::framesReadByQt();
            const QByteArray frame = "{\"type\":\"StasisEnd\",\"channel\":{\"id\":\"c\xed\xa0\x80\"}}";
            QVERIFY(!AriEvent::parse(frame, &event, &error));
            QVERIFY2(error.contains(u"not valid JSON"_s), qPrintable(error));
            QCOMPARE(AriEvent::framesReadByQt(), readByQt + 1);
        }

        // Of duplicate members the last counts, for the routing key and the typed part alike.
        QVERIFY(AriEvent::parse(R"({"type":"PlaybackStarted","playback":{"id":"p1"},"playback":{"id":"p2"}})",
                                &event, nullptr));
        QCOMPARE(event.playbackId(), u"p2"_s);
        QCOMPARE(event.playback().id, u"p2"_s);

        // A NUL byte after a complete object is trailing garbage, as for Qt.
        QVERIFY(!AriEvent::parse(QByteArray(R"({"type":"StasisEnd"})" "\0x", 23), &event, &error));
        QVERIFY2(error.contains(u"not valid JSON"_s), qPrintable(error));

        // Invalid UTF-8 inside a string reads as U+FFFD (the stream's frames are always UTF-8).
        QVERIFY(AriEvent::parse("{\"type\":\"StasisEnd\",\"channel\":{\"id\":\"c\xff\"}}", &event, &error));
        QCOMPARE(event.channelId(), u"c\ufffd"_s);
        QCOMPARE(event.channel().id, event.channelId());
    }

    void longNumbersReadExactlyAsQtReadsThem()
    {
        // Long digit strings (RapidJSON's exact conversion reads out of bounds on some; the fuzzer
        // found one) and numbers whose nearest double needs every digit: each member reads as Qt
        // reads it, through the tree's own reading (not handed to Qt's parser).
        const QByteArray frame = R"({"type":"Probe","long":1)" + QByteArray(300, '0') + ".5"
            + R"(,"mantissa":0.1000000000000000055511151231257827021181583404541015625,)"
              R"("halfway":9007199254740993,"beyond_int64":123456789012345678901234567890,)"
              R"("third":0.333333333333333314829616256247390992939472198486328125,"small":4.9e-324,)"
              R"("integral":2.5e2,"negative":-1.7976931348623157e308})";
        AriEvent event;
        QString error;
        const quint64 readByQt = AriEvent::framesReadByQt();
        QVERIFY2(AriEvent::parse(frame, &event, &error), qPrintable(error));
        QCOMPARE(AriEvent::framesReadByQt(), readByQt);
        const QJsonDocument qt = QJsonDocument::fromJson(frame);
        QCOMPARE(event.raw(), qt.object());
        QCOMPARE(QJsonDocument(event.raw()).toJson(), qt.toJson());
        QCOMPARE(event.members().value("long"_L1).toDouble(), 1e300);
        QCOMPARE(event.members().toInteger("halfway"_L1), 9007199254740993LL);
        QCOMPARE(event.members().toInt("integral"_L1), 250);

        // The input the fuzzer found: no object at all, refused with a reason.
        const QByteArray found = "\t\t\t95674003.0" + QByteArray(390, '1') + "0";
        QVERIFY(!AriEvent::parse(found, &event, &error));
        QVERIFY2(!error.isEmpty(), "refused without a reason");
    }

    void deepNestingIsRefusedWithoutRecursion()
    {
        // Deeper than Qt's limit of 1,024 levels: refused, as Qt refuses it, and without a stack
        // that grows with the depth (100,000 levels would overflow a recursive parser's).
        const int depth = 100000;
        const QByteArray deep = R"({"type":"SomethingNew","x":)" + QByteArray(depth, '[') + QByteArray(depth, ']') + "}";
        AriEvent event;
        QString error;
        QVERIFY(!AriEvent::parse(deep, &event, &error));
        QVERIFY2(error.contains(u"not valid JSON"_s), qPrintable(error));

        // Within the limit the frame is read; converting to Qt's types stops at 256 levels, the
        // frame's own object the first of them.
        const QByteArray nested = R"({"type":"SomethingNew","x":)" + QByteArray(1000, '[') + QByteArray(1000, ']') + "}";
        QVERIFY2(AriEvent::parse(nested, &event, &error), qPrintable(error));
        QCOMPARE(event.typeName(), u"SomethingNew"_s);
        QJsonValue level = event.raw().value("x"_L1);
        int levels = 0;
        while (level.isArray()) {
            ++levels;
            const QJsonArray array = level.toArray();
            level = array.isEmpty() ? QJsonValue() : array.first();
        }
        QCOMPARE(levels, 255);
        QVERIFY(level.isNull());
    }

    void fromJsonMatchesParse()
    {
        const AriEvent parsedEvent = parsed(u"ChannelEnteredBridge"_s);
        const AriEvent built = AriEvent::fromJson(parsedEvent.raw());
        QCOMPARE(built.type(), parsedEvent.type());
        QCOMPARE(built.channelId(), parsedEvent.channelId());
        QCOMPARE(built.bridgeId(), parsedEvent.bridgeId());
    }
};

QTEST_GUILESS_MAIN(TestAriEvent)
#include "TestAriEvent.moc"

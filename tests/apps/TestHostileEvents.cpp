// Events no call expects (SPEC AR-6, RB-3): for channels, playbacks and recordings nobody knows,
// of types the client does not know, for another application, without the fields they need, with
// fields of the wrong JSON types, and a StasisStart with a huge caller id and channel name. Each is
// routed into the running voicemail application exactly as the event socket would (the router),
// while a real caller is in the middle of a recording: nothing starts, nothing crashes, no
// subscription is left behind, and the real call goes on to the end as if nothing had happened.
#include "support/AppTestBed.h"

#include "core/apps/StasisApplicationHost.h"
#include "core/ari/AriConnection.h"
#include "core/ari/AriEvent.h"
#include "core/ari/AriEventRouter.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr int s_timeout = 30000;
const QString s_app = u"vm-record"_s;

AriEvent parsedEvent(const QByteArray &frame)
{
    AriEvent parsed;
    QString error;
    if (!AriEvent::parse(frame, &parsed, &error))
        qWarning("%s: %s", frame.constData(), qPrintable(error));
    return parsed;
}

} // namespace

class TestHostileEvents final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void strayEventsChangeNothing();
    void hugeCallerIdAndNameAreHandled();
};

void TestHostileEvents::strayEventsChangeNothing()
{
    const struct
    {
        const char *name;
        QByteArray frame;
    } strays[] = {
        { "dtmf for an unknown channel",
            QByteArray(R"({"type":"ChannelDtmfReceived","application":"vm-record","digit":"#","duration_ms":100,)"
                       R"("channel":{"id":"nobody-1","name":"PJSIP/9-1","state":"Up"}})") },
        { "hang-up of an unknown channel",
            QByteArray(R"({"type":"ChannelHangupRequest","application":"vm-record","cause":16,)"
                       R"("channel":{"id":"nobody-2","name":"PJSIP/9-2","state":"Up"}})") },
        { "StasisEnd of an unknown channel",
            QByteArray(R"({"type":"StasisEnd","application":"vm-record","channel":{"id":"nobody-3"}})") },
        { "playback finished that nobody started",
            QByteArray(R"({"type":"PlaybackFinished","application":"vm-record","playback":{"id":"pb-x",)"
                       R"("media_uri":"sound:vm-intro","target_uri":"channel:nobody-4","state":"done"}})") },
        { "recording finished that nobody started",
            QByteArray(R"({"type":"RecordingFinished","application":"vm-record","recording":{"name":)"
                       R"("voicemail/305/1","state":"done","target_uri":"channel:nobody-5","format":"wav"}})") },
        { "unknown event type",
            QByteArray(R"({"type":"ChannelTeleported","application":"vm-record","channel":{"id":"nobody-6"}})") },
        { "StasisStart for another application",
            QByteArray(R"({"type":"StasisStart","application":"someone-else","args":["305"],)"
                       R"("channel":{"id":"other-7","name":"PJSIP/9-7","state":"Ring"}})") },
        { "StasisStart without a channel",
            QByteArray(R"({"type":"StasisStart","application":"vm-record","args":["305"]})") },
        { "StasisStart with wrong types",
            QByteArray(R"({"type":"StasisStart","application":"vm-record","args":"305",)"
                       R"("channel":{"id":42,"name":["x"],"state":null}})") },
    };
    AppTestBed bed;
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(bed.start());
    const QString id = bed.placeCall(s_app, u"305"_s);
    QVERIFY(!id.isEmpty());
    QString live;
    QTRY_VERIFY_WITH_TIMEOUT(!(live = bed.liveRecordingOf(id)).isEmpty(), s_timeout);
    const int subscriptions = bed.subscriptionCount();
    const QStringList statesBefore = bed.states(id);

    for (const auto &stray : strays) {
        const AriEvent event = parsedEvent(stray.frame);
        QVERIFY2(!event.typeName().isEmpty(), stray.name);
        bed.connection()->router()->route(event);
        QCoreApplication::processEvents();
        // Nothing started and nothing moved.
        QVERIFY2(bed.liveCalls() == 1, stray.name);
        QVERIFY2(bed.subscriptionCount() == subscriptions, stray.name);
        QVERIFY2(bed.states(id) == statesBefore, stray.name);
        QVERIFY2(bed.states(u"other-7"_s).isEmpty(), stray.name);
    }
    QCOMPARE(bed.state(id), u"recording"_s);
    QCOMPARE(bed.liveRecordingOf(id), live);
    // The real call goes on: the caller talks, presses #, the message is reviewed and kept.
    QVERIFY(bed.talk(id, 1500));
    QVERIFY(bed.waitSimulated(1500));
    QVERIFY(bed.press(id, u"#"_s));
    QTRY_VERIFY_WITH_TIMEOUT(bed.state(id) == u"reviewing"_s, s_timeout);
    QVERIFY(bed.hangUp(id));
    QTRY_VERIFY_WITH_TIMEOUT(bed.hasEnded(id), s_timeout);
    QTRY_COMPARE_WITH_TIMEOUT(bed.liveCalls(), 0, s_timeout);
    QTRY_COMPARE_WITH_TIMEOUT(bed.subscriptionCount(), bed.baselineSubscriptions(), s_timeout);
    QCOMPARE(bed.storedIn(u"305"_s).size(), 1);
}

void TestHostileEvents::hugeCallerIdAndNameAreHandled()
{
    // A StasisStart whose caller id, channel name and second argument are 64 KiB each (the frame,
    // a few hundred KiB, is well under the frame limit): the call starts like any other, ends with
    // its StasisEnd, and leaves nothing behind.
    AppTestBed bed;
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(bed.start());
    const QByteArray huge(64 * 1024, '9');
    const QByteArray frame = R"({"type":"StasisStart","application":"vm-record","args":["305",")" + huge
        + R"("],"channel":{"id":"huge-1","name":"PJSIP/)" + huge + R"(","state":"Ring","caller":{"name":")" + huge
        + R"(","number":")" + huge + R"("}}})";
    bed.connection()->router()->route(parsedEvent(frame));
    QTRY_VERIFY_WITH_TIMEOUT(!bed.states(u"huge-1"_s).isEmpty(), s_timeout);
    // The server does not have that channel (every request about it is a 404); as Asterisk would,
    // the channel's StasisEnd follows, and the call ends.
    bed.connection()->router()->route(
        parsedEvent(R"({"type":"StasisEnd","application":"vm-record","channel":{"id":"huge-1"}})"));
    QTRY_VERIFY2_WITH_TIMEOUT(bed.hasEnded(u"huge-1"_s), qPrintable(bed.states(u"huge-1"_s).join(u" > "_s)), s_timeout);
    QVERIFY(!bed.wasAnswered(u"huge-1"_s));
    QTRY_COMPARE_WITH_TIMEOUT(bed.liveCalls(), 0, s_timeout);
    QTRY_COMPARE_WITH_TIMEOUT(bed.subscriptionCount(), bed.baselineSubscriptions(), s_timeout);
    QVERIFY(bed.storedIn(u"305"_s).isEmpty());
}

QTEST_GUILESS_MAIN(TestHostileEvents)
#include "TestHostileEvents.moc"

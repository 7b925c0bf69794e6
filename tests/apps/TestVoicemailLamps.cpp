#include "support/AppTestBed.h"
#include "support/SoundsFixture.h"

#include "core/apps/StasisApplicationHost.h"
#include "core/playback/PlaybackTracker.h"
#include "core/voicemail/MailboxLamps.h"
#include "core/voicemail/VoicemailStore.h"
#include "sim/SimServer.h"
#include "sim/engine/SimFaultPlan.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr int s_timeout = 15000; // safety net for every wait (wall ms); never a measurement

struct Lamp
{
    int status = 0;
    int newMessages = -1;
    int oldMessages = -1;
};

// What the server's GET /mailboxes/<name> says (as a phone subscribed to it would see).
Lamp lampOf(AppTestBed &bed, const QString &mailboxName)
{
    const AppTestBed::Reply reply = bed.ari("GET", u"/mailboxes/"_s + mailboxName);
    const QJsonObject object = reply.json().toObject();
    return Lamp { reply.status, object.value(u"new_messages"_s).toInt(-1), object.value(u"old_messages"_s).toInt(-1) };
}

bool lampIs(AppTestBed &bed, const QString &mailboxName, int newMessages, int oldMessages)
{
    const Lamp lamp = lampOf(bed, mailboxName);
    return lamp.status == 200 && lamp.newMessages == newMessages && lamp.oldMessages == oldMessages;
}

#define WAIT_LAMP(bed, name, newCount, oldCount)                                                                       \
    QTRY_VERIFY2_WITH_TIMEOUT(lampIs((bed), (name), (newCount), (oldCount)),                                           \
        qPrintable(u"%1: %2 new, %3 old expected; server: %4 new, %5 old (HTTP %6)"_s.arg((name))                      \
                       .arg((newCount))                                                                                \
                       .arg((oldCount))                                                                                \
                       .arg(lampOf((bed), (name)).newMessages)                                                         \
                       .arg(lampOf((bed), (name)).oldMessages)                                                         \
                       .arg(lampOf((bed), (name)).status)),                                                            \
        s_timeout)

} // namespace

// SPEC VM-2 against the simulator's /mailboxes: the message lamps follow a message recorded,
// heard on a phone (to its end, or past the heard share), and deleted; the counts are sent again
// after a reconnect; the context is the configured one.
class TestVoicemailLamps final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lampsFollowRecordListenAndDelete();
    void storedMessagesLightTheLampsAtStart();
    void messageLeftBeforeItsEndStaysNew();
    void messagePlayedPastTheHeardShareIsHeard();
};

void TestVoicemailLamps::lampsFollowRecordListenAndDelete()
{
    AppTestBed bed;
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(bed.start());
    VoicemailStore *store = bed.host()->voicemail();
    QCOMPARE(lampOf(bed, u"305@default"_s).status, 404); // nothing stored, nothing sent

    const QString first = bed.leaveMessage(u"305"_s, u"2001"_s);
    QVERIFY(!first.isEmpty());
    WAIT_LAMP(bed, u"305@default"_s, 1, 0);

    // Heard on a phone, to its end.
    const QString listener = bed.placeCall(u"vm-playback"_s, u"305"_s);
    QVERIFY(!listener.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(bed.isPlaying(listener, u"sound:vm-message"_s), s_timeout);
    QVERIFY(bed.press(listener, u"#"_s)); // straight to the message
    QTRY_VERIFY_WITH_TIMEOUT(bed.isPlaying(listener, u"recording:"_s + first), s_timeout);
    QTRY_VERIFY_WITH_TIMEOUT(
        !bed.heard(listener).isEmpty() && bed.heard(listener).constLast().end == u"finished"_s, s_timeout);
    WAIT_LAMP(bed, u"305@default"_s, 0, 1);
    QVERIFY(store->message(first)->heard);
    QCOMPARE(store->newCount(u"305"_s), 0);
    QCOMPARE(store->oldCount(u"305"_s), 1);
    QVERIFY(store->metadataOf(first)->heard);
    QVERIFY(bed.hangUp(listener));

    const QString second = bed.leaveMessage(u"305"_s, u"2002"_s);
    QVERIFY(!second.isEmpty());
    WAIT_LAMP(bed, u"305@default"_s, 1, 1);

    // Deleted (as a desk's Delete does it): the lamp follows.
    QSignalSpy removed(store, &VoicemailStore::messageRemoved);
    store->deleteMessage(second, {}, nullptr, {});
    QTRY_COMPARE_WITH_TIMEOUT(removed.size(), 1, s_timeout);
    WAIT_LAMP(bed, u"305@default"_s, 0, 1);
    store->deleteMessage(first, {}, nullptr, {});
    QTRY_COMPARE_WITH_TIMEOUT(removed.size(), 2, s_timeout);
    WAIT_LAMP(bed, u"305@default"_s, 0, 0); // the lamp is off
}

void TestVoicemailLamps::storedMessagesLightTheLampsAtStart()
{
    AppTestBed bed;
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(bed.storeMessage(u"voicemail/305/1796574506000"_s));
    QVERIFY(bed.storeMessage(u"voicemail/305/1796574507000"_s));
    QVERIFY(bed.storeMessage(u"voicemail/42/1796574508000"_s));
    QVERIFY(bed.start());
    WAIT_LAMP(bed, u"305@default"_s, 2, 0);
    WAIT_LAMP(bed, u"42@default"_s, 1, 0);

    // An Asterisk restart forgets the mailboxes; the reconnect sends them again.
    QSignalSpy recovered(bed.host(), &StasisApplicationHost::recovered);
    QCOMPARE(bed.ari("DELETE", u"/mailboxes/305@default"_s).status, 204);
    QCOMPARE(lampOf(bed, u"305@default"_s).status, 404);
    bed.sim()->faults()->dropEventSocketsNow();
    QTRY_VERIFY_WITH_TIMEOUT(!recovered.isEmpty() && recovered.constLast().constFirst().toBool(), s_timeout);
    WAIT_LAMP(bed, u"305@default"_s, 2, 0);
    WAIT_LAMP(bed, u"42@default"_s, 1, 0);
}

void TestVoicemailLamps::messageLeftBeforeItsEndStaysNew()
{
    AppTestBed bed;
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(bed.storeMessage(u"voicemail/305/1796574506000"_s, 6000));
    QVERIFY(bed.start());
    bed.host()->lamps()->setContext(u"office"_s);
    const QString name = u"voicemail/305/1796574506000"_s;

    const QString listener = bed.placeCall(u"vm-playback"_s, u"305"_s);
    QVERIFY(!listener.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(bed.isPlaying(listener, u"sound:vm-message"_s), s_timeout);
    QVERIFY(bed.press(listener, u"#"_s));
    QTRY_VERIFY_WITH_TIMEOUT(bed.isPlaying(listener, u"recording:"_s + name), s_timeout);
    QVERIFY(bed.hangUp(listener)); // after a moment of a 6 s message
    QTRY_VERIFY_WITH_TIMEOUT(bed.hasEnded(listener), s_timeout);
    QVERIFY(!bed.host()->voicemail()->message(name)->heard);
    QCOMPARE(bed.host()->voicemail()->newCount(u"305"_s), 1);

    // A change sends the lamp under the configured context.
    bed.host()->voicemail()->markHeard(name);
    WAIT_LAMP(bed, u"305@office"_s, 0, 1);
}

void TestVoicemailLamps::messagePlayedPastTheHeardShareIsHeard()
{
    AppTestBed::Options options;
    // 30 s of a 300 s message, one skip: the skip starts short of the share by what plays in
    // three wall seconds, and the rest of either message plays for more than 25, far longer than a
    // loaded machine may take between two steps, so neither can end unseen.
    options.playback.heardPercent = 10;
    options.playback.skipMs = 30000;
    AppTestBed bed(options);
    QVERIFY(bed.sounds().addStandardSet());
    const QString first = u"voicemail/305/1796574506000"_s;
    const QString second = u"voicemail/305/1796574507000"_s;
    QVERIFY(bed.storeMessage(first, 300000));
    QVERIFY(bed.storeMessage(second, 300000));
    QVERIFY(bed.start());
    VoicemailStore *store = bed.host()->voicemail();
    WAIT_LAMP(bed, u"305@default"_s, 2, 0);

    const QString listener = bed.placeCall(u"vm-playback"_s, u"305"_s);
    QVERIFY(!listener.isEmpty());
    // (The announcement is let play: it is short, and # pressed once it is over would end the call.)
    QTRY_VERIFY_WITH_TIMEOUT(bed.isPlaying(listener, u"recording:"_s + first), s_timeout);
    // A skip: to 10 % of the first message, far from its end.
    QVERIFY(bed.press(listener, u"3"_s));
    const auto firstAt = [&bed, &first] {
        const PlaybackInfoList playing = bed.playbacks()->playbacks();
        for (const PlaybackInfo &playback : playing) {
            if (playback.mediaUri == u"recording:"_s + first && playback.isDurationKnown())
                return playback.positionAt(bed.playbacks()->now());
        }
        return qint64(-1);
    };
    QTRY_VERIFY_WITH_TIMEOUT(firstAt() >= 30000, s_timeout); // (its length known, as the service learns it)
    QVERIFY(!store->message(first)->heard); // playing on is not enough: the caller acts
    // The next message: the first, left past its share, is heard; the lamp follows.
    QVERIFY(bed.press(listener, u"6"_s));
    QTRY_VERIFY_WITH_TIMEOUT(store->message(first)->heard, s_timeout);
    WAIT_LAMP(bed, u"305@default"_s, 1, 1);
    QVERIFY(store->metadataOf(first)->heard);
    const QList<AppTestBed::Heard> heard = bed.heard(listener);
    const auto played = std::find_if(heard.cbegin(), heard.cend(),
        [&first](const AppTestBed::Heard &item) { return item.media == u"recording:"_s + first; });
    QVERIFY(played != heard.cend());
    QVERIFY2(played->end != u"finished"_s, qPrintable(played->end)); // not by the end rule

    // The second, hung up on at once, stays new.
    QTRY_VERIFY_WITH_TIMEOUT(bed.isPlaying(listener, u"recording:"_s + second), s_timeout);
    QVERIFY(bed.hangUp(listener));
    QTRY_VERIFY_WITH_TIMEOUT(bed.hasEnded(listener), s_timeout);
    QVERIFY(!store->message(second)->heard);
    QCOMPARE(store->newCount(u"305"_s), 1);
    WAIT_LAMP(bed, u"305@default"_s, 1, 1);
}

QTEST_GUILESS_MAIN(TestVoicemailLamps)
#include "TestVoicemailLamps.moc"

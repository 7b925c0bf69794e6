#include "support/AppTestBed.h"

#include "core/apps/StasisApplicationHost.h"
#include "core/ari/AriConnection.h"
#include "core/ari/AriOperations.h"
#include "core/ari/AriRequest.h"
#include "core/ari/AriRestClient.h"
#include "core/voicemail/VoicemailStore.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <cstdlib>

using namespace Qt::StringLiterals;

namespace {

constexpr int s_timeout = 15000; // safety net for every wait (wall ms); never a measurement

const QString s_app = u"vm-playback"_s;

// Mailbox 305. The server lists them in text order (A, C, B); by time B (2001) is first, then
// A (2014), then C (2026).
const QString s_a = u"voicemail/305/1411503204"_s;
const QString s_b = u"voicemail/305/999999999"_s;
const QString s_c = u"voicemail/305/1795676516123"_s;
constexpr int s_aMs = 13000;
constexpr int s_bMs = 12000;
constexpr int s_cMs = 14000;
const QString s_other = u"voicemail/30/1411503300"_s; // mailbox 30, a prefix of 305

QString rec(const QString &name)
{
    return u"recording:"_s + name;
}

bool seedMailbox305(AppTestBed &bed)
{
    return bed.storeMessage(s_a, s_aMs) && bed.storeMessage(s_b, s_bMs) && bed.storeMessage(s_c, s_cMs)
        && bed.storeMessage(s_other, 5000);
}

// The media a caller hears for message <n> with name `name`: the announcement, then the message.
QStringList announced(int number, const QString &name)
{
    return { u"sound:vm-message"_s, u"number:%1"_s.arg(number), rec(name) };
}

// Timers fire a little late under load: a few wall ms are tens of simulated ms or more. Tests
// that compare lengths run the simulator at this speed and allow this much.
constexpr double s_preciseSpeed = 10.0;
bool near(qint64 actual, qint64 expected)
{
    return std::llabs(actual - expected) <= 500;
}

} // namespace

#define WAIT_PLAYING(bed, id, media) QTRY_VERIFY_WITH_TIMEOUT((bed).isPlaying((id), (media)), s_timeout)
#define WAIT_STATE(bed, id, expected)                                                                                  \
    QTRY_VERIFY2_WITH_TIMEOUT((bed).state(id) == (expected), qPrintable((bed).states(id).join(u" > ")), s_timeout)
#define WAIT_ENDED_CLEAN(bed, id)                                                                                      \
    do {                                                                                                               \
        QTRY_VERIFY_WITH_TIMEOUT((bed).hasEnded(id), s_timeout);                                                       \
        QTRY_COMPARE_WITH_TIMEOUT((bed).liveCalls(), 0, s_timeout);                                                    \
        QTRY_COMPARE_WITH_TIMEOUT((bed).subscriptionCount(), (bed).baselineSubscriptions(), s_timeout);                \
    } while (false)
// The last heard item, once it has ended.
#define WAIT_LAST_FINISHED(bed, id)                                                                                    \
    QTRY_VERIFY_WITH_TIMEOUT(!(bed).heard(id).isEmpty() && (bed).heard(id).constLast().end == u"finished", s_timeout)

class TestVoicemailPlaybackApp final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void emptyMailbox();
    void messagesInTimeOrderWithWrapAround();
    void mailbox30DoesNotSee305();
    void hashSkipsTheAnnouncement();
    void otherKeysAreKeptForListening();
    void unknownKeysAreIgnoredInTheAnnouncement();
    void forwardAndReverseSkip_data();
    void forwardAndReverseSkip();
    void pauseAndUnpause();
    void restart();
    void restartWhilePaused();
    void afterTheEndFiveReplaysAndOtherKeysWait();
    void starDeletesAndGoesOn();
    void deletingTheLastMessage();
    void messageDeletedElsewhereIsSkipped();
    void messageDeletedInTheSupervisorIsSkipped();
    void hashEndsTheCall();
    void keysAreIgnoredWhenEmpty();
    void hangUpInEachState_data();
    void hangUpInEachState();
    void announcementSoundMissing();
    void noMoreSoundMissing();
    void announcementNotInCallersLanguage();
    void invalidMailboxIsRefusedWithoutAnswer();
    void rapidKeysGiveTheSameResultAsSlowKeys();
    void recordedMessageIsHeard();
    void callsAskOnlyWhatTheStoreAndCatalogDoNotKnow();
};

void TestVoicemailPlaybackApp::emptyMailbox()
{
    AppTestBed bed;
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(bed.start());
    const QString id = bed.placeCall(s_app, u"42"_s);
    WAIT_ENDED_CLEAN(bed, id);
    QVERIFY(bed.wasAnswered(id));
    QCOMPARE(bed.states(id), (QStringList { u"preamble"_s, u"empty"_s, u"ending"_s }));
    const QList<AppTestBed::Heard> heard = bed.heard(id);
    QCOMPARE(heard.size(), 1);
    QCOMPARE(heard.at(0).media, u"sound:vm-nomore"_s);
    QCOMPARE(heard.at(0).end, u"finished"_s);
    QVERIFY(heard.at(0).heardMs >= SoundsFixture::kPromptMs);
}

void TestVoicemailPlaybackApp::messagesInTimeOrderWithWrapAround()
{
    AppTestBed bed;
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(seedMailbox305(bed));
    QVERIFY(bed.start());
    const QString id = bed.placeCall(s_app, u"305"_s);
    WAIT_PLAYING(bed, id, rec(s_b));
    QCOMPARE(bed.heardMedia(id), announced(1, s_b));
    // The announcement is one playback at a time: each prompt played to its end.
    for (const AppTestBed::Heard &item : bed.heard(id).mid(0, 2))
        QCOMPARE(item.end, u"finished"_s);
    QVERIFY(bed.press(id, u"6"_s));
    WAIT_PLAYING(bed, id, rec(s_a));
    QVERIFY(bed.press(id, u"6"_s));
    WAIT_PLAYING(bed, id, rec(s_c));
    QVERIFY(bed.press(id, u"6"_s)); // past the last: wraps to the first
    WAIT_PLAYING(bed, id, rec(s_b));
    QCOMPARE(bed.heard(id).size(), 12);
    QVERIFY(bed.press(id, u"4"_s)); // before the first: wraps to the last
    WAIT_PLAYING(bed, id, rec(s_c));
    QVERIFY(bed.press(id, u"4"_s));
    WAIT_PLAYING(bed, id, rec(s_a));
    QVERIFY(bed.press(id, u"#"_s));
    WAIT_ENDED_CLEAN(bed, id);

    QCOMPARE(bed.heardMedia(id),
        announced(1, s_b) + announced(2, s_a) + announced(3, s_c) + announced(1, s_b) + announced(3, s_c)
            + announced(2, s_a));
    QCOMPARE(bed.states(id).constFirst(), u"preamble"_s);
    QCOMPARE(bed.states(id).constLast(), u"ending"_s);
    QCOMPARE(bed.states(id).size(), 2 * 6 + 1);
}

void TestVoicemailPlaybackApp::mailbox30DoesNotSee305()
{
    AppTestBed bed;
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(seedMailbox305(bed));
    QVERIFY(bed.start());
    const QString id = bed.placeCall(s_app, u"30"_s);
    WAIT_PLAYING(bed, id, rec(s_other));
    QVERIFY(bed.press(id, u"6"_s)); // the only message: next is itself
    QTRY_COMPARE_WITH_TIMEOUT(bed.heard(id).size(), 6, s_timeout);
    WAIT_PLAYING(bed, id, rec(s_other));
    QCOMPARE(bed.heardMedia(id), announced(1, s_other) + announced(1, s_other));
    QVERIFY(bed.press(id, u"#"_s));
    WAIT_ENDED_CLEAN(bed, id);
}

void TestVoicemailPlaybackApp::hashSkipsTheAnnouncement()
{
    AppTestBed bed;
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(seedMailbox305(bed));
    QVERIFY(bed.start());
    const QString id = bed.placeCall(s_app, u"305"_s);
    WAIT_PLAYING(bed, id, u"sound:vm-message"_s);
    QVERIFY(bed.press(id, u"#"_s));
    WAIT_PLAYING(bed, id, rec(s_b));
    QCOMPARE(bed.heardMedia(id), (QStringList { u"sound:vm-message"_s, rec(s_b) }));
    QCOMPARE(bed.heard(id).at(0).end, u"stopped"_s);
    QCOMPARE(bed.states(id), (QStringList { u"preamble"_s, u"listening"_s }));
    QVERIFY(bed.hangUp(id));
    WAIT_ENDED_CLEAN(bed, id);
}

void TestVoicemailPlaybackApp::otherKeysAreKeptForListening()
{
    // Type-ahead: 6 pressed during "message 1" is not lost; it acts once message 1 is reached.
    AppTestBed bed;
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(seedMailbox305(bed));
    QVERIFY(bed.start());
    const QString id = bed.placeCall(s_app, u"305"_s);
    WAIT_PLAYING(bed, id, u"sound:vm-message"_s);
    QVERIFY(bed.press(id, u"6"_s));
    WAIT_PLAYING(bed, id, rec(s_a));
    QCOMPARE(bed.heardMedia(id), announced(1, s_b) + announced(2, s_a));
    const QList<AppTestBed::Heard> heard = bed.heard(id);
    QCOMPARE(heard.at(0).end, u"finished"_s); // the announcement was not cut
    QCOMPARE(heard.at(1).end, u"finished"_s);
    QCOMPARE(heard.at(2).end, u"stopped"_s); // message 1 left at once
    QVERIFY(heard.at(2).heardMs < 500);
    QVERIFY(bed.hangUp(id));
    WAIT_ENDED_CLEAN(bed, id);
}

void TestVoicemailPlaybackApp::unknownKeysAreIgnoredInTheAnnouncement()
{
    AppTestBed bed;
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(seedMailbox305(bed));
    QVERIFY(bed.start());
    const QString id = bed.placeCall(s_app, u"305"_s);
    WAIT_PLAYING(bed, id, u"sound:vm-message"_s);
    QVERIFY(bed.press(id, u"0789ABCD"_s, 20));
    WAIT_PLAYING(bed, id, rec(s_b));
    // The keys 0, 7-9 and A-D mean nothing, in the announcement or while listening.
    QVERIFY(bed.press(id, u"0789ABCD"_s, 20));
    QCOMPARE(bed.heardMedia(id), announced(1, s_b));
    QCOMPARE(bed.states(id), (QStringList { u"preamble"_s, u"listening"_s }));
    WAIT_LAST_FINISHED(bed, id);
    QCOMPARE(bed.heardMedia(id), announced(1, s_b));
    QCOMPARE(bed.states(id), (QStringList { u"preamble"_s, u"listening"_s }));
    QCOMPARE(bed.failures().size(), 0);
    QVERIFY(bed.heard(id).constLast().heardMs >= s_bMs); // all of it, not cut or skipped
    QVERIFY(bed.heard(id).constLast().heardMs < s_bMs + 3000);
    QVERIFY(bed.hangUp(id));
    WAIT_ENDED_CLEAN(bed, id);
}

void TestVoicemailPlaybackApp::forwardAndReverseSkip_data()
{
    QTest::addColumn<int>("skipMs");
    QTest::addColumn<QString>("key");
    QTest::addColumn<int>("heardMs"); // of message B (12 s)
    QTest::newRow("3 forward 5 s") << 5000 << u"3"_s << s_bMs - 5000;
    QTest::newRow("1 reverse 5 s") << 5000 << u"1"_s << s_bMs + 5000;
    QTest::newRow("3 forward, skip 2 s") << 2000 << u"3"_s << s_bMs - 2000;
    QTest::newRow("1 reverse, skip 2 s") << 2000 << u"1"_s << s_bMs + 2000;
}

void TestVoicemailPlaybackApp::forwardAndReverseSkip()
{
    QFETCH(int, skipMs);
    QFETCH(QString, key);
    QFETCH(int, heardMs);
    AppTestBed::Options options;
    options.speed = s_preciseSpeed;
    options.playback.skipMs = skipMs;
    AppTestBed bed(options);
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(seedMailbox305(bed));
    QVERIFY(bed.start());
    const QString id = bed.placeCall(s_app, u"305"_s);
    WAIT_PLAYING(bed, id, rec(s_b));
    // Far enough in for a full reverse step, far enough from the end for a full forward one.
    QTRY_VERIFY_WITH_TIMEOUT(bed.playing(id).heardMs >= 5500, s_timeout);
    QVERIFY(bed.playing(id).heardMs < s_bMs - 5500);
    QVERIFY(bed.press(id, key));
    WAIT_LAST_FINISHED(bed, id);
    const AppTestBed::Heard message = bed.heard(id).constLast();
    QCOMPARE(message.media, rec(s_b));
    QVERIFY2(near(message.heardMs, heardMs), qPrintable(QString::number(message.heardMs)));
    QCOMPARE(bed.state(id), u"listening"_s);
    QVERIFY(bed.hangUp(id));
    WAIT_ENDED_CLEAN(bed, id);
}

void TestVoicemailPlaybackApp::pauseAndUnpause()
{
    AppTestBed::Options options;
    options.speed = s_preciseSpeed;
    AppTestBed bed(options);
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(seedMailbox305(bed));
    QVERIFY(bed.start());
    const QString id = bed.placeCall(s_app, u"305"_s);
    WAIT_PLAYING(bed, id, rec(s_b));
    const QString playback = bed.playing(id).playbackId;
    QVERIFY(bed.press(id, u"2"_s));
    QTRY_COMPARE_WITH_TIMEOUT(bed.playbackState(playback), u"paused"_s, s_timeout);
    const qint64 pausedAt = bed.heard(id).constLast().heardMs;
    const qint64 clock = bed.clockMs();
    QTRY_VERIFY_WITH_TIMEOUT(bed.clockMs() >= clock + 2000, s_timeout);
    QCOMPARE(bed.heard(id).constLast().heardMs, pausedAt); // paused: the caller hears nothing
    QVERIFY(bed.press(id, u"2"_s));
    QTRY_COMPARE_WITH_TIMEOUT(bed.playbackState(playback), u"playing"_s, s_timeout);
    WAIT_LAST_FINISHED(bed, id);
    const AppTestBed::Heard message = bed.heard(id).constLast();
    QVERIFY(near(message.heardMs, s_bMs)); // all of it, once
    QVERIFY(message.endMs - message.startMs >= message.heardMs + 2000); // with the pause in between
    QCOMPARE(bed.failures().size(), 0);
    QVERIFY(bed.hangUp(id));
    WAIT_ENDED_CLEAN(bed, id);
}

void TestVoicemailPlaybackApp::restart()
{
    AppTestBed bed;
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(seedMailbox305(bed));
    QVERIFY(bed.start());
    const QString id = bed.placeCall(s_app, u"305"_s);
    WAIT_PLAYING(bed, id, rec(s_b));
    QTRY_VERIFY_WITH_TIMEOUT(bed.playing(id).heardMs >= 3000, s_timeout);
    QVERIFY(bed.press(id, u"5"_s));
    WAIT_LAST_FINISHED(bed, id);
    const AppTestBed::Heard message = bed.heard(id).constLast();
    QCOMPARE(message.media, rec(s_b));
    QVERIFY(message.heardMs >= s_bMs + 3000); // from the start again, same playback
    QCOMPARE(bed.heard(id).size(), 3);
    QVERIFY(bed.hangUp(id));
    WAIT_ENDED_CLEAN(bed, id);
}

void TestVoicemailPlaybackApp::restartWhilePaused()
{
    AppTestBed bed;
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(seedMailbox305(bed));
    QVERIFY(bed.start());
    const QString id = bed.placeCall(s_app, u"305"_s);
    WAIT_PLAYING(bed, id, rec(s_b));
    const QString playback = bed.playing(id).playbackId;
    QTRY_VERIFY_WITH_TIMEOUT(bed.playing(id).heardMs >= 3000, s_timeout);
    QVERIFY(bed.press(id, u"2"_s));
    QTRY_COMPARE_WITH_TIMEOUT(bed.playbackState(playback), u"paused"_s, s_timeout);
    QVERIFY(bed.press(id, u"5"_s)); // Asterisk refuses a restart while paused: unpause first
    QTRY_COMPARE_WITH_TIMEOUT(bed.playbackState(playback), u"playing"_s, s_timeout);
    WAIT_LAST_FINISHED(bed, id);
    QVERIFY(bed.heard(id).constLast().heardMs >= s_bMs + 3000);
    QCOMPARE(bed.failureCount(u"/playbacks/"_s, 409), 0);
    // And 2 still toggles correctly afterwards (the call knows it is no longer paused).
    QVERIFY(bed.press(id, u"5"_s));
    QTRY_COMPARE_WITH_TIMEOUT(bed.heard(id).size(), 4, s_timeout);
    WAIT_PLAYING(bed, id, rec(s_b));
    const QString again = bed.playing(id).playbackId;
    QVERIFY(bed.press(id, u"2"_s));
    QTRY_COMPARE_WITH_TIMEOUT(bed.playbackState(again), u"paused"_s, s_timeout);
    QVERIFY(bed.hangUp(id));
    WAIT_ENDED_CLEAN(bed, id);
}

void TestVoicemailPlaybackApp::afterTheEndFiveReplaysAndOtherKeysWait()
{
    AppTestBed bed;
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(seedMailbox305(bed));
    QVERIFY(bed.start());
    const QString id = bed.placeCall(s_app, u"305"_s);
    WAIT_PLAYING(bed, id, rec(s_b));
    WAIT_LAST_FINISHED(bed, id);
    QCOMPARE(bed.state(id), u"listening"_s); // stays after the end
    QVERIFY(bed.press(id, u"123"_s, 20)); // nothing to control: nothing happens
    QVERIFY(bed.press(id, u"5"_s));
    QTRY_COMPARE_WITH_TIMEOUT(bed.heard(id).size(), 4, s_timeout);
    QCOMPARE(bed.heardMedia(id), announced(1, s_b) + QStringList { rec(s_b) });
    QCOMPARE(bed.failures().size(), 0);
    WAIT_LAST_FINISHED(bed, id);
    QVERIFY(bed.heard(id).constLast().heardMs >= s_bMs);
    QVERIFY(bed.press(id, u"6"_s)); // the other keys work as usual
    WAIT_PLAYING(bed, id, rec(s_a));
    QVERIFY(bed.hangUp(id));
    WAIT_ENDED_CLEAN(bed, id);
}

void TestVoicemailPlaybackApp::starDeletesAndGoesOn()
{
    AppTestBed bed;
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(seedMailbox305(bed));
    QVERIFY(bed.start());
    QSignalSpy removed(bed.host()->voicemail(), &VoicemailStore::messageRemoved);
    const QString id = bed.placeCall(s_app, u"305"_s);
    WAIT_PLAYING(bed, id, rec(s_b));
    QVERIFY(bed.press(id, u"*"_s));
    WAIT_PLAYING(bed, id, rec(s_a));
    // Message 2 keeps its number after message 1 is gone.
    QCOMPARE(bed.heardMedia(id), announced(1, s_b) + announced(2, s_a));
    QCOMPARE(bed.storedIn(u"305"_s), (QStringList { s_a, s_c }));
    QVERIFY(!bed.host()->voicemail()->contains(s_b)); // VP-5: the view sees it at once
    QCOMPARE(removed.size(), 1);
    QVERIFY(bed.press(id, u"6"_s));
    WAIT_PLAYING(bed, id, rec(s_c));
    QVERIFY(bed.press(id, u"6"_s)); // wraps to A: B is gone
    WAIT_PLAYING(bed, id, rec(s_a));
    QVERIFY(bed.press(id, u"#"_s));
    WAIT_ENDED_CLEAN(bed, id);
    QCOMPARE(bed.states(id),
        (QStringList { u"preamble"_s, u"listening"_s, u"preamble"_s, u"listening"_s, u"preamble"_s, u"listening"_s,
            u"preamble"_s, u"listening"_s, u"ending"_s }));
}

void TestVoicemailPlaybackApp::deletingTheLastMessage()
{
    AppTestBed bed;
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(seedMailbox305(bed));
    QVERIFY(bed.start());
    const QString id = bed.placeCall(s_app, u"30"_s);
    WAIT_PLAYING(bed, id, rec(s_other));
    QVERIFY(bed.press(id, u"*"_s));
    WAIT_ENDED_CLEAN(bed, id);
    QCOMPARE(bed.states(id), (QStringList { u"preamble"_s, u"listening"_s, u"preamble"_s, u"empty"_s, u"ending"_s }));
    QCOMPARE(bed.heardMedia(id), announced(1, s_other) + QStringList { u"sound:vm-nomore"_s });
    QVERIFY(bed.storedIn(u"30"_s).isEmpty());
    QCOMPARE(bed.storedIn(u"305"_s).size(), 3);
    QCOMPARE(bed.host()->voicemail()->messageCount(u"30"_s), 0);
    QVERIFY(!bed.host()->voicemail()->mailboxes().contains(u"30"_s));
}

void TestVoicemailPlaybackApp::messageDeletedElsewhereIsSkipped()
{
    AppTestBed bed;
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(seedMailbox305(bed));
    QVERIFY(bed.start());
    const QString id = bed.placeCall(s_app, u"305"_s);
    WAIT_PLAYING(bed, id, rec(s_b));
    // Another program deletes message 2 on the server; nobody tells us.
    QVERIFY(bed.deleteElsewhere(s_a));
    QVERIFY(bed.press(id, u"6"_s));
    WAIT_PLAYING(bed, id, rec(s_c));
    QCOMPARE(bed.heardMedia(id), announced(1, s_b) + announced(3, s_c));
    QVERIFY(!bed.host()->voicemail()->contains(s_a));
    QVERIFY(bed.press(id, u"4"_s));
    WAIT_PLAYING(bed, id, rec(s_b));
    QVERIFY(!bed.heardMedia(id).contains(rec(s_a)));
    QVERIFY(bed.hangUp(id));
    WAIT_ENDED_CLEAN(bed, id);
}

void TestVoicemailPlaybackApp::messageDeletedInTheSupervisorIsSkipped()
{
    AppTestBed bed;
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(seedMailbox305(bed));
    QVERIFY(bed.start());
    const QString id = bed.placeCall(s_app, u"305"_s);
    WAIT_PLAYING(bed, id, rec(s_b));
    // The supervisor deletes message 3 from the mailbox view (same store the call uses).
    QObject context;
    bool deleted = false;
    bed.host()->voicemail()->deleteMessage(
        s_c, QString(), &context, [&deleted](const AriResult &result) { deleted = result.isOk(); });
    QTRY_VERIFY_WITH_TIMEOUT(deleted, s_timeout);
    QVERIFY(bed.press(id, u"4"_s)); // previous of 1 would be 3: gone, so 2
    WAIT_PLAYING(bed, id, rec(s_a));
    QCOMPARE(bed.heardMedia(id), announced(1, s_b) + announced(2, s_a));
    QVERIFY(bed.press(id, u"6"_s));
    WAIT_PLAYING(bed, id, rec(s_b));
    QVERIFY(!bed.heardMedia(id).contains(rec(s_c)));
    QVERIFY(bed.hangUp(id));
    WAIT_ENDED_CLEAN(bed, id);
}

void TestVoicemailPlaybackApp::hashEndsTheCall()
{
    AppTestBed bed;
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(seedMailbox305(bed));
    QVERIFY(bed.start());
    const QString id = bed.placeCall(s_app, u"305"_s);
    WAIT_PLAYING(bed, id, rec(s_b));
    QVERIFY(bed.press(id, u"#"_s));
    WAIT_ENDED_CLEAN(bed, id);
    QCOMPARE(bed.states(id), (QStringList { u"preamble"_s, u"listening"_s, u"ending"_s }));
    QCOMPARE(bed.heard(id).constLast().end, u"stopped"_s);
    QCOMPARE(bed.storedIn(u"305"_s).size(), 3);
    QCOMPARE(bed.liveChannels(), 0);
}

void TestVoicemailPlaybackApp::keysAreIgnoredWhenEmpty()
{
    AppTestBed bed;
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(bed.start());
    const QString id = bed.placeCall(s_app, u"42"_s);
    WAIT_PLAYING(bed, id, u"sound:vm-nomore"_s);
    QVERIFY(bed.press(id, u"#*123456"_s, 20));
    WAIT_ENDED_CLEAN(bed, id);
    QCOMPARE(bed.states(id), (QStringList { u"preamble"_s, u"empty"_s, u"ending"_s }));
    QCOMPARE(bed.heard(id).constLast().end, u"finished"_s);
}

void TestVoicemailPlaybackApp::hangUpInEachState_data()
{
    QTest::addColumn<QString>("mailbox");
    QTest::addColumn<QString>("media"); // what plays when the caller hangs up
    QTest::addColumn<QStringList>("states");
    QTest::newRow("preamble") << u"305"_s << u"sound:vm-message"_s << QStringList { u"preamble"_s, u"hung-up"_s };
    QTest::newRow("listening") << u"305"_s << rec(s_b) << QStringList { u"preamble"_s, u"listening"_s, u"hung-up"_s };
    QTest::newRow("empty") << u"42"_s << u"sound:vm-nomore"_s
                           << QStringList { u"preamble"_s, u"empty"_s, u"hung-up"_s };
}

void TestVoicemailPlaybackApp::hangUpInEachState()
{
    QFETCH(QString, mailbox);
    QFETCH(QString, media);
    QFETCH(QStringList, states);
    AppTestBed bed;
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(seedMailbox305(bed));
    QVERIFY(bed.start());
    const QString id = bed.placeCall(s_app, mailbox);
    WAIT_PLAYING(bed, id, media);
    QVERIFY(bed.hangUp(id));
    WAIT_ENDED_CLEAN(bed, id);
    QCOMPARE(bed.states(id), states);
    // The state stopped its playback on the way out; the channel had taken it along already.
    QTRY_COMPARE_WITH_TIMEOUT(bed.failureCount(u"/playbacks/"_s, 404), 1, s_timeout);
    QCOMPARE(bed.storedIn(u"305"_s).size(), 3);
}

void TestVoicemailPlaybackApp::announcementSoundMissing()
{
    AppTestBed bed;
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(bed.sounds().remove(u"en"_s, u"vm-message"_s));
    QVERIFY(seedMailbox305(bed));
    QVERIFY(bed.start());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"required sound vm-message is not installed"_s));
    const QString id = bed.placeCall(s_app, u"305"_s);
    WAIT_ENDED_CLEAN(bed, id);
    QCOMPARE(bed.states(id), (QStringList { u"preamble"_s, u"ending"_s }));
    QVERIFY(bed.heard(id).isEmpty());
}

void TestVoicemailPlaybackApp::noMoreSoundMissing()
{
    AppTestBed bed;
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(bed.sounds().remove(u"en"_s, u"vm-nomore"_s));
    QVERIFY(bed.start());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"required sound vm-nomore is not installed"_s));
    const QString id = bed.placeCall(s_app, u"42"_s);
    WAIT_ENDED_CLEAN(bed, id);
    QCOMPARE(bed.states(id), (QStringList { u"preamble"_s, u"empty"_s, u"ending"_s }));
    QVERIFY(bed.heard(id).isEmpty());
}

void TestVoicemailPlaybackApp::announcementNotInCallersLanguage()
{
    AppTestBed bed;
    QVERIFY(bed.sounds().addStandardSet()); // English only
    QVERIFY(seedMailbox305(bed));
    QVERIFY(bed.start());
    QTest::ignoreMessage(QtWarningMsg,
        QRegularExpression(u"required sound vm-message is not installed in the caller's language fr "
                           u"\\(it has: en\\)"_s));
    const QString id = bed.placeCall(s_app, u"305"_s, u"fr"_s);
    WAIT_ENDED_CLEAN(bed, id);
    QCOMPARE(bed.states(id), (QStringList { u"preamble"_s, u"ending"_s }));
    QVERIFY(bed.heard(id).isEmpty());
    QCOMPARE(bed.storedIn(u"305"_s).size(), 3);
}

void TestVoicemailPlaybackApp::invalidMailboxIsRefusedWithoutAnswer()
{
    AppTestBed bed;
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(seedMailbox305(bed));
    QVERIFY(bed.start());
    QTest::ignoreMessage(
        QtWarningMsg, QRegularExpression(u"vm-playback: refusing call .*invalid mailbox \"\\.\\./305\""_s));
    const QString id = bed.placeCall(s_app, u"../305"_s);
    QTRY_VERIFY_WITH_TIMEOUT(bed.wasRefused(id), s_timeout);
    QTRY_COMPARE_WITH_TIMEOUT(bed.liveChannels(), 0, s_timeout);
    QVERIFY(!bed.wasAnswered(id));
    QVERIFY(bed.heard(id).isEmpty());
    QVERIFY(bed.states(id).isEmpty());
    QCOMPARE(bed.subscriptionCount(), bed.baselineSubscriptions());
}

void TestVoicemailPlaybackApp::rapidKeysGiveTheSameResultAsSlowKeys()
{
    // Five messages; the caller presses 6 6 * 1 while message 1 plays: within 50 ms, or each key
    // once the previous one has taken effect. Same outcome either way: message 3 deleted, the
    // caller on message 4, the same things heard in the same order, no operation on a stale
    // playback or a deleted message.
    const QStringList names { u"voicemail/77/1700000001"_s, u"voicemail/77/1700000002"_s, u"voicemail/77/1700000003"_s,
        u"voicemail/77/1700000004"_s, u"voicemail/77/1700000005"_s };
    struct Outcome
    {
        QStringList heard;
        QStringList states;
        QStringList stored;
        QList<AppTestBed::Failure> failures;
    };
    const auto run = [&names](bool rapid, Outcome *outcome) {
        AppTestBed bed;
        QVERIFY(bed.sounds().addStandardSet());
        for (const QString &name : names)
            QVERIFY(bed.storeMessage(name, 20000));
        QVERIFY(bed.start());
        const QString id = bed.placeCall(s_app, u"77"_s);
        WAIT_PLAYING(bed, id, rec(names.at(0)));
        if (rapid) {
            QVERIFY(bed.press(id, u"66*1"_s, 10));
        } else {
            QVERIFY(bed.press(id, u"6"_s));
            WAIT_PLAYING(bed, id, rec(names.at(1)));
            QVERIFY(bed.press(id, u"6"_s));
            WAIT_PLAYING(bed, id, rec(names.at(2)));
            QVERIFY(bed.press(id, u"*"_s));
            WAIT_PLAYING(bed, id, rec(names.at(3)));
            QVERIFY(bed.press(id, u"1"_s));
        }
        WAIT_PLAYING(bed, id, rec(names.at(3)));
        QTRY_COMPARE_WITH_TIMEOUT(bed.connection()->rest()->pendingCount(), 0, s_timeout);
        WAIT_STATE(bed, id, u"listening"_s);
        outcome->heard = bed.heardMedia(id);
        outcome->states = bed.states(id);
        outcome->stored = bed.storedIn(u"77"_s);
        outcome->failures = bed.failures();
        QVERIFY(bed.hangUp(id));
        WAIT_ENDED_CLEAN(bed, id);
    };
    Outcome slow;
    run(false, &slow);
    if (QTest::currentTestFailed())
        return;
    Outcome rapid;
    run(true, &rapid);
    if (QTest::currentTestFailed())
        return;

    const QStringList expectedHeard
        = announced(1, names.at(0)) + announced(2, names.at(1)) + announced(3, names.at(2)) + announced(4, names.at(3));
    QCOMPARE(slow.heard, expectedHeard);
    QCOMPARE(rapid.heard, slow.heard);
    QCOMPARE(rapid.states, slow.states);
    const QStringList remaining { names.at(0), names.at(1), names.at(3), names.at(4) };
    QCOMPARE(slow.stored, remaining);
    QCOMPARE(rapid.stored, remaining);
    QCOMPARE(slow.failures.size(), 0);
    QCOMPARE(rapid.failures.size(), 0);
}

void TestVoicemailPlaybackApp::recordedMessageIsHeard()
{
    // One store for both applications: a message left in vm-record is there for vm-playback.
    AppTestBed bed;
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(bed.start());
    const QString recorder = bed.placeCall(u"vm-record"_s, u"555"_s);
    WAIT_PLAYING(bed, recorder, u"sound:vm-intro"_s);
    QVERIFY(bed.press(recorder, u"#"_s));
    QString name;
    QTRY_VERIFY_WITH_TIMEOUT(!(name = bed.liveRecordingOf(recorder)).isEmpty(), s_timeout);
    QVERIFY(bed.talk(recorder, 2000));
    QVERIFY(bed.waitSimulated(2000));
    QVERIFY(bed.press(recorder, u"#"_s));
    WAIT_STATE(bed, recorder, u"reviewing"_s);
    QVERIFY(bed.press(recorder, u"#"_s));
    WAIT_ENDED_CLEAN(bed, recorder);
    QTRY_COMPARE_WITH_TIMEOUT(bed.host()->voicemail()->messageCount(u"555"_s), 1, s_timeout);

    const QString listener = bed.placeCall(s_app, u"555"_s);
    QTRY_VERIFY_WITH_TIMEOUT(bed.heardMedia(listener).contains(rec(name)), s_timeout);
    QCOMPARE(bed.heardMedia(listener), announced(1, name));
    QVERIFY(bed.press(listener, u"*"_s));
    WAIT_ENDED_CLEAN(bed, listener);
    QVERIFY(bed.storedIn(u"555"_s).isEmpty());
    QCOMPARE(bed.host()->voicemail()->messageCount(u"555"_s), 0);
}

// Per call, nothing that grows with all stored recordings (no list of them), no second lookup of
// a message the announcement has just checked, and the sounds asked for once for all calls.
void TestVoicemailPlaybackApp::callsAskOnlyWhatTheStoreAndCatalogDoNotKnow()
{
    AppTestBed bed;
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(seedMailbox305(bed));
    QVERIFY(bed.start());
    QVERIFY(bed.host()->voicemail()->isLoaded());
    QMap<QString, int> requests; // by "<operation> <path>"
    connect(bed.connection()->rest(), &AriRestClient::requestSent, this,
            [&requests](const AriRequest &request) { ++requests[request.operation + u' ' + request.path]; });
    const auto count = [&requests](const QString &operation, const QString &path = {}) {
        int total = 0;
        for (auto it = requests.cbegin(); it != requests.cend(); ++it) {
            if (it.key().startsWith(operation + u' ' + path))
                total += it.value();
        }
        return total;
    };

    const QString first = bed.placeCall(s_app, u"305"_s);
    WAIT_PLAYING(bed, first, rec(s_b));
    const QString second = bed.placeCall(s_app, u"305"_s);
    WAIT_PLAYING(bed, second, rec(s_b));
    QVERIFY(bed.press(first, u"6"_s));
    WAIT_PLAYING(bed, first, rec(s_a));
    QCOMPARE(bed.heardMedia(first), announced(1, s_b) + announced(2, s_a));

    QCOMPARE(count(u"listStored"_s), 0);
    // One check per message announced (another program may have deleted it), none before playing.
    QCOMPARE(count(u"getStored"_s, u"/recordings/stored/"_s + AriOperations::encodeSegment(s_b)), 2);
    QCOMPARE(count(u"getStored"_s, u"/recordings/stored/"_s + AriOperations::encodeSegment(s_a)), 1);
    QCOMPARE(count(u"get"_s, u"/sounds/vm-message"_s), 1);
    // The channel's language, once per call (SPEC VR-2).
    QCOMPARE(count(u"getChannelVar"_s), 2);

    QVERIFY(bed.hangUp(first));
    QVERIFY(bed.hangUp(second));
    WAIT_ENDED_CLEAN(bed, first);
    WAIT_ENDED_CLEAN(bed, second);
}

QTEST_GUILESS_MAIN(TestVoicemailPlaybackApp)
#include "TestVoicemailPlaybackApp.moc"

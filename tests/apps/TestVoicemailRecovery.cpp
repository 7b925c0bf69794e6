#include "support/AppTestBed.h"
#include "support/InjectedFault.h"
#include "support/SoundsFixture.h"

#include "core/apps/StasisApplication.h"
#include "core/apps/StasisApplicationHost.h"
#include "core/apps/VoicemailPlaybackApp.h"
#include "core/apps/VoicemailRecordApp.h"
#include "core/ari/AriConnection.h"
#include "core/ari/AriEventStream.h"
#include "core/voicemail/VoicemailStore.h"
#include "sim/engine/SimFaultPlan.h"
#include "sim/SimServer.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace {

constexpr int s_timeout = 15000; // safety net for every wait (wall ms); never a measurement

// Where the caller is when the fault comes.
enum class Moment {
    Greeting, // vm-record: the greeting plays
    Recording, // vm-record: the message is being recorded
    Listening, // vm-playback: a message plays
};

} // namespace

Q_DECLARE_METATYPE(Moment)

// SPEC CN-5 for the voicemail applications: each CN-6 fault at each moment of a call, then the
// invariants (every channel of the applications has exactly one call, nobody is left in silence,
// every message recorded before the fault is kept, nothing left once everyone hung up); and a
// supervisor started while the server is down loads the mailboxes and the calls once it is up.
class TestVoicemailRecovery final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void faultAtEachMoment_data();
    void faultAtEachMoment();
    void serverDownAtStartThenUp();
};

void TestVoicemailRecovery::faultAtEachMoment_data()
{
    QTest::addColumn<Moment>("moment");
    QTest::addColumn<InjectedFault>("fault");
    const QList<std::pair<const char *, InjectedFault>> faults = allInjectedFaults();
    const QList<std::pair<const char *, Moment>> moments { { "greeting", Moment::Greeting },
        { "recording", Moment::Recording }, { "listening", Moment::Listening } };
    for (const auto &[momentName, moment] : moments) {
        for (const auto &[faultName, fault] : faults)
            QTest::addRow("%s, %s", momentName, faultName) << moment << fault;
    }
}

void TestVoicemailRecovery::faultAtEachMoment()
{
    QFETCH(Moment, moment);
    QFETCH(InjectedFault, fault);
    AppTestBed::Options options;
    options.requestTimeoutMs = 1500;
    AppTestBed bed(options);
    QVERIFY(bed.sounds().addStandardSet());
    const QString earlier = u"voicemail/305/1411503204"_s;
    QVERIFY(bed.storeMessage(earlier, 60000)); // still playing when the application has recovered
    QVERIFY(bed.start());

    // The caller, at the moment of the fault.
    const bool recorder = moment != Moment::Listening;
    const QString app = recorder ? u"vm-record"_s : u"vm-playback"_s;
    const QString caller = bed.placeCall(app, u"305"_s);
    QVERIFY(!caller.isEmpty());
    switch (moment) {
    case Moment::Greeting:
        QTRY_VERIFY_WITH_TIMEOUT(bed.isPlaying(caller, u"sound:vm-intro"_s), s_timeout);
        break;
    case Moment::Recording:
        QTRY_COMPARE_WITH_TIMEOUT(bed.state(caller), u"recording"_s, s_timeout);
        QTRY_VERIFY_WITH_TIMEOUT(!bed.liveRecordingOf(caller).isEmpty(), s_timeout);
        QVERIFY(bed.talk(caller, 60000));
        break;
    case Moment::Listening:
        QTRY_VERIFY_WITH_TIMEOUT(bed.isPlaying(caller, u"recording:"_s + earlier), s_timeout);
        break;
    }
    const QString recording = moment == Moment::Recording ? bed.liveRecordingOf(caller) : QString();

    speedUpRecovery(bed.connection()->events(), bed.host());
    QSignalSpy recovered(bed.host(), &StasisApplicationHost::recovered);
    armFault(bed.sim()->faults(), fault);
    if (fault == InjectedFault::DropAfterEvents)
        QVERIFY(bed.press(caller, u"9"_s)); // a key no state uses: the socket is cut after its event
    if (fault == InjectedFault::ServiceRestart)
        QVERIFY(bed.restartCore());
    if (fault != InjectedFault::ServiceRestart) {
        QTRY_VERIFY_WITH_TIMEOUT(!recovered.isEmpty() && recovered.constLast().constFirst().toBool(), s_timeout);
    }
    QCOMPARE(bed.connection()->events()->state(), AriEventStream::State::Connected);

    // Every message recorded before the fault is kept (a recording cut by the restart included).
    QTRY_VERIFY_WITH_TIMEOUT(bed.stored().contains(earlier), s_timeout);
    QTRY_VERIFY_WITH_TIMEOUT(bed.host()->voicemail()->contains(earlier), s_timeout);

    if (fault == InjectedFault::ServerRestart) {
        QTRY_COMPARE_WITH_TIMEOUT(bed.liveCalls(), 0, s_timeout);
        if (!recording.isEmpty())
            QTRY_VERIFY_WITH_TIMEOUT(bed.stored().contains(recording), s_timeout);
    } else if (fault == InjectedFault::ServiceRestart && recorder) {
        // Where the caller was in the message is lost with the service: ended cleanly, message kept.
        QTRY_VERIFY_WITH_TIMEOUT(bed.wasRefused(caller), s_timeout);
        QTRY_COMPARE_WITH_TIMEOUT(bed.liveChannels(), 0, s_timeout);
        QTRY_COMPARE_WITH_TIMEOUT(bed.liveCalls(), 0, s_timeout);
        if (!recording.isEmpty()) {
            QTRY_VERIFY_WITH_TIMEOUT(bed.stored().contains(recording), s_timeout);
            QTRY_VERIFY_WITH_TIMEOUT(bed.host()->voicemail()->contains(recording), s_timeout);
        }
    } else {
        // The caller is in exactly one call and hears something (or is being recorded).
        QTRY_COMPARE_WITH_TIMEOUT(bed.liveCalls(), 1, s_timeout);
        StasisApplication *application = bed.host()->application(app);
        QCOMPARE(application->callIds(), QStringList { caller });
        if (moment == Moment::Recording && fault != InjectedFault::ServiceRestart) {
            QCOMPARE(bed.state(caller), u"recording"_s);
            QCOMPARE(bed.liveRecordingOf(caller), recording);
            QVERIFY(bed.press(caller, u"#"_s)); // the message is kept
            QTRY_VERIFY_WITH_TIMEOUT(bed.host()->voicemail()->contains(recording), s_timeout);
        } else {
            // A prompt or the message plays, or the greeting ended meanwhile and the message is
            // being recorded: never silence with nothing going on. (Between two prompts there is a
            // request's time of silence: seen once is enough.)
            bool heardSomething = false;
            QTRY_VERIFY_WITH_TIMEOUT(heardSomething
                    || (heardSomething = !bed.playing(caller).media.isEmpty()
                            || (bed.state(caller) == u"recording"_s && !bed.liveRecordingOf(caller).isEmpty())),
                s_timeout);
        }
        QVERIFY(bed.hangUp(caller));
    }
    QTRY_COMPARE_WITH_TIMEOUT(bed.liveCalls(), 0, s_timeout);
    QTRY_COMPARE_WITH_TIMEOUT(bed.liveChannels(), 0, s_timeout);
    QTRY_COMPARE_WITH_TIMEOUT(bed.subscriptionCount(), bed.baselineSubscriptions(), s_timeout);
    QVERIFY(bed.stored().contains(earlier));
}

void TestVoicemailRecovery::serverDownAtStartThenUp()
{
    SoundsFixture sounds;
    QVERIFY(sounds.addStandardSet());
    QTemporaryDir recordings;
    QVERIFY(recordings.isValid());
    QVERIFY(QDir().mkpath(recordings.path() + u"/voicemail/305"_s));
    QFile message(recordings.path() + u"/voicemail/305/1411503204.wav"_s);
    QVERIFY(message.open(QIODevice::WriteOnly));
    QVERIFY(message.write(SoundsFixture::wav(4000)) > 0);
    message.close();

    SimServer::Options simOptions;
    simOptions.speed = 10;
    simOptions.soundsDir = sounds.path();
    simOptions.recordingsDir = recordings.path();
    SimServer sim(simOptions);
    QVERIFY(sim.start());

    // A caller already waits in vm-playback (it entered through another connection, gone since).
    QWebSocket other;
    QUrl eventsUrl(sim.baseUrl().toString() + u"/ari/events?app=vm-playback&api_key=asterisk:asterisk"_s);
    eventsUrl.setScheme(u"ws"_s);
    other.open(eventsUrl);
    QTRY_COMPARE(other.state(), QAbstractSocket::ConnectedState);
    QNetworkAccessManager network;
    QNetworkRequest placeCall(QUrl(sim.baseUrl().toString() + u"/sim/calls?app=vm-playback&args=305"_s));
    placeCall.setRawHeader("Authorization", "Basic " + QByteArray("asterisk:asterisk").toBase64());
    QNetworkReply *placed = network.post(placeCall, QByteArray());
    QTRY_VERIFY(placed->isFinished());
    QCOMPARE(placed->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    const QString caller
        = QJsonDocument::fromJson(placed->readAll()).object().value(u"channel"_s).toObject().value(u"id"_s).toString();
    placed->deleteLater();
    QVERIFY(!caller.isEmpty());
    other.abort();
    QTRY_COMPARE(sim.webSocketCount(), 0);

    // The server goes down; the supervisor starts.
    sim.faults()->refuseConnectionsFor(3600000);
    AriEndpoint endpoint;
    endpoint.baseUrl = sim.baseUrl(); // the server-only URL form
    endpoint.user = u"asterisk"_s;
    endpoint.password = u"asterisk"_s;
    endpoint.applications = { u"vm-record"_s, u"vm-playback"_s };
    AriConnection connection(endpoint);
    AriEventStream::Backoff backoff;
    backoff.initial = std::chrono::milliseconds(50);
    backoff.maximum = std::chrono::milliseconds(200);
    connection.events()->setBackoff(backoff);
    StasisApplicationHost host(connection.rest(), connection.router());
    host.addVoicemailRecord(VoicemailRecordOptions {});
    host.addVoicemailPlayback(VoicemailPlaybackOptions {});
    QObject::connect(connection.events(), &AriEventStream::stateChanged, &host, &StasisApplicationHost::onStreamState);
    QSignalSpy attempts(connection.events(), &AriEventStream::reconnectScheduled);
    host.start();
    connection.open();
    QTRY_VERIFY_WITH_TIMEOUT(attempts.size() >= 3, s_timeout); // it keeps trying
    QVERIFY(!host.voicemail()->isLoaded());
    QCOMPARE(host.callCount(), 0);

    // The server comes back: the mailboxes and the call appear.
    sim.faults()->clear();
    QTRY_COMPARE_WITH_TIMEOUT(connection.events()->state(), AriEventStream::State::Connected, s_timeout);
    QTRY_VERIFY_WITH_TIMEOUT(host.voicemail()->isLoaded(), s_timeout);
    QCOMPARE(host.voicemail()->mailboxes(), QStringList { u"305"_s });
    QCOMPARE(host.voicemail()->messageCount(u"305"_s), 1);
    QTRY_COMPARE_WITH_TIMEOUT(host.callCount(), 1, s_timeout);
    QCOMPARE(host.application(u"vm-playback"_s)->callIds(), QStringList { caller });
    // The adopted caller is answered and hears the mailbox.
    QNetworkRequest heard(QUrl(sim.baseUrl().toString() + u"/sim/calls/"_s + caller + u"/heard"_s));
    heard.setRawHeader("Authorization", "Basic " + QByteArray("asterisk:asterisk").toBase64());
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            QNetworkReply *reply = network.get(heard);
            if (!QTest::qWaitFor([reply] { return reply->isFinished(); }, 5000))
                return false;
            const QJsonArray items = QJsonDocument::fromJson(reply->readAll()).array();
            reply->deleteLater();
            return !items.isEmpty();
        }(),
        s_timeout);
    connection.close();
}

QTEST_GUILESS_MAIN(TestVoicemailRecovery)
#include "TestVoicemailRecovery.moc"

#include "core/calls/CallInfo.h"
#include "core/config/SupervisorSettings.h"
#include "core/models/CallsModel.h"
#include "core/models/MailboxesModel.h"
#include "core/models/PartyNames.h"
#include "core/models/PlaybacksModel.h"
#include "core/models/QueueAgentsModel.h"
#include "core/models/QueueCallersModel.h"
#include "core/models/QueuePairsModel.h"
#include "core/voicemail/VoicemailMessage.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// One name per person (SPEC UX-2): the names of the INI file's [names] section, caller id names
// and numbers, resolved the same way by every model; playbacks named by what they play and to whom.
class TestPartyNames final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void display_data();
    void display();
    void namesFromTheIniFile();
    void anEmptyNameIsRefused();
    void everyModelUsesTheSameName();
    void playbacksByWhatAndToWhom();
};

void TestPartyNames::display_data()
{
    QTest::addColumn<QString>("callerName");
    QTest::addColumn<QString>("number");
    QTest::addColumn<QString>("channelName");
    QTest::addColumn<QString>("expected");
    QTest::newRow("configured name wins") << u"Ignored"_s << u"8436"_s << u"PJSIP/8436-00000001"_s << u"Alice (8436)"_s;
    QTest::newRow("caller id name and number")
        << u"Dana Smith"_s << u"0612345678"_s << u"PJSIP/trunk-0000002a"_s << u"Dana Smith (0612345678)"_s;
    QTest::newRow("number only") << QString() << u"0612345678"_s << u"PJSIP/trunk-0000002a"_s << u"0612345678"_s;
    QTest::newRow("name equal to number") << u"555"_s << u"555"_s << QString() << u"555"_s;
    QTest::newRow("endpoint's configured name")
        << QString() << QString() << u"PJSIP/1001-0000002b"_s << u"Supervisor's phone"_s;
    QTest::newRow("bare endpoint") << QString() << QString() << u"PJSIP/1001"_s << u"Supervisor's phone"_s;
    QTest::newRow("nothing but the channel")
        << QString() << QString() << u"Local/agent@queue-00000000;2"_s << u"Local/agent@queue-00000000;2"_s;
}

void TestPartyNames::display()
{
    QFETCH(QString, callerName);
    QFETCH(QString, number);
    QFETCH(QString, channelName);
    QFETCH(QString, expected);
    const PartyNames names({ { u"8436"_s, u"Alice"_s }, { u"1001"_s, u"Supervisor's phone"_s } });
    QCOMPARE(names.display(callerName, number, channelName), expected);
}

void TestPartyNames::namesFromTheIniFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile ini(dir.filePath(u"supervisor.ini"_s));
    QVERIFY(ini.open(QIODevice::WriteOnly));
    ini.write("[names]\n8436 = Alice\n8437 = Bob Martin\n1001 = Supervisor's phone\n");
    ini.close();
    SupervisorSettings settings;
    QString error;
    QVERIFY2(settings.load(ini.fileName(), {}, {}, &error), qPrintable(error));
    QCOMPARE(settings.partyNames().size(), 3);
    QCOMPARE(settings.partyNames().value(u"8437"_s), u"Bob Martin"_s);
    QCOMPARE(PartyNames(settings.partyNames()).display({}, u"8436"_s, {}), u"Alice (8436)"_s);
}

void TestPartyNames::anEmptyNameIsRefused()
{
    QTemporaryDir dir;
    QFile ini(dir.filePath(u"supervisor.ini"_s));
    QVERIFY(ini.open(QIODevice::WriteOnly));
    ini.write("[names]\n8436 =\n");
    ini.close();
    SupervisorSettings settings;
    QString error;
    QVERIFY(!settings.load(ini.fileName(), {}, {}, &error));
    QVERIFY2(error.contains(u"names/8436"_s), qPrintable(error));
}

void TestPartyNames::everyModelUsesTheSameName()
{
    const PartyNames names({ { u"8436"_s, u"Alice"_s } });
    CallsModel calls;
    QueueAgentsModel agents;
    QueuePairsModel pairs;
    QueueCallersModel callers;
    calls.setPartyNames(names);
    agents.setPartyNames(names);
    pairs.setPartyNames(names);
    callers.setPartyNames(names);
    pairs.setRefreshInterval(0);
    agents.setRefreshInterval(0);

    CallInfo agentCall;
    agentCall.channelId = u"demo-1796576018.0"_s;
    agentCall.channelName = u"Local/agent@queue-00000000;2"_s;
    agentCall.callerNumber = u"8436"_s;
    agentCall.application = u"queue"_s;
    calls.addCall(agentCall);
    QCOMPARE(calls.index(0, CallsModel::CallerColumn).data().toString(), u"Alice (8436)"_s);
    QVERIFY(calls.index(0, CallsModel::CallerColumn).data(Qt::ToolTipRole).toString().contains(agentCall.channelId));

    QueueWaitingAgent waiting;
    waiting.channelId = agentCall.channelId;
    waiting.channelName = agentCall.channelName;
    waiting.callerNumber = u"8436"_s;
    waiting.name = u"8436"_s;
    agents.addAgent(0, waiting);
    QCOMPARE(agents.index(0, QueueAgentsModel::AgentColumn).data().toString(), u"Alice (8436)"_s);

    QueueBridgedPair pair;
    pair.bridgeId = u"queue-call-1"_s;
    pair.agentChannelId = agentCall.channelId;
    pair.agentName = u"8436"_s;
    pair.agentNumber = u"8436"_s;
    pair.agentChannelName = agentCall.channelName;
    pair.callerChannelId = u"demo-1796576020.1"_s;
    pair.callerNumber = u"0612345678"_s;
    pair.callerName = u"Dana"_s;
    pairs.addPair(0, pair);
    QCOMPARE(pairs.index(0, QueuePairsModel::AgentColumn).data().toString(), u"Alice (8436)"_s);
    QCOMPARE(pairs.index(0, QueuePairsModel::CallerColumn).data().toString(), u"Dana (0612345678)"_s);
    QCOMPARE(pairs.callName(pair.bridgeId), u"Alice (8436) \u2194 Dana (0612345678)"_s);

    QueueWaitingCaller caller;
    caller.channelId = u"demo-1796576030.2"_s;
    caller.callerNumber = u"0612345678"_s;
    caller.callerName = u"Dana"_s;
    callers.addCaller(0, caller);
    QCOMPARE(callers.index(0, QueueCallersModel::CallerColumn).data().toString(), u"Dana (0612345678)"_s);
}

void TestPartyNames::playbacksByWhatAndToWhom()
{
    CallsModel calls;
    calls.setPartyNames(PartyNames({ { u"1001"_s, u"Alice's phone"_s } }));
    MailboxesModel mailboxes;
    QueuePairsModel pairs;
    pairs.setRefreshInterval(0);
    PlaybacksModel playbacks;
    playbacks.setRefreshInterval(0);

    const QString first = u"voicemail/305/1411503204"_s;
    const QString third = u"voicemail/305/1411503900"_s;
    mailboxes.addMailbox(u"305"_s);
    int row = 0;
    for (const QString &name : { first, u"voicemail/305/1411503300"_s, third }) {
        const std::optional<VoicemailMessage> message = VoicemailMessage::fromRecording(name, u"wav"_s);
        QVERIFY(message);
        mailboxes.addMessage(*message, row++);
    }
    CallInfo listening;
    listening.channelId = u"listen-1"_s;
    listening.channelName = u"PJSIP/1001"_s;
    calls.addCall(listening);

    PlaybackInfo info;
    info.id = u"pb-1"_s;
    info.targetUri = u"channel:listen-1"_s;
    info.mediaUri = u"recording:"_s + third;
    info.state = u"playing"_s;
    playbacks.upsert(info);
    // Without name sources: the URIs as they are.
    QCOMPARE(playbacks.index(0, PlaybacksModel::TargetColumn).data().toString(), info.targetUri);
    playbacks.setNameSources(&calls, &mailboxes, &pairs);
    QCOMPARE(playbacks.index(0, PlaybacksModel::PlayingColumn).data().toString(), u"message 3 of 305"_s);
    QCOMPARE(playbacks.index(0, PlaybacksModel::TargetColumn).data().toString(), u"Alice's phone"_s);
    QCOMPARE(playbacks.index(0, 0).data(PlaybacksModel::DescriptionRole).toString(),
        u"message 3 of 305 \u2192 Alice's phone"_s);
    // The playback's id stays at hand, in the tooltip.
    QVERIFY(playbacks.index(0, PlaybacksModel::PlayingColumn).data(Qt::ToolTipRole).toString().contains(u"pb-1"_s));

    // A sound on a queue call's bridge: to the agent and the caller.
    QueueBridgedPair pair;
    pair.bridgeId = u"queue-call-7"_s;
    pair.agentName = u"Bob"_s;
    pair.callerNumber = u"0612345678"_s;
    pairs.addPair(0, pair);
    PlaybackInfo announce;
    announce.id = u"pb-2"_s;
    announce.targetUri = u"bridge:queue-call-7"_s;
    announce.mediaUri = u"sound:conf-now-recording"_s;
    playbacks.upsert(announce);
    const int announceRow = playbacks.rowOf(u"pb-2"_s);
    QCOMPARE(
        playbacks.index(announceRow, PlaybacksModel::PlayingColumn).data().toString(), u"sound conf-now-recording"_s);
    QCOMPARE(playbacks.index(announceRow, PlaybacksModel::TargetColumn).data().toString(), u"Bob \u2194 0612345678"_s);
    // A call that is gone: its URI.
    calls.removeChannel(u"listen-1"_s);
    QCOMPARE(playbacks.index(0, PlaybacksModel::TargetColumn).data().toString(), info.targetUri);
}

QTEST_MAIN(TestPartyNames)
#include "TestPartyNames.moc"

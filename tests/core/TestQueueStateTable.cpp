// The queue application's state table (SPEC SM-1, SM-2: `--print-state-machine queue`) and the
// prompts of a position announcement (SPEC Q-3), without a server.

#include "core/apps/QueueApp.h"
#include "core/apps/QueueCall.h"
#include "core/apps/StateMachineCatalog.h"
#include "core/ari/AriEndpoint.h"
#include "core/ari/AriEventRouter.h"
#include "core/ari/AriRestClient.h"
#include "core/calls/CallEvents.h"
#include "core/queue/QueueState.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using S = QueueCall::States;
using E = QueueCall::Events;
using Wording = SupervisorSettings::PositionWording;

class TestQueueStateTable final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void catalogPrintsTheQueueTable();
    void transitions_data();
    void transitions();
    void everyLiveStateHangsUp();
    void announcementByPosition_data();
    void announcementByPosition();
    void optionsFromSettings();
};

void TestQueueStateTable::catalogPrintsTheQueueTable()
{
    QVERIFY(StateMachineCatalog::names().contains(u"queue"_s));
    const QString dot = stateMachineDot(u"queue"_s);
    QVERIFY(dot.startsWith(u"digraph"_s));
    for (const QString &state : { S::joining(), S::callerWaiting(), S::announcing(), S::callerBridged(),
             S::agentWaiting(), S::agentBridged(), S::ending(), S::hungUp() }) {
        QVERIFY2(dot.contains(u'"' + state + u'"'), qPrintable(state));
    }
    QVERIFY(dot.contains(E::matched()));
    QCOMPARE(StateMachineCatalog::table(u"queue"_s)->initialState(), S::joining());
}

void TestQueueStateTable::transitions_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("event");
    QTest::addColumn<QString>("to");
    QTest::newRow("caller joins") << S::joining() << E::caller() << S::callerWaiting();
    QTest::newRow("agent joins") << S::joining() << E::agent() << S::agentWaiting();
    QTest::newRow("answer fails") << S::joining() << E::answerFailed() << S::ending();
    QTest::newRow("announcement due") << S::callerWaiting() << E::announce() << S::announcing();
    QTest::newRow("announcement played") << S::announcing() << E::announcementDone() << S::callerWaiting();
    QTest::newRow("caller connected") << S::callerWaiting() << E::matched() << S::callerBridged();
    QTest::newRow("connected while announcing") << S::announcing() << E::matched() << S::callerBridged();
    QTest::newRow("caller's call over") << S::callerBridged() << E::callEnded() << S::ending();
    QTest::newRow("caller back to the front") << S::callerBridged() << E::requeued() << S::callerWaiting();
    QTest::newRow("agent connected") << S::agentWaiting() << E::matched() << S::agentBridged();
    QTest::newRow("agent's call over") << S::agentBridged() << E::callEnded() << S::agentWaiting();
    QTest::newRow("no announcements for agents") << S::agentWaiting() << E::announce() << QString();
    QTest::newRow("a waiting caller has no call to end") << S::callerWaiting() << E::callEnded() << QString();
    QTest::newRow("final: ending") << S::ending() << CallEvents::hangup() << QString();
}

void TestQueueStateTable::transitions()
{
    QFETCH(QString, from);
    QFETCH(QString, event);
    QFETCH(QString, to);
    const CallStateTable table = QueueApp::buildStateTable();
    QCOMPARE(table.next(from, event), to);
}

void TestQueueStateTable::everyLiveStateHangsUp()
{
    const CallStateTable table = QueueApp::buildStateTable();
    for (const QString &state : table.states()) {
        if (table.isFinal(state))
            continue;
        QCOMPARE(table.next(state, CallEvents::hangup()), S::hungUp());
    }
    QVERIFY(table.isFinal(S::hungUp()));
    QVERIFY(table.isFinal(S::ending()));
}

void TestQueueStateTable::announcementByPosition_data()
{
    QTest::addColumn<Wording>("wording");
    QTest::addColumn<int>("position");
    QTest::addColumn<QStringList>("prompts");
    const QString thereAre = u"sound:queue-thereare"_s;
    const QString waiting = u"sound:queue-callswaiting"_s;
    for (const Wording wording : { Wording::CallersAhead, Wording::OwnPosition }) {
        const char *name = wording == Wording::CallersAhead ? "ahead" : "own";
        QTest::addRow("%s 1", name) << wording << 1 << QStringList { u"sound:queue-youarenext"_s };
        const int second = wording == Wording::CallersAhead ? 1 : 2;
        const int fifth = wording == Wording::CallersAhead ? 4 : 5;
        QTest::addRow("%s 2", name) << wording << 2 << QStringList { thereAre, u"number:%1"_s.arg(second), waiting };
        QTest::addRow("%s 5", name) << wording << 5 << QStringList { thereAre, u"number:%1"_s.arg(fifth), waiting };
    }
}

void TestQueueStateTable::announcementByPosition()
{
    QFETCH(Wording, wording);
    QFETCH(int, position);
    QFETCH(QStringList, prompts);
    AriEndpoint endpoint;
    endpoint.baseUrl = QUrl(u"http://127.0.0.1:9/ari"_s); // never contacted
    AriRestClient rest(endpoint);
    AriEventRouter router;
    QueueOptions options;
    options.positionWording = wording;
    QueueApp app(options, &rest, &router, nullptr);
    for (int i = 1; i <= 5; ++i) {
        QueueWaitingCaller caller;
        caller.channelId = u"c%1"_s.arg(i);
        QVERIFY(app.state()->addCaller(caller));
    }
    QCOMPARE(app.announcementFor(u"c%1"_s.arg(position)), prompts);
    QCOMPARE(app.announcementFor(u"nobody"_s), QStringList());
}

void TestQueueStateTable::optionsFromSettings()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString ini = dir.filePath(u"supervisor.ini"_s);
    QFile file(ini);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("[apps]\nqueue=support-line\n[queue]\nannouncement_interval_ms=45000\nposition_wording=own_position\n");
    file.close();
    SupervisorSettings settings;
    QString error;
    QVERIFY2(settings.load(ini, QProcessEnvironment(), {}, &error), qPrintable(error));
    const QueueOptions options = QueueApp::optionsFrom(settings);
    QCOMPARE(options.name, u"support-line"_s);
    QCOMPARE(options.announcementIntervalMs, 45000);
    QCOMPARE(options.positionWording, Wording::OwnPosition);
    QCOMPARE(options.recordingFormat, settings.recordingFormat());
    QCOMPARE(QueueOptions().name, u"queue"_s);
    QCOMPARE(QueueOptions().announcementIntervalMs, 30000);
    QCOMPARE(QueueOptions().positionWording, Wording::CallersAhead);
}

QTEST_GUILESS_MAIN(TestQueueStateTable)
#include "TestQueueStateTable.moc"

// Numbers on the supervisor protocol's wire come from the network (SPEC RB-2, RB-3): a number
// too large for a whole number (5e86), fractional, negative, or of another JSON type is read as a
// bounded value or the field's default, never converted out of range. The first input is the one
// fuzz_supervisor_messages found (an out-of-range conversion in playbackFrom, undefined
// behaviour); the suite runs it through the desk's reading of snapshots and changes.
#include "core/models/CallsModel.h"
#include "core/models/ConnectionStatus.h"
#include "core/models/EventLogModel.h"
#include "core/models/MailboxesModel.h"
#include "core/models/PlaybacksModel.h"
#include "core/models/QueueAgentsModel.h"
#include "core/models/QueueCallersModel.h"
#include "core/models/QueuePairsModel.h"
#include "core/service/SupervisorMirror.h"
#include "core/service/SupervisorWire.h"

#include <QFile>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

class TestSupervisorWireNumbers final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void integers_data();
    void integers();
    void playbackWithHugeNumbers();
    void fuzzFindingIsRead();
};

void TestSupervisorWireNumbers::integers_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<qint64>("expected");
    constexpr qint64 limit = 9007199254740992LL; // 2^53
    QTest::newRow("ordinary") << QJsonValue(20000) << qint64(20000);
    QTest::newRow("negative") << QJsonValue(-1) << qint64(-1);
    QTest::newRow("fraction") << QJsonValue(2.75) << qint64(2);
    QTest::newRow("huge") << QJsonValue(5.001e86) << limit;
    QTest::newRow("huge negative") << QJsonValue(-1e300) << -limit;
    QTest::newRow("max double") << QJsonValue(std::numeric_limits<double>::max()) << limit;
    QTest::newRow("string") << QJsonValue(u"12"_s) << qint64(-7);
    QTest::newRow("null") << QJsonValue(QJsonValue::Null) << qint64(-7);
    QTest::newRow("array") << QJsonValue(QJsonArray { 1 }) << qint64(-7);
}

void TestSupervisorWireNumbers::integers()
{
    QFETCH(QJsonValue, value);
    QFETCH(qint64, expected);
    QCOMPARE(SupervisorWire::integerFrom(value, -7), expected);
}

void TestSupervisorWireNumbers::playbackWithHugeNumbers()
{
    const PlaybackInfo playback = SupervisorWire::playbackFrom(QJsonObject { { u"id"_s, u"pb-1"_s },
        { u"durationMs"_s, 5.001e86 }, { u"positionMs"_s, -1e300 }, { u"anchorMs"_s, 1e19 }, { u"skipMs"_s, 1e12 } });
    QCOMPARE(playback.id, u"pb-1"_s);
    QCOMPARE(playback.durationMs, 9007199254740992LL);
    QCOMPARE(playback.positionMs, -9007199254740992LL);
    QCOMPARE(playback.skipMs, std::numeric_limits<int>::max());
}

void TestSupervisorWireNumbers::fuzzFindingIsRead()
{
    QFile file(QStringLiteral(SUPERVISOR_TEST_DATA_DIR "/fuzz/supervisor-messages-number-overflow"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    ConnectionStatus status;
    EventLogModel eventLog;
    PlaybacksModel playbacks;
    CallsModel calls;
    MailboxesModel mailboxes;
    QueueAgentsModel agents;
    QueueCallersModel callers;
    QueuePairsModel pairs;
    playbacks.setClock([] { return qint64(1000); });
    SupervisorMirror mirror(
        { &status, &eventLog, &playbacks, &calls, &mailboxes, &agents, &callers, &pairs }, [](const ListenStatus &) {});
    int snapshots = 0;
    for (const QByteArray &frame : file.readAll().split('\n')) {
        const QJsonObject message = QJsonDocument::fromJson(frame).object();
        if (message.value("type"_L1).toString() == u"snapshot"_s) {
            mirror.applySnapshot(message);
            ++snapshots;
        }
    }
    QCOMPARE(snapshots, 1);
    QCOMPARE(playbacks.rowCount(), 1);
    QCOMPARE(calls.rowCount(), 1);
}

QTEST_GUILESS_MAIN(TestSupervisorWireNumbers)
#include "TestSupervisorWireNumbers.moc"

#include "core/models/QueueAgentsModel.h"
#include "core/models/QueueCallersModel.h"
#include "core/models/QueuePairsModel.h"
#include "core/queue/QueueState.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using Kind = QueueCallAction::Kind;

namespace {

QueueWaitingAgent agent(const QString &id)
{
    QueueWaitingAgent entry;
    entry.channelId = id;
    entry.channelName = u"PJSIP/"_s + id;
    entry.name = u"Agent "_s + id;
    entry.since = QDateTime::currentDateTimeUtc().addSecs(-65);
    return entry;
}

QueueWaitingCaller caller(const QString &id)
{
    QueueWaitingCaller entry;
    entry.channelId = id;
    entry.channelName = u"PJSIP/"_s + id;
    entry.callerNumber = u"555"_s + id;
    entry.since = QDateTime::currentDateTimeUtc().addSecs(-10);
    entry.nextAnnouncement = QDateTime::currentDateTimeUtc().addSecs(20);
    return entry;
}

QueueBridgedPair pair(const QString &bridge, const QString &agentId, const QString &callerId)
{
    QueueBridgedPair entry;
    entry.bridgeId = bridge;
    entry.agentChannelId = agentId;
    entry.agentName = u"Agent "_s + agentId;
    entry.callerChannelId = callerId;
    entry.callerNumber = u"555"_s + callerId;
    entry.since = QDateTime::currentDateTimeUtc().addSecs(-3);
    return entry;
}

} // namespace

// The queue models mirror the core's QueueState through its signals, as the backend wires them.
class TestQueueModels final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void agentsInQueueOrder();
    void callersMoveUpAndAnnounce();
    void pairsAndActions();

private:
    std::unique_ptr<QueueState> m_state;
    std::unique_ptr<QueueAgentsModel> m_agents;
    std::unique_ptr<QueueCallersModel> m_callers;
    std::unique_ptr<QueuePairsModel> m_pairs;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> m_testers;
};

void TestQueueModels::init()
{
    m_state = std::make_unique<QueueState>();
    m_agents = std::make_unique<QueueAgentsModel>();
    m_callers = std::make_unique<QueueCallersModel>();
    m_pairs = std::make_unique<QueuePairsModel>();
    for (QAbstractItemModel *model : {static_cast<QAbstractItemModel *>(m_agents.get()),
                                      static_cast<QAbstractItemModel *>(m_callers.get()),
                                      static_cast<QAbstractItemModel *>(m_pairs.get())})
        m_testers.push_back(std::make_unique<QAbstractItemModelTester>(
            model, QAbstractItemModelTester::FailureReportingMode::QtTest));
    connect(m_state.get(), &QueueState::agentAdded, m_agents.get(), &QueueAgentsModel::addAgent);
    connect(m_state.get(), &QueueState::agentRemoved, m_agents.get(), &QueueAgentsModel::removeAgent);
    connect(m_state.get(), &QueueState::callerAdded, m_callers.get(), &QueueCallersModel::addCaller);
    connect(m_state.get(), &QueueState::callerRemoved, m_callers.get(), &QueueCallersModel::removeCaller);
    connect(m_state.get(), &QueueState::callerChanged, m_callers.get(), &QueueCallersModel::changeCaller);
    connect(m_state.get(), &QueueState::pairAdded, m_pairs.get(), &QueuePairsModel::addPair);
    connect(m_state.get(), &QueueState::pairChanged, m_pairs.get(), &QueuePairsModel::changePair);
    connect(m_state.get(), &QueueState::pairRemoved, m_pairs.get(), &QueuePairsModel::removePair);
}

void TestQueueModels::cleanup()
{
    m_testers.clear();
    m_pairs.reset();
    m_callers.reset();
    m_agents.reset();
    m_state.reset();
}

void TestQueueModels::agentsInQueueOrder()
{
    QVERIFY(m_state->addAgent(agent(u"a1"_s)));
    QVERIFY(m_state->addAgent(agent(u"a2"_s)));
    QVERIFY(m_state->addAgent(agent(u"a3"_s)));
    QCOMPARE(m_agents->rowCount(), 3);
    QCOMPARE(m_agents->index(2, QueueAgentsModel::ChannelColumn).data().toString(), u"a3"_s);
    QCOMPARE(m_agents->index(2, QueueAgentsModel::PositionColumn).data().toInt(), 3);
    QCOMPARE(m_agents->index(0, QueueAgentsModel::AgentColumn).data().toString(), u"Agent a1"_s);
    QVERIFY(m_agents->index(0, 0).data(QueueAgentsModel::WaitedMsRole).toLongLong() >= 65000);
    QCOMPARE(m_agents->index(0, QueueAgentsModel::WaitedColumn).data().toString().left(3), u"1:0"_s);
    QCOMPARE(m_state->takeFrontAgent(), u"a1"_s);
    QCOMPARE(m_agents->rowCount(), 2);
    QCOMPARE(m_agents->index(0, QueueAgentsModel::ChannelColumn).data().toString(), u"a2"_s);
    QCOMPARE(m_agents->index(1, QueueAgentsModel::PositionColumn).data().toInt(), 2);
    QVERIFY(m_state->removeAgent(u"a3"_s));
    QCOMPARE(m_agents->rowCount(), 1);
    QSignalSpy changed(m_agents.get(), &QAbstractItemModel::dataChanged);
    m_agents->refresh();
    QCOMPARE(changed.count(), 1);
}

void TestQueueModels::callersMoveUpAndAnnounce()
{
    QVERIFY(m_state->addCaller(caller(u"c1"_s)));
    QVERIFY(m_state->addCaller(caller(u"c2"_s)));
    QVERIFY(m_state->addCaller(caller(u"c3"_s), 0)); // back at the front
    QCOMPARE(m_callers->index(0, QueueCallersModel::ChannelColumn).data().toString(), u"c3"_s);
    QCOMPARE(m_callers->index(2, QueueCallersModel::ChannelColumn).data().toString(), u"c2"_s);
    QCOMPARE(m_callers->index(2, QueueCallersModel::PositionColumn).data().toInt(), 3);
    QCOMPARE(m_callers->index(1, QueueCallersModel::CallerColumn).data().toString(), u"555c1"_s);
    QVERIFY(m_callers->index(1, QueueCallersModel::AnnouncementColumn).data().toString().startsWith(u"in 0:"_s));

    m_state->setAnnouncement(u"c1"_s, {}, true);
    QCOMPARE(m_callers->index(1, QueueCallersModel::AnnouncementColumn).data().toString(), u"announcing now"_s);
    QCOMPARE(m_callers->index(1, 0).data(QueueCallersModel::AnnouncingRole).toBool(), true);

    QCOMPARE(m_state->takeFrontCaller(), u"c3"_s);
    QCOMPARE(m_callers->rowCount(), 2);
    QCOMPARE(m_callers->index(0, QueueCallersModel::ChannelColumn).data().toString(), u"c1"_s);
    QCOMPARE(m_callers->index(1, QueueCallersModel::PositionColumn).data().toInt(), 2);
}

void TestQueueModels::pairsAndActions()
{
    QSignalSpy enabled(m_pairs.get(), &QueuePairsModel::enabledActionsChanged);
    // A mask that arrives before its pair is kept for it.
    m_pairs->setEnabledActions(u"b1"_s, QueuePairsModel::bit(Kind::Record) | QueuePairsModel::bit(Kind::EndCall));
    QVERIFY(m_state->addPair(pair(u"b1"_s, u"a1"_s, u"c1"_s)));
    QVERIFY(m_state->addPair(pair(u"b2"_s, u"a2"_s, u"c2"_s)));
    QCOMPARE(m_pairs->rowCount(), 2);
    QVERIFY(m_pairs->isEnabled(u"b1"_s, Kind::Record));
    QVERIFY(m_pairs->isEnabled(u"b1"_s, Kind::EndCall));
    QVERIFY(!m_pairs->isEnabled(u"b1"_s, Kind::Pause));
    QVERIFY(!m_pairs->isEnabled(u"b2"_s, Kind::Record));
    QCOMPARE(enabled.count(), 1);
    QCOMPARE(m_pairs->index(0, QueuePairsModel::RecordingColumn).data().toString(), u"not recording"_s);
    QCOMPARE(m_pairs->index(1, QueuePairsModel::AgentColumn).data().toString(), u"Agent a2"_s);

    m_state->setPairRecording(u"b1"_s, QueueRecordingState::Recording, u"queue/b1/1"_s);
    // The length recorded so far comes first (SPEC UX-3); it has just started.
    QCOMPARE(m_pairs->index(0, QueuePairsModel::RecordingColumn).data().toString(), u"recording 0:00 (queue/b1/1)"_s);
    QVERIFY(m_state->pair(u"b1"_s)->recordingSince.isValid());
    m_state->setPairRecording(u"b1"_s, QueueRecordingState::Paused, u"queue/b1/1"_s);
    // Paused: the time stands still.
    QVERIFY(!m_state->pair(u"b1"_s)->recordingSince.isValid());
    const qint64 paused = m_pairs->index(0, 0).data(QueuePairsModel::RecordingElapsedMsRole).toLongLong();
    QCOMPARE(m_pairs->index(0, 0).data(QueuePairsModel::RecordingElapsedMsRole).toLongLong(), paused);
    QCOMPARE(m_pairs->index(0, QueuePairsModel::RecordingColumn).data().toString(), u"paused 0:00 (queue/b1/1)"_s);
    m_state->setPairRecording(u"b1"_s, QueueRecordingState::Recording, u"queue/b1/1"_s);
    m_pairs->setEnabledActions(u"b1"_s, QueuePairsModel::bit(Kind::Pause) | QueuePairsModel::bit(Kind::Stop));
    QVERIFY(m_pairs->isEnabled(u"b1"_s, Kind::Pause));
    QVERIFY(!m_pairs->isEnabled(u"b1"_s, Kind::Record));
    m_state->setPairRecording(u"b1"_s, QueueRecordingState::None, u"queue/b1/1"_s);
    m_state->addStoredRecording(u"b1"_s, u"queue/b1/1"_s);
    QCOMPARE(m_pairs->index(0, 0).data(QueuePairsModel::StoredRecordingsRole).toStringList(),
             QStringList{u"queue/b1/1"_s});
    QCOMPARE(m_pairs->index(0, QueuePairsModel::RecordingColumn).data().toString(), u"stopped"_s);

    QVERIFY(m_state->removePair(u"b1"_s));
    QCOMPARE(m_pairs->rowCount(), 1);
    QCOMPARE(m_pairs->rowOf(u"b2"_s), 0);
    QVERIFY(!m_pairs->isEnabled(u"b1"_s, Kind::Pause));
    QCOMPARE(enabled.last().at(1).toInt(), 0); // the ended call's buttons go off
}

QTEST_GUILESS_MAIN(TestQueueModels)
#include "TestQueueModels.moc"

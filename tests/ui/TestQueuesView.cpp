#include "support/SimFixture.h"

#include "core/models/ConnectionStatus.h"
#include "core/models/QueueAgentsModel.h"
#include "core/models/QueueCallersModel.h"
#include "core/models/QueuePairsModel.h"
#include "core/supervisor/SupervisorBackend.h"
#include "core/supervisor/SupervisorOptions.h"
#include "ui/MainWindow.h"
#include "ui/QueuesView.h"

#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace Qt::StringLiterals;
using Kind = QueueCallAction::Kind;

// The queue view against the simulator: the Q-7 buttons are clicked, the agent's keys are
// pressed on the simulated phone, and both are checked on the simulator's recordings.
class TestQueuesView final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void waitingAgentsAndCallers();
    void buttonsAndKeysGiveTheSameResult();
    void discardAnnounceAndEndCall();

private:
    void connectPair(); // an agent, then a caller: sets m_agent, m_caller and m_bridge
    QJsonObject liveRecording();
    QPushButton *button(Kind kind) const { return m_view->button(kind); }
    QStringList enabledButtons() const;

    std::unique_ptr<SimFixture> m_sim;
    std::unique_ptr<SupervisorBackend> m_backend;
    std::unique_ptr<MainWindow> m_window;
    QueuesView *m_view = nullptr;
    QString m_agent;
    QString m_caller;
    QString m_bridge;
};

void TestQueuesView::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestQueuesView::init()
{
    m_sim = std::make_unique<SimFixture>();
    QVERIFY(m_sim->start());
    SupervisorOptions options;
    options.clockRate = m_sim->speed();
    m_backend = m_sim->makeBackend(u"PJSIP/1001"_s, options);
    QVERIFY(m_backend);
    m_window = std::make_unique<MainWindow>(m_backend.get());
    m_window->showTab(MainWindow::Tab::Queues);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_view = m_window->findChild<QueuesView *>(u"queuesView"_s);
    QVERIFY(m_view);
    QTRY_COMPARE(m_backend->connectionStatus()->state(), ConnectionStatus::State::Connected);
}

void TestQueuesView::cleanup()
{
    m_window.reset();
    m_backend.reset();
    m_sim.reset();
}

QStringList TestQueuesView::enabledButtons() const
{
    QStringList names;
    for (Kind kind : {Kind::Record, Kind::Pause, Kind::Resume, Kind::Stop, Kind::Discard, Kind::EndCall, Kind::Announce}) {
        if (button(kind)->isEnabled())
            names << QueueCallAction::kindName(kind);
    }
    return names;
}

void TestQueuesView::connectPair()
{
    m_agent = m_sim->placeCall(u"queue"_s, {u"agent"_s})[u"id"_s].toString();
    QVERIFY(!m_agent.isEmpty());
    QTRY_COMPARE(m_backend->queueAgents()->rowCount(), 1);
    m_caller = m_sim->placeCall(u"queue"_s, {u"caller"_s})[u"id"_s].toString();
    QVERIFY(!m_caller.isEmpty());
    QTRY_COMPARE(m_backend->queuePairs()->rowCount(), 1);
    m_bridge = m_view->selectedBridge(); // the first call is selected for the buttons
}

QJsonObject TestQueuesView::liveRecording()
{
    const QJsonArray live = m_sim->state().value(u"liveRecordings"_s).toArray();
    return live.isEmpty() ? QJsonObject() : live.first().toObject();
}

void TestQueuesView::waitingAgentsAndCallers()
{
    const QString agent = m_sim->placeCall(u"queue"_s, {u"agent"_s})[u"id"_s].toString();
    QTRY_COMPARE(m_backend->queueAgents()->rowCount(), 1);
    QCOMPARE(m_backend->queueAgents()->index(0, QueueAgentsModel::ChannelColumn).data().toString(), agent);
    QCOMPARE(m_backend->queueAgents()->index(0, QueueAgentsModel::PositionColumn).data().toInt(), 1);
    QCOMPARE(m_view->agentsTable()->model()->rowCount(), 1);
    // No call in progress: every button is off.
    QCOMPARE(enabledButtons(), QStringList{});

    // The caller is connected to the waiting agent at once: both queues empty, one call.
    const QString caller = m_sim->placeCall(u"queue"_s, {u"caller"_s})[u"id"_s].toString();
    QTRY_COMPARE(m_backend->queuePairs()->rowCount(), 1);
    QTRY_COMPARE(m_backend->queueAgents()->rowCount(), 0);
    QCOMPARE(m_backend->queueCallers()->rowCount(), 0);
    const QModelIndex pair = m_backend->queuePairs()->index(0, 0);
    QCOMPARE(pair.data(QueuePairsModel::AgentChannelRole).toString(), agent);
    QCOMPARE(pair.data(QueuePairsModel::CallerChannelRole).toString(), caller);
    QCOMPARE(m_backend->queuePairs()->index(0, QueuePairsModel::RecordingColumn).data().toString(), u"not recording"_s);

    // A second caller waits, at position 1, with an announcement to come.
    const QString second = m_sim->placeCall(u"queue"_s, {u"caller"_s})[u"id"_s].toString();
    QTRY_COMPARE(m_backend->queueCallers()->rowCount(), 1);
    QCOMPARE(m_backend->queueCallers()->index(0, QueueCallersModel::ChannelColumn).data().toString(), second);
    QCOMPARE(m_backend->queueCallers()->index(0, QueueCallersModel::PositionColumn).data().toInt(), 1);
    QTRY_VERIFY(m_backend->queueCallers()->index(0, 0).data(QueueCallersModel::NextAnnouncementRole).toDateTime().isValid()
                || m_backend->queueCallers()->index(0, 0).data(QueueCallersModel::AnnouncingRole).toBool());
    QVERIFY(m_sim->hangup(second));
    QTRY_COMPARE(m_backend->queueCallers()->rowCount(), 0);
}

void TestQueuesView::buttonsAndKeysGiveTheSameResult()
{
    connectPair();
    if (QTest::currentTestFailed())
        return;
    const QString bridge = m_bridge;
    QVERIFY(!bridge.isEmpty());
    QTRY_COMPARE(enabledButtons(), (QStringList{u"record"_s, u"end-call"_s, u"announce"_s}));

    // Record (button): the bridge is recorded under queue/<bridge>/1.
    QTest::mouseClick(button(Kind::Record), Qt::LeftButton);
    QTRY_COMPARE(liveRecording().value(u"state"_s).toString(), u"recording"_s);
    const QString first = liveRecording().value(u"name"_s).toString();
    QCOMPARE(first, u"queue/"_s + bridge + u"/1"_s);
    QCOMPARE(liveRecording().value(u"target_uri"_s).toString(), u"bridge:"_s + bridge);
    QTRY_COMPARE(enabledButtons(),
                 (QStringList{u"pause"_s, u"stop"_s, u"discard"_s, u"end-call"_s, u"announce"_s}));

    // Pause (button), then the agent's 5 resumes, then 5 pauses, then Resume (button).
    QTest::mouseClick(button(Kind::Pause), Qt::LeftButton);
    QTRY_COMPARE(liveRecording().value(u"state"_s).toString(), u"paused"_s);
    QTRY_VERIFY(button(Kind::Resume)->isEnabled() && !button(Kind::Pause)->isEnabled());
    QVERIFY(m_sim->pressDtmf(m_agent, u"5"_s));
    QTRY_COMPARE(liveRecording().value(u"state"_s).toString(), u"recording"_s);
    QTRY_VERIFY(button(Kind::Pause)->isEnabled() && !button(Kind::Resume)->isEnabled());
    QVERIFY(m_sim->pressDtmf(m_agent, u"5"_s));
    QTRY_COMPARE(liveRecording().value(u"state"_s).toString(), u"paused"_s);
    QTRY_VERIFY(button(Kind::Resume)->isEnabled());
    QTest::mouseClick(button(Kind::Resume), Qt::LeftButton);
    QTRY_COMPARE(liveRecording().value(u"state"_s).toString(), u"recording"_s);

    // Stop (button): kept.
    QTest::mouseClick(button(Kind::Stop), Qt::LeftButton);
    QTRY_VERIFY(m_sim->storedRecordings().contains(first));
    QTRY_VERIFY(liveRecording().isEmpty());
    QTRY_COMPARE(m_backend->queuePairs()->index(0, 0).data(QueuePairsModel::StoredRecordingsRole).toStringList(),
                 QStringList{first});

    // The agent's 0 records again, under a new name; the agent's 7 keeps it: the same as the buttons.
    QTRY_VERIFY(button(Kind::Record)->isEnabled());
    QVERIFY(m_sim->pressDtmf(m_agent, u"0"_s));
    QTRY_COMPARE(liveRecording().value(u"state"_s).toString(), u"recording"_s);
    const QString second = liveRecording().value(u"name"_s).toString();
    QCOMPARE(second, u"queue/"_s + bridge + u"/2"_s);
    QTRY_VERIFY(!button(Kind::Record)->isEnabled() && button(Kind::Stop)->isEnabled());
    QVERIFY(m_sim->pressDtmf(m_agent, u"7"_s));
    QTRY_VERIFY(m_sim->storedRecordings().contains(second));
    QTRY_COMPARE(m_backend->queuePairs()->index(0, 0).data(QueuePairsModel::StoredRecordingsRole).toStringList(),
                 (QStringList{first, second}));
}

void TestQueuesView::discardAnnounceAndEndCall()
{
    connectPair();
    if (QTest::currentTestFailed())
        return;
    const QString bridge = m_bridge;
    QVERIFY(!bridge.isEmpty());
    QTRY_VERIFY(button(Kind::Record)->isEnabled());
    QTest::mouseClick(button(Kind::Record), Qt::LeftButton);
    QTRY_COMPARE(liveRecording().value(u"state"_s).toString(), u"recording"_s);
    const QString name = liveRecording().value(u"name"_s).toString();
    QTRY_VERIFY(button(Kind::Discard)->isEnabled());
    QTest::mouseClick(button(Kind::Discard), Qt::LeftButton);
    QTRY_VERIFY(liveRecording().isEmpty());
    QVERIFY(!m_sim->storedRecordings().contains(name));
    QTRY_VERIFY(button(Kind::Record)->isEnabled());

    // Announce: a playback on the bridge, heard by both.
    QTest::mouseClick(button(Kind::Announce), Qt::LeftButton);
    QTRY_VERIFY([&] {
        const QJsonArray heard = m_sim->request("GET", u"/sim/bridges/"_s + bridge + u"/heard"_s).toArray();
        for (const QJsonValue &entry : heard) {
            if (entry[u"media"_s].toString() == u"sound:conf-now-recording"_s)
                return true;
        }
        return false;
    }());

    // End call: the caller is hung up, the agent waits again.
    QTRY_VERIFY(button(Kind::EndCall)->isEnabled());
    QTest::mouseClick(button(Kind::EndCall), Qt::LeftButton);
    QTRY_COMPARE(m_backend->queuePairs()->rowCount(), 0);
    QTRY_COMPARE(m_backend->queueAgents()->rowCount(), 1);
    QCOMPARE(m_backend->queueAgents()->index(0, QueueAgentsModel::ChannelColumn).data().toString(), m_agent);
    QTRY_VERIFY([&] {
        const QJsonArray channels = m_sim->state().value(u"channels"_s).toArray();
        for (const QJsonValue &channel : channels) {
            if (channel[u"id"_s].toString() == m_caller)
                return false;
        }
        return true;
    }());
    QCOMPARE(enabledButtons(), QStringList{});
}

QTEST_MAIN(TestQueuesView)
#include "TestQueuesView.moc"

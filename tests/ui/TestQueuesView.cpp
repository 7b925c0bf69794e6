#include "support/SimFixture.h"

#include "core/models/CallsModel.h"
#include "core/models/ConnectionStatus.h"
#include "core/models/EventLogModel.h"
#include "core/models/PlaybacksModel.h"
#include "core/models/QueueAgentsModel.h"
#include "core/models/QueueCallersModel.h"
#include "core/models/QueuePairsModel.h"
#include "core/supervisor/SupervisorBackend.h"
#include "core/supervisor/SupervisorOptions.h"
#include "ui/CallsView.h"
#include "ui/MainWindow.h"
#include "ui/QueuesView.h"

#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSet>
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
    void cancelledConfirmationsDoNothing();
    void nothingIsSelectedByItself();
    void theCallAskedAboutIsTheOneActedOn();
    void aDiscardAskedAboutSparesTheNextRecording();
    void oneNamePerPersonInEveryView();
    void listenWhisperAndBargeFromTheButtons();

private:
    void connectPair(); // an agent, then a caller: sets m_agent, m_caller and m_bridge, selected
    // Another agent and caller: the bridge of their call, its agent and its caller.
    void connectAnotherPair(QString *bridge, QString *agent = nullptr, QString *caller = nullptr);
    // Clicks the row of `bridge` in the calls table with the mouse, as a user does.
    void clickCall(const QString &bridge);
    QMessageBox *confirmation(const QString &name) const;
    bool channelExists(const QString &channelId);
    QJsonObject liveRecording();
    QPushButton *button(Kind kind) const { return m_view->button(kind); }
    QStringList enabledButtons() const;
    // The voices `channelId`'s phone can hear now (the simulator's heard log).
    QSet<QString> hears(const QString &channelId);
    QString onlyChannel(const QString &prefix);

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
    m_backend = m_sim->makeBackend(u"PJSIP/1001"_s, options, { { u"2001"_s, u"Alice"_s } });
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
    for (Kind kind :
        { Kind::Record, Kind::Pause, Kind::Resume, Kind::Stop, Kind::Discard, Kind::EndCall, Kind::Announce }) {
        if (button(kind)->isEnabled())
            names << QueueCallAction::kindName(kind);
    }
    return names;
}

void TestQueuesView::connectPair()
{
    m_agent = m_sim->placeCall(u"queue"_s, { u"agent"_s })[u"id"_s].toString();
    QVERIFY(!m_agent.isEmpty());
    QTRY_COMPARE(m_backend->queueAgents()->rowCount(), 1);
    m_caller = m_sim->placeCall(u"queue"_s, { u"caller"_s })[u"id"_s].toString();
    QVERIFY(!m_caller.isEmpty());
    QTRY_COMPARE(m_backend->queuePairs()->rowCount(), 1);
    m_bridge = m_backend->queuePairs()->index(0, 0).data(QueuePairsModel::BridgeIdRole).toString();
    // Nothing is selected by itself: the buttons wait for the supervisor's choice.
    QVERIFY(m_view->selectedBridge().isEmpty());
    QCOMPARE(enabledButtons(), QStringList {});
    clickCall(m_bridge);
}

void TestQueuesView::connectAnotherPair(QString *bridge, QString *agent, QString *caller)
{
    // Agents of earlier calls may be waiting too: the caller gets the one at the front.
    const int before = m_backend->queuePairs()->rowCount();
    const int agentsBefore = m_backend->queueAgents()->rowCount();
    QVERIFY(!m_sim->placeCall(u"queue"_s, { u"agent"_s })[u"id"_s].toString().isEmpty());
    QTRY_COMPARE(m_backend->queueAgents()->rowCount(), agentsBefore + 1);
    const QString callerId = m_sim->placeCall(u"queue"_s, { u"caller"_s })[u"id"_s].toString();
    QTRY_COMPARE(m_backend->queuePairs()->rowCount(), before + 1);
    if (caller)
        *caller = callerId;
    QueuePairsModel *pairs = m_backend->queuePairs();
    for (int row = 0; row < pairs->rowCount(); ++row) {
        const QModelIndex pair = pairs->index(row, 0);
        if (pair.data(QueuePairsModel::CallerChannelRole).toString() != callerId)
            continue;
        *bridge = pair.data(QueuePairsModel::BridgeIdRole).toString();
        if (agent)
            *agent = pair.data(QueuePairsModel::AgentChannelRole).toString();
    }
    QVERIFY(!bridge->isEmpty());
}

void TestQueuesView::clickCall(const QString &bridge)
{
    QTableView *table = m_view->callsTable();
    QAbstractItemModel *model = table->model();
    QModelIndex target;
    for (int row = 0; row < model->rowCount() && !target.isValid(); ++row) {
        if (model->index(row, 0).data(QueuePairsModel::BridgeIdRole).toString() == bridge)
            target = model->index(row, QueuePairsModel::CallerColumn);
    }
    QVERIFY2(target.isValid(), qPrintable(bridge));
    table->scrollTo(target);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, table->visualRect(target).center());
    QCOMPARE(m_view->selectedBridge(), bridge);
}

QMessageBox *TestQueuesView::confirmation(const QString &name) const
{
    QMessageBox *box = m_window->findChild<QMessageBox *>(name);
    return box && box->isVisible() ? box : nullptr;
}

bool TestQueuesView::channelExists(const QString &channelId)
{
    const QJsonArray channels = m_sim->state().value(u"channels"_s).toArray();
    for (const QJsonValue &channel : channels) {
        if (channel[u"id"_s].toString() == channelId)
            return true;
    }
    return false;
}

QJsonObject TestQueuesView::liveRecording()
{
    const QJsonArray live = m_sim->state().value(u"liveRecordings"_s).toArray();
    return live.isEmpty() ? QJsonObject() : live.first().toObject();
}

void TestQueuesView::waitingAgentsAndCallers()
{
    const QString agent = m_sim->placeCall(u"queue"_s, { u"agent"_s })[u"id"_s].toString();
    QTRY_COMPARE(m_backend->queueAgents()->rowCount(), 1);
    QCOMPARE(m_backend->queueAgents()->index(0, QueueAgentsModel::ChannelColumn).data().toString(), agent);
    QCOMPARE(m_backend->queueAgents()->index(0, QueueAgentsModel::PositionColumn).data().toInt(), 1);
    QCOMPARE(m_view->agentsTable()->model()->rowCount(), 1);
    // No call in progress: every button is off.
    QCOMPARE(enabledButtons(), QStringList {});

    // The caller is connected to the waiting agent at once: both queues empty, one call.
    const QString caller = m_sim->placeCall(u"queue"_s, { u"caller"_s })[u"id"_s].toString();
    QTRY_COMPARE(m_backend->queuePairs()->rowCount(), 1);
    QTRY_COMPARE(m_backend->queueAgents()->rowCount(), 0);
    QCOMPARE(m_backend->queueCallers()->rowCount(), 0);
    const QModelIndex pair = m_backend->queuePairs()->index(0, 0);
    QCOMPARE(pair.data(QueuePairsModel::AgentChannelRole).toString(), agent);
    QCOMPARE(pair.data(QueuePairsModel::CallerChannelRole).toString(), caller);
    QCOMPARE(m_backend->queuePairs()->index(0, QueuePairsModel::RecordingColumn).data().toString(), u"not recording"_s);

    // A second caller waits, at position 1, with an announcement to come.
    const QString second = m_sim->placeCall(u"queue"_s, { u"caller"_s })[u"id"_s].toString();
    QTRY_COMPARE(m_backend->queueCallers()->rowCount(), 1);
    QCOMPARE(m_backend->queueCallers()->index(0, QueueCallersModel::ChannelColumn).data().toString(), second);
    QCOMPARE(m_backend->queueCallers()->index(0, QueueCallersModel::PositionColumn).data().toInt(), 1);
    QTRY_VERIFY(
        m_backend->queueCallers()->index(0, 0).data(QueueCallersModel::NextAnnouncementRole).toDateTime().isValid()
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
    QTRY_COMPARE(enabledButtons(), (QStringList { u"record"_s, u"end-call"_s, u"announce"_s }));

    // Record (button): the bridge is recorded under queue/<bridge>/1.
    QTest::mouseClick(button(Kind::Record), Qt::LeftButton);
    QTRY_COMPARE(liveRecording().value(u"state"_s).toString(), u"recording"_s);
    const QString first = liveRecording().value(u"name"_s).toString();
    QCOMPARE(first, u"queue/"_s + bridge + u"/1"_s);
    QCOMPARE(liveRecording().value(u"target_uri"_s).toString(), u"bridge:"_s + bridge);
    QTRY_COMPARE(enabledButtons(), (QStringList { u"pause"_s, u"stop"_s, u"discard"_s, u"end-call"_s, u"announce"_s }));

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
        QStringList { first });

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
        (QStringList { first, second }));
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
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = confirmation(u"discardConfirmation"_s)));
    QVERIFY2(box->text().contains(name), qPrintable(box->text()));
    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmQueueAction"_s), Qt::LeftButton);
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
    QTRY_VERIFY((box = confirmation(u"endCallConfirmation"_s)));
    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmQueueAction"_s), Qt::LeftButton);
    QTRY_COMPARE(m_backend->queuePairs()->rowCount(), 0);
    QTRY_COMPARE(m_backend->queueAgents()->rowCount(), 1);
    QCOMPARE(m_backend->queueAgents()->index(0, QueueAgentsModel::ChannelColumn).data().toString(), m_agent);
    QTRY_VERIFY(!channelExists(m_caller));
    QCOMPARE(enabledButtons(), QStringList {});
}

void TestQueuesView::cancelledConfirmationsDoNothing()
{
    connectPair();
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY(button(Kind::Record)->isEnabled());
    QTest::mouseClick(button(Kind::Record), Qt::LeftButton);
    QTRY_COMPARE(liveRecording().value(u"state"_s).toString(), u"recording"_s);
    const QString name = liveRecording().value(u"name"_s).toString();

    // End call: the question names the call (agent and caller) and is answered No by default.
    QTRY_VERIFY(button(Kind::EndCall)->isEnabled());
    QTest::mouseClick(button(Kind::EndCall), Qt::LeftButton);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = confirmation(u"endCallConfirmation"_s)));
    const QModelIndex pair = m_backend->queuePairs()->index(0, 0);
    QVERIFY2(box->text().contains(pair.siblingAtColumn(QueuePairsModel::AgentColumn).data().toString())
            && box->text().contains(pair.siblingAtColumn(QueuePairsModel::CallerColumn).data().toString()),
        qPrintable(box->text()));
    QCOMPARE(box->defaultButton()->objectName(), u"cancelQueueAction"_s);
    QTest::mouseClick(box->findChild<QPushButton *>(u"cancelQueueAction"_s), Qt::LeftButton);
    QTRY_VERIFY(!m_window->findChild<QMessageBox *>(u"endCallConfirmation"_s));

    // Discard, cancelled too.
    QTest::mouseClick(button(Kind::Discard), Qt::LeftButton);
    QTRY_VERIFY((box = confirmation(u"discardConfirmation"_s)));
    QTest::mouseClick(box->findChild<QPushButton *>(u"cancelQueueAction"_s), Qt::LeftButton);
    QTRY_VERIFY(!m_window->findChild<QMessageBox *>(u"discardConfirmation"_s));

    // Both calls up, the recording still running: the core had nothing to do.
    QCOMPARE(m_backend->queuePairs()->rowCount(), 1);
    QVERIFY(channelExists(m_caller) && channelExists(m_agent));
    QCOMPARE(liveRecording().value(u"name"_s).toString(), name);
    QCOMPARE(liveRecording().value(u"state"_s).toString(), u"recording"_s);
}

void TestQueuesView::nothingIsSelectedByItself()
{
    connectPair();
    if (QTest::currentTestFailed())
        return;
    QString secondCaller;
    QString second;
    connectAnotherPair(&second, nullptr, &secondCaller);
    QVERIFY(!second.isEmpty());
    // A click on the second call, then one on the first: the buttons follow the mouse.
    clickCall(second);
    QTRY_VERIFY(button(Kind::EndCall)->isEnabled());
    clickCall(m_bridge);
    QTRY_VERIFY(button(Kind::EndCall)->isEnabled());

    // The selected call ends on its own: the other call is not selected in its place.
    QVERIFY(m_sim->hangup(m_caller));
    QTRY_COMPARE(m_backend->queuePairs()->rowCount(), 1);
    QCOMPARE(m_view->selectedBridge(), QString());
    QVERIFY(!m_view->callsTable()->currentIndex().isValid());
    QCOMPARE(enabledButtons(), QStringList {});
    // A click on End call now does nothing at all.
    QTest::mouseClick(button(Kind::EndCall), Qt::LeftButton);
    QTest::qWait(50);
    QVERIFY(!m_window->findChild<QMessageBox *>(u"endCallConfirmation"_s));
    QVERIFY(channelExists(secondCaller));
}

void TestQueuesView::theCallAskedAboutIsTheOneActedOn()
{
    connectPair();
    if (QTest::currentTestFailed())
        return;
    QString secondAgent;
    QString secondCaller;
    QString second;
    connectAnotherPair(&second, &secondAgent, &secondCaller);
    QVERIFY(!second.isEmpty());
    clickCall(second);
    QTRY_VERIFY(button(Kind::EndCall)->isEnabled());
    QTest::mouseClick(button(Kind::EndCall), Qt::LeftButton);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = confirmation(u"endCallConfirmation"_s)));
    const int secondRow = m_backend->queuePairs()->rowOf(second);
    QVERIFY(box->text().contains(
        m_backend->queuePairs()->index(secondRow, QueuePairsModel::CallerColumn).data().toString()));

    // While the question is open the model changes under it: the first call ends (rows move up),
    // a third call arrives, and the selection moves to the third call.
    QVERIFY(m_sim->hangup(m_caller));
    QTRY_COMPARE(m_backend->queuePairs()->rowCount(), 1);
    QString thirdCaller;
    QString third;
    connectAnotherPair(&third, nullptr, &thirdCaller);
    QVERIFY(!third.isEmpty());
    QTableView *table = m_view->callsTable();
    for (int row = 0; row < table->model()->rowCount(); ++row) {
        if (table->model()->index(row, 0).data(QueuePairsModel::BridgeIdRole).toString() == third)
            table->selectRow(row);
    }
    QCOMPARE(m_view->selectedBridge(), third);

    // Confirmed: the call asked about ends, the third stays up.
    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmQueueAction"_s), Qt::LeftButton);
    QTRY_VERIFY(!channelExists(secondCaller));
    QTRY_COMPARE(m_backend->queuePairs()->rowCount(), 1);
    QCOMPARE(m_backend->queuePairs()->index(0, 0).data(QueuePairsModel::BridgeIdRole).toString(), third);
    QVERIFY(channelExists(thirdCaller));
    QVERIFY(channelExists(secondAgent)); // the agent waits for the next caller

    // Asked about a call that ends before the answer: nothing is done, and the window says why.
    clickCall(third);
    QTRY_VERIFY(button(Kind::EndCall)->isEnabled());
    QTest::mouseClick(button(Kind::EndCall), Qt::LeftButton);
    QTRY_VERIFY((box = confirmation(u"endCallConfirmation"_s)));
    QVERIFY(m_sim->hangup(thirdCaller));
    QTRY_COMPARE(m_backend->queuePairs()->rowCount(), 0);
    QString fourth;
    QString fourthCaller;
    connectAnotherPair(&fourth, nullptr, &fourthCaller);
    QVERIFY(!fourth.isEmpty());
    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmQueueAction"_s), Qt::LeftButton);
    QTRY_VERIFY(m_window->findChild<QLabel *>(u"queuesMessage"_s)->text().contains(u"ended already"_s));
    QCOMPARE(m_backend->queuePairs()->rowCount(), 1);
    QVERIFY(channelExists(fourthCaller));
}

void TestQueuesView::aDiscardAskedAboutSparesTheNextRecording()
{
    connectPair();
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY(button(Kind::Record)->isEnabled());
    QTest::mouseClick(button(Kind::Record), Qt::LeftButton);
    QTRY_COMPARE(liveRecording().value(u"state"_s).toString(), u"recording"_s);
    const QString first = liveRecording().value(u"name"_s).toString();
    QTRY_VERIFY(button(Kind::Discard)->isEnabled());
    QTest::mouseClick(button(Kind::Discard), Qt::LeftButton);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = confirmation(u"discardConfirmation"_s)));
    QVERIFY(box->text().contains(first));

    // Meanwhile the agent keeps the recording (7) and starts another (0).
    QVERIFY(m_sim->pressDtmf(m_agent, u"7"_s));
    QTRY_VERIFY(m_sim->storedRecordings().contains(first));
    QTRY_VERIFY(liveRecording().isEmpty());
    QTRY_VERIFY(button(Kind::Record)->isEnabled());
    QVERIFY(m_sim->pressDtmf(m_agent, u"0"_s));
    QTRY_COMPARE(liveRecording().value(u"state"_s).toString(), u"recording"_s);
    const QString second = liveRecording().value(u"name"_s).toString();
    QVERIFY(second != first);
    QTRY_COMPARE(m_backend->queuePairs()->index(0, 0).data(QueuePairsModel::RecordingNameRole).toString(), second);

    // The discard asked about the first recording: the second is not touched.
    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmQueueAction"_s), Qt::LeftButton);
    QTRY_VERIFY(m_window->findChild<QLabel *>(u"queuesMessage"_s)->text().contains(u"nothing discarded"_s));
    QCOMPARE(liveRecording().value(u"name"_s).toString(), second);
    QCOMPARE(liveRecording().value(u"state"_s).toString(), u"recording"_s);
    QVERIFY(m_sim->storedRecordings().contains(first));
}

void TestQueuesView::oneNamePerPersonInEveryView()
{
    // Alice is named in the settings ([names] 2001 = Alice); Dana by her caller id.
    m_agent = m_sim->placeCall(u"queue"_s, { u"agent"_s }, u"2001"_s)[u"id"_s].toString();
    QTRY_COMPARE(m_backend->queueAgents()->rowCount(), 1);
    QCOMPARE(
        m_view->agentsTable()->model()->index(0, QueueAgentsModel::AgentColumn).data().toString(), u"Alice (2001)"_s);
    m_caller = m_sim->placeCall(u"queue"_s, { u"caller"_s }, u"\"Dana Smith\" <0612345678>"_s)[u"id"_s].toString();
    QTRY_COMPARE(m_backend->queuePairs()->rowCount(), 1);
    const QString alice = u"Alice (2001)"_s;
    const QString dana = u"Dana Smith (0612345678)"_s;
    const QModelIndex pair = m_view->callsTable()->model()->index(0, 0);
    QCOMPARE(pair.siblingAtColumn(QueuePairsModel::AgentColumn).data().toString(), alice);
    QCOMPARE(pair.siblingAtColumn(QueuePairsModel::CallerColumn).data().toString(), dana);
    QCOMPARE(pair.data(QueuePairsModel::CallNameRole).toString(), alice + u" \u2194 "_s + dana);

    // The same names in the calls view, where no column shows an internal id.
    QTRY_COMPARE(m_backend->calls()->partyName(m_agent), alice);
    QTRY_COMPARE(m_backend->calls()->partyName(m_caller), dana);
    m_window->showTab(MainWindow::Tab::Calls);
    QTableView *calls = m_window->findChild<CallsView *>(u"callsView"_s)->table();
    QCOMPARE(calls->model()->rowCount(), 2);
    QStringList shown;
    for (int row = 0; row < calls->model()->rowCount(); ++row) {
        for (int column = 0; column < calls->model()->columnCount(); ++column) {
            if (calls->isColumnHidden(column))
                continue;
            const QString text = calls->model()->index(row, column).data().toString();
            QVERIFY2(!text.contains(m_agent) && !text.contains(m_caller), qPrintable(text));
            shown << text;
        }
    }
    QVERIFY(shown.contains(alice) && shown.contains(dana));

    // A playback on the call's bridge goes to "Alice ↔ Dana"; the question before ending it names them too.
    m_window->showTab(MainWindow::Tab::Queues);
    const QString bridge = m_backend->queuePairs()->index(0, 0).data(QueuePairsModel::BridgeIdRole).toString();
    clickCall(bridge);
    QTRY_VERIFY(button(Kind::Announce)->isEnabled());
    QTest::mouseClick(button(Kind::Announce), Qt::LeftButton);
    QTRY_VERIFY([&] {
        PlaybacksModel *playbacks = m_backend->playbacks();
        for (int row = 0; row < playbacks->rowCount(); ++row) {
            if (playbacks->index(row, 0).data(PlaybacksModel::DescriptionRole).toString()
                == u"sound conf-now-recording \u2192 "_s + alice + u" \u2194 "_s + dana)
                return true;
        }
        return false;
    }());
    QTest::mouseClick(button(Kind::EndCall), Qt::LeftButton);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = confirmation(u"endCallConfirmation"_s)));
    QVERIFY2(box->text().contains(alice + u" \u2194 "_s + dana), qPrintable(box->text()));
    QTest::mouseClick(box->findChild<QPushButton *>(u"cancelQueueAction"_s), Qt::LeftButton);

    // The event log's lines of the calls and the queue name them the same; the ids stay in the
    // ARI event lines only (category ari.events).
    const auto lines = [this](const QString &category) {
        QStringList texts;
        EventLogModel *log = m_backend->eventLog();
        for (int row = 0; row < log->rowCount(); ++row) {
            if (log->index(row, 0).data(EventLogModel::CategoryRole).toString() == category)
                texts << log->index(row, EventLogModel::TextColumn).data().toString();
        }
        return texts;
    };
    QTRY_VERIFY(lines(u"queue"_s).contains(u"Call in progress: "_s + alice + u" \u2194 "_s + dana));
    const QStringList callLines = lines(u"calls"_s) + lines(u"queue"_s);
    QVERIFY(!callLines.filter(alice).isEmpty() && !callLines.filter(dana).isEmpty());
    for (const QString &line : callLines)
        QVERIFY2(!line.contains(m_agent) && !line.contains(m_caller) && !line.contains(bridge), qPrintable(line));
}

QSet<QString> TestQueuesView::hears(const QString &channelId)
{
    QSet<QString> voices;
    for (const QJsonValue &entry : m_sim->heard(channelId)) {
        if (entry[u"end"_s].toString() == u"playing"_s && !entry[u"voice"_s].toString().isEmpty())
            voices.insert(entry[u"voice"_s].toString());
    }
    return voices;
}

QString TestQueuesView::onlyChannel(const QString &prefix)
{
    const QJsonArray channels = m_sim->channelsNamed(prefix);
    return channels.size() == 1 ? channels.at(0)[u"id"_s].toString() : QString();
}

// SPEC UX-4 from the window: the buttons are clicked with the mouse on the selected call, and what
// each phone hears is read from the simulator.
void TestQueuesView::listenWhisperAndBargeFromTheButtons()
{
    QVERIFY(m_sim->setEndpointBehaviour(u"PJSIP"_s, u"1001"_s, u"answer"_s));
    QPushButton *listen = m_view->monitorButton(QueueMonitorMode::Listen);
    QPushButton *whisper = m_view->monitorButton(QueueMonitorMode::Whisper);
    QPushButton *barge = m_view->monitorButton(QueueMonitorMode::Barge);
    QPushButton *hangUp = m_view->monitorButton(QueueMonitorMode::None);
    QVERIFY(listen && whisper && barge && hangUp);
    QVERIFY(!listen->isEnabled());
    connectPair();
    QVERIFY(listen->isEnabled() && whisper->isEnabled() && barge->isEnabled());
    QVERIFY(!hangUp->isEnabled()); // the phone is on no call
    const QModelIndex pair = m_backend->queuePairs()->index(0, QueuePairsModel::SupervisorColumn);

    QTest::mouseClick(listen, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!onlyChannel(u"PJSIP/1001"_s).isEmpty(), 10000);
    const QString phone = onlyChannel(u"PJSIP/1001"_s);
    QTRY_COMPARE_WITH_TIMEOUT(hears(phone), (QSet<QString> { m_agent, m_caller }), 10000);
    QCOMPARE(hears(m_agent), QSet<QString> { m_caller });
    QCOMPARE(hears(m_caller), QSet<QString> { m_agent });
    QTRY_COMPARE(pair.data().toString(), u"listening in"_s);
    QVERIFY(!listen->isEnabled());
    QVERIFY(hangUp->isEnabled());

    QTest::mouseClick(whisper, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(hears(m_agent).contains(phone), 10000);
    QCOMPARE(hears(m_caller), QSet<QString> { m_agent });
    QTRY_COMPARE(pair.data().toString(), u"whispering"_s);
    // The phone is a live call of the supervisor's application in the calls view, in its mode.
    QTRY_VERIFY(m_backend->calls()->rowOf(phone) >= 0);
    QTRY_COMPARE(m_backend->calls()
                     ->index(m_backend->calls()->rowOf(phone), CallsModel::StateColumn)
                     .data(CallsModel::StateRole)
                     .toString(),
        u"whisper"_s);

    // Barging in asks first, naming the call; then the caller hears the supervisor too.
    QTest::mouseClick(barge, Qt::LeftButton);
    QTRY_VERIFY(confirmation(u"bargeConfirmation"_s));
    QMessageBox *box = confirmation(u"bargeConfirmation"_s);
    QVERIFY2(box->text().contains(m_backend->queuePairs()->callName(m_bridge)), qPrintable(box->text()));
    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmBarge"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(hears(m_caller).contains(phone), 10000);
    QCOMPARE(hears(m_agent), (QSet<QString> { m_caller, phone }));
    QTRY_COMPARE(pair.data().toString(), u"barging in"_s);

    // Hang up: the phone leaves, the call goes on.
    QTest::mouseClick(hangUp, Qt::LeftButton);
    QTRY_COMPARE(m_sim->channelsNamed(u"PJSIP/1001"_s).size(), 0);
    QTRY_COMPARE(pair.data().toString(), QString());
    QTRY_COMPARE(m_backend->calls()->rowOf(phone), -1);
    QCOMPARE(hears(m_caller), QSet<QString> { m_agent });
    QVERIFY(!hangUp->isEnabled());
    QVERIFY(listen->isEnabled());
}

QTEST_MAIN(TestQueuesView)
#include "TestQueuesView.moc"

#include "support/ServiceRig.h"
#include "support/SimFixture.h"

#include "core/models/CallCentreSummary.h"
#include "core/models/CallsModel.h"
#include "core/models/MailboxesModel.h"
#include "core/models/QueueCallersModel.h"
#include "core/models/QueuePairsModel.h"
#include "core/queue/QueueRecordingState.h"
#include "core/service/RemoteSupervisor.h"
#include "core/supervisor/SupervisorBackend.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using Kind = QueueCallAction::Kind;

// The call centre's figures (SPEC UX-3) against a queue scripted on the simulator: agents and
// callers join, calls are connected, recorded, paused, ended; a caller leaves a voicemail. After
// every step the figures of the service's own models and of a desk attached to it are checked
// against what the script did. Time is the summary's injected clock, so waits are exact.
class TestCallCentreSummary final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void figuresFollowAScriptedQueue();
    void longWaitsAreReportedOncePerCaller();
    void aNewVoicemailIsCountedAndAnnouncedOnce();

private:
    struct Figures
    {
        int waiting = 0;
        int free = 0;
        int busy = 0;
        int calls = 0;
        int recordings = 0;
        int voicemails = 0; // received since counting began
        int unheard = 0; // not heard yet, in every mailbox
        qint64 longestWaitMs = 0;
        bool operator==(const Figures &) const = default;
    };
    static Figures figures(const CallCentreSummary &summary);
    // Waits until both the service's and the desk's figures are `expected`.
    bool bothShow(const Figures &expected);
    QString placeQueueCall(const QString &role);
    QDateTime callerSince(const QString &channelId) const;
    QString bridgeOf(const QString &callerChannel) const;
    void setRecording(const QString &bridge, Kind kind, QueueRecordingState expected);

    std::unique_ptr<SimFixture> m_sim;
    std::unique_ptr<ServiceRig> m_rig;
    std::unique_ptr<RemoteSupervisor> m_desk;
    QDateTime m_now; // the clock of both summaries
};

void TestCallCentreSummary::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestCallCentreSummary::init()
{
    m_sim = std::make_unique<SimFixture>(10.0);
    QVERIFY(m_sim->start());
    m_rig = std::make_unique<ServiceRig>(m_sim.get());
    QVERIFY(m_rig->start());
    m_desk = m_rig->attach();
    QVERIFY(m_desk);
    QTRY_COMPARE(m_desk->state(), RemoteSupervisor::State::Attached);
    // One clock and one starting point for new voicemails on both sides.
    m_now = QDateTime::currentDateTimeUtc();
    const QDateTime since = QDateTime::fromSecsSinceEpoch(m_now.toSecsSinceEpoch() - 1, Qt::UTC);
    for (CallCentreSummary *summary : { m_rig->backend()->summary(), m_desk->summary() }) {
        summary->setClock([this] { return m_now; });
        summary->setTickInterval(0);
        summary->setCountingSince(since);
    }
}

void TestCallCentreSummary::cleanup()
{
    m_desk.reset();
    m_rig.reset();
    m_sim.reset();
}

TestCallCentreSummary::Figures TestCallCentreSummary::figures(const CallCentreSummary &summary)
{
    return { summary.callersWaiting(), summary.agentsFree(), summary.agentsBusy(), summary.callsInProgress(),
        summary.recordingsRunning(), summary.newVoicemails(), summary.unheardVoicemails(), summary.longestWaitMs() };
}

bool TestCallCentreSummary::bothShow(const Figures &expected)
{
    const auto text = [](const Figures &f) {
        return u"waiting %1, free %2, busy %3, calls %4, recordings %5, voicemails %6, unheard %7, longest %8 ms"_s
            .arg(f.waiting)
            .arg(f.free)
            .arg(f.busy)
            .arg(f.calls)
            .arg(f.recordings)
            .arg(f.voicemails)
            .arg(f.unheard)
            .arg(f.longestWaitMs);
    };
    const bool same = QTest::qWaitFor(
        [&] { return figures(*m_rig->backend()->summary()) == expected && figures(*m_desk->summary()) == expected; },
        10000);
    if (!same) {
        qWarning("expected %s; service %s; desk %s", qPrintable(text(expected)),
            qPrintable(text(figures(*m_rig->backend()->summary()))), qPrintable(text(figures(*m_desk->summary()))));
    }
    return same;
}

QString TestCallCentreSummary::placeQueueCall(const QString &role)
{
    return m_sim->placeCall(u"queue"_s, { role })[u"id"_s].toString();
}

QDateTime TestCallCentreSummary::callerSince(const QString &channelId) const
{
    const QueueCallersModel *callers = m_rig->backend()->queueCallers();
    const int row = callers->rowOf(channelId);
    return row < 0 ? QDateTime() : callers->index(row, 0).data(QueueCallersModel::SinceRole).toDateTime();
}

QString TestCallCentreSummary::bridgeOf(const QString &callerChannel) const
{
    const QueuePairsModel *pairs = m_rig->backend()->queuePairs();
    for (int row = 0; row < pairs->rowCount(); ++row) {
        const QModelIndex pair = pairs->index(row, 0);
        if (pair.data(QueuePairsModel::CallerChannelRole).toString() == callerChannel)
            return pair.data(QueuePairsModel::BridgeIdRole).toString();
    }
    return {};
}

void TestCallCentreSummary::setRecording(const QString &bridge, Kind kind, QueueRecordingState expected)
{
    QueuePairsModel *pairs = m_rig->backend()->queuePairs();
    QTRY_VERIFY(pairs->isEnabled(bridge, kind));
    m_rig->backend()->queueAction(bridge, kind);
    QTRY_COMPARE(static_cast<QueueRecordingState>(
                     pairs->index(pairs->rowOf(bridge), 0).data(QueuePairsModel::RecordingStateRole).toInt()),
        expected);
}

void TestCallCentreSummary::figuresFollowAScriptedQueue()
{
    QVERIFY(bothShow({}));

    // Two agents wait for callers.
    QVERIFY(!placeQueueCall(u"agent"_s).isEmpty());
    QVERIFY(!placeQueueCall(u"agent"_s).isEmpty());
    QVERIFY(bothShow({ .free = 2 }));

    // Two callers are connected at once: both agents busy, two calls.
    const QString first = placeQueueCall(u"caller"_s);
    QVERIFY(bothShow({ .free = 1, .busy = 1, .calls = 1 }));
    const QString second = placeQueueCall(u"caller"_s);
    QVERIFY(bothShow({ .busy = 2, .calls = 2 }));

    // Two more callers wait: the longest wait is the first one's, on the summaries' clock.
    const QString third = placeQueueCall(u"caller"_s);
    QTRY_VERIFY(callerSince(third).isValid());
    const QString fourth = placeQueueCall(u"caller"_s);
    QTRY_VERIFY(callerSince(fourth).isValid());
    m_now = callerSince(fourth).addMSecs(4500);
    const qint64 longest = callerSince(third).msecsTo(m_now);
    QVERIFY(longest >= 4500);
    QVERIFY(bothShow({ .waiting = 2, .busy = 2, .calls = 2, .longestWaitMs = longest }));
    m_now = m_now.addSecs(60);
    QVERIFY(bothShow({ .waiting = 2, .busy = 2, .calls = 2, .longestWaitMs = longest + 60000 }));
    QCOMPARE(m_rig->backend()->summary()->waitLevel(), CallCentreSummary::WaitLevel::Warning);
    m_now = m_now.addSecs(60);
    QCOMPARE(m_desk->summary()->waitLevel(), CallCentreSummary::WaitLevel::Alert);

    // The first call is recorded, paused, resumed and stopped: one recording runs while it runs.
    const QString bridge = bridgeOf(first);
    QVERIFY(!bridge.isEmpty());
    const Figures busy { .waiting = 2, .busy = 2, .calls = 2, .longestWaitMs = longest + 120000 };
    Figures recording = busy;
    recording.recordings = 1;
    setRecording(bridge, Kind::Record, QueueRecordingState::Recording);
    QVERIFY(bothShow(recording));
    setRecording(bridge, Kind::Pause, QueueRecordingState::Paused);
    QVERIFY(bothShow(busy));
    setRecording(bridge, Kind::Resume, QueueRecordingState::Recording);
    QVERIFY(bothShow(recording));
    setRecording(bridge, Kind::Stop, QueueRecordingState::None);
    QVERIFY(bothShow(busy));

    // The first waiting caller hangs up: the longest wait is now the other one's.
    QVERIFY(m_sim->hangup(third));
    const qint64 next = callerSince(fourth).msecsTo(m_now);
    QVERIFY(bothShow({ .waiting = 1, .busy = 2, .calls = 2, .longestWaitMs = next }));

    // The first call ends: its agent takes the caller who waits; the second call's caller
    // hangs up while it is recorded, and its agent waits.
    QVERIFY(m_sim->hangup(first));
    QVERIFY(bothShow({ .busy = 2, .calls = 2 }));
    const QString secondBridge = bridgeOf(second);
    setRecording(secondBridge, Kind::Record, QueueRecordingState::Recording);
    QVERIFY(bothShow({ .busy = 2, .calls = 2, .recordings = 1 }));
    QVERIFY(m_sim->hangup(second));
    QVERIFY(bothShow({ .free = 1, .busy = 1, .calls = 1 }));
}

void TestCallCentreSummary::longWaitsAreReportedOncePerCaller()
{
    CallCentreSummary *summary = m_rig->backend()->summary();
    summary->setWaitThresholds(1000, 30000);
    QSignalSpy reported(summary, &CallCentreSummary::callerWaitingLong);
    const QString first = placeQueueCall(u"caller"_s);
    QTRY_VERIFY(callerSince(first).isValid());
    // A caller's wait is counted from the service's clock, in milliseconds: the second one joins
    // in a later millisecond than the first (over loopback both can join within one).
    QVERIFY(QTest::qWaitFor([&] { return QDateTime::currentDateTimeUtc() > callerSince(first); }));
    const QString second = placeQueueCall(u"caller"_s);
    QTRY_VERIFY(callerSince(second).isValid());
    QVERIFY(callerSince(first) < callerSince(second));

    // Just before the alert threshold: nobody; then the first caller alone, once.
    m_now = callerSince(first).addMSecs(29999);
    summary->tick();
    QCOMPARE(reported.count(), 0);
    m_now = callerSince(first).addMSecs(30000);
    summary->tick();
    summary->tick();
    QCOMPARE(reported.count(), 1);
    QCOMPARE(reported.at(0).at(0).toString(), first);
    QCOMPARE(reported.at(0).at(2).toLongLong(), 30000);
    // Both past it: the second one, once.
    m_now = callerSince(second).addMSecs(45000);
    summary->tick();
    summary->tick();
    QCOMPARE(reported.count(), 2);
    QCOMPARE(reported.at(1).at(0).toString(), second);
    QCOMPARE(reported.at(1).at(2).toLongLong(), 45000);

    // A caller who joins later is reported when their turn comes.
    QVERIFY(m_sim->hangup(first));
    const QString third = placeQueueCall(u"caller"_s);
    QTRY_VERIFY(callerSince(third).isValid());
    m_now = callerSince(third).addMSecs(30000);
    summary->tick();
    QCOMPARE(reported.count(), 3);
    QCOMPARE(reported.at(2).at(0).toString(), third);
}

void TestCallCentreSummary::aNewVoicemailIsCountedAndAnnouncedOnce()
{
    QSignalSpy arrived(m_rig->backend()->summary(), &CallCentreSummary::voicemailArrived);
    QSignalSpy deskArrived(m_desk->summary(), &CallCentreSummary::voicemailArrived);
    // A caller leaves a message in mailbox 42: skip the greeting, talk, stop, accept.
    const QString caller = m_sim->placeCall(u"vm-record"_s, { u"42"_s })[u"id"_s].toString();
    QVERIFY(!caller.isEmpty());
    const auto recording = [this] { return !m_sim->state().value(u"liveRecordings"_s).toArray().isEmpty(); };
    QTRY_VERIFY(m_rig->backend()->calls()->rowOf(caller) >= 0);
    QVERIFY(m_sim->pressDtmf(caller, u"#"_s));
    QTRY_VERIFY_WITH_TIMEOUT(recording(), 10000);
    QUrlQuery talk;
    talk.addQueryItem(u"ms"_s, u"1500"_s);
    int status = 0;
    m_sim->request("POST", u"/sim/calls/"_s + caller + u"/talk"_s, talk, &status);
    QCOMPARE(status, 204);
    QTest::qWait(200); // the caller talks: 2 s of simulated time at 10x
    QVERIFY(m_sim->pressDtmf(caller, u"#"_s));
    QTRY_VERIFY_WITH_TIMEOUT(!recording(), 10000);
    QVERIFY(m_sim->pressDtmf(caller, u"#"_s));
    QVERIFY(bothShow({ .voicemails = 1, .unheard = 1 }));
    QCOMPARE(arrived.count(), 1);
    QCOMPARE(arrived.at(0).at(0).toString(), u"42"_s);
    const QString name = arrived.at(0).at(1).toString();
    QVERIFY2(name.startsWith(u"voicemail/42/"_s), qPrintable(name));
    QTRY_COMPARE(deskArrived.count(), 1);
    QCOMPARE(deskArrived.at(0).at(1).toString(), name);

    // Heard: no longer new in its mailbox ("0 new, 1 old"), still one received since the start.
    m_rig->backend()->markHeard(name);
    QVERIFY(bothShow({ .voicemails = 1 }));
    QCOMPARE(
        m_desk->mailboxes()->mailboxIndex(u"42"_s, MailboxesModel::CallerColumn).data().toString(), u"0 new, 1 old"_s);

    // Deleted: no longer counted, and not announced again.
    m_rig->backend()->deleteRecording(name);
    QVERIFY(bothShow({}));
    QCOMPARE(arrived.count(), 1);
}

QTEST_MAIN(TestCallCentreSummary)
#include "TestCallCentreSummary.moc"

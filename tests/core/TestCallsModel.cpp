#include "core/calls/CallTracker.h"
#include "core/models/CallsModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

CallInfo makeCall(const QString &id, const QString &application, const QStringList &args = {})
{
    CallInfo info;
    info.channelId = id;
    info.channelName = u"PJSIP/"_s + id;
    info.callerNumber = u"555-"_s + id;
    info.application = application;
    info.args = args;
    info.started = QDateTime(QDate(2026, 1, 2), QTime(10, 20, 30));
    info.stateSince = info.started;
    return info;
}

CallTransition makeTransition(const QString &id, const QString &from, const QString &to, const QString &event = {})
{
    CallTransition transition;
    transition.channelId = id;
    transition.application = u"vm-record"_s;
    transition.from = from;
    transition.to = to;
    transition.event = event;
    transition.at = QDateTime(QDate(2026, 1, 2), QTime(10, 21, 0));
    return transition;
}

} // namespace

// The calls table driven through the core's CallTracker, wired as the backend does.
class TestCallsModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void callsAppearChangeAndLeave();
    void unknownAndRepeatedReportsAreHarmless();
    void manyCallsNoReset();

private:
    std::unique_ptr<CallTracker> m_tracker;
    std::unique_ptr<CallsModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestCallsModel::init()
{
    m_tracker = std::make_unique<CallTracker>();
    m_model = std::make_unique<CallsModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    connect(m_tracker.get(), &CallTracker::callStarted, m_model.get(), &CallsModel::addCall);
    connect(m_tracker.get(), &CallTracker::callStateChanged, m_model.get(), &CallsModel::changeState);
    connect(m_tracker.get(), &CallTracker::callEnded, m_model.get(), &CallsModel::removeCall);
}

void TestCallsModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
    m_tracker.reset();
}

void TestCallsModel::callsAppearChangeAndLeave()
{
    m_tracker->reportStarted(makeCall(u"c1"_s, u"vm-record"_s, {u"305"_s}));
    m_tracker->reportStarted(makeCall(u"c2"_s, u"queue"_s, {u"caller"_s}));
    QCOMPARE(m_model->rowCount(), 2);
    const int row = m_model->rowOf(u"c1"_s);
    QCOMPARE(m_model->index(row, CallsModel::ChannelColumn).data().toString(), u"c1"_s);
    QCOMPARE(m_model->index(row, CallsModel::NameColumn).data().toString(), u"PJSIP/c1"_s);
    QCOMPARE(m_model->index(row, CallsModel::CallerColumn).data().toString(), u"555-c1"_s);
    QCOMPARE(m_model->index(row, CallsModel::ApplicationColumn).data().toString(), u"vm-record (305)"_s);
    QCOMPARE(m_model->index(row, CallsModel::ApplicationColumn).data(CallsModel::ApplicationRole).toString(),
             u"vm-record"_s);
    QCOMPARE(m_model->index(row, CallsModel::StateColumn).data().toString(), u"starting"_s);
    QCOMPARE(m_model->index(row, CallsModel::SinceColumn).data().toString(),
             makeCall(u"c1"_s, {}).started.toLocalTime().toString(u"HH:mm:ss"_s));

    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    m_tracker->reportTransition(makeTransition(u"c1"_s, {}, u"greeting"_s));
    m_tracker->reportTransition(makeTransition(u"c1"_s, u"greeting"_s, u"recording"_s, u"dtmf#"_s));
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.last().at(0).value<QModelIndex>().column(), int(CallsModel::StateColumn));
    QCOMPARE(m_model->index(row, CallsModel::StateColumn).data().toString(), u"recording"_s);
    QCOMPARE(m_model->index(row, 0).data(CallsModel::StateSinceRole).toDateTime(),
             makeTransition(u"c1"_s, {}, {}).at);

    m_tracker->reportEnded(u"c1"_s, u"caller hung up"_s);
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->rowOf(u"c1"_s), -1);
    QCOMPARE(m_model->rowOf(u"c2"_s), 0);
}

void TestCallsModel::unknownAndRepeatedReportsAreHarmless()
{
    m_tracker->reportTransition(makeTransition(u"ghost"_s, {}, u"greeting"_s));
    m_tracker->reportEnded(u"ghost"_s, u"gone"_s);
    QCOMPARE(m_model->rowCount(), 0);
    m_model->changeState(makeTransition(u"ghost"_s, {}, u"x"_s));
    m_model->removeChannel(u"ghost"_s);
    m_tracker->reportStarted(makeCall(u"c1"_s, u"vm-playback"_s));
    m_model->addCall(makeCall(u"c1"_s, u"vm-playback"_s)); // a repeat updates, never duplicates
    QCOMPARE(m_model->rowCount(), 1);
    m_model->addCall(CallInfo{});
    QCOMPARE(m_model->rowCount(), 1);
}

void TestCallsModel::manyCallsNoReset()
{
    // The tester checks every row on every change (quadratic); the small tests above run under it.
    m_tester.reset();
    QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);
    for (int i = 0; i < 2000; ++i)
        m_tracker->reportStarted(makeCall(u"c%1"_s.arg(i), u"queue"_s));
    for (int i = 0; i < 2000; i += 3)
        m_tracker->reportEnded(u"c%1"_s.arg(i), u"hung up"_s);
    QCOMPARE(m_model->rowCount(), 2000 - 667);
    for (int row = 0; row < m_model->rowCount(); ++row)
        QCOMPARE(m_model->rowOf(m_model->call(row).channelId), row);
    m_model->clear();
    QCOMPARE(m_model->rowCount(), 0);
    QCOMPARE(resets.count(), 0);
}

QTEST_GUILESS_MAIN(TestCallsModel)
#include "TestCallsModel.moc"

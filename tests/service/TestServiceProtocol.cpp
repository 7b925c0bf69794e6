#include "support/ServiceRig.h"
#include "support/SimFixture.h"

#include "core/models/CallsModel.h"
#include "core/models/ConnectionStatus.h"
#include "core/models/DeletedMessagesModel.h"
#include "core/models/EventLogModel.h"
#include "core/models/MailboxesModel.h"
#include "core/models/PlaybacksModel.h"
#include "core/models/QueueAgentsModel.h"
#include "core/models/QueueCallersModel.h"
#include "core/models/QueuePairsModel.h"
#include "core/service/RemoteSupervisor.h"
#include "core/service/SupervisorService.h"
#include "core/supervisor/SupervisorBackend.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString s_first = u"voicemail/305/1411503204"_s;
const QString s_second = u"voicemail/30/1411503100"_s;

// The samples of a Prometheus text page by series (name and labels); a line that is neither a
// comment nor `series value` fails the test.
QHash<QString, double> prometheusSamples(const QString &text)
{
    QHash<QString, double> samples;
    for (const QString &line : text.split(u'\n', Qt::SkipEmptyParts)) {
        if (line.startsWith(u'#'))
            continue;
        const qsizetype space = line.lastIndexOf(u' ');
        bool ok = false;
        const double value = line.mid(space + 1).toDouble(&ok);
        if (space <= 0 || !ok) {
            QTest::qFail(qPrintable(u"not a Prometheus sample: "_s + line), __FILE__, __LINE__);
            return {};
        }
        samples.insert(line.left(space), value);
    }
    return samples;
}

} // namespace

// The supervisor protocol between a service and its desks (SPEC SV-2, SV-4, OP-5), over loopback
// against the simulator.
class TestServiceProtocol final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void snapshotAndChangesReproduceTheModels();
    void desksShowTheServicesNames();
    void versionMismatchIsRefused();
    void wrongPasswordIsRefusedAndSlowedDown();
    void viewerActionIsRefusedAndLogged();
    void supervisorListensWhispersAndBargesThroughTheService();
    void aRestartedServiceCleansUpThePhone_data();
    void aRestartedServiceCleansUpThePhone();
    void supervisorDeletesAndSavesThroughTheService();
    void desksSeeTheTrashAndRestoreThroughTheService();
    void tlsAttachWithTheServiceCertificate();
    void metricsAndHealthOnTheSameListener();

private:
    QByteArray httpGet(const QUrl &url, int *status);
    // The voices `channelId`'s phone can hear now (the simulator's heard log).
    QSet<QString> hears(const QString &channelId);
    // The id of the one channel named `prefix`…; empty while there is none.
    QString onlyChannel(const QString &prefix);
    // The event log of `access` has a line containing `text`.
    static bool logHas(const SupervisorAccess &access, const QString &text);

    std::unique_ptr<SimFixture> m_sim;
    std::unique_ptr<ServiceRig> m_rig;
};

void TestServiceProtocol::init()
{
    m_sim = std::make_unique<SimFixture>(20.0);
    QVERIFY(m_sim->addMessage(s_first, 4000));
    QVERIFY(m_sim->addMessage(s_second, 3000));
    QVERIFY(m_sim->start());
    QVERIFY(m_sim->setEndpointBehaviour(u"PJSIP"_s, u"1001"_s, u"answer"_s));
}

void TestServiceProtocol::cleanup()
{
    m_rig.reset();
    m_sim.reset();
}

void TestServiceProtocol::snapshotAndChangesReproduceTheModels()
{
    m_rig = std::make_unique<ServiceRig>(m_sim.get());
    QVERIFY(m_rig->start());
    QTRY_COMPARE(m_rig->backend()->mailboxes()->messageCount(), 2);

    auto early = m_rig->attach();
    // Every model of the desk checked for consistent Qt model signals as it is fed.
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
    for (QAbstractItemModel *model :
        std::initializer_list<QAbstractItemModel *> { early->calls(), early->mailboxes(), early->playbacks(),
            early->queueAgents(), early->queueCallers(), early->queuePairs(), early->eventLog() }) {
        testers.push_back(
            std::make_unique<QAbstractItemModelTester>(model, QAbstractItemModelTester::FailureReportingMode::QtTest));
    }
    // A desk of the first protocol's form (no features in its hello) takes one change per message.
    RemoteSupervisor::Options firstForm = m_rig->deskOptions();
    firstForm.batchedChanges = false;
    auto oneByOne = std::make_unique<RemoteSupervisor>(firstForm);
    oneByOne->open();
    QTRY_COMPARE(early->state(), RemoteSupervisor::State::Attached);
    QTRY_COMPARE(oneByOne->state(), RemoteSupervisor::State::Attached);
    QVERIFY(early->takesBatches());
    QVERIFY(!oneByOne->takesBatches());
    QVERIFY(early->isAvailable());
    QCOMPARE(early->role(), u"supervisor"_s);
    QVERIFY(early->canAct());
    QCOMPARE(early->mailboxes()->messageCount(), 2);

    ServiceRig::Names names;
    QStringList live = ServiceRig::randomTraffic(m_sim.get(), names, 40, 7);
    QString difference;
    // In the middle of it all (calls up, the queue busy): the same rows.
    QVERIFY2(m_rig->sameAsService(*early, &difference), qPrintable(difference));
    QVERIFY2(m_rig->sameAsService(*oneByOne, &difference), qPrintable(difference));
    QVERIFY(m_rig->backend()->calls()->rowCount() > 0);
    // A desk that attaches in the middle of the traffic starts from a snapshot of that moment.
    auto late = m_rig->attach(u"watcher"_s, u"look"_s);
    live += ServiceRig::randomTraffic(m_sim.get(), names, 40, 11);
    QTRY_COMPARE(late->state(), RemoteSupervisor::State::Attached);
    QVERIFY2(m_rig->sameAsService(*early, &difference), qPrintable(difference));
    QVERIFY2(m_rig->sameAsService(*late, &difference), qPrintable(difference));
    for (const QString &id : std::as_const(live))
        m_sim->hangup(id);
    QTRY_VERIFY_WITH_TIMEOUT(m_rig->backend()->calls()->rowCount() == 0, 30000);
    QVERIFY2(m_rig->sameAsService(*early, &difference), qPrintable(difference));
    QVERIFY2(m_rig->sameAsService(*late, &difference), qPrintable(difference));
    QVERIFY2(m_rig->sameAsService(*oneByOne, &difference), qPrintable(difference));
    QCOMPARE(oneByOne->attachCount(), 1); // never re-attached: no gap, no message it could not read
    QCOMPARE(early->attachCount(), 1);
    // The traffic did reach the desks: calls came and went, the queue and the log moved.
    QVERIFY(m_rig->service()->sequence() > 100);
    QVERIFY(early->eventLog()->rowCount() > 50);
    QCOMPARE(early->connectionStatus()->state(), ConnectionStatus::State::Connected);
}

// The names people go by are the service's [names], whatever a desk's own settings say (SPEC UX-2):
// every desk shows the same name as the service, for rows in the snapshot and rows that come later.
void TestServiceProtocol::desksShowTheServicesNames()
{
    const QHash<QString, QString> names { { u"5550123"_s, u"Alice"_s }, { u"5550456"_s, u"Bob"_s } };
    m_rig = std::make_unique<ServiceRig>(
        m_sim.get(), ServiceRig::defaultSettings(), ServiceRig::Names {}, u"PJSIP/1001"_s, names);
    QVERIFY(m_rig->start());
    const ServiceRig::Names apps;
    const QString alice = m_sim->placeCall(apps.queue, { u"caller"_s }, u"5550123"_s).value("id"_L1).toString();
    QVERIFY(!alice.isEmpty());
    const CallsModel *serviceCalls = m_rig->backend()->calls();
    QTRY_VERIFY(serviceCalls->rowOf(alice) >= 0);
    QCOMPARE(serviceCalls->partyName(alice), u"Alice (5550123)"_s);

    auto desk = m_rig->attach(u"watcher"_s, u"look"_s);
    QTRY_COMPARE(desk->state(), RemoteSupervisor::State::Attached);
    // A row of the snapshot.
    QVERIFY(desk->calls()->rowOf(alice) >= 0);
    QCOMPARE(desk->calls()->partyName(alice), u"Alice (5550123)"_s);
    QTRY_COMPARE(desk->queueCallers()->rowCount(), 1);
    QCOMPARE(desk->queueCallers()->data(desk->queueCallers()->index(0, QueueCallersModel::CallerColumn)).toString(),
        u"Alice (5550123)"_s);
    // A row that comes as a change.
    const QString bob = m_sim->placeCall(apps.queue, { u"caller"_s }, u"5550456"_s).value("id"_L1).toString();
    QTRY_VERIFY(desk->calls()->rowOf(bob) >= 0);
    QCOMPARE(desk->calls()->partyName(bob), u"Bob (5550456)"_s);
    QCOMPARE(desk->calls()->partyName(bob), serviceCalls->partyName(bob));
    // A number without a name is the number alone, on the desk as on the service.
    const QString other = m_sim->placeCall(apps.queue, { u"caller"_s }, u"5550789"_s).value("id"_L1).toString();
    QTRY_VERIFY(desk->calls()->rowOf(other) >= 0);
    QCOMPARE(desk->calls()->partyName(other), serviceCalls->partyName(other));
    QVERIFY(!desk->calls()->partyName(other).contains(u"Alice"_s));
    QString difference;
    QVERIFY2(m_rig->sameAsService(*desk, &difference), qPrintable(difference));
    for (const QString &id : { alice, bob, other })
        m_sim->hangup(id);
    QTRY_COMPARE(desk->calls()->rowCount(), 0);
}

void TestServiceProtocol::versionMismatchIsRefused()
{
    m_rig = std::make_unique<ServiceRig>(m_sim.get());
    QVERIFY(m_rig->start());
    RemoteSupervisor::Options options = m_rig->deskOptions();
    options.protocolVersion = 99;
    RemoteSupervisor desk(options);
    QSignalSpy refused(&desk, &RemoteSupervisor::refused);
    desk.open();
    QVERIFY(refused.wait(10000));
    QCOMPARE(refused.at(0).at(0).toString(), u"version"_s);
    QVERIFY2(refused.at(0).at(1).toString().contains(u"version 1"_s), qPrintable(refused.at(0).at(1).toString()));
    QCOMPARE(desk.state(), RemoteSupervisor::State::Refused);
    QVERIFY(!desk.isAvailable());
    QVERIFY(desk.availabilityText().contains(u"Refused"_s));
    QCOMPARE(m_rig->service()->attachedDesks(), 0);
    // A refused desk does not knock again by itself.
    QTest::qWait(300);
    QCOMPARE(refused.size(), 1);
}

void TestServiceProtocol::wrongPasswordIsRefusedAndSlowedDown()
{
    ServiceSettings settings = ServiceRig::defaultSettings();
    settings.setLoginDelayMs(200);
    m_rig = std::make_unique<ServiceRig>(m_sim.get(), settings);
    QVERIFY(m_rig->start());
    QSignalSpy failed(m_rig->service(), &SupervisorService::loginFailed);
    qint64 previous = 0;
    for (int attempt = 0; attempt < 2; ++attempt) {
        RemoteSupervisor desk(m_rig->deskOptions(u"boss"_s, u"guess"_s));
        QSignalSpy refused(&desk, &RemoteSupervisor::refused);
        QElapsedTimer timer;
        timer.start();
        desk.open();
        QVERIFY(refused.wait(20000));
        const qint64 elapsed = timer.elapsed();
        QCOMPARE(refused.at(0).at(0).toString(), u"auth"_s);
        QCOMPARE(desk.state(), RemoteSupervisor::State::Refused);
        // The answer waits (200 ms, then twice that): guessing is slow.
        QVERIFY2(elapsed >= 200 * (attempt + 1), qPrintable(QString::number(elapsed)));
        QVERIFY(elapsed > previous);
        previous = elapsed;
    }
    QCOMPARE(failed.size(), 2);
    QCOMPARE(m_rig->service()->attachedDesks(), 0);
    // An unknown user gets the same answer.
    RemoteSupervisor stranger(m_rig->deskOptions(u"nobody"_s, u"s3cret"_s));
    QSignalSpy refused(&stranger, &RemoteSupervisor::refused);
    stranger.open();
    QVERIFY(refused.wait(20000));
    QCOMPARE(refused.at(0).at(1).toString(), u"wrong user or password"_s);
    // The right password still works.
    auto desk = m_rig->attach();
    QTRY_COMPARE(desk->state(), RemoteSupervisor::State::Attached);
}

void TestServiceProtocol::viewerActionIsRefusedAndLogged()
{
    m_rig = std::make_unique<ServiceRig>(m_sim.get());
    QVERIFY(m_rig->start());
    QTRY_COMPARE(m_rig->backend()->mailboxes()->messageCount(), 2);
    auto viewer = m_rig->attach(u"watcher"_s, u"look"_s);
    QTRY_COMPARE(viewer->state(), RemoteSupervisor::State::Attached);
    QCOMPARE(viewer->role(), u"viewer"_s);
    QVERIFY(!viewer->canAct());

    QSignalSpy refusedBy(m_rig->service(), &SupervisorService::actionRefused);
    QSignalSpy finished(viewer.get(), &SupervisorAccess::operationFinished);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"refused delete of watcher .*role viewer"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"delete refused by the service"_s));
    viewer->deleteRecording(s_first);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.at(0).at(0).toString(), u"delete"_s);
    QCOMPARE(finished.at(0).at(2).toBool(), false);
    QVERIFY(finished.at(0).at(3).toString().contains(u"read-only"_s));
    QCOMPARE(refusedBy.size(), 1);
    QCOMPARE(refusedBy.at(0).at(0).toString(), u"watcher"_s);
    QCOMPARE(refusedBy.at(0).at(1).toString(), u"delete"_s);

    QSignalSpy answered(viewer.get(), &RemoteSupervisor::requestAnswered);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"refused listen of watcher"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"listen refused by the service"_s));
    viewer->listen(s_first);
    QVERIFY(answered.wait(10000));
    QCOMPARE(answered.at(0).at(1).toBool(), false);
    // A viewer's desk does not mark messages heard either (its Play here changes nothing).
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"refused heard of watcher"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"heard refused by the service"_s));
    viewer->markHeard(s_first);
    QVERIFY(answered.wait(10000));
    QCOMPARE(answered.at(1).at(0).toString(), u"heard"_s);
    QCOMPARE(answered.at(1).at(1).toBool(), false);
    QCOMPARE(refusedBy.size(), 3);
    // Listening in on a call is an action too.
    answered.clear();
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"refused monitor of watcher .*role viewer"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"monitor refused by the service"_s));
    viewer->monitorCall(u"queue-call-1"_s, QueueMonitorMode::Listen);
    QVERIFY(answered.wait(10000));
    QCOMPARE(answered.at(0).at(0).toString(), u"monitor"_s);
    QCOMPARE(answered.at(0).at(1).toBool(), false);
    QCOMPARE(refusedBy.size(), 4);
    QCOMPARE(refusedBy.last().at(1).toString(), u"monitor"_s);
    // Nothing happened: the message is still there and new, no call went to the supervisor's phone.
    QTest::qWait(200);
    QVERIFY(m_sim->storedRecordings().contains(s_first));
    QVERIFY(m_sim->channelsNamed(u"PJSIP/1001"_s).isEmpty());
    QCOMPARE(m_rig->backend()->mailboxes()->messageCount(), 2);
    QVERIFY(!m_rig->backend()->mailboxes()->messageIndex(s_first).data(MailboxesModel::HeardRole).toBool());
}

QSet<QString> TestServiceProtocol::hears(const QString &channelId)
{
    QSet<QString> voices;
    for (const QJsonValue &entry : m_sim->heard(channelId)) {
        if (entry[u"end"_s].toString() == u"playing"_s && !entry[u"voice"_s].toString().isEmpty())
            voices.insert(entry[u"voice"_s].toString());
    }
    return voices;
}

QString TestServiceProtocol::onlyChannel(const QString &prefix)
{
    const QJsonArray channels = m_sim->channelsNamed(prefix);
    return channels.size() == 1 ? channels.at(0)[u"id"_s].toString() : QString();
}

bool TestServiceProtocol::logHas(const SupervisorAccess &access, const QString &text)
{
    const EventLogModel *log = access.eventLog();
    for (int row = log->rowCount() - 1; row >= 0; --row) {
        if (log->index(row, EventLogModel::TextColumn).data().toString().contains(text))
            return true;
    }
    return false;
}

// SPEC UX-4 through the service API, checked on what each phone hears in the simulator: listen in
// (the supervisor hears both, nobody hears the supervisor), whisper (the agent hears the
// supervisor, the caller does not), barge (everyone hears everyone); every desk sees who is on the
// call and how; the phone leaves when the supervisor hangs up, and when the call ends.
void TestServiceProtocol::supervisorListensWhispersAndBargesThroughTheService()
{
    m_rig = std::make_unique<ServiceRig>(m_sim.get());
    QVERIFY(m_rig->start());
    auto desk = m_rig->attach();
    auto other = m_rig->attach(u"watcher"_s, u"look"_s);
    QTRY_COMPARE(desk->state(), RemoteSupervisor::State::Attached);
    QTRY_COMPARE(other->state(), RemoteSupervisor::State::Attached);
    const QString agent = m_sim->placeCall(u"queue"_s, { u"agent"_s })[u"id"_s].toString();
    QTRY_COMPARE(desk->queueAgents()->rowCount(), 1);
    const QString caller = m_sim->placeCall(u"queue"_s, { u"caller"_s })[u"id"_s].toString();
    QTRY_COMPARE(desk->queuePairs()->rowCount(), 1);
    QTRY_COMPARE(other->queuePairs()->rowCount(), 1);
    const QString bridge = desk->queuePairs()->index(0, 0).data(QueuePairsModel::BridgeIdRole).toString();
    const auto modeOn = [](const RemoteSupervisor &access) {
        return static_cast<QueueMonitorMode>(
            access.queuePairs()->index(0, 0).data(QueuePairsModel::MonitorModeRole).toInt());
    };
    QTRY_COMPARE(hears(caller), QSet<QString> { agent });

    // The requesting desk's answers to its monitor requests: (ok, error), in order.
    QSignalSpy answers(desk.get(), &RemoteSupervisor::requestAnswered);
    const auto monitorAnswers = [&answers] {
        QList<std::pair<bool, QString>> found;
        for (const QList<QVariant> &answer : std::as_const(answers)) {
            if (answer.at(0).toString() == u"monitor")
                found.append({ answer.at(1).toBool(), answer.at(2).toString() });
        }
        return found;
    };

    // What cannot be done is said to the desk that asked, and in the event log of every desk:
    // no such call; the phone busy with a voicemail.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"No call in progress on bridge no-such-call"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"monitor refused by the service"_s));
    desk->monitorCall(u"no-such-call"_s, QueueMonitorMode::Listen);
    QTRY_COMPARE(monitorAnswers().size(), 1);
    QCOMPARE(monitorAnswers().at(0).first, false);
    QVERIFY(monitorAnswers().at(0).second.contains(u"No call in progress on bridge no-such-call"_s));
    QTRY_VERIFY(logHas(*other, u"No call in progress on bridge no-such-call"_s));
    desk->listen(s_first);
    QTRY_VERIFY(desk->listenStatus().hasCall());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"PJSIP/1001 is busy: it is on the voicemail"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"monitor refused by the service"_s));
    desk->monitorCall(bridge, QueueMonitorMode::Listen);
    QTRY_COMPARE(monitorAnswers().size(), 2);
    QCOMPARE(monitorAnswers().at(1).first, false);
    QVERIFY(monitorAnswers().at(1).second.contains(u"is busy: it is on the voicemail listening call"_s));
    QTRY_VERIFY(logHas(*other, u"is busy: it is on the voicemail listening call"_s));
    QCOMPARE(m_sim->channelsNamed(u"PJSIP/1001"_s).size(), 1);
    desk->listenStop();
    QTRY_COMPARE(m_sim->channelsNamed(u"PJSIP/1001"_s).size(), 0);

    // Listen in: the phone rings, answers, and hears both; nobody hears it. The request is
    // answered once the phone is up.
    desk->monitorCall(bridge, QueueMonitorMode::Listen);
    QTRY_COMPARE_WITH_TIMEOUT(monitorAnswers().size(), 3, 10000);
    QCOMPARE(monitorAnswers().at(2), (std::pair<bool, QString>(true, {})));
    QTRY_VERIFY_WITH_TIMEOUT(!onlyChannel(u"PJSIP/1001"_s).isEmpty(), 10000);
    const QString phone = onlyChannel(u"PJSIP/1001"_s);
    QTRY_COMPARE_WITH_TIMEOUT(hears(phone), (QSet<QString> { agent, caller }), 10000);
    QCOMPARE(hears(agent), QSet<QString> { caller });
    QCOMPARE(hears(caller), QSet<QString> { agent });
    QVERIFY(!onlyChannel(u"Snoop/"_s + agent).isEmpty());
    // Every desk sees who listens, and how.
    QTRY_COMPARE(modeOn(*other), QueueMonitorMode::Listen);
    QCOMPARE(other->queuePairs()->index(0, 0).data(QueuePairsModel::MonitoredByRole).toString(), u"boss"_s);
    QCOMPARE(
        other->queuePairs()->index(0, QueuePairsModel::SupervisorColumn).data().toString(), u"listening in (boss)"_s);
    QTRY_VERIFY(logHas(*other, u"boss: listening in on the call"_s));

    // Whisper: on the same call of the phone; the agent hears the supervisor, the caller does not.
    desk->monitorCall(bridge, QueueMonitorMode::Whisper);
    QTRY_VERIFY_WITH_TIMEOUT(hears(agent).contains(phone), 10000);
    QCOMPARE(hears(agent), (QSet<QString> { caller, phone }));
    QCOMPARE(hears(caller), QSet<QString> { agent });
    QCOMPARE(hears(phone), (QSet<QString> { agent, caller }));
    QCOMPARE(onlyChannel(u"PJSIP/1001"_s), phone);
    QTRY_COMPARE(modeOn(*other), QueueMonitorMode::Whisper);

    // Barge: the phone in the call's own bridge; everyone hears everyone, the snoop is gone.
    desk->monitorCall(bridge, QueueMonitorMode::Barge);
    QTRY_VERIFY_WITH_TIMEOUT(hears(caller).contains(phone), 10000);
    QTRY_COMPARE(m_sim->channelsNamed(u"Snoop/"_s).size(), 0);
    QCOMPARE(hears(caller), (QSet<QString> { agent, phone }));
    QCOMPARE(hears(agent), (QSet<QString> { caller, phone }));
    QCOMPARE(hears(phone), (QSet<QString> { agent, caller }));
    QTRY_COMPARE(modeOn(*other), QueueMonitorMode::Barge);
    QTRY_VERIFY(logHas(*other, u"boss: barging in on the call"_s));

    // The supervisor hangs up: the call goes on without them, and the desks say so.
    QVERIFY(m_sim->hangup(phone));
    QTRY_COMPARE(modeOn(*other), QueueMonitorMode::None);
    QCOMPARE(hears(caller), QSet<QString> { agent });
    QCOMPARE(other->queuePairs()->rowCount(), 1);

    // Listening again, then the call ends: the phone's call and the snoop go with it.
    desk->monitorCall(bridge, QueueMonitorMode::Listen);
    QTRY_VERIFY_WITH_TIMEOUT(!onlyChannel(u"Snoop/"_s + agent).isEmpty(), 10000);
    QVERIFY(m_sim->hangup(caller));
    QTRY_COMPARE(other->queuePairs()->rowCount(), 0);
    QTRY_COMPARE(m_sim->channelsNamed(u"PJSIP/1001"_s).size(), 0);
    QTRY_COMPARE(m_sim->channelsNamed(u"Snoop/"_s).size(), 0);
    QVERIFY(logHas(*desk, u"PJSIP/1001 left the call"_s));
}

void TestServiceProtocol::aRestartedServiceCleansUpThePhone_data()
{
    QTest::addColumn<QueueMonitorMode>("mode");
    QTest::newRow("listening in") << QueueMonitorMode::Listen;
    QTest::newRow("barging in") << QueueMonitorMode::Barge;
}

// SPEC CN-5 for UX-4: a service that stops without hanging anything up (as when it is killed)
// leaves the supervisor's phone on the call; the next run adopts the call in progress and hangs
// up the phone, the snoop channel and their bridge, so the agent and the caller talk on alone.
void TestServiceProtocol::aRestartedServiceCleansUpThePhone()
{
    QFETCH(QueueMonitorMode, mode);
    m_rig = std::make_unique<ServiceRig>(m_sim.get());
    QVERIFY(m_rig->start());
    const QString agent = m_sim->placeCall(u"queue"_s, { u"agent"_s })[u"id"_s].toString();
    QTRY_COMPARE(m_rig->backend()->queueAgents()->rowCount(), 1);
    const QString caller = m_sim->placeCall(u"queue"_s, { u"caller"_s })[u"id"_s].toString();
    QTRY_COMPARE(m_rig->backend()->queuePairs()->rowCount(), 1);
    const QString bridge = m_rig->backend()->queuePairs()->index(0, 0).data(QueuePairsModel::BridgeIdRole).toString();
    m_rig->backend()->monitorCall(bridge, mode);
    QTRY_VERIFY_WITH_TIMEOUT(!onlyChannel(u"PJSIP/1001"_s).isEmpty(), 10000);
    const QString phone = onlyChannel(u"PJSIP/1001"_s);
    QTRY_COMPARE_WITH_TIMEOUT(hears(phone), (QSet<QString> { agent, caller }), 10000);
    const auto monitorBridges = [this] {
        int count = 0;
        for (const QJsonValue &item : m_sim->state().value(u"bridges"_s).toArray())
            count += item[u"id"_s].toString().startsWith(u"monitor-bridge"_s) ? 1 : 0;
        return count;
    };
    QCOMPARE(monitorBridges(), mode == QueueMonitorMode::Listen ? 1 : 0);

    m_rig.reset();
    QCOMPARE(onlyChannel(u"PJSIP/1001"_s), phone); // still up on the server
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"channel .* \\(monitor\\) found in .* hanging up"_s));
    if (mode == QueueMonitorMode::Listen)
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"channel .* \\(snoop\\) found in .* hanging up"_s));
    m_rig = std::make_unique<ServiceRig>(m_sim.get());
    QVERIFY(m_rig->start());
    QTRY_COMPARE(m_rig->backend()->queuePairs()->rowCount(), 1);
    QCOMPARE(m_rig->backend()->queuePairs()->index(0, 0).data(QueuePairsModel::BridgeIdRole).toString(), bridge);
    QTRY_COMPARE(m_sim->channelsNamed(u"PJSIP/1001"_s).size(), 0);
    QTRY_COMPARE(m_sim->channelsNamed(u"Snoop/"_s).size(), 0);
    QTRY_COMPARE(monitorBridges(), 0);
    QCOMPARE(hears(caller), QSet<QString> { agent });
    QCOMPARE(hears(agent), QSet<QString> { caller });
}

void TestServiceProtocol::supervisorDeletesAndSavesThroughTheService()
{
    m_rig = std::make_unique<ServiceRig>(m_sim.get());
    QVERIFY(m_rig->start());
    QTRY_COMPARE(m_rig->backend()->mailboxes()->messageCount(), 2);
    auto desk = m_rig->attach();
    QTRY_COMPARE(desk->state(), RemoteSupervisor::State::Attached);
    QSignalSpy finished(desk.get(), &SupervisorAccess::operationFinished);

    QTemporaryDir directory;
    const QString path = directory.filePath(u"message.wav"_s);
    desk->saveRecording(s_first, path);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.at(0).at(0).toString(), u"save"_s);
    QVERIFY2(finished.at(0).at(2).toBool(), qPrintable(finished.at(0).at(3).toString()));
    QFile saved(path);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    const QByteArray bytes = saved.readAll();
    QCOMPARE(bytes.size(), 44 + 4000 * 16); // the stored file, every byte streamed through the service
    QVERIFY(bytes.startsWith("RIFF"));

    // A viewer may read (save) too.
    auto viewer = m_rig->attach(u"watcher"_s, u"look"_s);
    QTRY_COMPARE(viewer->state(), RemoteSupervisor::State::Attached);
    QSignalSpy viewerFinished(viewer.get(), &SupervisorAccess::operationFinished);
    viewer->saveRecording(s_second, directory.filePath(u"other.wav"_s));
    QVERIFY(viewerFinished.wait(10000));
    QVERIFY(viewerFinished.at(0).at(2).toBool());
    QCOMPARE(QFileInfo(directory.filePath(u"other.wav"_s)).size(), 44 + 3000 * 16);

    finished.clear();
    desk->deleteRecording(s_first);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.at(0).at(0).toString(), u"delete"_s);
    QVERIFY2(finished.at(0).at(2).toBool(), qPrintable(finished.at(0).at(3).toString()));
    QVERIFY(!m_sim->storedRecordings().contains(s_first));
    QTRY_COMPARE(desk->mailboxes()->messageCount(), 1);
    QTRY_COMPARE(viewer->mailboxes()->messageCount(), 1);
    QString difference;
    QVERIFY2(m_rig->sameAsService(*viewer, &difference), qPrintable(difference));
}

void TestServiceProtocol::desksSeeTheTrashAndRestoreThroughTheService()
{
    // SPEC VM-3, VM-5 on attached desks: the trash and the caller / heard fields come through the
    // snapshot and the changes; a restore is an action of a supervisor.
    m_rig = std::make_unique<ServiceRig>(m_sim.get());
    QVERIFY(m_rig->start());
    QTRY_COMPARE(m_rig->backend()->mailboxes()->messageCount(), 2);
    auto desk = m_rig->attach();
    auto viewer = m_rig->attach(u"watcher"_s, u"look"_s);
    QTRY_COMPARE(desk->state(), RemoteSupervisor::State::Attached);
    QTRY_COMPARE(viewer->state(), RemoteSupervisor::State::Attached);
    const QModelIndex counts = desk->mailboxes()->mailboxIndex(u"305"_s, MailboxesModel::CallerColumn);
    QCOMPARE(counts.data().toString(), u"1 new, 0 old"_s);
    QCOMPARE(
        desk->mailboxes()->messageIndex(s_first, MailboxesModel::CallerColumn).data().toString(), u"unknown caller"_s);

    QSignalSpy finished(desk.get(), &SupervisorAccess::operationFinished);
    desk->deleteRecording(s_first);
    QVERIFY(finished.wait(10000));
    QVERIFY2(finished.at(0).at(2).toBool(), qPrintable(finished.at(0).at(3).toString()));
    const QString trashName = u"voicemail-trash/305/1411503204"_s;
    QTRY_COMPARE(desk->deletedMessages()->rowCount(), 1);
    QTRY_COMPARE(viewer->deletedMessages()->rowCount(), 1);
    const VoicemailMessage entry = viewer->deletedMessages()->messages().constFirst();
    QCOMPARE(entry.name, trashName);
    QCOMPARE(entry.mailbox, u"305"_s);
    QVERIFY(entry.deletedMs > 0);
    QCOMPARE(entry.deletedMs, m_rig->backend()->deletedMessages()->messages().constFirst().deletedMs);
    // A desk attaching now gets the trash in its snapshot.
    auto late = m_rig->attach();
    QTRY_COMPARE(late->state(), RemoteSupervisor::State::Attached);
    QCOMPARE(late->deletedMessages()->rowCount(), 1);
    QCOMPARE(late->deletedMessages()->messages().constFirst().deletedMs, entry.deletedMs);

    // A viewer may not restore.
    QSignalSpy viewerFinished(viewer.get(), &SupervisorAccess::operationFinished);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"refused restore of watcher .*role viewer"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"restore refused by the service"_s));
    viewer->restoreRecording(trashName);
    QVERIFY(viewerFinished.wait(10000));
    QCOMPARE(viewerFinished.at(0).at(0).toString(), u"restore"_s);
    QVERIFY(!viewerFinished.at(0).at(2).toBool());
    QVERIFY(m_sim->storedRecordings().contains(trashName));

    finished.clear();
    desk->restoreRecording(trashName);
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.at(0).at(0).toString(), u"restore"_s);
    QVERIFY2(finished.at(0).at(2).toBool(), qPrintable(finished.at(0).at(3).toString()));
    QVERIFY(m_sim->storedRecordings().contains(s_first));
    QVERIFY(!m_sim->storedRecordings().contains(trashName));
    for (RemoteSupervisor *watcher : { desk.get(), viewer.get(), late.get() }) {
        QTRY_COMPARE(watcher->deletedMessages()->rowCount(), 0);
        QTRY_COMPARE(watcher->mailboxes()->messageCount(), 2);
    }
}

void TestServiceProtocol::tlsAttachWithTheServiceCertificate()
{
    const QString tls = QStringLiteral(SUPERVISOR_TEST_DATA_DIR) + u"/tls/"_s;
    ServiceSettings settings = ServiceRig::defaultSettings();
    settings.setTls(tls + u"loopback.crt"_s, tls + u"loopback.key"_s);
    m_rig = std::make_unique<ServiceRig>(m_sim.get(), settings);
    QVERIFY(m_rig->start());
    QCOMPARE(m_rig->url().scheme(), u"wss"_s);

    // Without the authority the certificate is refused: never attached, and the desk says why.
    RemoteSupervisor untrusting(m_rig->deskOptions());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^TLS: .*"_s));
    untrusting.open();
    QTRY_VERIFY(!untrusting.connectionStatus()->lastError().isEmpty());
    QVERIFY(untrusting.connectionStatus()->lastError().contains(u"TLS"_s));
    QVERIFY(untrusting.state() != RemoteSupervisor::State::Attached);
    untrusting.close();

    RemoteSupervisor::Options options = m_rig->deskOptions();
    options.caFile = tls + u"loopback.crt"_s;
    RemoteSupervisor desk(options);
    desk.open();
    QTRY_COMPARE(desk.state(), RemoteSupervisor::State::Attached);
    QTRY_COMPARE(desk.mailboxes()->messageCount(), 2);
}

QByteArray TestServiceProtocol::httpGet(const QUrl &url, int *status)
{
    QNetworkAccessManager network;
    QNetworkReply *reply = network.get(QNetworkRequest(url));
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished())
        finished.wait(10000);
    *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    return body;
}

void TestServiceProtocol::metricsAndHealthOnTheSameListener()
{
    m_rig = std::make_unique<ServiceRig>(m_sim.get());
    QVERIFY(m_rig->start());
    auto desk = m_rig->attach();
    QTRY_COMPARE(desk->state(), RemoteSupervisor::State::Attached);
    const QString caller = m_sim->placeCall(u"queue"_s, { u"caller"_s }).value("id"_L1).toString();
    QTRY_COMPARE(m_rig->backend()->queueCallers()->rowCount(), 1);

    QUrl url = m_rig->url();
    url.setScheme(u"http"_s);
    int status = 0;
    url.setPath(u"/healthz"_s);
    QCOMPARE(httpGet(url, &status), QByteArray("ok: ARI connected\n"));
    QCOMPARE(status, 200);

    url.setPath(u"/metrics"_s);
    const QString metrics = QString::fromUtf8(httpGet(url, &status));
    QCOMPARE(status, 200);
    QVERIFY2(metrics.contains(u"\nari_supervisor_desks_attached 1\n"_s), qPrintable(metrics));
    QVERIFY2(metrics.contains(u"ari_supervisor_calls{application=\"queue\",state=\""_s), qPrintable(metrics));
    QVERIFY(metrics.contains(u"# TYPE ari_supervisor_ari_events_total counter\n"_s));
    QVERIFY(metrics.contains(u"\nari_supervisor_ari_connected 1\n"_s));

    // The REST latency histogram by transport (SPEC OP-5): the requests of the traffic so far
    // (the store's listing, the queue's answers and music) are counted under the transport that
    // carried them, in cumulative buckets whose +Inf is the count.
    QVERIFY(metrics.contains(u"# TYPE ari_rest_request_duration_seconds histogram\n"_s));
    const QHash<QString, double> samples = prometheusSamples(metrics);
    QVERIFY(!samples.isEmpty());
    double requests = 0;
    for (const QString &transport : { u"websocket"_s, u"http"_s }) {
        const QString series = u"ari_rest_request_duration_seconds_%1{transport=\"%2\"%3}"_s;
        const QString fast = series.arg(u"bucket"_s, transport, u",le=\"0.005\""_s);
        const QString all = series.arg(u"bucket"_s, transport, u",le=\"+Inf\""_s);
        const QString count = series.arg(u"count"_s, transport, QString());
        const QString sum = series.arg(u"sum"_s, transport, QString());
        for (const QString &name : { fast, all, count, sum })
            QVERIFY2(samples.contains(name), qPrintable(name + u'\n' + metrics));
        QVERIFY(samples.value(fast) <= samples.value(all));
        QCOMPARE(samples.value(all), samples.value(count));
        QVERIFY(samples.value(sum) >= 0);
        requests += samples.value(count);
    }
    QVERIFY2(requests >= 3, qPrintable(metrics));
    // More traffic, more requests counted.
    const QString second = m_sim->placeCall(u"queue"_s, { u"caller"_s }).value("id"_L1).toString();
    const auto requestsNow = [&] {
        const QHash<QString, double> later = prometheusSamples(QString::fromUtf8(httpGet(url, &status)));
        return later.value(u"ari_rest_request_duration_seconds_count{transport=\"websocket\"}"_s)
            + later.value(u"ari_rest_request_duration_seconds_count{transport=\"http\"}"_s);
    };
    QTRY_VERIFY(requestsNow() > requests);
    m_sim->hangup(second);

    url.setPath(u"/elsewhere"_s);
    httpGet(url, &status);
    QCOMPARE(status, 404);
    m_sim->hangup(caller);
}

QTEST_MAIN(TestServiceProtocol)
#include "TestServiceProtocol.moc"

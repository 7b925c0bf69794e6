// Snoop channels (POST /channels/{channelId}/snoop) in the simulator: the parameters and answers
// of the ARI Swagger description (the row snoopChannel of tests/data/ari-operations.tsv, generated
// from it: `app` required, `spy` and `whisper` one of none|both|out|in; 400 invalid parameters,
// 404 channel not found), the channel of the reference transcript "moh" (a name
// "Snoop/<target>-<8 hex digits>", state Up, StasisStart in `app` with `appArgs` right after the
// 200), and who hears whom through the heard log's voice entries.
//
// Directions as the Swagger and Asterisk's audiohooks mean them: `spy` is what the snoop channel
// hears of the snooped one ("in": what it sends, i.e. its phone's voice; "out": what Asterisk
// sends to it, i.e. what its phone hears), `whisper` where the snoop channel's own audio goes
// ("out": to the snooped channel's phone; "in": into what it sends, so its bridge peers hear it).

#include "support/EventCollector.h"
#include "support/SimTestHarness.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

// The voices a channel's phone can hear now (open voice entries of its heard log).
QSet<QString> voicesHeardNow(const QJsonArray &heard)
{
    QSet<QString> voices;
    for (const QJsonValue &value : heard) {
        const QJsonObject entry = value.toObject();
        if (entry.contains("voice"_L1) && entry.value("end"_L1).toString() == "playing"_L1)
            voices.insert(entry.value("voice"_L1).toString());
    }
    return voices;
}

QSet<QString> voicesEverHeard(const QJsonArray &heard)
{
    QSet<QString> voices;
    for (const QJsonValue &value : heard) {
        const QJsonObject entry = value.toObject();
        if (entry.contains("voice"_L1))
            voices.insert(entry.value("voice"_L1).toString());
    }
    return voices;
}

} // namespace

class TestSimSnoop final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void parametersFollowTheSwagger();
    void snoopChannelLifecycle();
    void bridgePeersHearEachOther();
    void whoHearsWhom_data();
    void whoHearsWhom();
    void snoopGoesWithItsChannel();

private:
    // Two answered callers A and B in a mixing bridge, and a third one P (the supervisor).
    void setUpCall();
    QString snoop(const QString &target, const QString &spy, const QString &whisper);

    std::unique_ptr<SimTestHarness> m_sim;
    std::unique_ptr<EventCollector> m_app;
    QString m_agent;
    QString m_caller;
    QString m_supervisor;
    QString m_bridge;
};

void TestSimSnoop::init()
{
    m_sim = std::make_unique<SimTestHarness>();
    QVERIFY(m_sim->start());
    m_app = m_sim->connectEvents(u"queue"_s);
    QVERIFY(m_app);
}

void TestSimSnoop::cleanup()
{
    m_app.reset();
    m_sim.reset();
}

void TestSimSnoop::setUpCall()
{
    m_agent = m_sim->answeredCall(m_app.get(), u"queue"_s, { u"agent"_s });
    m_caller = m_sim->answeredCall(m_app.get(), u"queue"_s, { u"caller"_s });
    m_supervisor = m_sim->answeredCall(m_app.get(), u"queue"_s, { u"supervisor"_s });
    QVERIFY(!m_agent.isEmpty() && !m_caller.isEmpty() && !m_supervisor.isEmpty());
    m_bridge = u"call-1"_s;
    QCOMPARE(
        m_sim->post(u"/bridges"_s, QUrlQuery { { u"type"_s, u"mixing"_s }, { u"bridgeId"_s, m_bridge } }).status, 200);
    QCOMPARE(m_sim
                 ->post(u"/bridges/"_s + m_bridge + u"/addChannel"_s,
                     QUrlQuery { { u"channel"_s, m_caller + u',' + m_agent } })
                 .status,
        204);
}

QString TestSimSnoop::snoop(const QString &target, const QString &spy, const QString &whisper)
{
    const QString id = u"snoop-"_s + spy + u'-' + whisper;
    const RestReply reply = m_sim->post(u"/channels/"_s + target + u"/snoop"_s,
        QUrlQuery { { u"spy"_s, spy }, { u"whisper"_s, whisper }, { u"app"_s, u"queue"_s },
            { u"appArgs"_s, u"snoop"_s }, { u"snoopId"_s, id } });
    if (reply.status != 200) {
        qWarning() << "snoop failed:" << reply.describe();
        return {};
    }
    if (m_app->waitFor(u"StasisStart"_s, EventCollector::forChannel(id)).isEmpty())
        return {};
    return id;
}

void TestSimSnoop::parametersFollowTheSwagger()
{
    // The Swagger's description of the operation, as generated into the test data.
    QFile file(QStringLiteral(SUPERVISOR_TEST_DATA_DIR "/ari-operations.tsv"));
    QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
    QStringList row;
    while (!file.atEnd() && row.isEmpty()) {
        const QStringList cells = QString::fromUtf8(file.readLine()).chopped(1).split(u'\t');
        if (cells.value(1) == u"snoopChannel"_s)
            row = cells;
    }
    QCOMPARE(row.value(3), u"/channels/{channelId}/snoop"_s);
    QCOMPARE(row.value(4), u"app"_s); // required
    QCOMPARE(row.value(5).split(u','), (QStringList { u"spy"_s, u"whisper"_s, u"appArgs"_s, u"snoopId"_s }));
    QStringList directions;
    for (const QString &entry : row.value(9).split(u';')) {
        QCOMPARE(entry.section(u'=', 1).split(u'|'), (QStringList { u"none"_s, u"both"_s, u"out"_s, u"in"_s }));
        directions = entry.section(u'=', 1).split(u'|');
    }

    const QString channel = m_sim->answeredCall(m_app.get(), u"queue"_s, { u"agent"_s });
    QVERIFY(!channel.isEmpty());
    const QString path = u"/channels/"_s + channel + u"/snoop"_s;
    // Every allowed pair of directions is taken, except nothing at all.
    int made = 0;
    for (const QString &spy : directions) {
        for (const QString &whisper : directions) {
            const RestReply reply = m_sim->post(
                path, QUrlQuery { { u"spy"_s, spy }, { u"whisper"_s, whisper }, { u"app"_s, u"queue"_s } });
            const int expected = spy == u"none"_s && whisper == u"none"_s ? 400 : 200;
            QVERIFY2(reply.status == expected,
                qPrintable(spy + u'/' + whisper + u": "_s + QString::fromUtf8(reply.describe())));
            if (reply.status == 200) {
                QCOMPARE(reply.object().value("state"_L1).toString(), u"Up"_s);
                ++made;
            }
        }
    }
    QCOMPARE(made, 15);
    // Not an allowed value → 400, as is a missing `app`.
    QCOMPARE(m_sim->post(path, QUrlQuery { { u"spy"_s, u"sideways"_s }, { u"app"_s, u"queue"_s } }).status, 400);
    QCOMPARE(
        m_sim->post(path, QUrlQuery { { u"spy"_s, u"both"_s }, { u"whisper"_s, u"loud"_s }, { u"app"_s, u"queue"_s } })
            .status,
        400);
    QCOMPARE(m_sim->post(path, QUrlQuery { { u"spy"_s, u"both"_s } }).status, 400);
    // No such channel → 404.
    const RestReply missing
        = m_sim->post(u"/channels/nosuch/snoop"_s, QUrlQuery { { u"spy"_s, u"both"_s }, { u"app"_s, u"queue"_s } });
    QCOMPARE(missing.status, 404);
    QVERIFY(!missing.message().isEmpty());
}

void TestSimSnoop::snoopChannelLifecycle()
{
    const QString target = m_sim->answeredCall(m_app.get(), u"queue"_s, { u"agent"_s });
    QVERIFY(!target.isEmpty());
    const RestReply reply = m_sim->post(u"/channels/"_s + target + u"/snoop"_s,
        QUrlQuery { { u"spy"_s, u"both"_s }, { u"whisper"_s, u"out"_s }, { u"app"_s, u"queue"_s },
            { u"appArgs"_s, u"snoop,call-1"_s }, { u"snoopId"_s, u"snoop-1"_s } });
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.object().value("id"_L1).toString(), u"snoop-1"_s);
    // Asterisk's name: Snoop/<the snooped channel's id>-<8 hex digits>.
    const QRegularExpression name(u"^Snoop/"_s + QRegularExpression::escape(target) + u"-[0-9a-f]{8}$"_s);
    QVERIFY2(name.match(reply.object().value("name"_L1).toString()).hasMatch(),
        qPrintable(reply.object().value("name"_L1).toString()));
    const QJsonObject started = m_app->waitFor(u"StasisStart"_s, EventCollector::forChannel(u"snoop-1"_s));
    QVERIFY(!started.isEmpty());
    QCOMPARE(started.value("args"_L1).toArray(), (QJsonArray { u"snoop"_s, u"call-1"_s }));
    QCOMPARE(started.value("application"_L1).toString(), u"queue"_s);
    // The reply had no dialplan application; in Stasis it is Stasis(queue,snoop,call-1), as a
    // service that reads GET /channels after a restart finds it.
    QCOMPARE(reply.object().value("dialplan"_L1)[u"app_name"_s].toString(), QString());
    const QJsonObject dialplan = started.value("channel"_L1)[u"dialplan"_s].toObject();
    QCOMPARE(dialplan.value("app_name"_L1).toString(), u"Stasis"_s);
    QCOMPARE(dialplan.value("app_data"_L1).toString(), u"queue,snoop,call-1"_s);
    // The same id again is refused; the channel is listed.
    QVERIFY(m_sim
                ->post(u"/channels/"_s + target + u"/snoop/snoop-1"_s,
                    QUrlQuery { { u"spy"_s, u"in"_s }, { u"app"_s, u"queue"_s } })
                .status
        >= 400);
    QCOMPARE(m_sim->get(u"/channels/snoop-1"_s).status, 200);

    // The application hangs it up: ChannelHangupRequest, StasisEnd, ChannelDestroyed.
    QCOMPARE(m_sim->del(u"/channels/snoop-1"_s).status, 204);
    QVERIFY(!m_app->waitFor(u"ChannelHangupRequest"_s, EventCollector::forChannel(u"snoop-1"_s)).isEmpty());
    QVERIFY(!m_app->waitFor(u"StasisEnd"_s, EventCollector::forChannel(u"snoop-1"_s)).isEmpty());
    QVERIFY(!m_app->waitFor(u"ChannelDestroyed"_s, EventCollector::forChannel(u"snoop-1"_s)).isEmpty());
    QCOMPARE(m_sim->get(u"/channels/snoop-1"_s).status, 404);
    QCOMPARE(m_sim->get(u"/channels/"_s + target).status, 200);
}

void TestSimSnoop::bridgePeersHearEachOther()
{
    setUpCall();
    QCOMPARE(voicesHeardNow(m_sim->heard(m_agent)), QSet<QString> { m_caller });
    QCOMPARE(voicesHeardNow(m_sim->heard(m_caller)), QSet<QString> { m_agent });
    QCOMPARE(voicesHeardNow(m_sim->heard(m_supervisor)), QSet<QString> {});
    // Out of the bridge: the entry ends.
    QCOMPARE(
        m_sim->post(u"/bridges/"_s + m_bridge + u"/removeChannel"_s, QUrlQuery { { u"channel"_s, m_agent } }).status,
        204);
    QCOMPARE(voicesHeardNow(m_sim->heard(m_caller)), QSet<QString> {});
    const QJsonArray heard = m_sim->heard(m_caller);
    QCOMPARE(voicesEverHeard(heard), QSet<QString> { m_agent });
    for (const QJsonValue &entry : heard) {
        if (entry.toObject().contains("voice"_L1)) {
            QCOMPARE(entry[u"media"_s].toString(), u"voice:"_s + m_agent);
            QCOMPARE(entry[u"end"_s].toString(), u"stopped"_s);
            QVERIFY(entry[u"endMs"_s].toDouble() >= entry[u"startMs"_s].toDouble());
        }
    }
}

void TestSimSnoop::whoHearsWhom_data()
{
    QTest::addColumn<QString>("spy");
    QTest::addColumn<QString>("whisper");
    QTest::addColumn<bool>("supervisorHearsAgent");
    QTest::addColumn<bool>("supervisorHearsCaller");
    QTest::addColumn<bool>("agentHearsSupervisor");
    QTest::addColumn<bool>("callerHearsSupervisor");
    // Snooping on the agent's channel, the snoop channel bridged with the supervisor's.
    QTest::newRow("listen in: spy both") << u"both"_s << u"none"_s << true << true << false << false;
    QTest::newRow("whisper: spy both, whisper out") << u"both"_s << u"out"_s << true << true << true << false;
    QTest::newRow("spy in: the agent's voice only") << u"in"_s << u"none"_s << true << false << false << false;
    QTest::newRow("spy out: what the agent hears") << u"out"_s << u"none"_s << false << true << false << false;
    QTest::newRow("whisper in: into what the agent sends") << u"none"_s << u"in"_s << false << false << false << true;
    QTest::newRow("whisper both") << u"both"_s << u"both"_s << true << true << true << true;
}

void TestSimSnoop::whoHearsWhom()
{
    QFETCH(QString, spy);
    QFETCH(QString, whisper);
    QFETCH(bool, supervisorHearsAgent);
    QFETCH(bool, supervisorHearsCaller);
    QFETCH(bool, agentHearsSupervisor);
    QFETCH(bool, callerHearsSupervisor);
    setUpCall();
    const QString snoopId = snoop(m_agent, spy, whisper);
    QVERIFY(!snoopId.isEmpty());
    // Nothing flows before the snoop channel is connected to the supervisor.
    QCOMPARE(voicesHeardNow(m_sim->heard(m_supervisor)), QSet<QString> {});
    QCOMPARE(
        m_sim->post(u"/bridges"_s, QUrlQuery { { u"type"_s, u"mixing"_s }, { u"bridgeId"_s, u"monitor"_s } }).status,
        200);
    QCOMPARE(
        m_sim->post(u"/bridges/monitor/addChannel"_s, QUrlQuery { { u"channel"_s, m_supervisor + u',' + snoopId } })
            .status,
        204);

    const QSet<QString> supervisorHears = voicesHeardNow(m_sim->heard(m_supervisor));
    QCOMPARE(supervisorHears.contains(m_agent), supervisorHearsAgent);
    QCOMPARE(supervisorHears.contains(m_caller), supervisorHearsCaller);
    QVERIFY(!supervisorHears.contains(m_supervisor)); // never oneself
    QVERIFY(!supervisorHears.contains(snoopId)); // a snoop channel has no voice of its own
    const QSet<QString> agentHears = voicesHeardNow(m_sim->heard(m_agent));
    QCOMPARE(agentHears.contains(m_supervisor), agentHearsSupervisor);
    QVERIFY(agentHears.contains(m_caller));
    const QSet<QString> callerHears = voicesHeardNow(m_sim->heard(m_caller));
    QCOMPARE(callerHears.contains(m_supervisor), callerHearsSupervisor);
    QVERIFY(callerHears.contains(m_agent));

    // The snoop channel hung up: the supervisor hears nobody, nobody hears the supervisor.
    QCOMPARE(m_sim->del(u"/channels/"_s + snoopId).status, 204);
    QVERIFY(!m_app->waitFor(u"ChannelDestroyed"_s, EventCollector::forChannel(snoopId)).isEmpty());
    QCOMPARE(voicesHeardNow(m_sim->heard(m_supervisor)), QSet<QString> {});
    QVERIFY(!voicesHeardNow(m_sim->heard(m_agent)).contains(m_supervisor));
    QVERIFY(!voicesHeardNow(m_sim->heard(m_caller)).contains(m_supervisor));
    QCOMPARE(voicesHeardNow(m_sim->heard(m_agent)), QSet<QString> { m_caller });
}

void TestSimSnoop::snoopGoesWithItsChannel()
{
    setUpCall();
    const QString snoopId = snoop(m_agent, u"both"_s, u"none"_s);
    QVERIFY(!snoopId.isEmpty());
    // The agent hangs up: the snoop channel is hung up too, and is destroyed.
    QVERIFY(m_sim->hangupCaller(m_agent));
    QVERIFY(!m_app->waitFor(u"ChannelDestroyed"_s, EventCollector::forChannel(snoopId)).isEmpty());
    QCOMPARE(m_sim->get(u"/channels/"_s + snoopId).status, 404);
    // Another snoop on the channel that is gone: 404.
    QCOMPARE(m_sim
                 ->post(u"/channels/"_s + m_agent + u"/snoop"_s,
                     QUrlQuery { { u"spy"_s, u"both"_s }, { u"app"_s, u"queue"_s } })
                 .status,
        404);
}

QTEST_GUILESS_MAIN(TestSimSnoop)
#include "TestSimSnoop.moc"

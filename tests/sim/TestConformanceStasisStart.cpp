// Conformance of a call entering a Stasis application, with the reference transcript
// "stasis-start" of Asterisk 22.10.1 (dialplan Stasis(vm-record,305) on the ;2 half of a Local
// channel; here the simulator's control API places the caller).
//
// Facts from the transcript this test relies on:
//  - The app socket gets StasisStart {"args":["305"], "application":"vm-record", "timestamp",
//    "asterisk_id", "channel":{...state "Ring"...}} as its first event.
//  - A channel is {"id","name","state","protocol_id","caller":{"name","number"},
//    "connected":{"name","number"},"accountcode","dialplan":{"context","exten","priority",
//    "app_name","app_data"},"creationtime","language"}; in Stasis its dialplan shows
//    app_name "Stasis", app_data "vm-record,305"; language "en"; creationtime like
//    "2026-11-26T06:58:56.611+0000".
//  - GET /channels/{id} → 200 (state "Ring"); POST .../answer → 204 and ChannelStateChange with
//    state "Up" on the app socket; GET → state "Up"; answering again → 204 (no error).
//  - GET .../variable?variable=CHANNEL(language) → 200 {"value":"en"}; CHANNEL(state) → {"value":"Up"};
//    CALLERID(num) → {"value":""}; NO_SUCH_VARIABLE → 404 {"message":"Provided variable was not
//    found"}; no variable → 400 {"message":"Variable name is required"};
//    CHANNEL(nosuchfield) → 500 {"message":"Unable to read provided function"}.
//  - POST .../variable?variable=VM_MAILBOX&value=305 → 204 and ChannelVarset
//    {"variable":"VM_MAILBOX","value":"305"} on the app socket; reading it back → {"value":"305"}.
//  - GET /channels → 200 array with the channel; GET /channels/no-such-channel → 404
//    {"message":"Channel not found"}.
//  - Caller hangs up → ChannelHangupRequest {"cause":16} then StasisEnd on the app socket, and no
//    ChannelDestroyed there (the channel left Stasis before it was destroyed).

#include "support/EventCollector.h"
#include "support/SimTestHarness.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

class TestConformanceStasisStart final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void stasisStartCarriesArgsAndRingingChannel();
    void answerTwice();
    void readVariables_data();
    void readVariables();
    void setVariableEmitsVarset();
    void listAndUnknownChannel();
    void callerHangupEndsStasisWithoutDestroyed();

private:
    QString placeAndWait(QJsonObject *stasisStart = nullptr);

    std::unique_ptr<SimTestHarness> m_sim;
    std::unique_ptr<EventCollector> m_app;
};

void TestConformanceStasisStart::init()
{
    m_sim = std::make_unique<SimTestHarness>();
    QVERIFY(m_sim->start());
    m_app = m_sim->connectEvents(u"vm-record"_s);
    QVERIFY(m_app);
}

void TestConformanceStasisStart::cleanup()
{
    m_app.reset();
    m_sim.reset();
}

QString TestConformanceStasisStart::placeAndWait(QJsonObject *stasisStart)
{
    const QString id = m_sim->placeCallId(u"vm-record"_s, {u"305"_s});
    if (id.isEmpty())
        return {};
    const QJsonObject event = m_app->waitFor(u"StasisStart"_s, EventCollector::forChannel(id));
    if (event.isEmpty())
        return {};
    if (stasisStart)
        *stasisStart = event;
    return id;
}

void TestConformanceStasisStart::stasisStartCarriesArgsAndRingingChannel()
{
    const QJsonObject placed = m_sim->placeCall(u"vm-record"_s, {u"305"_s});
    const QString id = placed.value("id"_L1).toString();
    QVERIFY2(!id.isEmpty(), m_sim->lastControlReply().describe().constData());

    const QJsonObject event = m_app->waitFor(u"StasisStart"_s, EventCollector::forChannel(id));
    QVERIFY(!event.isEmpty());
    // StasisStart is the first event of the app socket for this call.
    QCOMPARE(m_app->events().first().value("type"_L1).toString(), u"StasisStart"_s);
    QCOMPARE(event.value("args"_L1).toArray(), (QJsonArray{u"305"_s}));
    QCOMPARE(event.value("application"_L1).toString(), u"vm-record"_s);
    QVERIFY(event.contains("asterisk_id"_L1));
    QVERIFY2(EventCollector::isAriTimestamp(event.value("timestamp"_L1).toString()),
             qPrintable(event.value("timestamp"_L1).toString()));

    const QJsonObject channel = event.value("channel"_L1).toObject();
    QStringList keys = channel.keys();
    keys.sort();
    QCOMPARE(keys, (QStringList{u"accountcode"_s, u"caller"_s, u"connected"_s, u"creationtime"_s, u"dialplan"_s,
                                u"id"_s, u"language"_s, u"name"_s, u"protocol_id"_s, u"state"_s}));
    QCOMPARE(channel.value("id"_L1).toString(), id);
    QCOMPARE(channel.value("state"_L1).toString(), u"Ring"_s);
    QCOMPARE(channel.value("language"_L1).toString(), u"en"_s);
    QVERIFY(!channel.value("name"_L1).toString().isEmpty());
    QVERIFY(EventCollector::isAriTimestamp(channel.value("creationtime"_L1).toString()));
    QVERIFY(channel.value("caller"_L1).toObject().contains("name"_L1));
    QVERIFY(channel.value("caller"_L1).toObject().contains("number"_L1));
    QVERIFY(channel.value("connected"_L1).toObject().contains("name"_L1));
    QVERIFY(channel.value("connected"_L1).toObject().contains("number"_L1));
    const QJsonObject dialplan = channel.value("dialplan"_L1).toObject();
    for (const auto key : {"context"_L1, "exten"_L1, "priority"_L1, "app_name"_L1, "app_data"_L1})
        QVERIFY2(dialplan.contains(key), key.data());
    QCOMPARE(dialplan.value("app_name"_L1).toString(), u"Stasis"_s);
    QCOMPARE(dialplan.value("app_data"_L1).toString(), u"vm-record,305"_s);

    // The control API answers with the channel that entered Stasis.
    QCOMPARE(placed.value("id"_L1).toString(), id);
    QCOMPARE(placed.value("state"_L1).toString(), u"Ring"_s);

    const RestReply get = m_sim->get(u"/channels/"_s + id);
    QCOMPARE(get.status, 200);
    QCOMPARE(get.object().value("id"_L1).toString(), id);
    QCOMPARE(get.object().value("state"_L1).toString(), u"Ring"_s);
    QCOMPARE(get.object().value("name"_L1), channel.value("name"_L1));
}

void TestConformanceStasisStart::answerTwice()
{
    const QString id = placeAndWait();
    QVERIFY(!id.isEmpty());
    const int before = m_app->count();
    QCOMPARE(m_sim->post(u"/channels/"_s + id + u"/answer"_s).status, 204);
    const QJsonObject change = m_app->waitFor(u"ChannelStateChange"_s, EventCollector::forChannel(id));
    QVERIFY(!change.isEmpty());
    QCOMPARE(change.value("channel"_L1).toObject().value("state"_L1).toString(), u"Up"_s);
    QCOMPARE(m_app->types().mid(before), (QStringList{u"ChannelStateChange"_s}));

    const RestReply get = m_sim->get(u"/channels/"_s + id);
    QCOMPARE(get.status, 200);
    QCOMPARE(get.object().value("state"_L1).toString(), u"Up"_s);

    QCOMPARE(m_sim->post(u"/channels/"_s + id + u"/answer"_s).status, 204);
    // A second answer changes nothing: still exactly one state change.
    QVERIFY(m_sim->waitSimulated(500));
    QCOMPARE(m_app->count(u"ChannelStateChange"_s), 1);
}

void TestConformanceStasisStart::readVariables_data()
{
    QTest::addColumn<QString>("variable");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("CHANNEL(language)") << u"CHANNEL(language)"_s << 200 << u"en"_s << QString();
    QTest::newRow("CHANNEL(state)") << u"CHANNEL(state)"_s << 200 << u"Up"_s << QString();
    QTest::newRow("CALLERID(num)") << u"CALLERID(num)"_s << 200 << QString() << QString();
    QTest::newRow("unknown variable") << u"NO_SUCH_VARIABLE"_s << 404 << QString()
                                      << u"Provided variable was not found"_s;
    QTest::newRow("unknown function field") << u"CHANNEL(nosuchfield)"_s << 500 << QString()
                                            << u"Unable to read provided function"_s;
}

void TestConformanceStasisStart::readVariables()
{
    QFETCH(QString, variable);
    QFETCH(int, status);
    QFETCH(QString, value);
    QFETCH(QString, message);
    const QString id = m_sim->answeredCall(m_app.get(), u"vm-record"_s, {u"305"_s});
    QVERIFY(!id.isEmpty());
    const RestReply reply = m_sim->get(u"/channels/"_s + id + u"/variable"_s, QUrlQuery{{u"variable"_s, variable}});
    QCOMPARE(reply.status, status);
    if (status == 200) {
        QCOMPARE(reply.object().keys(), QStringList{u"value"_s});
        QCOMPARE(reply.object().value("value"_L1).toString(), value);
    } else {
        QCOMPARE(reply.message(), message);
    }
}

void TestConformanceStasisStart::setVariableEmitsVarset()
{
    const QString id = m_sim->answeredCall(m_app.get(), u"vm-record"_s, {u"305"_s});
    QVERIFY(!id.isEmpty());

    const RestReply missing = m_sim->get(u"/channels/"_s + id + u"/variable"_s);
    QCOMPARE(missing.status, 400);
    QCOMPARE(missing.message(), u"Variable name is required"_s);

    const RestReply set = m_sim->post(u"/channels/"_s + id + u"/variable"_s,
                                      QUrlQuery{{u"variable"_s, u"VM_MAILBOX"_s}, {u"value"_s, u"305"_s}});
    QCOMPARE(set.status, 204);
    const QJsonObject varset = m_app->waitFor(
        u"ChannelVarset"_s, EventCollector::both(EventCollector::forChannel(id), [](const QJsonObject &event) {
            return event.value("variable"_L1).toString() == "VM_MAILBOX"_L1;
        }));
    QVERIFY(!varset.isEmpty());
    QCOMPARE(varset.value("value"_L1).toString(), u"305"_s);

    const RestReply get = m_sim->get(u"/channels/"_s + id + u"/variable"_s, QUrlQuery{{u"variable"_s, u"VM_MAILBOX"_s}});
    QCOMPARE(get.status, 200);
    QCOMPARE(get.object().value("value"_L1).toString(), u"305"_s);
}

void TestConformanceStasisStart::listAndUnknownChannel()
{
    const QString id = placeAndWait();
    QVERIFY(!id.isEmpty());
    const RestReply list = m_sim->get(u"/channels"_s);
    QCOMPARE(list.status, 200);
    QVERIFY(list.json.isArray());
    bool found = false;
    for (const QJsonValue &value : list.array())
        found = found || value.toObject().value("id"_L1).toString() == id;
    QVERIFY(found);

    const RestReply unknown = m_sim->get(u"/channels/no-such-channel"_s);
    QCOMPARE(unknown.status, 404);
    QCOMPARE(unknown.message(), u"Channel not found"_s);
}

void TestConformanceStasisStart::callerHangupEndsStasisWithoutDestroyed()
{
    const QString id = m_sim->answeredCall(m_app.get(), u"vm-record"_s, {u"305"_s});
    QVERIFY(!id.isEmpty());
    const int before = m_app->count();
    QVERIFY(m_sim->hangupCaller(id));
    QVERIFY(!m_app->waitFor(u"StasisEnd"_s, EventCollector::forChannel(id)).isEmpty());
    const QJsonObject hangup = m_app->events().at(before);
    QCOMPARE(hangup.value("type"_L1).toString(), u"ChannelHangupRequest"_s);
    QCOMPARE(hangup.value("cause"_L1).toInt(), 16);
    QVERIFY(m_sim->waitSimulated(1000));
    QCOMPARE(m_app->types().mid(before), (QStringList{u"ChannelHangupRequest"_s, u"StasisEnd"_s}));
}

QTEST_GUILESS_MAIN(TestConformanceStasisStart)
#include "TestConformanceStasisStart.moc"

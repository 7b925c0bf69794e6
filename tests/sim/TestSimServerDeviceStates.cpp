// /ari/deviceStates like Asterisk 22 (res/ari resource_device_states, res_stasis_device_state):
//  - GET /deviceStates lists the ARI-controlled devices ("Stasis:<name>") with their state;
//  - GET /deviceStates/{name} answers 200 {"name": <as asked>, "state": ...} for any device:
//    a channel's device is INUSE while the channel lives, NOT_INUSE afterwards; a "Stasis:" device
//    is UNKNOWN until set; a device of a technology that cannot be dialled is INVALID;
//  - PUT /deviceStates/{name}?deviceState=<state> → 204 for "Stasis:<name>" (scheme in any case,
//    state in any case, reported in capitals); another device → 409 "Uncontrolled device
//    specified"; "Stasis:" alone → 404 "Device name is missing"; a missing or unknown state (also
//    UNKNOWN itself) → 500 "Unknown device";
//  - DELETE /deviceStates/{name} → 204 (also for a device never set), 409 / 404 as for PUT;
//  - every change is published as DeviceStateChanged {"device_state": {"name", "state"}} to the
//    subscribeAll applications and to the applications subscribed to "deviceState:<name>";
//    deleting a device publishes UNKNOWN; setting the state a device already has publishes nothing.

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include "support/EventCollector.h"
#include "support/SimTestHarness.h"

using namespace Qt::StringLiterals;

namespace {

EventCollector::Predicate forDevice(const QString &name)
{
    return [name](const QJsonObject &event) {
        return event.value("device_state"_L1).toObject().value("name"_L1).toString() == name;
    };
}

QJsonObject deviceState(const QString &name, const QString &state)
{
    return QJsonObject{{u"name"_s, name}, {u"state"_s, state}};
}

} // namespace

class TestSimServerDeviceStates final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void setGetAndList();
    void refusals_data();
    void refusals();
    void changesArePublished();
    void subscriptionToOneDevice();
    void devicesOfChannels();

private:
    std::unique_ptr<SimTestHarness> m_sim;
};

void TestSimServerDeviceStates::init()
{
    SimTestHarness::Options options;
    options.speed = 100;
    m_sim = std::make_unique<SimTestHarness>(options);
    QVERIFY(m_sim->start());
}

void TestSimServerDeviceStates::cleanup()
{
    m_sim.reset();
}

void TestSimServerDeviceStates::setGetAndList()
{
    RestReply list = m_sim->get(u"/deviceStates"_s);
    QCOMPARE(list.status, 200);
    QCOMPARE(list.array(), QJsonArray());
    QCOMPARE(m_sim->get(u"/deviceStates/Stasis:lamp"_s).object(), deviceState(u"Stasis:lamp"_s, u"UNKNOWN"_s));

    QCOMPARE(m_sim->put(u"/deviceStates/Stasis:lamp"_s, QUrlQuery{{u"deviceState"_s, u"BUSY"_s}}).status, 204);
    QCOMPARE(m_sim->put(u"/deviceStates/stasis:desk"_s, QUrlQuery{{u"deviceState"_s, u"ringinuse"_s}}).status, 204);
    const RestReply lamp = m_sim->get(u"/deviceStates/Stasis:lamp"_s);
    QCOMPARE(lamp.status, 200);
    QCOMPARE(lamp.object(), deviceState(u"Stasis:lamp"_s, u"BUSY"_s));
    // The name is answered as asked; the scheme is found in any case.
    QCOMPARE(m_sim->get(u"/deviceStates/STASIS:desk"_s).object(), deviceState(u"STASIS:desk"_s, u"RINGINUSE"_s));
    list = m_sim->get(u"/deviceStates"_s);
    QCOMPARE(list.array(), (QJsonArray{deviceState(u"Stasis:desk"_s, u"RINGINUSE"_s),
                                       deviceState(u"Stasis:lamp"_s, u"BUSY"_s)}));

    QCOMPARE(m_sim->del(u"/deviceStates/Stasis:lamp"_s).status, 204);
    QCOMPARE(m_sim->get(u"/deviceStates/Stasis:lamp"_s).object(), deviceState(u"Stasis:lamp"_s, u"UNKNOWN"_s));
    QCOMPARE(m_sim->get(u"/deviceStates"_s).array(), QJsonArray{deviceState(u"Stasis:desk"_s, u"RINGINUSE"_s)});
    // A device name with '/' is one path segment only when sent as %2F.
    QCOMPARE(m_sim->get(u"/deviceStates/PJSIP/1001"_s).message(), u"Resource not found"_s);
}

void TestSimServerDeviceStates::refusals_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("device");
    QTest::addColumn<QString>("state");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    QTest::newRow("put other device") << QByteArray("PUT") << u"PJSIP%2F1001"_s << u"BUSY"_s << 409
                                      << u"Uncontrolled device specified"_s;
    QTest::newRow("put Custom") << QByteArray("PUT") << u"Custom:lamp"_s << u"BUSY"_s << 409
                                << u"Uncontrolled device specified"_s;
    QTest::newRow("put no name") << QByteArray("PUT") << u"Stasis:"_s << u"BUSY"_s << 404 << u"Device name is missing"_s;
    QTest::newRow("put bad state") << QByteArray("PUT") << u"Stasis:lamp"_s << u"BROKEN"_s << 500 << u"Unknown device"_s;
    QTest::newRow("put UNKNOWN") << QByteArray("PUT") << u"Stasis:lamp"_s << u"UNKNOWN"_s << 500 << u"Unknown device"_s;
    QTest::newRow("put no state") << QByteArray("PUT") << u"Stasis:lamp"_s << QString() << 500 << u"Unknown device"_s;
    QTest::newRow("delete other device") << QByteArray("DELETE") << u"Local%2F1%40x"_s << QString() << 409
                                         << u"Uncontrolled device specified"_s;
    QTest::newRow("delete no name") << QByteArray("DELETE") << u"stasis:"_s << QString() << 404
                                    << u"Device name is missing"_s;
    QTest::newRow("delete never set") << QByteArray("DELETE") << u"Stasis:never"_s << QString() << 204 << QString();
}

void TestSimServerDeviceStates::refusals()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, device);
    QFETCH(QString, state);
    QFETCH(int, status);
    QFETCH(QString, message);
    QUrlQuery query;
    if (!state.isNull())
        query.addQueryItem(u"deviceState"_s, state);
    const RestReply reply = m_sim->ari(method, u"/deviceStates/"_s + device, query);
    QCOMPARE(reply.status, status);
    if (!message.isEmpty())
        QCOMPARE(reply.message(), message);
    else
        QVERIFY(reply.body.isEmpty());
    // Nothing was created by a refused request.
    QCOMPARE(m_sim->get(u"/deviceStates"_s).array(), QJsonArray());
}

void TestSimServerDeviceStates::changesArePublished()
{
    auto all = m_sim->connectEvents(u"dev-watch"_s, true);
    QVERIFY(all);
    const auto put = [this](const QString &device, const QString &state) {
        return m_sim->put(u"/deviceStates/"_s + device, QUrlQuery{{u"deviceState"_s, state}}).status;
    };
    QCOMPARE(put(u"Stasis:lamp"_s, u"BUSY"_s), 204);
    QJsonObject event = all->waitForNext(u"DeviceStateChanged"_s, forDevice(u"Stasis:lamp"_s));
    QCOMPARE(event.value("device_state"_L1).toObject(), deviceState(u"Stasis:lamp"_s, u"BUSY"_s));
    QCOMPARE(event.value("application"_L1).toString(), u"dev-watch"_s);
    QVERIFY(EventCollector::isAriTimestamp(event.value("timestamp"_L1).toString()));

    // The same state again changes nothing: the next event is the next change.
    QCOMPARE(put(u"stasis:lamp"_s, u"busy"_s), 204);
    QCOMPARE(put(u"Stasis:lamp"_s, u"ONHOLD"_s), 204);
    event = all->waitForNext(u"DeviceStateChanged"_s, forDevice(u"Stasis:lamp"_s));
    QCOMPARE(event.value("device_state"_L1).toObject(), deviceState(u"Stasis:lamp"_s, u"ONHOLD"_s));

    QCOMPARE(m_sim->del(u"/deviceStates/Stasis:lamp"_s).status, 204);
    event = all->waitForNext(u"DeviceStateChanged"_s, forDevice(u"Stasis:lamp"_s));
    QCOMPARE(event.value("device_state"_L1).toObject(), deviceState(u"Stasis:lamp"_s, u"UNKNOWN"_s));
    // Deleting it again publishes nothing: the next event on the socket is another device's.
    const int before = all->count();
    QCOMPARE(m_sim->del(u"/deviceStates/Stasis:lamp"_s).status, 204);
    QCOMPARE(put(u"Stasis:marker"_s, u"INUSE"_s), 204);
    QVERIFY(!all->waitForNext(u"DeviceStateChanged"_s, forDevice(u"Stasis:marker"_s)).isEmpty());
    QCOMPARE(all->count(), before + 1);
}

void TestSimServerDeviceStates::subscriptionToOneDevice()
{
    auto app = m_sim->connectEvents(u"lamp-app"_s);
    QVERIFY(app);
    const RestReply subscribed = m_sim->post(u"/applications/lamp-app/subscription"_s,
                                             QUrlQuery{{u"eventSource"_s, u"deviceState:Stasis:lamp"_s}});
    QCOMPARE(subscribed.status, 200);
    QCOMPARE(subscribed.object().value("device_names"_L1).toArray(), QJsonArray{u"Stasis:lamp"_s});
    QCOMPARE(m_sim->get(u"/applications/lamp-app"_s).object().value("device_names"_L1).toArray(),
             QJsonArray{u"Stasis:lamp"_s});

    // Only the subscribed device's changes reach the application.
    QCOMPARE(m_sim->put(u"/deviceStates/Stasis:other"_s, QUrlQuery{{u"deviceState"_s, u"BUSY"_s}}).status, 204);
    QCOMPARE(m_sim->put(u"/deviceStates/Stasis:lamp"_s, QUrlQuery{{u"deviceState"_s, u"INUSE"_s}}).status, 204);
    const QJsonObject event = app->waitFor(u"DeviceStateChanged"_s);
    QCOMPARE(event.value("device_state"_L1).toObject(), deviceState(u"Stasis:lamp"_s, u"INUSE"_s));
    QCOMPARE(event.value("application"_L1).toString(), u"lamp-app"_s);
    QCOMPARE(app->types(), QStringList{u"DeviceStateChanged"_s});

    const RestReply unsubscribed = m_sim->del(u"/applications/lamp-app/subscription"_s,
                                              QUrlQuery{{u"eventSource"_s, u"deviceState:Stasis:lamp"_s}});
    QCOMPARE(unsubscribed.status, 200);
    QCOMPARE(unsubscribed.object().value("device_names"_L1).toArray(), QJsonArray());
    // After unsubscribing nothing arrives: a channel event of the application comes first.
    QCOMPARE(m_sim->put(u"/deviceStates/Stasis:lamp"_s, QUrlQuery{{u"deviceState"_s, u"BUSY"_s}}).status, 204);
    const QString channel = m_sim->placeCallId(u"lamp-app"_s, {u"1"_s});
    QVERIFY(!channel.isEmpty());
    QVERIFY(!app->waitFor(u"StasisStart"_s, EventCollector::forChannel(channel)).isEmpty());
    QCOMPARE(app->count(u"DeviceStateChanged"_s), 1);
}

void TestSimServerDeviceStates::devicesOfChannels()
{
    auto all = m_sim->connectEvents(u"dev-watch"_s, true);
    auto app = m_sim->connectEvents(u"dev-app"_s);
    QVERIFY(all && app);
    const QString device = u"Local/7@dev-app"_s;
    const QString path = u"/deviceStates/Local%2F7@dev-app"_s;
    QCOMPARE(m_sim->get(path).object(), deviceState(device, u"NOT_INUSE"_s));
    const QString channel = m_sim->placeCallId(u"dev-app"_s, {u"7"_s});
    QVERIFY(!channel.isEmpty());
    QVERIFY(!all->waitFor(u"DeviceStateChanged"_s, forDevice(device)).isEmpty());
    QCOMPARE(m_sim->get(path).object(), deviceState(device, u"INUSE"_s));
    // Channel devices are not ARI's to set or list.
    QCOMPARE(m_sim->put(path, QUrlQuery{{u"deviceState"_s, u"BUSY"_s}}).status, 409);
    QCOMPARE(m_sim->get(u"/deviceStates"_s).array(), QJsonArray());
    QVERIFY(m_sim->hangupCaller(channel));
    QVERIFY(all->waitForCount(u"DeviceStateChanged"_s, 2, forDevice(device)));
    QCOMPARE(m_sim->get(path).object(), deviceState(device, u"NOT_INUSE"_s));

    // Without a SIP stack a PJSIP device is invalid, unless the control API made it dialable.
    QCOMPARE(m_sim->get(u"/deviceStates/PJSIP%2F1001"_s).object(), deviceState(u"PJSIP/1001"_s, u"INVALID"_s));
    QVERIFY(m_sim->setEndpointBehaviour(u"PJSIP"_s, u"1001"_s, u"answer"_s));
    QCOMPARE(m_sim->get(u"/deviceStates/PJSIP%2F1001"_s).object(), deviceState(u"PJSIP/1001"_s, u"NOT_INUSE"_s));
    QCOMPARE(m_sim->get(u"/deviceStates/nonsense"_s).object(), deviceState(u"nonsense"_s, u"INVALID"_s));
}

QTEST_GUILESS_MAIN(TestSimServerDeviceStates)
#include "TestSimServerDeviceStates.moc"

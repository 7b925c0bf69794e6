// What a desk sends is input from the network (SPEC RB-3, SV-2): the service answers garbage,
// wrong types and unknown actions with a clear refusal or error and keeps the desk, closes a desk
// that sends an oversized message before keeping it, and goes on serving the others. A desk that
// saves a large recording gets it frame by frame as it takes it, never whole in the service's
// memory.
#include "support/ServiceRig.h"
#include "support/SimFixture.h"

#include "core/service/AttachedDesk.h"
#include "core/service/RemoteSupervisor.h"
#include "core/service/SupervisorService.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QTemporaryFile>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace Qt::StringLiterals;

class TestHostileDesks final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void firstMessageNotHelloIsRefused_data();
    void firstMessageNotHelloIsRefused();
    void helloWithWrongTypesIsRefused();
    void garbageAfterAttachIsAnsweredAndTheDeskStays();
    void oversizedMessageClosesOnlyThatDesk();
    void aFileGoesFrameByFrameAndNothingComesBetween();

private:
    // A raw desk socket, connected; its text messages collect in m_messages.
    bool connectRaw();
    QJsonObject waitForMessage(const QString &type);
    bool attachRaw();

    std::unique_ptr<SimFixture> m_sim;
    std::unique_ptr<ServiceRig> m_rig;
    std::unique_ptr<QWebSocket> m_socket;
    QList<QJsonObject> m_messages;
};

void TestHostileDesks::init()
{
    m_sim = std::make_unique<SimFixture>(20.0);
    QVERIFY(m_sim->start());
    m_rig = std::make_unique<ServiceRig>(m_sim.get());
    QVERIFY(m_rig->start());
}

void TestHostileDesks::cleanup()
{
    m_socket.reset();
    m_messages.clear();
    m_rig.reset();
    m_sim.reset();
}

bool TestHostileDesks::connectRaw()
{
    m_socket = std::make_unique<QWebSocket>();
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this,
        [this](const QString &text) { m_messages.append(QJsonDocument::fromJson(text.toUtf8()).object()); });
    QSignalSpy connected(m_socket.get(), &QWebSocket::connected);
    m_socket->open(m_rig->url());
    return connected.wait(30000);
}

QJsonObject TestHostileDesks::waitForMessage(const QString &type)
{
    for (int turn = 0; turn < 3000; ++turn) {
        for (qsizetype i = 0; i < m_messages.size(); ++i) {
            if (m_messages.at(i).value("type"_L1).toString() == type)
                return m_messages.takeAt(i);
        }
        QTest::qWait(10);
    }
    return {};
}

bool TestHostileDesks::attachRaw()
{
    if (!connectRaw())
        return false;
    m_socket->sendTextMessage(uR"({"type":"hello","version":1,"user":"boss","password":"s3cret"})"_s);
    return !waitForMessage(u"welcome"_s).isEmpty() && !waitForMessage(u"snapshot"_s).isEmpty();
}

void TestHostileDesks::firstMessageNotHelloIsRefused_data()
{
    QTest::addColumn<QString>("first");
    QTest::newRow("not json") << u"GET / HTTP/1.1"_s;
    QTest::newRow("truncated json") << u"{\"type\":\"hel"_s;
    QTest::newRow("array") << u"[1,2,3]"_s;
    QTest::newRow("request before hello") << uR"({"type":"request","id":1,"action":"delete","recording":"x"})"_s;
}

void TestHostileDesks::firstMessageNotHelloIsRefused()
{
    QFETCH(QString, first);
    QVERIFY(connectRaw());
    QSignalSpy closed(m_socket.get(), &QWebSocket::disconnected);
    m_socket->sendTextMessage(first);
    const QJsonObject refused = waitForMessage(u"refused"_s);
    QCOMPARE(refused.value("code"_L1).toString(), u"protocol"_s);
    QCOMPARE(refused.value("reason"_L1).toString(), u"the first message must be hello"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!closed.isEmpty(), 30000);
    QCOMPARE(m_rig->service()->attachedDesks(), 0);
}

void TestHostileDesks::helloWithWrongTypesIsRefused()
{
    QVERIFY(connectRaw());
    m_socket->sendTextMessage(uR"({"type":"hello","version":"1","user":5,"password":null})"_s);
    const QJsonObject refused = waitForMessage(u"refused"_s);
    QCOMPARE(refused.value("code"_L1).toString(), u"version"_s);
    QCOMPARE(m_rig->service()->attachedDesks(), 0);
}

void TestHostileDesks::garbageAfterAttachIsAnsweredAndTheDeskStays()
{
    QVERIFY(attachRaw());
    QCOMPARE(m_rig->service()->attachedDesks(), 1);
    const struct
    {
        QString message;
        QString error;
    } cases[] = {
        { u"not json at all"_s, u"expected a request"_s },
        { uR"({"type":"hello","version":1,"user":"boss","password":"s3cret"})"_s, u"expected a request"_s },
        { uR"({"type":"request","id":11,"action":"queue","bridge":5,"kind":["record"]})"_s,
            u"queue needs a bridge and a kind (record, pause, resume, stop, discard, end-call, announce)"_s },
        { uR"({"type":"request","id":12,"action":"../../etc/passwd"})"_s,
            u"unknown action \"../../etc/passwd\" or missing argument"_s },
        { uR"({"type":"request","id":13,"action":"delete","recording":{"name":"x"}})"_s,
            u"unknown action \"delete\" or missing argument"_s },
    };
    for (const auto &test : cases) {
        m_socket->sendTextMessage(test.message);
        const QJsonObject result = waitForMessage(u"result"_s);
        QVERIFY2(!result.isEmpty(), qPrintable(test.message));
        QCOMPARE(result.value("ok"_L1).toBool(true), false);
        QCOMPARE(result.value("error"_L1).toString(), test.error);
    }
    // The desk is still attached and served.
    m_socket->sendTextMessage(uR"({"type":"request","id":14,"action":"durations","recordings":[]})"_s);
    const QJsonObject result = waitForMessage(u"result"_s);
    QCOMPARE(result.value("id"_L1).toInt(), 14);
    QCOMPARE(result.value("ok"_L1).toBool(), true);
    QCOMPARE(m_rig->service()->attachedDesks(), 1);
}

void TestHostileDesks::oversizedMessageClosesOnlyThatDesk()
{
    auto other = m_rig->attach(u"watcher"_s, u"look"_s);
    QTRY_COMPARE_WITH_TIMEOUT(other->state(), RemoteSupervisor::State::Attached, 30000);
    QVERIFY(attachRaw());
    QTRY_COMPARE_WITH_TIMEOUT(m_rig->service()->attachedDesks(), 2, 30000);
    QSignalSpy closed(m_socket.get(), &QWebSocket::disconnected);
    const QString huge = uR"({"type":"request","id":1,"action":"durations","recordings":[")"_s
        + QString(qsizetype(AttachedDesk::s_maxMessageBytes), u'x') + uR"("]})"_s;
    m_socket->sendTextMessage(huge);
    QTRY_VERIFY_WITH_TIMEOUT(!closed.isEmpty(), 60000);
    QCOMPARE(m_socket->closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
    QTRY_COMPARE_WITH_TIMEOUT(m_rig->service()->attachedDesks(), 1, 30000);
    QCOMPARE(other->state(), RemoteSupervisor::State::Attached);
    // A new desk attaches as before.
    QVERIFY(attachRaw());
}

// A saved recording goes to the desk as it takes it: two frames of it in the socket at most (a
// large file is never whole in the service's memory), and what the service sends the desk
// meanwhile (results, batches of changes) waits until the file's last frame, so nothing comes
// between its frames.
void TestHostileDesks::aFileGoesFrameByFrameAndNothingComesBetween()
{
    QWebSocketServer server(u"test"_s, QWebSocketServer::NonSecureMode);
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QWebSocket client;
    QByteArray file;
    QList<QByteArray> afterFile; // binary messages once the file was whole
    QStringList texts; // text messages, each with how much of the file had come before it
    constexpr qint64 size = 8 * 1024 * 1024 + 123;
    connect(&client, &QWebSocket::binaryMessageReceived, this, [&](const QByteArray &bytes) {
        if (file.size() < size)
            file += bytes;
        else
            afterFile.append(bytes);
    });
    connect(&client, &QWebSocket::textMessageReceived, this,
        [&](const QString &text) { texts.append(text + u'@' + QString::number(file.size())); });
    client.open(QUrl(u"ws://127.0.0.1:%1"_s.arg(server.serverPort())));
    QTRY_VERIFY(server.hasPendingConnections());
    std::unique_ptr<QWebSocket> serverSide(server.nextPendingConnection());
    QWebSocket *socket = serverSide.get();
    QTRY_COMPARE(client.state(), QAbstractSocket::ConnectedState);
    AttachedDesk desk(std::move(serverSide), 1024 * 1024);
    desk.attach(u"boss"_s, ServiceUsers::Role::Supervisor);

    QByteArray content(size, Qt::Uninitialized);
    for (qint64 i = 0; i < size; ++i)
        content[i] = char((i * 7919) >> 8);
    auto source = std::make_shared<QTemporaryFile>();
    QVERIFY(source->open());
    QCOMPARE(source->write(content), size);
    QVERIFY(source->seek(0));

    QVERIFY(desk.sendText(u"before"_s));
    constexpr qsizetype chunk = 64 * 1024;
    QVERIFY(desk.sendFile(source, size, chunk));
    // Two frames of the file at most (and the text before it), not 8 MB.
    QVERIFY2(socket->bytesToWrite() <= 2 * (chunk + 10) + 64, qPrintable(QString::number(socket->bytesToWrite())));
    QVERIFY(desk.isSendingFile());
    QVERIFY(desk.sendText(u"during"_s));
    QVERIFY(desk.sendBatch(R"({"type":"changes"})"));
    QTRY_VERIFY_WITH_TIMEOUT(!desk.isSendingFile() && afterFile.size() == 1 && texts.size() == 2, 30000);
    QCOMPARE(file.size(), size);
    QVERIFY(file == content);
    QCOMPARE(texts, (QStringList { u"before@0"_s, u"during@%1"_s.arg(size) }));
    QCOMPARE(afterFile.constFirst(), QByteArray(R"({"type":"changes"})"));
    QCOMPARE(desk.state(), AttachedDesk::State::Attached);
}

QTEST_MAIN(TestHostileDesks)
#include "TestHostileDesks.moc"

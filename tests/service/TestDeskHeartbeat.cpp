#include "support/ServiceRig.h"
#include "support/SimFixture.h"

#include "core/models/MailboxesModel.h"
#include "core/service/RemoteSupervisor.h"
#include "core/supervisor/SupervisorBackend.h"

#include <QCryptographicHash>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

// A "service" that takes connections and then goes silent, as a hung service or a host gone
// without closing its sockets does: it never answers the WebSocket handshake, or answers it and
// then nothing more (no welcome, no pong). Or, after the handshake, it sends one text message in
// slow fragments (and still never a pong), as a large snapshot arrives over a slow link.
class SilentService
{
public:
    explicit SilentService(bool answerHandshake, int slowFragments = 0, int fragmentGapMs = 0)
        : m_answerHandshake(answerHandshake)
        , m_slowFragments(slowFragments)
    {
        m_fragments.setInterval(fragmentGapMs);
        QObject::connect(&m_fragments, &QTimer::timeout, [this] { sendFragment(); });
        QObject::connect(&m_server, &QTcpServer::newConnection, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                m_sockets.emplace_back(socket);
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { onRead(socket); });
            }
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QUrl url() const { return QUrl(u"ws://127.0.0.1:%1"_s.arg(m_server.serverPort())); }
    int connections() const { return int(m_sockets.size()); }
    int fragmentsSent() const { return m_sent; }

private:
    // One frame of the slow message: unmasked (a server's), text then continuations, the last
    // one final. Its text, put together, is a JSON object the desk ignores.
    void sendFragment()
    {
        if (m_sockets.empty())
            return;
        const bool first = m_sent == 0;
        const bool last = m_sent == m_slowFragments - 1;
        const QByteArray payload = first ? QByteArray(R"({"type":"padding","x":")")
            : last                       ? QByteArray(R"("})")
                                         : QByteArray("xxxx");
        QByteArray frame;
        frame.append(char((last ? 0x80 : 0x00) | (first ? 0x1 : 0x0)));
        frame.append(char(payload.size()));
        frame.append(payload);
        m_sockets.back()->write(frame);
        if (++m_sent == m_slowFragments)
            m_fragments.stop();
    }

    void onRead(QTcpSocket *socket)
    {
        if (!m_answerHandshake || socket->property("upgraded").toBool())
            return; // what the desk sends stays unread and unanswered
        const QByteArray request = socket->peek(socket->bytesAvailable());
        if (!request.contains("\r\n\r\n"))
            return;
        QByteArray key;
        for (const QByteArray &line : request.left(request.indexOf("\r\n\r\n")).split('\n')) {
            if (line.toLower().startsWith("sec-websocket-key:"))
                key = line.mid(int(qstrlen("sec-websocket-key:"))).trimmed();
        }
        socket->read(request.indexOf("\r\n\r\n") + 4);
        const QByteArray accept = QCryptographicHash::hash(
            QByteArray(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"), QCryptographicHash::Sha1)
                                      .toBase64();
        socket->write(QByteArray("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                 "Sec-WebSocket-Accept: ")
            + accept + "\r\n\r\n");
        socket->setProperty("upgraded", true);
        if (m_slowFragments > 0 && !m_fragments.isActive() && m_sent == 0)
            m_fragments.start();
    }

    bool m_answerHandshake;
    int m_slowFragments;
    int m_sent = 0;
    QTimer m_fragments;
    QTcpServer m_server;
    std::vector<std::unique_ptr<QTcpSocket>> m_sockets;
};

RemoteSupervisor::Options deskOptions(const QUrl &url, int heartbeatMs)
{
    RemoteSupervisor::Options options;
    options.url = url;
    options.user = u"watcher"_s;
    options.password = u"look"_s;
    options.firstRetryMs = 1000;
    options.maxRetryMs = 1000;
    options.heartbeatMs = heartbeatMs;
    return options;
}

} // namespace

// A desk notices a service that stopped answering without closing its socket (SPEC SV-5): two
// heartbeats of silence end the connection, the views are greyed and the desk tries again; a
// service that answers its pings keeps its desk however quiet the calls are.
class TestDeskHeartbeat final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void aSilentServiceIsLostAndTriedAgain_data();
    void aSilentServiceIsLostAndTriedAgain();
    void aQuietServiceThatAnswersPingsKeepsItsDesk();
    void aMessageArrivingSlowlyKeepsTheConnection();
};

void TestDeskHeartbeat::aSilentServiceIsLostAndTriedAgain_data()
{
    QTest::addColumn<bool>("answerHandshake");
    QTest::newRow("no answer to the handshake") << false;
    QTest::newRow("silent after the handshake") << true;
}

void TestDeskHeartbeat::aSilentServiceIsLostAndTriedAgain()
{
    QFETCH(bool, answerHandshake);
    SilentService service(answerHandshake);
    QVERIFY(service.listen());
    RemoteSupervisor desk(deskOptions(service.url(), 200));
    QSignalSpy detached(&desk, &RemoteSupervisor::detached);
    QStringList shown; // what the greyed views said, in turn
    connect(&desk, &SupervisorAccess::accessChanged, this, [&] { shown.append(desk.availabilityText()); });
    desk.open();
    QTRY_VERIFY(service.connections() >= 1);
    QVERIFY(!desk.isAvailable());

    QTRY_VERIFY(detached.count() >= 1);
    QCOMPARE(detached.first().first().toString(), u"no answer from the service for 0.4 s"_s);
    QVERIFY(shown.contains(u"Service lost (no answer from the service for 0.4 s) — reconnecting…"_s));
    // ... and tries again, as after any loss.
    QTRY_VERIFY_WITH_TIMEOUT(service.connections() >= 2, 10000);
    desk.close();
}

void TestDeskHeartbeat::aQuietServiceThatAnswersPingsKeepsItsDesk()
{
    SimFixture sim;
    QVERIFY(sim.addMessage(u"voicemail/305/1411503204"_s, 4000));
    QVERIFY(sim.start());
    ServiceRig rig(&sim);
    QVERIFY(rig.start());
    QTRY_COMPARE(rig.backend()->mailboxes()->messageCount(), 1);
    RemoteSupervisor desk(deskOptions(rig.url(), 500));
    QSignalSpy detached(&desk, &RemoteSupervisor::detached);
    desk.open();
    QTRY_COMPARE(desk.state(), RemoteSupervisor::State::Attached);
    // No call, no change: for six heartbeats only the pongs come back.
    QTest::qWait(3000);
    QCOMPARE(desk.state(), RemoteSupervisor::State::Attached);
    QCOMPARE(detached.count(), 0);
    QCOMPARE(desk.attachCount(), 1);
}

// A message in many frames over a slow link (a large snapshot) is a sign of life frame by frame:
// here twenty fragments 100 ms apart, two seconds in all, where 800 ms of silence (two beats of
// 400 ms) end a connection, and no pong ever.
void TestDeskHeartbeat::aMessageArrivingSlowlyKeepsTheConnection()
{
    SilentService service(true, 20, 100);
    QVERIFY(service.listen());
    RemoteSupervisor desk(deskOptions(service.url(), 400));
    QSignalSpy detached(&desk, &RemoteSupervisor::detached);
    desk.open();
    QTRY_COMPARE_WITH_TIMEOUT(service.fragmentsSent(), 20, 20000);
    QCOMPARE(detached.count(), 0);
    QCOMPARE(service.connections(), 1);
    // Then silence: lost as usual.
    QTRY_VERIFY(detached.count() >= 1);
    desk.close();
}

QTEST_MAIN(TestDeskHeartbeat)
#include "TestDeskHeartbeat.moc"

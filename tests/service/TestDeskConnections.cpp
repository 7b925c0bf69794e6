// The service's network side on a thread of its own (SPEC SV-3): desks' messages reach the
// service's thread, but acknowledgements of attached desks stay on the sockets' thread; a batch
// goes out as given; a desk too far behind is dropped there, and so is a desk that sends faster
// than the service deals with its messages; a refusal is said, then the socket closes; /metrics
// and /healthz are asked for on the sockets' thread.
#include "core/service/DeskConnections.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QWebSocket>

#include <atomic>
#include <memory>

using namespace Qt::StringLiterals;

class TestDeskConnections final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void messagesReachTheServiceAndAcknowledgementsStay();
    void aBatchGoesAsGivenAndADeskTooFarBehindIsDropped();
    void aBacklogOverTheQueueLimitDropsEveryDesk();
    void aRefusalIsSaidThenTheSocketCloses();
    void aDeskSendingFasterThanTheServiceDealsIsDropped();
    void pagesAreAskedForOnTheSocketsThread();

private:
    // Runs `work` on the sockets' thread and waits for it.
    void onSockets(const std::function<void(DeskConnections &)> &work);
    // A client connected and known to the sockets' thread; its number, or 0.
    quint64 connectClient();

    static constexpr int s_maxLag = 100;
    QThread m_thread;
    DeskConnections *m_sockets = nullptr;
    quint16 m_port = 0;
    // The receiver of the signals, one per test: deleting it drops what the sockets' thread posted
    // to it and the test did not take (a desk gone while the test ended, say).
    std::unique_ptr<QObject> m_receiver;
    QList<quint64> m_connected;
    struct Received
    {
        quint64 desk;
        QJsonObject message;
        QString problem;
    };
    QList<Received> m_received;
    QHash<quint64, QString> m_gone;
    std::atomic<int> m_metricsAsked { 0 };
    std::atomic<bool> m_pagesOnSocketsThread { true };
    std::unique_ptr<QWebSocket> m_client;
    QList<QByteArray> m_binary;
    QStringList m_texts;
};

void TestDeskConnections::onSockets(const std::function<void(DeskConnections &)> &work)
{
    QMetaObject::invokeMethod(m_sockets, [&] { work(*m_sockets); }, Qt::BlockingQueuedConnection);
}

void TestDeskConnections::init()
{
    m_connected.clear();
    m_received.clear();
    m_gone.clear();
    m_binary.clear();
    m_texts.clear();
    m_port = 0;
    m_metricsAsked = 0;
    m_pagesOnSocketsThread = true;
    m_receiver = std::make_unique<QObject>();
    m_sockets = new DeskConnections(1024 * 1024, s_maxLag);
    // Called on the sockets' thread.
    const auto onItsThread = [this] {
        if (QThread::currentThread() != &m_thread)
            m_pagesOnSocketsThread = false;
    };
    m_sockets->setPages(
        [this, onItsThread] {
            onItsThread();
            ++m_metricsAsked;
            return ServiceHttpServer::Page { 200, QByteArrayLiteral("text/plain; version=0.0.4"),
                QByteArrayLiteral("metric 1\n") };
        },
        [onItsThread] {
            onItsThread();
            return ServiceHttpServer::Page { 503, QByteArrayLiteral("text/plain; charset=utf-8"),
                QByteArrayLiteral("unavailable\n") };
        });
    QObject *receiver = m_receiver.get();
    connect(m_sockets, &DeskConnections::deskConnected, receiver, [this](quint64 desk) { m_connected.append(desk); });
    connect(m_sockets, &DeskConnections::messageReceived, receiver,
        [this](quint64 desk, const QJsonObject &message, const QString &problem) {
            m_received.append({ desk, message, problem });
        });
    connect(m_sockets, &DeskConnections::deskGone, receiver,
        [this](quint64 desk, const QString &reason) { m_gone.insert(desk, reason); });
    m_sockets->moveToThread(&m_thread);
    m_thread.start();
    DeskConnections::Listener listener;
    listener.address = QHostAddress::LocalHost;
    QThread *listenedOn = nullptr;
    onSockets([&](DeskConnections &sockets) {
        listenedOn = QThread::currentThread();
        m_port = sockets.listen(listener);
    });
    QCOMPARE(listenedOn, &m_thread);
    QVERIFY(m_port != 0);
}

void TestDeskConnections::cleanup()
{
    m_client.reset();
    QMetaObject::invokeMethod(m_sockets, [sockets = m_sockets] { delete sockets; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    m_receiver.reset();
}

quint64 TestDeskConnections::connectClient()
{
    m_client = std::make_unique<QWebSocket>();
    connect(m_client.get(), &QWebSocket::binaryMessageReceived, this,
        [this](const QByteArray &bytes) { m_binary.append(bytes); });
    connect(m_client.get(), &QWebSocket::textMessageReceived, this, [this](const QString &text) { m_texts.append(text); });
    m_client->open(QUrl(u"ws://127.0.0.1:%1"_s.arg(m_port)));
    if (!QTest::qWaitFor([this] { return m_client->state() == QAbstractSocket::ConnectedState && !m_connected.isEmpty(); },
            10000))
        return 0;
    return m_connected.constLast();
}

void TestDeskConnections::messagesReachTheServiceAndAcknowledgementsStay()
{
    const quint64 desk = connectClient();
    QVERIFY(desk != 0);

    m_client->sendTextMessage(u"not json"_s);
    QTRY_COMPARE(m_received.size(), 1);
    QCOMPARE(m_received.at(0).desk, desk);
    QVERIFY(m_received.at(0).message.isEmpty());
    QVERIFY(!m_received.at(0).problem.isEmpty());

    // Before the service attached the desk, even an acknowledgement is the service's to judge.
    m_client->sendTextMessage(uR"({"type":"ack","seq":5})"_s);
    QTRY_COMPARE(m_received.size(), 2);
    QCOMPARE(m_received.at(1).message.value("type"_L1).toString(), u"ack"_s);
    QVERIFY(m_received.at(1).problem.isEmpty());
    QCOMPARE(m_sockets->acknowledgements(), 0u);

    onSockets([&](DeskConnections &sockets) { sockets.attach(desk, u"boss"_s, ServiceUsers::Role::Supervisor, true, 0); });
    m_client->sendTextMessage(uR"({"type":"ack","seq":7})"_s);
    m_client->sendTextMessage(uR"({"type":"request","id":1,"action":"durations"})"_s);
    // The request comes through; the acknowledgement before it stayed on the sockets' thread.
    QTRY_COMPARE(m_received.size(), 3);
    QCOMPARE(m_received.at(2).message.value("type"_L1).toString(), u"request"_s);
    QCOMPARE(m_sockets->acknowledgements(), 1u);
    QVERIFY(m_gone.isEmpty());
}

void TestDeskConnections::aBatchGoesAsGivenAndADeskTooFarBehindIsDropped()
{
    const quint64 desk = connectClient();
    QVERIFY(desk != 0);
    onSockets([&](DeskConnections &sockets) { sockets.attach(desk, u"boss"_s, ServiceUsers::Role::Viewer, true, 10); });
    const QByteArray batch = R"({"type":"changes","seq":11,"changes":[]})";
    onSockets([&](DeskConnections &sockets) {
        sockets.handingOver(batch.size());
        sockets.sendBatch(batch, 11);
    });
    QTRY_COMPARE(m_binary.size(), 1);
    QCOMPARE(m_binary.at(0), batch);
    QCOMPARE(m_sockets->bytesSent(), quint64(batch.size()));
    // A desk that takes batches gets no single changes.
    onSockets([&](DeskConnections &sockets) {
        sockets.handingOver(2);
        sockets.sendChange(u"{}"_s, 2, 12);
    });

    // Acknowledged up to 10: a batch from 143 on finds 132 changes unacknowledged before it, the
    // limit of 100 and the step of acknowledgements (32); from 144 on, one more.
    QSignalSpy closed(m_client.get(), &QWebSocket::disconnected);
    onSockets([&](DeskConnections &sockets) {
        sockets.handingOver(batch.size());
        sockets.sendBatch(batch, 143);
    });
    QTRY_COMPARE(m_binary.size(), 2);
    QVERIFY(m_gone.isEmpty());
    onSockets([&](DeskConnections &sockets) {
        sockets.handingOver(batch.size());
        sockets.sendBatch(batch, 144);
    });
    QTRY_VERIFY(m_gone.contains(desk));
    QCOMPARE(m_gone.value(desk), u"fell behind (133 changes unacknowledged)"_s);
    QTRY_VERIFY(!closed.isEmpty());
    QCOMPARE(m_binary.size(), 2);
    QVERIFY(m_texts.isEmpty());
    QCOMPARE(m_sockets->bytesSent(), quint64(2 * batch.size()));
}

// The service handed over more than a desk's queue limit (1 MiB here) that this thread has not
// written yet: it is that far behind every desk.
void TestDeskConnections::aBacklogOverTheQueueLimitDropsEveryDesk()
{
    const quint64 desk = connectClient();
    QVERIFY(desk != 0);
    onSockets([&](DeskConnections &sockets) { sockets.attach(desk, u"boss"_s, ServiceUsers::Role::Viewer, true, 0); });
    const QByteArray batch = R"({"type":"changes","seq":1,"changes":[]})";
    QSignalSpy closed(m_client.get(), &QWebSocket::disconnected);
    constexpr qint64 limit = 1024 * 1024;
    onSockets([&](DeskConnections &sockets) {
        sockets.handingOver(limit - batch.size()); // handed over before, still waiting to be written
        sockets.handingOver(batch.size());
        sockets.sendBatch(batch, 1); // the backlog at the limit: written
    });
    QTRY_COMPARE(m_binary.size(), 1);
    QVERIFY(m_gone.isEmpty());
    onSockets([&](DeskConnections &sockets) {
        sockets.handingOver(batch.size());
        sockets.handingOver(batch.size());
        sockets.sendBatch(batch, 2); // one batch over it
    });
    QTRY_VERIFY(m_gone.contains(desk));
    QCOMPARE(m_gone.value(desk),
        u"fell behind (the service had %1 bytes of changes for the desks not written yet)"_s.arg(
            limit + batch.size()));
    QTRY_VERIFY(!closed.isEmpty());
    QCOMPARE(m_binary.size(), 1);
}

void TestDeskConnections::aRefusalIsSaidThenTheSocketCloses()
{
    const quint64 desk = connectClient();
    QVERIFY(desk != 0);
    QSignalSpy closed(m_client.get(), &QWebSocket::disconnected);
    onSockets([&](DeskConnections &sockets) {
        sockets.refuse(desk, uR"({"type":"refused","code":"auth"})"_s, u"wrong user or password"_s);
    });
    QTRY_VERIFY(!closed.isEmpty());
    QCOMPARE(m_texts, QStringList { uR"({"type":"refused","code":"auth"})"_s });
    QCOMPARE(m_client->closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
    QCOMPARE(m_client->closeReason(), u"wrong user or password"_s);
    QTRY_COMPARE(m_gone.value(desk), u"wrong user or password"_s);
    // A call about a desk that is gone does nothing.
    onSockets([&](DeskConnections &sockets) {
        sockets.sendText(desk, u"late"_s);
        sockets.refuse(desk, u"late"_s, u"late"_s);
    });
}

void TestDeskConnections::aDeskSendingFasterThanTheServiceDealsIsDropped()
{
    const quint64 desk = connectClient();
    QVERIFY(desk != 0);
    onSockets([&](DeskConnections &sockets) { sockets.attach(desk, u"boss"_s, ServiceUsers::Role::Viewer, true, 0); });
    // The service deals with the first ten; acknowledgements do not count.
    for (int i = 0; i < 10; ++i)
        m_client->sendTextMessage(uR"({"type":"request","id":%1,"action":"durations"})"_s.arg(i));
    QTRY_COMPARE(m_received.size(), 10);
    onSockets([&](DeskConnections &sockets) {
        for (int i = 0; i < 10; ++i)
            sockets.messageHandled(desk);
    });
    for (int i = 0; i < 200; ++i)
        m_client->sendTextMessage(uR"({"type":"ack","seq":%1})"_s.arg(i));
    // Then as many as it may wait for, and one more.
    QSignalSpy closed(m_client.get(), &QWebSocket::disconnected);
    for (int i = 0; i <= DeskConnections::s_maxUnhandledMessages; ++i)
        m_client->sendTextMessage(uR"({"type":"request","id":%1,"action":"durations"})"_s.arg(100 + i));
    QTRY_VERIFY(m_gone.contains(desk));
    QCOMPARE(m_gone.value(desk), u"sent %1 messages the service had not answered yet"_s.arg(
                                     DeskConnections::s_maxUnhandledMessages + 1));
    QCOMPARE(m_received.size(), 10 + DeskConnections::s_maxUnhandledMessages);
    QCOMPARE(m_sockets->acknowledgements(), 200u);
    QTRY_VERIFY(!closed.isEmpty());
}

void TestDeskConnections::pagesAreAskedForOnTheSocketsThread()
{
    QNetworkAccessManager network;
    const auto get = [&](const QString &path) {
        std::unique_ptr<QNetworkReply> reply(
            network.get(QNetworkRequest(QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_port).arg(path)))));
        if (!QTest::qWaitFor([&] { return reply->isFinished(); }, 10000))
            reply.reset();
        return reply;
    };
    const std::unique_ptr<QNetworkReply> health = get(u"/healthz"_s);
    QVERIFY(health);
    QCOMPARE(health->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 503);
    QCOMPARE(health->header(QNetworkRequest::ContentTypeHeader).toString(), u"text/plain; charset=utf-8"_s);
    QCOMPARE(health->readAll(), QByteArray("unavailable\n"));
    const std::unique_ptr<QNetworkReply> metrics = get(u"/metrics"_s);
    QVERIFY(metrics);
    QCOMPARE(metrics->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(metrics->readAll(), QByteArray("metric 1\n"));
    const std::unique_ptr<QNetworkReply> other = get(u"/other"_s);
    QVERIFY(other);
    QCOMPARE(other->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
    QCOMPARE(m_metricsAsked.load(), 1);
    QVERIFY(m_pagesOnSocketsThread.load());
}

QTEST_MAIN(TestDeskConnections)
#include "TestDeskConnections.moc"

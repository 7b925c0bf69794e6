#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QUrl>
#include <QUrlQuery>
#include <QWebSocketServer>

class QTcpSocket;
class QWebSocket;

// A stand-in for Asterisk's /ari/events socket on 127.0.0.1 (port chosen by the system).
// Every upgrade request is recorded (path, query, Authorization header) and counted, whatever
// the mode, and then:
//  - WebSocket: accepted by a real QWebSocketServer; sendText()/sendEvent() reach every client.
//  - Refuse: answered with an HTTP status and body (like Asterisk's 401 for a wrong password)
//    and closed, so the client sees a refused upgrade.
//  - Unresponsive: the upgrade is accepted (101) by hand and then nothing the client sends is
//    ever read or answered: a peer that is gone without closing the TCP connection. Frames can
//    still be pushed to it with sendText().
//  - Hangup: the connection is cut as soon as the request arrives (a server going down).
//  - Mute: the request is never answered (the client waits for the upgrade in vain).
class FakeEventServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeEventServer)

public:
    enum class Mode { WebSocket, Refuse, Unresponsive, Hangup, Mute };

    struct Upgrade
    {
        QString path;
        QUrlQuery query;
        QByteArray authorization; // raw header value, empty when absent
        qint64 atMs = 0; // when it arrived, ms since listen()
    };

    explicit FakeEventServer(QObject *parent = nullptr);
    ~FakeEventServer() override;

    bool listen();
    quint16 port() const;
    QUrl baseUrl() const; // http://127.0.0.1:<port>/ari

    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    // The answer in Refuse mode (default: Asterisk's 401 {"message":"Authentication required"}).
    void setRefusal(int status, const QByteArray &reasonPhrase, const QByteArray &contentType, const QByteArray &body);

    int connectionAttempts() const { return int(m_upgrades.size()); }
    const QList<Upgrade> &upgrades() const { return m_upgrades; }
    Upgrade lastUpgrade() const { return m_upgrades.isEmpty() ? Upgrade {} : m_upgrades.last(); }
    int clientCount() const; // clients currently connected (WebSocket and Unresponsive modes)

    // Text frames the clients sent (WebSocket mode), in arrival order.
    const QList<QByteArray> &receivedFrames() const { return m_receivedFrames; }
    void sendText(const QByteArray &frame); // to every connected client
    void sendEvent(const QJsonObject &event);
    // Several frames handed to the system together (on loopback: all in the client's receive
    // buffer before it next reads), so that the client reads them in one go.
    void sendTextsAtOnce(const QList<QByteArray> &frames);
    void dropClients(); // cut the TCP connections, no close handshake
    void closeClients(); // orderly WebSocket close (WebSocket mode clients)

Q_SIGNALS:
    void upgradeRequested(); // after the request is recorded
    void clientConnected();
    void clientDisconnected();
    void textReceived(const QByteArray &frame);

private:
    void onNewTcpConnection();
    void onRequestBytes(QTcpSocket *socket);
    void onNewWebSocket();
    void refuse(QTcpSocket *socket);
    void acceptSilently(QTcpSocket *socket, const QByteArray &request);
    static QByteArray rawTextFrame(const QByteArray &payload);

    QTcpServer m_tcpServer;
    QWebSocketServer m_webSocketServer;
    Mode m_mode = Mode::WebSocket;
    int m_refusalStatus = 401;
    QByteArray m_refusalReason = QByteArrayLiteral("Unauthorized");
    QByteArray m_refusalContentType = QByteArrayLiteral("application/json");
    QByteArray m_refusalBody = QByteArrayLiteral(R"({"message":"Authentication required"})");
    QList<Upgrade> m_upgrades;
    QList<QByteArray> m_receivedFrames;
    QList<QPointer<QWebSocket>> m_webSockets;
    QList<QPointer<QTcpSocket>> m_silentSockets;
    QElapsedTimer m_clock;
};

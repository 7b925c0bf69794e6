#include "FakeEventServer.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QWebSocket>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

constexpr QByteArrayView s_headerEnd = "\r\n\r\n";

// The request line and the headers of an HTTP request; header names in lower case.
struct HttpRequest
{
    QByteArray target;
    QList<std::pair<QByteArray, QByteArray>> headers;

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[key, value] : headers) {
            if (key == name)
                return value;
        }
        return {};
    }
};

HttpRequest parseRequest(const QByteArray &bytes)
{
    HttpRequest request;
    const QList<QByteArray> lines = bytes.left(bytes.indexOf(s_headerEnd)).split('\n');
    if (lines.isEmpty())
        return request;
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() >= 2)
        request.target = requestLine.at(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            request.headers.append({ line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed() });
    }
    return request;
}

} // namespace

FakeEventServer::FakeEventServer(QObject *parent)
    : QObject(parent)
    , m_tcpServer(this)
    , m_webSocketServer(u"fake-asterisk"_s, QWebSocketServer::NonSecureMode, this)
{
    connect(&m_tcpServer, &QTcpServer::newConnection, this, &FakeEventServer::onNewTcpConnection);
    connect(&m_webSocketServer, &QWebSocketServer::newConnection, this, &FakeEventServer::onNewWebSocket);
}

FakeEventServer::~FakeEventServer()
{
    disconnect(&m_tcpServer, nullptr, this, nullptr);
    disconnect(&m_webSocketServer, nullptr, this, nullptr);
    for (const QPointer<QWebSocket> &socket : std::as_const(m_webSockets)) {
        if (socket)
            disconnect(socket, nullptr, this, nullptr);
    }
    for (const QPointer<QTcpSocket> &socket : std::as_const(m_silentSockets)) {
        if (socket)
            disconnect(socket, nullptr, this, nullptr);
    }
}

bool FakeEventServer::listen()
{
    m_clock.start();
    return m_tcpServer.listen(QHostAddress::LocalHost, 0);
}

quint16 FakeEventServer::port() const
{
    return m_tcpServer.serverPort();
}

QUrl FakeEventServer::baseUrl() const
{
    return QUrl(u"http://127.0.0.1:%1/ari"_s.arg(port()));
}

void FakeEventServer::setMode(Mode mode)
{
    m_mode = mode;
}

void FakeEventServer::setRefusal(
    int status, const QByteArray &reasonPhrase, const QByteArray &contentType, const QByteArray &body)
{
    m_refusalStatus = status;
    m_refusalReason = reasonPhrase;
    m_refusalContentType = contentType;
    m_refusalBody = body;
}

int FakeEventServer::clientCount() const
{
    const auto open = [](const auto &socket) { return socket && socket->state() == QAbstractSocket::ConnectedState; };
    return int(std::count_if(m_webSockets.begin(), m_webSockets.end(), open)
        + std::count_if(m_silentSockets.begin(), m_silentSockets.end(), open));
}

void FakeEventServer::sendText(const QByteArray &frame)
{
    for (const QPointer<QWebSocket> &socket : std::as_const(m_webSockets)) {
        if (socket && socket->state() == QAbstractSocket::ConnectedState)
            socket->sendTextMessage(QString::fromUtf8(frame));
    }
    for (const QPointer<QTcpSocket> &socket : std::as_const(m_silentSockets)) {
        if (socket && socket->state() == QAbstractSocket::ConnectedState)
            socket->write(rawTextFrame(frame));
    }
}

void FakeEventServer::sendEvent(const QJsonObject &event)
{
    sendText(QJsonDocument(event).toJson(QJsonDocument::Compact));
}

void FakeEventServer::sendTextsAtOnce(const QList<QByteArray> &frames)
{
    for (const QPointer<QWebSocket> &socket : std::as_const(m_webSockets)) {
        if (!socket || socket->state() != QAbstractSocket::ConnectedState)
            continue;
        for (const QByteArray &frame : frames)
            socket->sendTextMessage(QString::fromUtf8(frame));
        socket->flush(); // written now, not piecemeal as the event loop comes round
    }
    QByteArray raw;
    for (const QByteArray &frame : frames)
        raw += rawTextFrame(frame);
    for (const QPointer<QTcpSocket> &socket : std::as_const(m_silentSockets)) {
        if (socket && socket->state() == QAbstractSocket::ConnectedState) {
            socket->write(raw);
            socket->flush();
        }
    }
}

void FakeEventServer::dropClients()
{
    for (const QPointer<QWebSocket> &socket : std::as_const(m_webSockets)) {
        if (socket)
            socket->abort();
    }
    for (const QPointer<QTcpSocket> &socket : std::as_const(m_silentSockets)) {
        if (socket)
            socket->abort();
    }
}

void FakeEventServer::closeClients()
{
    for (const QPointer<QWebSocket> &socket : std::as_const(m_webSockets)) {
        if (socket)
            socket->close(QWebSocketProtocol::CloseCodeGoingAway, u"server shutting down"_s);
    }
}

void FakeEventServer::onNewTcpConnection()
{
    while (QTcpSocket *socket = m_tcpServer.nextPendingConnection()) {
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onRequestBytes(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }
}

void FakeEventServer::onRequestBytes(QTcpSocket *socket)
{
    // Peek, not read: in WebSocket mode the request is handed unread to QWebSocketServer.
    const QByteArray bytes = socket->peek(socket->bytesAvailable());
    if (!bytes.contains(s_headerEnd))
        return;
    disconnect(socket, &QTcpSocket::readyRead, this, nullptr);

    const HttpRequest request = parseRequest(bytes);
    const QUrl target(QString::fromLatin1(request.target));
    Upgrade upgrade;
    upgrade.path = target.path();
    upgrade.query = QUrlQuery(target);
    upgrade.authorization = request.header("authorization");
    upgrade.atMs = m_clock.elapsed();
    m_upgrades.append(upgrade);
    Q_EMIT upgradeRequested();

    switch (m_mode) {
    case Mode::WebSocket:
        disconnect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        m_webSocketServer.handleConnection(socket); // takes ownership
        break;
    case Mode::Refuse:
        socket->readAll();
        refuse(socket);
        break;
    case Mode::Unresponsive:
        socket->readAll();
        acceptSilently(socket, request.header("sec-websocket-key"));
        break;
    case Mode::Hangup:
        socket->abort();
        break;
    case Mode::Mute:
        socket->readAll();
        break;
    }
}

void FakeEventServer::onNewWebSocket()
{
    while (QWebSocket *socket = m_webSocketServer.nextPendingConnection()) {
        socket->setParent(this);
        m_webSockets.append(socket);
        connect(socket, &QWebSocket::disconnected, this, [this, socket] {
            Q_EMIT clientDisconnected();
            socket->deleteLater();
        });
        connect(socket, &QWebSocket::textMessageReceived, this, [this](const QString &frame) {
            m_receivedFrames.append(frame.toUtf8());
            Q_EMIT textReceived(frame.toUtf8());
        });
        Q_EMIT clientConnected();
    }
}

void FakeEventServer::refuse(QTcpSocket *socket)
{
    QByteArray answer = "HTTP/1.1 " + QByteArray::number(m_refusalStatus) + ' ' + m_refusalReason + "\r\n";
    answer += "Server: Asterisk\r\n";
    if (m_refusalStatus == 401)
        answer += "WWW-Authenticate: Basic realm=\"Asterisk REST Interface\"\r\n";
    answer += "Content-Type: " + m_refusalContentType + "\r\n";
    answer += "Content-Length: " + QByteArray::number(m_refusalBody.size()) + "\r\n";
    answer += "Cache-Control: no-cache, no-store\r\n\r\n";
    answer += m_refusalBody;
    socket->write(answer);
    socket->disconnectFromHost();
}

void FakeEventServer::acceptSilently(QTcpSocket *socket, const QByteArray &key)
{
    const QByteArray accept
        = QCryptographicHash::hash(QByteArray(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"), QCryptographicHash::Sha1)
              .toBase64();
    socket->write("HTTP/1.1 101 Switching Protocols\r\n"
                  "Upgrade: websocket\r\n"
                  "Connection: Upgrade\r\n"
                  "Sec-WebSocket-Accept: "
        + accept + "\r\n\r\n");
    m_silentSockets.append(socket);
    connect(socket, &QTcpSocket::disconnected, this, &FakeEventServer::clientDisconnected);
    // Nothing is read from here on: pings pile up unanswered.
    Q_EMIT clientConnected();
}

QByteArray FakeEventServer::rawTextFrame(const QByteArray &payload)
{
    QByteArray frame;
    frame.append(char(0x81)); // FIN + text
    const qsizetype size = payload.size();
    if (size < 126) {
        frame.append(char(size));
    } else if (size <= 0xFFFF) {
        frame.append(char(126));
        frame.append(char((size >> 8) & 0xFF));
        frame.append(char(size & 0xFF));
    } else {
        frame.append(char(127));
        for (int shift = 56; shift >= 0; shift -= 8)
            frame.append(char((quint64(size) >> shift) & 0xFF));
    }
    frame.append(payload);
    return frame;
}

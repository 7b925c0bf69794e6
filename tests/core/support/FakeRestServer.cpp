#include "FakeRestServer.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>
#if QT_CONFIG(ssl)
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#endif

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype s_maxHeaderBytes = 64 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 422:
        return "Unprocessable Entity";
    case 500:
        return "Internal Server Error";
    default:
        return "Status";
    }
}

} // namespace

bool FakeRestServer::Request::hasHeader(const QByteArray &name) const
{
    const QByteArray wanted = name.toLower();
    for (const auto &[key, value] : headers) {
        if (key == wanted)
            return true;
    }
    return false;
}

QByteArray FakeRestServer::Request::header(const QByteArray &name) const
{
    const QByteArray wanted = name.toLower();
    for (const auto &[key, value] : headers) {
        if (key == wanted)
            return value;
    }
    return {};
}

QList<QPair<QString, QString>> FakeRestServer::Request::queryItems() const
{
    return QUrlQuery(QString::fromLatin1(query)).queryItems(QUrl::FullyDecoded);
}

QStringList FakeRestServer::Request::queryKeys() const
{
    QStringList keys;
    for (const auto &[key, value] : queryItems())
        keys.append(key);
    return keys;
}

QStringList FakeRestServer::Request::queryValues(const QString &key) const
{
    QStringList values;
    for (const auto &[itemKey, value] : queryItems()) {
        if (itemKey == key)
            values.append(value);
    }
    return values;
}

QString FakeRestServer::Request::queryValue(const QString &key) const
{
    const QStringList values = queryValues(key);
    return values.isEmpty() ? QString() : values.constFirst();
}

FakeRestServer::Response FakeRestServer::Response::json(int status, const QByteArray &body)
{
    Response response;
    response.status = status;
    response.body = body;
    return response;
}

FakeRestServer::Response FakeRestServer::Response::text(
    int status, const QByteArray &body, const QByteArray &contentType)
{
    Response response;
    response.status = status;
    response.body = body;
    response.contentType = contentType;
    return response;
}

FakeRestServer::Response FakeRestServer::Response::noContent()
{
    Response response;
    response.status = 204;
    response.contentType.clear();
    return response;
}

FakeRestServer::Response FakeRestServer::Response::hold()
{
    Response response;
    response.action = Action::Hold;
    return response;
}

FakeRestServer::Response FakeRestServer::Response::drop()
{
    Response response;
    response.action = Action::Drop;
    return response;
}

FakeRestServer::FakeRestServer(QObject *parent)
    : QObject(parent)
    , m_responder([](const Request &) { return Response::json(200, QByteArrayLiteral("{}")); })
{
}

FakeRestServer::~FakeRestServer()
{
    close();
}

bool FakeRestServer::startListening(QTcpServer *server)
{
    if (m_server)
        return false;
    m_server = server;
    // Emitted when a connection is ready to use (for TLS: once its handshake is done).
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, &FakeRestServer::onNewConnection);
    return m_server->listen(QHostAddress::LocalHost, 0);
}

bool FakeRestServer::listen()
{
    return startListening(new QTcpServer(this));
}

bool FakeRestServer::listenTls(const QSslCertificate &certificate, const QSslKey &key)
{
#if QT_CONFIG(ssl)
    auto *server = new QSslServer(this);
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(certificate);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    server->setSslConfiguration(configuration);
    m_tls = true;
    return startListening(server);
#else
    Q_UNUSED(certificate)
    Q_UNUSED(key)
    return false;
#endif
}

quint16 FakeRestServer::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

QUrl FakeRestServer::baseUrl() const
{
    return QUrl((m_tls ? u"https://127.0.0.1:%1/ari"_s : u"http://127.0.0.1:%1/ari"_s).arg(port()));
}

void FakeRestServer::close()
{
    if (m_server)
        m_server->close();
    const QList<QTcpSocket *> sockets = m_connections.keys();
    for (QTcpSocket *socket : sockets) {
        disconnect(socket, nullptr, this, nullptr);
        socket->abort();
        socket->deleteLater();
    }
    m_connections.clear();
    m_held.clear();
    m_inFlight = 0;
}

void FakeRestServer::setResponder(Responder responder)
{
    m_responder = std::move(responder);
}

int FakeRestServer::heldCount() const
{
    int count = 0;
    for (const Held &held : m_held) {
        if (held.socket)
            ++count;
    }
    return count;
}

bool FakeRestServer::releaseHeld(const Response &response)
{
    while (!m_held.isEmpty()) {
        const Held held = m_held.takeFirst();
        if (!held.socket || !m_connections.contains(held.socket))
            continue;
        const Connection &connection = m_connections.value(held.socket);
        if (!connection.busy || connection.current.index != held.requestIndex)
            continue;
        Response answer = response;
        answer.delayMs = 0;
        if (answer.action == Response::Action::Hold)
            answer.action = Response::Action::Reply;
        dispatch(held.socket, answer);
        return true;
    }
    return false;
}

void FakeRestServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        Connection connection;
        connection.id = m_connectionCount++;
        m_connections.insert(socket, connection);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] { onDisconnected(socket); });
        if (socket->bytesAvailable() > 0)
            onReadyRead(socket);
    }
}

void FakeRestServer::onReadyRead(QTcpSocket *socket)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    it->buffer += socket->readAll();
    processBuffer(socket);
}

void FakeRestServer::onDisconnected(QTcpSocket *socket)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    if (it->busy) {
        --m_inFlight;
        const Request abandoned = it->current;
        m_connections.erase(it);
        Q_EMIT requestAbandoned(abandoned);
    } else {
        m_connections.erase(it);
    }
    socket->deleteLater();
}

void FakeRestServer::processBuffer(QTcpSocket *socket)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end() || it->busy)
        return;

    const qsizetype headerEnd = it->buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
        if (it->buffer.size() > s_maxHeaderBytes)
            socket->abort();
        return;
    }
    const QList<QByteArray> lines = it->buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3) {
        socket->abort();
        return;
    }

    Request request;
    request.method = requestLine.at(0);
    request.target = requestLine.at(1);
    const qsizetype question = request.target.indexOf('?');
    request.path = question < 0 ? request.target : request.target.left(question);
    request.query = question < 0 ? QByteArray() : request.target.mid(question + 1);
    qsizetype contentLength = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        const QByteArray name = line.left(colon).trimmed().toLower();
        const QByteArray value = line.mid(colon + 1).trimmed();
        request.headers.append({ name, value });
        if (name == "content-length")
            contentLength = value.toLongLong();
    }
    const qsizetype bodyStart = headerEnd + 4;
    if (it->buffer.size() - bodyStart < contentLength)
        return; // the rest of the body is still on its way
    request.body = it->buffer.mid(bodyStart, contentLength);
    it->buffer.remove(0, bodyStart + contentLength);

    request.index = m_nextRequestIndex++;
    request.connection = it->id;
    it->busy = true;
    it->current = request;
    m_requests.append(request);
    ++m_inFlight;
    m_maxInFlight = std::max(m_maxInFlight, m_inFlight);
    Q_EMIT requestReceived(request);

    // The signal's receivers may have closed the server.
    if (!m_connections.contains(socket))
        return;
    dispatch(socket, m_responder(request));
}

void FakeRestServer::dispatch(QTcpSocket *socket, const Response &response)
{
    const auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    switch (response.action) {
    case Response::Action::Hold:
        m_held.append({ socket, it->current.index });
        return;
    case Response::Action::Drop: {
        const Request dropped = it->current;
        it->busy = false;
        --m_inFlight;
        m_connections.erase(it);
        disconnect(socket, nullptr, this, nullptr);
        socket->abort();
        socket->deleteLater();
        Q_EMIT requestAbandoned(dropped);
        return;
    }
    case Response::Action::Reply:
        break;
    }
    if (response.delayMs <= 0) {
        writeResponse(socket, response);
        return;
    }
    const int index = it->current.index;
    QPointer<QTcpSocket> guard(socket);
    QTimer::singleShot(response.delayMs, this, [this, guard, index, response] {
        if (!guard)
            return;
        const auto connection = m_connections.constFind(guard.data());
        if (connection == m_connections.cend() || !connection->busy || connection->current.index != index)
            return;
        writeResponse(guard.data(), response);
    });
}

void FakeRestServer::writeResponse(QTcpSocket *socket, const Response &response)
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    if (!response.contentType.isEmpty())
        head += "Content-Type: " + response.contentType + "\r\n";
    head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    for (const auto &[name, value] : response.headers)
        head += name + ": " + value + "\r\n";
    head += "Cache-Control: no-cache, no-store\r\nServer: FakeRestServer\r\n";
    head += "Connection: keep-alive\r\n\r\n";
    socket->write(head + response.body);

    const auto it = m_connections.find(socket);
    if (it == m_connections.end())
        return;
    const Request answered = it->current;
    it->busy = false;
    it->current = {};
    --m_inFlight;
    Q_EMIT responseSent(answered, response.status);
    finishRequest(socket);
}

void FakeRestServer::finishRequest(QTcpSocket *socket)
{
    // A request that came in behind the one just answered is served now.
    onReadyRead(socket);
}

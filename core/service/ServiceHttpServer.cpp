#include "core/service/ServiceHttpServer.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QPointer>
#include <QTcpSocket>

ServiceHttpServer::ServiceHttpServer(QObject *parent)
    : QAbstractHttpServer(parent)
{
}

ServiceHttpServer::~ServiceHttpServer() = default;

bool ServiceHttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    if (request.value(QByteArrayLiteral("upgrade")).compare("websocket", Qt::CaseInsensitive) == 0) {
        // Changes are small frames sent as they happen (a batch at most every few milliseconds):
        // Nagle's algorithm would hold one back until the desk acknowledged the one before, up to
        // its delayed acknowledgement (40 ms on Linux). QWebSocket turns it off on the sockets it
        // opens (the desk's end), not on those a server hands it.
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        return true; // the desk's socket: newWebSocketConnection()
    }
    const QString path = request.url().path();
    if (!m_pages || request.method() != QHttpServerRequest::Method::Get
        || (path != QLatin1StringView("/metrics") && path != QLatin1StringView("/healthz")))
        return false;
    // QHttpServerResponder refers to the request, which ends with this call: the answer that comes
    // later is written here. A connection closed meanwhile gets nothing.
    m_pages(path, [socket = QPointer<QTcpSocket>(socket)](const Page &page) {
        if (socket && socket->state() == QAbstractSocket::ConnectedState)
            socket->write(response(page));
    });
    return true;
}

QByteArray ServiceHttpServer::response(const Page &page)
{
    const QByteArray reason = page.status == 200 ? QByteArrayLiteral("OK")
        : page.status == 404                     ? QByteArrayLiteral("Not Found")
        : page.status == 503                     ? QByteArrayLiteral("Service Unavailable")
                                                 : QByteArrayLiteral("Status");
    QByteArray bytes;
    bytes.reserve(page.body.size() + page.contentType.size() + 96);
    bytes.append("HTTP/1.1 ")
        .append(QByteArray::number(page.status))
        .append(' ')
        .append(reason)
        .append("\r\nContent-Type: ")
        .append(page.contentType)
        .append("\r\nContent-Length: ")
        .append(QByteArray::number(page.body.size()))
        .append("\r\n\r\n")
        .append(page.body);
    return bytes;
}

void ServiceHttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    responder.write(
        QByteArrayLiteral("not found\n"), QByteArrayLiteral("text/plain"), QHttpServerResponder::StatusCode::NotFound);
}

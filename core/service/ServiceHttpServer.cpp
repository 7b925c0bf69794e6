#include "core/service/ServiceHttpServer.h"

#include <QHttpServerRequest>
#include <QHttpServerResponder>
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
    PageSource source;
    if (request.method() == QHttpServerRequest::Method::Get && path == QLatin1StringView("/metrics"))
        source = m_metrics;
    else if (request.method() == QHttpServerRequest::Method::Get && path == QLatin1StringView("/healthz"))
        source = m_health;
    if (!source)
        return false;
    const Page page = source();
    QHttpServerResponder responder = makeResponder(request, socket);
    responder.write(page.body, page.contentType, static_cast<QHttpServerResponder::StatusCode>(page.status));
    return true;
}

void ServiceHttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    QHttpServerResponder responder = makeResponder(request, socket);
    responder.write(
        QByteArrayLiteral("not found\n"), QByteArrayLiteral("text/plain"), QHttpServerResponder::StatusCode::NotFound);
}

#include "sim/http/SimHttpServer.h"

#include <QHttpServerRequest>
#include <QPointer>
#include <QTcpSocket>

#include "sim/engine/SimFaultPlan.h"
#include "sim/engine/SimLogging.h"
#include "sim/engine/SimTimer.h"

using namespace Qt::StringLiterals;

SimHttpServer::SimHttpServer(QObject *parent)
    : QAbstractHttpServer(parent)
{
}

void SimHttpServer::setRequestHandler(RequestHandler handler)
{
    m_handler = std::move(handler);
}

void SimHttpServer::setUpgradeCheck(UpgradeCheck check)
{
    m_upgradeCheck = std::move(check);
}

void SimHttpServer::writeResponse(QTcpSocket *socket, const SimHttpResponse &response, bool headOnly,
                                  bool closeConnection)
{
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    socket->write(response.serialize(headOnly, closeConnection));
    if (closeConnection)
        socket->disconnectFromHost();
}

bool SimHttpServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    const SimHttpRequest simRequest = SimHttpRequest::fromQt(request);
    const bool upgrade = request.value(QByteArrayLiteral("upgrade")).compare("websocket", Qt::CaseInsensitive) == 0;
    if (upgrade) {
        std::optional<SimHttpResponse> refusal;
        if (m_upgradeCheck)
            refusal = m_upgradeCheck(simRequest);
        else
            refusal = SimHttpResponse::error(404, u"Resource not found"_s);
        if (!refusal) {
            // Events and answers are small frames written as they happen: Nagle's algorithm would
            // hold one back until the client acknowledged the one before, up to its delayed
            // acknowledgement (40 ms on Linux). QWebSocket turns it off on the sockets it opens
            // (the client's end), not on those a server hands it.
            socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            return true; // Qt takes the connection over and emits newWebSocketConnection()
        }
        qCInfo(lcSim) << "refused WebSocket handshake for" << simRequest.path() << "with"
                      << refusal->status();
        m_refusals.insert(socket, *refusal);
        connect(socket, &QObject::destroyed, this, [this, socket] { m_refusals.remove(socket); });
        return false; // → missingHandler() writes the refusal
    }

    const bool close = request.value(QByteArrayLiteral("connection")).compare("close", Qt::CaseInsensitive) == 0;
    if (m_faults && simRequest.segments().value(0) == u"ari"_s) {
        const SimFaultPlan::RequestVerdict verdict = m_faults->takeRequestFault();
        switch (verdict.fault) {
        case SimFaultPlan::RequestFault::None:
            break;
        case SimFaultPlan::RequestFault::ServerError:
            qCInfo(lcSim) << "fault: answering" << simRequest.method() << simRequest.path() << "with 500";
            writeResponse(
                socket, SimHttpResponse::error(500, u"Internal Server Error"_s), simRequest.method() == "HEAD", close);
            return true;
        case SimFaultPlan::RequestFault::NoAnswer:
            qCInfo(lcSim) << "fault: leaving" << simRequest.method() << simRequest.path() << "unanswered";
            return true;
        case SimFaultPlan::RequestFault::Delay: {
            qCInfo(lcSim) << "fault: handling" << simRequest.method() << simRequest.path() << "after" << verdict.delayMs
                          << "simulated ms";
            const QPointer<QTcpSocket> target(socket);
            SimTimer::singleShot(m_faults->clock(), verdict.delayMs, this, [this, simRequest, target, close] {
                if (target)
                    respond(simRequest, target, close);
            });
            return true;
        }
        }
    }
    respond(simRequest, socket, close);
    return true;
}

void SimHttpServer::respond(const SimHttpRequest &request, QTcpSocket *socket, bool closeConnection)
{
    const SimHttpResponse response
        = m_handler ? m_handler(request) : SimHttpResponse::error(404, u"Resource not found"_s);
    writeResponse(socket, response, request.method() == "HEAD", closeConnection);
}

void SimHttpServer::missingHandler(const QHttpServerRequest &request, QTcpSocket *socket)
{
    Q_UNUSED(request);
    const auto it = m_refusals.find(socket);
    if (it != m_refusals.end()) {
        const SimHttpResponse refusal = it.value();
        m_refusals.erase(it);
        writeResponse(socket, refusal, false, true);
        return;
    }
    writeResponse(socket, SimHttpResponse::html(404, QByteArrayLiteral("Not Found"),
                                                u"The requested URL was not found on this server."_s),
                  false, true);
}

#pragma once

#include <QAbstractHttpServer>
#include <QHash>
#include <QPointer>

#include <functional>
#include <optional>

#include "sim/http/SimHttpRequest.h"
#include "sim/http/SimHttpResponse.h"

class QTcpSocket;
class SimFaultPlan;

// The HTTP side of the simulator on top of Qt HTTP Server's low-level QAbstractHttpServer: every
// request is turned into a SimHttpRequest and answered with the SimHttpResponse the request
// handler returns, written byte for byte (Asterisk's headers and reason phrases).
//
// WebSocket upgrades: Qt 6.4 upgrades a connection only when handleRequest() accepts the
// handshake request without writing anything. The upgrade check decides first (credentials,
// path, parameters); a refused handshake is answered with the check's response (401, 400 ...)
// from missingHandler(), as Asterisk refuses it before upgrading.
//
// Faults: with a SimFaultPlan set, every request under /ari (not the upgrade, not /sim) asks it
// first and may be answered 500, never answered, or handled after a delay.
class SimHttpServer final : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimHttpServer)

public:
    using RequestHandler = std::function<SimHttpResponse(const SimHttpRequest &)>;
    // std::nullopt accepts the upgrade; a response refuses it.
    using UpgradeCheck = std::function<std::optional<SimHttpResponse>(const SimHttpRequest &)>;

    explicit SimHttpServer(QObject *parent = nullptr);

    void setRequestHandler(RequestHandler handler);
    void setUpgradeCheck(UpgradeCheck check);
    void setFaultPlan(SimFaultPlan *faults) { m_faults = faults; }

    static void writeResponse(QTcpSocket *socket, const SimHttpResponse &response, bool headOnly,
                              bool closeConnection);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    void respond(const SimHttpRequest &request, QTcpSocket *socket, bool closeConnection);

    RequestHandler m_handler;
    SimFaultPlan *m_faults = nullptr;
    UpgradeCheck m_upgradeCheck;
    QHash<QTcpSocket *, SimHttpResponse> m_refusals;
};

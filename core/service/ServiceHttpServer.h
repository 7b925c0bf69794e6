#pragma once

#include <QAbstractHttpServer>
#include <QByteArray>

#include <functional>

// The supervisor service's one listener (SPEC SV-2, OP-5): WebSocket upgrades (any path) become
// desks (newWebSocketConnection()); GET /metrics and GET /healthz are answered by the callbacks;
// everything else is 404.
class ServiceHttpServer final : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServiceHttpServer)

public:
    struct Page
    {
        int status = 200;
        QByteArray contentType;
        QByteArray body;
    };
    using PageSource = std::function<Page()>;

    explicit ServiceHttpServer(QObject *parent = nullptr);
    ~ServiceHttpServer() override;

    void setMetrics(PageSource source) { m_metrics = std::move(source); }
    void setHealth(PageSource source) { m_health = std::move(source); }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    PageSource m_metrics;
    PageSource m_health;
};

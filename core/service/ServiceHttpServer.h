#pragma once

#include <QAbstractHttpServer>
#include <QByteArray>
#include <QString>

#include <functional>

// The supervisor service's one listener (SPEC SV-2, OP-5): WebSocket upgrades (any path) become
// desks (newWebSocketConnection()); GET /metrics and GET /healthz are answered by the page source;
// everything else is 404.
//
// The listener runs on the desks' thread and the pages are made on the service's, so a page is
// answered later, when it comes back: the source gets a reply to call on this object's thread.
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
    // Sends the page, unless its connection closed meanwhile.
    using Reply = std::function<void(const Page &page)>;
    // Makes the page of `path` (/metrics or /healthz) and calls `reply` with it, on this object's thread.
    using PageSource = std::function<void(const QString &path, Reply reply)>;

    explicit ServiceHttpServer(QObject *parent = nullptr);
    ~ServiceHttpServer() override;

    void setPages(PageSource source) { m_pages = std::move(source); }

    // A page as HTTP/1.1 puts it on the wire: status line, Content-Type, Content-Length, body.
    static QByteArray response(const Page &page);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    PageSource m_pages;
};

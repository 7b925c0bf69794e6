#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QStringList>
#include <QUrl>

#include <functional>

class QSslCertificate;
class QSslKey;
class QTcpServer;
class QTcpSocket;

// A small HTTP/1.1 server on 127.0.0.1 (port chosen by the system) for REST client tests. It
// records every request exactly as it arrived (method, raw target with its percent-encoding,
// headers, body) and answers as the test tells it: a status with a body and content type, after
// a delay, or never (held until the test releases it), or by dropping the connection.
// Requests on one connection are answered one at a time, in order (keep-alive is supported).
class FakeRestServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FakeRestServer)

public:
    struct Request
    {
        int index = -1; // order of arrival, from 0
        int connection = -1; // the TCP connection that carried it, from 0
        QByteArray method;
        QByteArray target; // as sent: "/ari/recordings/stored/voicemail%2F305%2F1?x=y"
        QByteArray path; // the target before '?', still percent-encoded
        QByteArray query; // the target after '?', still percent-encoded
        QList<QPair<QByteArray, QByteArray>> headers; // names in lower case
        QByteArray body;

        bool hasHeader(const QByteArray &name) const;
        QByteArray header(const QByteArray &name) const; // name in any case
        QList<QPair<QString, QString>> queryItems() const; // decoded, in order, repeats kept
        QStringList queryKeys() const;
        QStringList queryValues(const QString &key) const;
        QString queryValue(const QString &key) const; // the first one; null when absent
    };

    struct Response
    {
        enum class Action { Reply, Hold, Drop };

        Action action = Action::Reply;
        int status = 200;
        QByteArray body;
        QByteArray contentType = QByteArrayLiteral("application/json");
        QList<QPair<QByteArray, QByteArray>> headers; // extra response headers
        int delayMs = 0; // Reply only: answer after this long (a timer, the event loop keeps running)

        static Response json(int status, const QByteArray &body);
        static Response text(int status, const QByteArray &body, const QByteArray &contentType);
        static Response noContent(); // 204
        static Response hold(); // never answered unless released
        static Response drop(); // the connection is closed without an answer
    };

    using Responder = std::function<Response(const Request &)>;

    explicit FakeRestServer(QObject *parent = nullptr);
    ~FakeRestServer() override;

    bool listen(); // 127.0.0.1, port 0
    // The same over TLS with the given certificate (https); false when TLS is not available.
    bool listenTls(const QSslCertificate &certificate, const QSslKey &key);
    quint16 port() const;
    QUrl baseUrl() const; // http(s)://127.0.0.1:<port>/ari
    void close(); // stops listening and closes every connection

    // Decides the answer of every request; the default answers 200 "{}".
    void setResponder(Responder responder);

    const QList<Request> &requests() const { return m_requests; }
    void clearRequests() { m_requests.clear(); }

    int heldCount() const;
    // Answers the oldest held request that is still connected; false when there is none.
    bool releaseHeld(const Response &response);

    int inFlight() const { return m_inFlight; } // received, neither answered nor dropped
    int maxInFlight() const { return m_maxInFlight; } // the most at any moment
    int connectionCount() const { return m_connectionCount; }

Q_SIGNALS:
    void requestReceived(const FakeRestServer::Request &request);
    void responseSent(const FakeRestServer::Request &request, int status);
    void requestAbandoned(const FakeRestServer::Request &request); // dropped, or the client went away

private:
    struct Connection
    {
        int id = -1;
        QByteArray buffer;
        bool busy = false; // `current` waits for its answer
        Request current;
    };
    struct Held
    {
        QPointer<QTcpSocket> socket;
        int requestIndex = -1;
    };

    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void onDisconnected(QTcpSocket *socket);
    void processBuffer(QTcpSocket *socket);
    void dispatch(QTcpSocket *socket, const Response &response);
    void writeResponse(QTcpSocket *socket, const Response &response);
    void finishRequest(QTcpSocket *socket);

    bool startListening(QTcpServer *server);

    QTcpServer *m_server = nullptr; // child, made by listen() or listenTls()
    bool m_tls = false;
    Responder m_responder;
    QHash<QTcpSocket *, Connection> m_connections;
    QList<Request> m_requests;
    QList<Held> m_held;
    int m_nextRequestIndex = 0;
    int m_connectionCount = 0;
    int m_inFlight = 0;
    int m_maxInFlight = 0;
};

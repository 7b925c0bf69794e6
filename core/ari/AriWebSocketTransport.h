#pragma once

#include "core/ari/AriEventStream.h"
#include "core/ari/AriRestTransport.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QPointer>
#include <QTimer>

#include <map>

// REST on the event WebSocket (SPEC CN-1; Asterisk 22.4+, 21.9+, 20.14+): each request goes as a
// RESTRequest frame on the stream's socket and its RESTResponse comes back in the same ordered
// stream as the events. The uri is relative to /ari/ (no leading slash), the query goes in
// query_strings and a JSON body as the string message_body. request_id is the client's serial
// and transaction_id names this transport and the socket connection, so an answer is matched to
// exactly one request.
//
// A request sent while the socket is connecting (or reconnecting) waits for it, within its
// timeout, and leaves once it is up.
// Failures, mapped like HTTP's: the socket is closed or failed when a request is sent, or drops
// before its answer → NetworkError (every request on the wire fails at once, in the order sent); no
// answer within the endpoint's requestTimeoutMs → Timeout (a late answer is then ignored); an
// answer body over maxBodyBytes → NetworkError, body dropped.
class AriWebSocketTransport final : public AriRestTransport
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AriWebSocketTransport)

public:
    explicit AriWebSocketTransport(AriEventStream *stream, QObject *parent = nullptr);
    ~AriWebSocketTransport() override;

    // Whether an Asterisk of this version ("22.10.1", "21.9.0", "certified-20.7-cert1" …) takes
    // REST requests on its event socket.
    static bool serverSupports(const QString &asteriskVersion);

    bool isConnected() const;
    QString name() const override;
    void send(quint64 serial, const AriRequest &request, const AriEndpoint &endpoint) override;
    void abandonAll() override;
    int inFlightCount() const override;

    // The frame a request is sent as: JSON text (exposed for tests).
    static QByteArray requestFrame(const AriRequest &request, const QString &transactionId, const QString &requestId);

private:
    struct Pending
    {
        AriRequest request;
        bool sent = false; // on the wire (else waiting for the socket to come up)
        bool binary = false;
        int timeoutMs = 0;
        qint64 maxBodyBytes = 0;
        qint64 deadlineMs = 0; // on m_clock; 0 = no timeout
    };

    void onResponse(const AriEvent &frame);
    void onStreamStateChanged(AriEventStream::State state);
    void onDeadline();
    void armDeadlineTimer();
    void failLater(quint64 serial, const AriResult &result);
    void failAll(const QString &reason);
    bool sendFrame(quint64 serial, const AriRequest &request);

    QPointer<AriEventStream> m_stream;
    std::map<quint64, Pending> m_pending;
    std::multimap<qint64, quint64> m_deadlines; // deadline → serial (entries of answered requests are skipped)
    QTimer m_deadlineTimer;
    QElapsedTimer m_clock;
    quint64 m_instance = 0; // transaction_id = "<instance>-<connection>": answers to another
    quint64 m_connection = 0; // client on the same socket, or to an earlier connection, match nothing
    QString m_transactionId;
};

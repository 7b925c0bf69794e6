#pragma once

#include "core/ari/AriEndpoint.h"
#include "core/ari/AriRequest.h"
#include "core/ari/AriResult.h"
#include "core/ari/AriTlsPolicy.h"

#include <QHash>
#include <QLoggingCategory>
#include <QObject>
#include <QQueue>

#include <map>
#include <memory>

class AriEventStream;
class AriHttpTransport;
class AriRequestLatency;
class AriReply;
class AriRestTransport;
class AriWebSocketTransport;

Q_DECLARE_LOGGING_CATEGORY(lcAriRest)

// Sends AriRequests to one Asterisk. Every call yields an AriReply whose finished(AriResult)
// reports success or a typed error (SPEC AR-2); nothing fails silently.
//
// Transports (SPEC CN-1): HTTP (AriHttpTransport) always; on the event WebSocket
// (AriWebSocketTransport) once useEventStream() names the stream. The endpoint's restTransport
// chooses, per request at the moment it leaves its lane: `http` → HTTP; `websocket` → the socket
// (a request sent while it is down fails with NetworkError); `auto` → the socket when the server
// is known to take requests there (setSocketRestSupported, from its version) and the socket is
// connected, else HTTP. A binary download (a stored recording's file) always goes over HTTP.
// Results and errors are the same whichever transport carried the call.
//
// Ordering: requests sent with the same non-empty `orderingKey` (a call's id) reach the server
// one after the other, in the order sent: the next leaves when the previous one has been answered
// (and its reply's finished() handlers have run; a request sent from such a handler with the same
// key lines up behind those already waiting).
// Requests with different keys (or none) run concurrently, so one slow call holds up no other.
//
// Mapping: 2xx → Ok (JSON parsed; an empty body, e.g. 204, gives a null json(); a binary request
// keeps the raw bytes); a 2xx that is not JSON → MalformedBody; 4xx/5xx (and an unfollowed 3xx) →
// HttpError with ARI's "message" (or "error", or a short text of a non-JSON body); no answer within
// the endpoint's requestTimeoutMs → Timeout; a server certificate refused (AriTlsPolicy: system CAs
// plus the endpoint's caFile, or no check with verifyPeer off) → NetworkError naming the reasons;
// anything else (refused, socket dropped, body over the endpoint's maxBodyBytes) → NetworkError
// with its reason.
// Credentials go in an Authorization header (or api_key) and never into a log line.
// Replies still pending when the client is destroyed are deleted with it without finishing.
class AriRestClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AriRestClient)

public:
    explicit AriRestClient(const AriEndpoint &endpoint, QObject *parent = nullptr);
    ~AriRestClient() override;

    const AriEndpoint &endpoint() const { return m_endpoint; }
    // Applies to requests started from now on; those already sent keep their settings.
    void setEndpoint(const AriEndpoint &endpoint);

    AriReply *send(const AriRequest &request, const QString &orderingKey = {});

    // Lets requests travel on `stream`'s socket (it must outlive this client or be its sibling).
    void useEventStream(AriEventStream *stream);
    // Whether the server takes REST requests on its event socket (decided from its version).
    void setSocketRestSupported(bool supported);
    bool isSocketRestSupported() const { return m_socketRestSupported; }
    // Whether a (non-binary) request sent now would go on the event socket.
    bool usesEventSocket() const;

    // Records how long each request took on the wire, by transport, from now on (`latency` must
    // outlive this client; nullptr: nothing is recorded).
    void setLatency(AriRequestLatency *latency) { m_latency = latency; }

    // Requests sent and not yet answered (all keys).
    int pendingCount() const;
    // Requests waiting behind another one of the same ordering key (not yet on the wire).
    int queuedCount() const;

Q_SIGNALS:
    // Every failed call, for the event log (after the reply's own finished()).
    void requestFailed(const AriRequest &request, const AriResult &result);
    // Every request at the moment it is handed to the network (after any wait in its ordering
    // lane): the playback tracker follows play and control requests through it.
    void requestSent(const AriRequest &request);

private:
    struct Pending;
    void start(quint64 serial);
    AriRestTransport *transportFor(const AriRequest &request) const;
    void onTransportFinished(quint64 serial, const AriResult &result);
    void complete(quint64 serial, const AriResult &result);

    AriEndpoint m_endpoint;
    AriHttpTransport *m_http = nullptr; // child
    AriWebSocketTransport *m_socket = nullptr; // child, once useEventStream() was called
    bool m_socketRestSupported = false;
    AriRequestLatency *m_latency = nullptr; // not owned
    std::map<quint64, std::unique_ptr<Pending>> m_pending; // every request not yet answered
    QHash<QString, QQueue<quint64>> m_lanes; // ordering key → its requests, the head one in flight
    quint64 m_nextSerial = 0;
    int m_inFlight = 0;
};

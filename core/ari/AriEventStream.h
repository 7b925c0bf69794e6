#pragma once

#include "core/ari/AriEndpoint.h"
#include "core/ari/AriEvent.h"
#include "core/ari/AriTlsPolicy.h"

#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QObject>
#include <QTimer>
#include <QWebSocket>

#include <chrono>
#include <random>

Q_DECLARE_LOGGING_CATEGORY(lcAriEvents)

// The ARI event WebSocket (SPEC AR-3, AR-5, AR-9): one socket to /ari/events for the endpoint's
// applications. Every text frame is parsed and emitted as eventReceived() at once (the socket is
// drained as fast as it is read, AR-7). Reconnects with capped exponential backoff and jitter;
// after a successful reconnect emits resynced() so owners re-read their state. A 401 on the
// upgrade means bad credentials: state Failed, no hot loop (it retries at the maximum backoff).
// ApplicationReplaced is reported (applicationReplaced()) and not fought: the stream stops and
// goes to Failed with a reason naming the application.
//
// States: open() → Connecting → Connected. A connection lost (server gone, socket dropped, no
// answer to the heartbeat ping) → Reconnecting, retried after nextRetryDelay(), growing from
// Backoff::initial to Backoff::maximum; the delay starts again from `initial` after a successful
// connect. An upgrade the server refuses with 4xx (401 bad credentials, 400 no application, ...)
// → Failed with lastError() naming the status; it is retried quietly at the maximum delay
// (the state stays Failed until a retry succeeds). A server certificate refused by the TLS
// policy (AriTlsPolicy: insecure_tls, ca_file) is Failed the same way, lastError() giving the
// reasons; an upgrade answered 404 says which URLs to try. ApplicationReplaced and an invalid
// configuration → Failed, never retried. close() → Disconnected, never retried. open() after
// Failed or Disconnected starts again at once.
// resynced() is emitted when the stream is connected again after having been connected before
// in the same open() (events may have been missed in between); not on the first connect.
// Heartbeat: a ping every interval; a ping still unanswered when the next one is due means the
// peer is gone (detected within two intervals) → Reconnecting. lastError() describes the current
// failure and is cleared once connected; errorOccurred() reports every failure as it happens.
// Lives on the thread of its owner (the core thread in GUI mode); not thread-safe.
class AriEventStream final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AriEventStream)

public:
    enum class State { Disconnected, Connecting, Connected, Reconnecting, Failed };
    Q_ENUM(State)

    struct Backoff
    {
        std::chrono::milliseconds initial { 500 };
        std::chrono::milliseconds maximum { 30000 };
        double jitter = 0.2; // ± fraction of the delay
    };

    explicit AriEventStream(const AriEndpoint &endpoint, QObject *parent = nullptr);
    ~AriEventStream() override;

    void setBackoff(const Backoff &backoff);
    void setHeartbeatInterval(std::chrono::milliseconds interval); // ping; 0 disables
    void setRandomSeed(quint32 seed);
    void setConnectTimeout(std::chrono::milliseconds timeout); // upgrade answer; 0 disables

    State state() const { return m_state; }
    QString lastError() const { return m_lastError; }
    std::chrono::milliseconds nextRetryDelay() const; // the delay of the pending reconnect
    int reconnectAttempts() const; // failed attempts since the last successful connect
    int lastHttpStatus() const; // status of the last refused upgrade (401, 400, ...), else 0
    const AriEndpoint &endpoint() const { return m_endpoint; }

    // Sends one text frame on the connected socket (REST on the event socket, SPEC CN-1); false
    // when the socket is not connected. A frame sent while a read of frames is being handled
    // leaves once it has waited 1 ms (checked after each frame), else when the event loop runs.
    bool sendText(const QByteArray &frame);
    // Bytes of sent frames the socket has not handed to the system yet (exposed for tests).
    qint64 unwrittenBytes() const { return m_socket.bytesToWrite(); }

public Q_SLOTS:
    void open();
    void close(); // a user's close: no reconnect

Q_SIGNALS:
    void stateChanged(AriEventStream::State state);
    void eventReceived(const AriEvent &event);
    // The answer to a request sent with sendText(), in its place in the stream (not an event).
    void restResponseReceived(const AriEvent &response);
    void malformedFrame(const QByteArray &frame, const QString &error); // logged, never fatal
    void resynced(); // connected again after a drop
    void applicationReplaced(const QString &application);
    void errorOccurred(const QString &message); // every failure, human-readable
    void reconnectScheduled(std::chrono::milliseconds delay);
    void heartbeatAnswered(std::chrono::milliseconds roundTrip); // a pong to our ping

private:
    void startAttempt();
    void onSocketConnected();
    void onSocketStateChanged(QAbstractSocket::SocketState socketState);
    void onSocketError(QAbstractSocket::SocketError error);
#if QT_CONFIG(ssl)
    void onSslErrors(const QList<QSslError> &errors);
#endif
    void certificateRefused();
    void onTextMessage(const QString &message);
    void onBinaryMessage(const QByteArray &message);
    void onPong(quint64 elapsedMs);
    void onHeartbeat();
    void onConnectTimeout();
    void handleFrame(const QByteArray &frame);
    void handleFrameAndFlush(const QByteArray &frame);
    void handleApplicationReplaced(const QString &application);
    void dropConnection(const QString &reason);
    void attemptEnded();
    void refused(int httpStatus);
    void fail(const QString &reason); // Failed, no retry
    void scheduleRetry(std::chrono::milliseconds delay);
    void closeSocketLater();
    std::chrono::milliseconds backoffDelay(int failures);
    std::chrono::milliseconds jittered(std::chrono::milliseconds delay);
    void setState(State state);
    QString describeUrl() const;

    AriEndpoint m_endpoint;
    AriTlsPolicy m_tls;
    State m_state = State::Disconnected;
    QString m_lastError;

    QWebSocket m_socket; // child (moves with this object to another thread)
    QTimer m_retryTimer; // child, single shot
    QTimer m_heartbeatTimer; // child
    QTimer m_connectTimer; // child, single shot
    Backoff m_backoff;
    std::chrono::milliseconds m_heartbeatInterval { 10000 };
    std::chrono::milliseconds m_connectTimeout { 10000 };
    std::chrono::milliseconds m_nextRetryDelay { 0 };
    std::mt19937 m_random;
    quint64 m_generation = 0; // one per attempt: late callbacks of an older attempt are ignored
    int m_failures = 0; // since the last successful connect
    int m_httpStatus = 0; // of the current attempt's refused upgrade
    int m_lastHttpStatus = 0; // of the last refused upgrade; 0 once connected
    bool m_attemptActive = false;
    bool m_connectedThisAttempt = false;
    bool m_wasConnected = false; // since open()
    bool m_awaitingPong = false;
    bool m_unflushed = false; // requests sent and maybe still in the socket's buffer
    QElapsedTimer m_unflushedSince; // since the oldest of them was sent
    bool m_stopped = true; // close(), ApplicationReplaced or bad configuration: no retry
    QString m_attemptError; // why the current attempt ended, when we know better than the socket
    QString m_tlsErrors; // why the current attempt's server certificate was refused
};

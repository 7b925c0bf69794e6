#pragma once

#include "core/ari/AriEndpoint.h"
#include "core/ari/AriEvent.h"

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
class AriEventStream final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AriEventStream)

public:
    enum class State { Disconnected, Connecting, Connected, Reconnecting, Failed };
    Q_ENUM(State)

    struct Backoff
    {
        std::chrono::milliseconds initial{500};
        std::chrono::milliseconds maximum{30000};
        double jitter = 0.2; // ± fraction of the delay
    };

    explicit AriEventStream(const AriEndpoint &endpoint, QObject *parent = nullptr);
    ~AriEventStream() override;

    void setBackoff(const Backoff &backoff);
    void setHeartbeatInterval(std::chrono::milliseconds interval); // ping; 0 disables
    void setRandomSeed(quint32 seed);

    State state() const { return m_state; }
    QString lastError() const { return m_lastError; }
    std::chrono::milliseconds nextRetryDelay() const; // the delay of the pending reconnect
    int reconnectAttempts() const;

public Q_SLOTS:
    void open();
    void close(); // a user's close: no reconnect

Q_SIGNALS:
    void stateChanged(AriEventStream::State state);
    void eventReceived(const AriEvent &event);
    void malformedFrame(const QByteArray &frame, const QString &error); // logged, never fatal
    void resynced();                                   // connected again after a drop
    void applicationReplaced(const QString &application);
    void errorOccurred(const QString &message);        // every failure, human-readable
    void reconnectScheduled(std::chrono::milliseconds delay);

private:
    // implementation's choice
    AriEndpoint m_endpoint;
    State m_state = State::Disconnected;
    QString m_lastError;
};

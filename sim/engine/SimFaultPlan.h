#pragma once

#include <QJsonObject>
#include <QObject>

class SimClock;

// Faults the simulator injects on request (SPEC CN-6), kept in one place that every transport
// consults: the HTTP server asks takeRequestFault() once per ARI request before dispatching it,
// the event hub calls eventDelivered() once per event frame it sends. Driven by the control API
// (/sim/faults, see sim/README.md) or directly by in-process tests. Durations are simulated ms.
//
// - Event socket drop: now, or after the next N event frames (the Nth is still sent). Every event
//   socket is cut (no close frame), as when the network or Asterisk goes away.
// - Refused connections for a while: the listening port is closed, so a new connection (REST or
//   WebSocket) is refused; connections already open stay.
// - The next N ARI requests fail with 500, get no answer at all, or are handled only after a delay.
//   The control API itself (/sim) is never affected.
// - Restart: every event socket is cut, every channel, bridge, playback and live recording is
//   gone without an event (stored recordings stay, as files on disk do), then connections are
//   refused for `downMs`, as while Asterisk starts again.
class SimFaultPlan final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimFaultPlan)

public:
    enum class RequestFault { None, ServerError, NoAnswer, Delay };

    struct RequestVerdict
    {
        RequestFault fault = RequestFault::None;
        qint64 delayMs = 0; // simulated, for Delay
    };

    explicit SimFaultPlan(SimClock *clock, QObject *parent = nullptr);

    SimClock *clock() const { return m_clock; }

    void dropEventSocketsNow();
    void dropEventSocketsAfter(int events); // 0 cancels
    // The hub sent one event frame: true when the event sockets are to be cut right after it.
    bool eventDelivered();

    void refuseConnectionsFor(qint64 ms);
    bool isRefusingConnections() const { return m_refusing; }

    void failNextRequests(int count, RequestFault fault, qint64 delayMs = 0);
    // One ARI request arrived (on any transport): what to do with it. Counts it down.
    RequestVerdict takeRequestFault();

    void restart(qint64 downMs);

    // Cancels every pending fault (a refusal under way ends now).
    void clear();
    QJsonObject toJson() const;

    static QString faultName(RequestFault fault);
    static bool parseFault(const QString &name, RequestFault *fault);

Q_SIGNALS:
    void dropEventSocketsRequested();
    void refusingConnectionsChanged(bool refusing);
    void restartRequested();

private:
    void setRefusing(bool refusing);

    SimClock *m_clock = nullptr;
    int m_eventsBeforeDrop = 0;
    int m_requestsToFault = 0;
    RequestFault m_requestFault = RequestFault::None;
    qint64 m_requestDelayMs = 0;
    bool m_refusing = false;
    QObject *m_refusalTimer = nullptr; // the pending end of a refusal (a SimTimer)
};

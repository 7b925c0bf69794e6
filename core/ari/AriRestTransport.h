#pragma once

#include "core/ari/AriEndpoint.h"
#include "core/ari/AriRequest.h"
#include "core/ari/AriResult.h"

#include <QObject>

// One way of carrying REST requests to Asterisk (SPEC CN-1): over HTTP (AriHttpTransport) or on
// the event WebSocket (AriWebSocketTransport). AriRestClient owns the ordering lanes and the
// replies; a transport only moves one request and maps its answer to an AriResult, so callers
// get the same results and errors whichever transport carried their call (SPEC AR-2).
//
// Contract: after send(serial, …), finished(serial, result) is emitted exactly once, always from
// the event loop (never from within send()), unless abandonAll() is called first. A request gets
// no answer within the endpoint's requestTimeoutMs → Timeout.
class AriRestTransport : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AriRestTransport)

public:
    using QObject::QObject;
    ~AriRestTransport() override;

    virtual QString name() const = 0; // "http", "websocket": for logs
    virtual void send(quint64 serial, const AriRequest &request, const AriEndpoint &endpoint) = 0;
    // Forgets every request in flight without reporting any (their owner is going away).
    virtual void abandonAll() = 0;
    virtual int inFlightCount() const = 0;

Q_SIGNALS:
    void finished(quint64 serial, const AriResult &result);
};

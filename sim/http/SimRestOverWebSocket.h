#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <functional>

class QWebSocket;
class SimEngine;
class SimEventHub;
class SimFaultPlan;
class SimHttpRequest;
class SimHttpResponse;

// REST requests on the event WebSocket, as Asterisk 22.4+ serves them (ari-reference README,
// "REST over the event WebSocket", and rest-over-websocket.jsonl): a RESTRequest frame is served
// by the same handlers as HTTP and answered with a RESTResponse frame on the same socket, in one
// ordered stream with the events:
// - the events a request causes at once go before its answer (ChannelVarset of a variable POST);
//   a channel's hang-up (DELETE channels/{id}) and an originate (POST channels[/{id}]) are carried
//   out after the answer is sent, so their events follow it;
// - message_body is the body as a string; a 204 (or any empty body) has neither content_type nor
//   message_body; the answer's uri drops the query string;
// - uri is relative to /ari/: a leading '/' gives 405 "Invalid method"; a method other than
//   GET, POST, PUT, DELETE (or none) gives 400 "Unknown or missing 'method' property."; a frame
//   that is not JSON gives 400 "Failed to parse request message JSON" with empty ids and uri;
//   missing ids are answered as "".
// Injected faults (SimFaultPlan, the control API's "next N requests") apply to the well-formed
// requests of the socket as to those over HTTP: a 500 answer, no answer, or a delayed one.
class SimRestOverWebSocket
{
public:
    using Dispatcher = std::function<SimHttpResponse(const SimHttpRequest &)>;

    // `dispatch` serves a request below /ari (authentication is the socket's).
    SimRestOverWebSocket(SimEngine *engine, SimEventHub *hub, Dispatcher dispatch);

    void handleFrame(QWebSocket *socket, const QString &frame);
    // Consulted once per well-formed request; may be null.
    void setFaultPlan(SimFaultPlan *faults) { m_faults = faults; }

private:
    void serve(QWebSocket *socket, const QJsonObject &request, const SimHttpRequest &httpRequest,
        const QString &method, const QString &path);
    QJsonObject answer(QWebSocket *socket, const QJsonObject &request, int status, const QByteArray &reason,
        const QByteArray &contentType, const QByteArray &body) const;

    SimEngine *m_engine;
    SimEventHub *m_hub;
    Dispatcher m_dispatch;
    SimFaultPlan *m_faults = nullptr;
};

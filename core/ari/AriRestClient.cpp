#include "core/ari/AriRestClient.h"

#include "core/ari/AriReply.h"

#include "core/ari/AriEventStream.h"
#include "core/ari/AriHttpTransport.h"
#include "core/ari/AriRequestLatency.h"
#include "core/ari/AriWebSocketTransport.h"

#include <QElapsedTimer>
#include <QPointer>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcAriRest, "supervisor.ari.rest")

struct AriRestClient::Pending
{
    quint64 serial = 0;
    AriRequest request;
    QPointer<AriReply> reply;
    QString orderingKey;
    AriRestTransport *transport = nullptr; // while on the wire
    QElapsedTimer onTheWire; // since it left its lane
};

AriRestClient::AriRestClient(const AriEndpoint &endpoint, QObject *parent)
    : QObject(parent)
    , m_http(new AriHttpTransport(this))
{
    connect(m_http, &AriRestTransport::finished, this, &AriRestClient::onTransportFinished);
    setEndpoint(endpoint);
}

AriRestClient::~AriRestClient()
{
    // Nothing is reported from here: the owners of the replies are going away with us.
    for (AriRestTransport *transport :
        { static_cast<AriRestTransport *>(m_http), static_cast<AriRestTransport *>(m_socket) }) {
        if (!transport)
            continue;
        disconnect(transport, nullptr, this, nullptr);
        transport->abandonAll();
    }
    m_pending.clear();
    m_lanes.clear();
}

void AriRestClient::useEventStream(AriEventStream *stream)
{
    if (m_socket || !stream)
        return;
    m_socket = new AriWebSocketTransport(stream, this);
    connect(m_socket, &AriRestTransport::finished, this, &AriRestClient::onTransportFinished);
}

void AriRestClient::setSocketRestSupported(bool supported)
{
    if (m_socketRestSupported == supported)
        return;
    m_socketRestSupported = supported;
    qCInfo(lcAriRest).noquote() << "REST requests on the event socket:"
                                << (supported ? u"supported by the server"_s : u"not supported by the server"_s)
                                << u"(rest_transport=%1)"_s.arg(
                                       AriEndpoint::restTransportName(m_endpoint.restTransport));
}

bool AriRestClient::usesEventSocket() const
{
    switch (m_endpoint.restTransport) {
    case AriEndpoint::RestTransport::Http:
        return false;
    case AriEndpoint::RestTransport::WebSocket:
        return m_socket != nullptr;
    case AriEndpoint::RestTransport::Auto:
        return m_socket && m_socketRestSupported && m_socket->isConnected();
    }
    return false;
}

AriRestTransport *AriRestClient::transportFor(const AriRequest &request) const
{
    if (request.binary || !usesEventSocket())
        return m_http;
    return m_socket;
}

void AriRestClient::setEndpoint(const AriEndpoint &endpoint)
{
    m_endpoint = endpoint;
    const QString scheme = m_endpoint.baseUrl.scheme().toLower();
    if (!m_endpoint.verifyPeer && scheme == u"https")
        qCWarning(lcAriRest).noquote() << "TLS certificate verification is disabled for" << m_endpoint.redactedUrl();
    if (scheme == u"https") {
        if (const AriTlsPolicy tls(endpoint); !tls.isValid())
            qCWarning(lcAriRest).noquote() << tls.error();
    }
}

int AriRestClient::pendingCount() const
{
    return static_cast<int>(m_pending.size());
}

int AriRestClient::queuedCount() const
{
    return pendingCount() - m_inFlight;
}

AriReply *AriRestClient::send(const AriRequest &request, const QString &orderingKey)
{
    auto *reply = new AriReply(this);
    const quint64 serial = ++m_nextSerial;
    auto pending = std::make_unique<Pending>();
    pending->serial = serial;
    pending->request = request;
    pending->reply = reply;
    pending->orderingKey = orderingKey;
    m_pending.emplace(serial, std::move(pending));

    if (orderingKey.isEmpty()) {
        start(serial);
        return reply;
    }
    QQueue<quint64> &lane = m_lanes[orderingKey];
    lane.enqueue(serial);
    if (lane.size() == 1)
        start(serial);
    else
        qCDebug(lcAriRest) << "queued behind" << lane.size() - 1 << "request(s) of" << orderingKey << ':'
                           << request.describe();
    return reply;
}

void AriRestClient::start(quint64 serial)
{
    const auto it = m_pending.find(serial);
    if (it == m_pending.end())
        return;
    Pending &pending = *it->second;
    AriRestTransport *transport = transportFor(pending.request);
    pending.transport = transport;
    pending.onTheWire.start();
    ++m_inFlight;
    qCDebug(lcAriRest) << "->" << pending.request.describe() << "over" << transport->name();
    // A copy: a handler of requestSent may send more requests (m_pending may rehash).
    const AriRequest request = pending.request;
    Q_EMIT requestSent(request);
    transport->send(serial, request, m_endpoint);
}

void AriRestClient::onTransportFinished(quint64 serial, const AriResult &result)
{
    const auto it = m_pending.find(serial);
    if (it == m_pending.end() || !it->second->transport)
        return;
    if (m_latency) {
        m_latency->record(it->second->transport == m_socket ? AriRequestLatency::Transport::WebSocket
                                                            : AriRequestLatency::Transport::Http,
            it->second->onTheWire.nsecsElapsed());
    }
    it->second->transport = nullptr;
    --m_inFlight;
    complete(serial, result);
}

void AriRestClient::complete(quint64 serial, const AriResult &result)
{
    const auto it = m_pending.find(serial);
    if (it == m_pending.end())
        return;
    const std::unique_ptr<Pending> pending = std::move(it->second);
    m_pending.erase(it);

    if (result.isOk()) {
        qCDebug(lcAriRest) << "<-" << result.describe() << "for" << pending->request.describe();
    } else if (result.status() == AriResult::Status::HttpError) {
        // The caller decides whether an HTTP error matters (a 404 for a stop is expected) and logs it.
        qCDebug(lcAriRest).noquote() << pending->request.describe() << "failed:" << result.describe();
    } else {
        qCWarning(lcAriRest).noquote() << pending->request.describe() << "on" << m_endpoint.redactedUrl()
                             << "failed:" << result.describe();
    }

    // Handlers may send more requests, or even destroy this client.
    const QPointer<AriRestClient> self(this);
    if (pending->reply)
        pending->reply->finish(result);
    if (!self)
        return;
    if (!result.isOk())
        Q_EMIT requestFailed(pending->request, result);
    if (!self || pending->orderingKey.isEmpty())
        return;

    // The lane still holds this request while the handlers run, so a request sent from a handler
    // with the same key lines up behind those already waiting.
    const auto lane = m_lanes.find(pending->orderingKey);
    if (lane == m_lanes.end())
        return;
    if (!lane->isEmpty() && lane->head() == serial)
        lane->dequeue();
    if (lane->isEmpty()) {
        m_lanes.erase(lane);
        return;
    }
    start(lane->head());
}

#include "moc_AriRestClient.cpp"

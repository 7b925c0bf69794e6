#include "core/ari/AriConnection.h"

#include "core/ari/AriEventRouter.h"
#include "core/ari/AriEventStream.h"
#include "core/ari/AriOperations.h"
#include "core/ari/AriReply.h"
#include "core/ari/AriRestClient.h"
#include "core/ari/AriWebSocketTransport.h"

#include <QJsonObject>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcAriConnection, "supervisor.ari.connection")

AriConnection::AriConnection(const AriEndpoint &endpoint, QObject *parent)
    : QObject(parent)
    , m_endpoint(endpoint)
    , m_rest(new AriRestClient(endpoint, this))
    , m_events(new AriEventStream(endpoint, this))
    , m_router(new AriEventRouter(this))
{
    m_rest->useEventStream(m_events);
    connect(m_events, &AriEventStream::eventReceived, m_router, &AriEventRouter::route);
    connect(m_events, &AriEventStream::stateChanged, this, [this](AriEventStream::State state) {
        if (state == AriEventStream::State::Connected)
            readAsteriskInfo();
    });
}

AriConnection::~AriConnection() = default;

void AriConnection::open()
{
    qCInfo(lcAriConnection).noquote() << "connecting to" << m_endpoint.redactedUrl() << "for applications"
                                      << m_endpoint.applications.join(u',');
    m_events->open();
}

void AriConnection::close()
{
    m_events->close();
}

void AriConnection::readAsteriskInfo()
{
    m_rest->send(AriOperations::getInfo())->then(this, [this](const AriResult &result) {
        if (!result.isOk()) {
            // Every ARI serves asterisk/info: a 404 there means the URL does not lead to ARI.
            if (result.status() == AriResult::Status::HttpError && result.httpStatus() == 404)
                qCWarning(lcAriConnection).noquote()
                    << "reading the Asterisk version failed (404):" << m_endpoint.notFoundAdvice();
            else
                qCWarning(lcAriConnection).noquote() << "reading the Asterisk version failed:" << result.describe();
            return;
        }
        m_info = AsteriskInfo::fromJson(result.json().toObject());
        // SPEC CN-1: REST on the event socket from the versions that take it.
        m_rest->setSocketRestSupported(AriWebSocketTransport::serverSupports(m_info.version));
        qCInfo(lcAriConnection).noquote() << "connected to Asterisk" << m_info.version << "- REST requests go"
                                          << (m_rest->usesEventSocket() ? "on the event socket" : "over HTTP");
        Q_EMIT asteriskInfoChanged(m_info);
    });
}

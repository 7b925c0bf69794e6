#include "app/ServiceSession.h"

#include "app/SessionLog.h"
#include "core/models/ConnectionStatus.h"
#include "core/service/SupervisorService.h"
#include "core/supervisor/SupervisorBackend.h"

ServiceSession::ServiceSession(const SupervisorSettings &settings, const SupervisorOptions &options,
    const ServiceSettings &service, const ServiceUsers &users, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_backend(std::make_unique<SupervisorBackend>(settings, options))
    , m_service(std::make_unique<SupervisorService>(m_backend.get(), service, users))
{
    SessionLog::followCalls(m_backend->core());
    ConnectionStatus *status = m_backend->connectionStatus();
    connect(status, &ConnectionStatus::changed, this, [this, status, last = status->state()]() mutable {
        if (status->state() == last)
            return;
        last = status->state();
        if (last == ConnectionStatus::State::Connected)
            Q_EMIT connected();
    });
}

ServiceSession::~ServiceSession()
{
    m_service.reset();
    m_backend.reset();
}

bool ServiceSession::start(QString *error)
{
    if (!m_service->start(error))
        return false;
    SessionLog::warnIfNoPassword(m_settings);
    m_backend->open();
    return true;
}

void ServiceSession::stop()
{
    m_backend->close();
}

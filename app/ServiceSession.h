#pragma once

#include "core/config/SupervisorSettings.h"
#include "core/service/ServiceSettings.h"
#include "core/service/ServiceUsers.h"
#include "core/supervisor/SupervisorOptions.h"

#include <QObject>

#include <memory>

class SupervisorBackend;
class SupervisorService;

// The supervisor service (SPEC SV-1): `ari-supervisor --no-gui` with `[service] listen=` set, and
// the service of `--demo`. The call handling runs on the core's own thread (SupervisorBackend); the
// service and its desks on this one. Logs what SessionLog says, as the headless mode does.
class ServiceSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServiceSession)

public:
    ServiceSession(const SupervisorSettings &settings, const SupervisorOptions &options, const ServiceSettings &service,
        const ServiceUsers &users, QObject *parent = nullptr);
    ~ServiceSession() override;

    SupervisorBackend *backend() const { return m_backend.get(); }
    SupervisorService *service() const { return m_service.get(); }

    // Listens for desks, then connects to Asterisk; false with *error when it cannot listen.
    bool start(QString *error);
    void stop();

Q_SIGNALS:
    // The event stream is connected (and the applications registered).
    void connected();

private:
    SupervisorSettings m_settings;
    std::unique_ptr<SupervisorBackend> m_backend;
    std::unique_ptr<SupervisorService> m_service;
};

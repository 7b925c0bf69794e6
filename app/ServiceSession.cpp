#include "app/ServiceSession.h"

#include "core/calls/CallInfo.h"
#include "core/models/ConnectionStatus.h"
#include "core/service/SupervisorService.h"
#include "core/supervisor/SupervisorBackend.h"
#include "core/supervisor/SupervisorCore.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcServiceSession, "supervisor.headless")
Q_LOGGING_CATEGORY(lcServiceTransitions, "supervisor.calls.transition")

using namespace Qt::StringLiterals;

ServiceSession::ServiceSession(const SupervisorSettings &settings, const SupervisorOptions &options,
    const ServiceSettings &service, const ServiceUsers &users, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_backend(std::make_unique<SupervisorBackend>(settings, options))
    , m_service(std::make_unique<SupervisorService>(m_backend.get(), service, users))
{
    ConnectionStatus *status = m_backend->connectionStatus();
    connect(status, &ConnectionStatus::changed, this, [this, status, last = status->state()]() mutable {
        if (status->state() == last)
            return;
        last = status->state();
        qCInfo(lcServiceSession).noquote() << "ARI connection" << ConnectionStatus::stateName(last);
        if (last == ConnectionStatus::State::Connected)
            Q_EMIT connected();
    });
    // The core's signals carry values; from its thread they arrive here queued.
    SupervisorCore *core = m_backend->core();
    connect(core, &SupervisorCore::asteriskVersionChanged, this,
        [](const QString &version) { qCInfo(lcServiceSession).noquote() << "Asterisk version" << version; });
    connect(core, &SupervisorCore::connectionError, this,
        [](const QString &message) { qCWarning(lcServiceSession).noquote() << "ARI connection:" << message; });
    connect(core, &SupervisorCore::callStateChanged, this, [](const CallTransition &transition) {
        const QString from = transition.from.isEmpty() ? u"(start)"_s : transition.from;
        qCInfo(lcServiceTransitions).noquote()
            << transition.channelId << transition.application << from << "->" << transition.to
            << (transition.cause.isEmpty() ? QString() : u"(%1)"_s.arg(transition.cause));
    });
    connect(core, &SupervisorCore::callEnded, this, [](const CallInfo &info, const QString &reason) {
        qCInfo(lcServiceTransitions).noquote() << info.channelId << info.application << "ended:" << reason;
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
    if (!m_settings.hasPassword())
        qCWarning(lcServiceSession) << "no ARI password set (ARI_PASSWORD, --password-file or the INI file)";
    m_backend->open();
    return true;
}

void ServiceSession::stop()
{
    m_backend->close();
}

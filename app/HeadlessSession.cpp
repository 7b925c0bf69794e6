#include "app/HeadlessSession.h"

#include "core/calls/CallInfo.h"
#include "core/supervisor/SupervisorCore.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcHeadless, "supervisor.headless")
Q_LOGGING_CATEGORY(lcTransitions, "supervisor.calls.transition")

using namespace Qt::StringLiterals;

HeadlessSession::HeadlessSession(const SupervisorSettings &settings, const SupervisorOptions &options,
                                 QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_core(new SupervisorCore(settings, options, this))
{
    connect(m_core, &SupervisorCore::connectionStateChanged, this, [this](ConnectionStatus::State state) {
        qCInfo(lcHeadless).noquote() << "ARI connection" << ConnectionStatus::stateName(state);
        if (state == ConnectionStatus::State::Connected)
            Q_EMIT connected();
    });
    connect(m_core, &SupervisorCore::asteriskVersionChanged, this,
            [](const QString &version) { qCInfo(lcHeadless).noquote() << "Asterisk version" << version; });
    connect(m_core, &SupervisorCore::connectionError, this,
            [](const QString &message) { qCWarning(lcHeadless).noquote() << "ARI connection:" << message; });
    connect(m_core, &SupervisorCore::callStateChanged, this, [](const CallTransition &transition) {
        const QString from = transition.from.isEmpty() ? u"(start)"_s : transition.from;
        qCInfo(lcTransitions).noquote() << transition.channelId << transition.application << from << "->"
                                        << transition.to
                                        << (transition.cause.isEmpty() ? QString() : u"(%1)"_s.arg(transition.cause));
    });
    connect(m_core, &SupervisorCore::callEnded, this, [](const CallInfo &info, const QString &reason) {
        qCInfo(lcTransitions).noquote() << info.channelId << info.application << "ended:" << reason;
    });
}

HeadlessSession::~HeadlessSession()
{
    m_core->shutdown();
}

void HeadlessSession::start()
{
    if (!m_settings.hasPassword())
        qCWarning(lcHeadless) << "no ARI password set (ARI_PASSWORD, --password-file or the INI file)";
    m_core->start();
    m_core->open();
}

void HeadlessSession::stop()
{
    m_core->close();
}

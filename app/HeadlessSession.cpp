#include "app/HeadlessSession.h"

#include "app/LogOutput.h"
#include "core/apps/StasisApplication.h"
#include "core/apps/StasisApplicationHost.h"
#include "core/calls/CallInfo.h"
#include "core/calls/CallStateTable.h"
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
    // The connection layer logs its own facts (connecting to …, event socket connected, connected
    // to Asterisk <version>, each error and retry): not repeated here.
    connect(m_core, &SupervisorCore::connectionStateChanged, this, [this](ConnectionStatus::State state) {
        qCDebug(lcHeadless).noquote() << "ARI connection" << ConnectionStatus::stateName(state);
        if (state == ConnectionStatus::State::Connected)
            Q_EMIT connected();
    });
    connect(m_core, &SupervisorCore::callStateChanged, this, [](const CallTransition &transition) {
        if (!lcTransitions().isInfoEnabled())
            return;
        LogOutput::write(QtInfoMsg, lcTransitions().categoryName(),
                         LogOutput::Fields {transition.channelId, transition.application, transition.from,
                                            transition.to, transition.cause},
                         QString());
    });
    // The end of a call is its last transition's line; a call that ends without one (refused,
    // or found gone after a reconnect) gets a line of its own.
    connect(m_core, &SupervisorCore::callEnded, this, [this](const CallInfo &info, const QString &reason) {
        if (!lcTransitions().isInfoEnabled() || endedInFinalState(info))
            return;
        LogOutput::write(QtInfoMsg, lcTransitions().categoryName(),
                         LogOutput::Fields {info.channelId, info.application, QString(), QString(), reason},
                         u"call ended"_s);
    });
}

bool HeadlessSession::endedInFinalState(const CallInfo &info) const
{
    const StasisApplicationHost *host = m_core->host();
    const StasisApplication *application = host ? host->application(info.application) : nullptr;
    return application && !info.state.isEmpty() && application->stateTable().isFinal(info.state);
}

HeadlessSession::~HeadlessSession()
{
    m_core->shutdown();
}

void HeadlessSession::start()
{
    if (!m_settings.hasPassword())
        qCWarning(lcHeadless).noquote() << "no ARI password set (ARI_PASSWORD, --password-file or the INI file)";
    m_core->start();
    m_core->open();
}

void HeadlessSession::stop()
{
    m_core->close();
}

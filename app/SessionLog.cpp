#include "app/SessionLog.h"

#include "app/LogOutput.h"
#include "core/apps/StasisApplication.h"
#include "core/apps/StasisApplicationHost.h"
#include "core/calls/CallInfo.h"
#include "core/calls/CallStateTable.h"
#include "core/config/SupervisorSettings.h"
#include "core/supervisor/SupervisorCore.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcSession, "supervisor.headless")
Q_LOGGING_CATEGORY(lcTransitions, "supervisor.calls.transition")

using namespace Qt::StringLiterals;

namespace {

// Whether the call's last state is one of its application's final states (read on the core's
// thread, where the applications live).
bool endedInFinalState(const SupervisorCore *core, const CallInfo &info)
{
    const StasisApplicationHost *host = core->host();
    const StasisApplication *application = host ? host->application(info.application) : nullptr;
    return application && !info.state.isEmpty() && application->stateTable().isFinal(info.state);
}

} // namespace

void SessionLog::followCalls(SupervisorCore *core)
{
    // The core is the context of every connection: the lambdas run on its thread, and go with it.
    QObject::connect(core, &SupervisorCore::connectionStateChanged, core, [](ConnectionStatus::State state) {
        qCDebug(lcSession).noquote() << "ARI connection" << ConnectionStatus::stateName(state);
    });
    QObject::connect(core, &SupervisorCore::callStateChanged, core, [](const CallTransition &transition) {
        if (!lcTransitions().isInfoEnabled())
            return;
        LogOutput::write(QtInfoMsg, lcTransitions().categoryName(),
            LogOutput::Fields {
                transition.channelId, transition.application, transition.from, transition.to, transition.cause },
            QString());
    });
    QObject::connect(core, &SupervisorCore::callEnded, core, [core](const CallInfo &info, const QString &reason) {
        if (!lcTransitions().isInfoEnabled() || endedInFinalState(core, info))
            return;
        LogOutput::write(QtInfoMsg, lcTransitions().categoryName(),
            LogOutput::Fields { info.channelId, info.application, QString(), QString(), reason }, u"call ended"_s);
    });
}

void SessionLog::warnIfNoPassword(const SupervisorSettings &settings)
{
    if (!settings.hasPassword())
        qCWarning(lcSession).noquote() << "no ARI password set (ARI_PASSWORD, --password-file or the INI file)";
}

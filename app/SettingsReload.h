#pragma once

#include "core/config/SupervisorSettings.h"

#include <QProcessEnvironment>
#include <QString>

class SupervisorCore;

// SIGHUP in the service (SPEC OP-3): reads the settings again the way they were read at start (the
// same --config file, environment and command line), applies to the running core those that can
// change live (voicemail skip, queue announcement interval and wording, log level) and logs the
// ones that differ but only take effect at the next start. Settings that no longer load are
// reported and change nothing.
class SettingsReload
{
public:
    SettingsReload(
        const QString &configPath, const SupervisorSettings::Overrides &overrides, const SupervisorSettings &loaded);

    // Reloads on the thread the core lives on: at once when that is this thread (headless), else
    // queued to the core's own thread (the service), so that the core is only ever touched there.
    // `this` must outlive the queued reload (it does when it outlives the core's thread).
    void requestReload(SupervisorCore *core);

    // Reloads now; on the core's thread only.
    void reload(SupervisorCore *core);

    // The log filter of a level, unless QT_LOGGING_RULES says otherwise.
    static void applyLogLevel(SupervisorSettings::LogLevel level);

private:
    QString m_configPath;
    SupervisorSettings::Overrides m_overrides;
    SupervisorSettings m_started; // as the service started
    SupervisorSettings m_current; // the live settings last applied
};

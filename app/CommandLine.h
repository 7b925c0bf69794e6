#pragma once

#include "core/config/SupervisorSettings.h"
#include "core/service/AttachSettings.h"

#include <QCommandLineParser>
#include <QString>
#include <QStringList>

// The command line of ari-supervisor, parsed before any application object exists, so that main()
// can choose QCoreApplication (--no-gui, --print-state-machine) or QApplication.
class ConnectionProfileStore;

class CommandLine
{
public:
    enum class Action { Run, ShowHelp, ShowVersion, PrintStateMachine, CheckConfig, HashPassword, Error };
    enum class LogFormat { Text, Json };

    CommandLine();

    Action parse(const QStringList &arguments);

    QString helpText() const { return m_parser.helpText(); }
    QString errorText() const { return m_error; }

    bool headless() const { return m_headless; }
    bool demo() const { return m_demo; }
    double demoSpeed() const { return m_demoSpeed; }
    QString configPath() const { return m_configPath; }
    LogFormat logFormat() const { return m_logFormat; }
    QString stateMachineName() const { return m_stateMachineName; }
    const SupervisorSettings::Overrides &overrides() const { return m_overrides; }
    // --attach: the window mirrors a supervisor service (SPEC SV-1).
    bool attach() const { return m_attachOverrides.url.has_value(); }
    const AttachSettings::Overrides &attachOverrides() const { return m_attachOverrides; }
    QString hashUser() const { return m_hashUser; } // "name:role" of --hash-password
    // --profile NAME: a connection profile of the settings dialog (SPEC UX-6).
    QString profile() const { return m_profile; }
    // Fills what the profile says into the overrides the command line left unset; false (with
    // errorText()) when there is no such profile or it cannot be used here.
    bool applyProfile(const ConnectionProfileStore &store);

private:
    QCommandLineParser m_parser;
    QString m_error;
    bool m_headless = false;
    bool m_demo = false;
    double m_demoSpeed = 1.0;
    QString m_configPath;
    LogFormat m_logFormat = LogFormat::Text;
    QString m_stateMachineName;
    SupervisorSettings::Overrides m_overrides;
    AttachSettings::Overrides m_attachOverrides;
    QString m_hashUser;
    QString m_profile;
};

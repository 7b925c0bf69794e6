#include "app/CommandLine.h"
#include "app/DemoEnvironment.h"
#include "app/DemoTraffic.h"
#include "app/HeadlessSession.h"
#include "app/LogOutput.h"
#include "app/SettingsReload.h"
#include "app/UnixSignalWatcher.h"
#include "core/apps/StateMachineCatalog.h"
#include "core/config/SupervisorSettings.h"
#include "core/models/ConnectionStatus.h"
#include "core/supervisor/SupervisorBackend.h"
#include "core/supervisor/SupervisorOptions.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFileInfo>
#include <QIcon>
#include <QLoggingCategory>
#include <QProcessEnvironment>
#include <QTextStream>

#include <memory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcMain, "supervisor.main")

namespace {

QStringList argumentList(int argc, char *argv[])
{
    QStringList arguments;
    arguments.reserve(argc);
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    return arguments;
}

// The embedded simulator of --demo and its scripted callers; nothing when not in demo mode.
struct Demo
{
    std::unique_ptr<DemoEnvironment> environment;
    std::unique_ptr<DemoTraffic> traffic;

    bool start(const CommandLine &commandLine, SupervisorSettings *settings, SupervisorOptions *options)
    {
        if (!commandLine.demo())
            return true;
        environment = std::make_unique<DemoEnvironment>(commandLine.demoSpeed());
        QString error;
        if (!environment->start(&error)) {
            qCCritical(lcMain).noquote() << "the demo simulator did not start:" << error;
            return false;
        }
        settings->setServer(environment->ariUrl(), environment->user(), environment->password());
        if (settings->supervisorEndpoint().isEmpty())
            settings->setSupervisorEndpoint(DemoTraffic::supervisorPhone());
        options->clockRate = environment->speed();
        qCInfo(lcMain).noquote() << "demo: ARI simulator on" << environment->ariUrl();
        traffic = std::make_unique<DemoTraffic>(
            environment->controlUrl(), environment->user(), environment->password(), environment->speed(),
            DemoTraffic::Applications{settings->vmRecordApp(), settings->vmPlaybackApp(), settings->queueApp()});
        return true;
    }

    // Callers arrive once the applications are registered, or their calls would find no one.
    void startTrafficOnce()
    {
        if (traffic && !m_trafficStarted) {
            m_trafficStarted = true;
            traffic->start();
        }
    }

private:
    bool m_trafficStarted = false;
};

SupervisorOptions defaultOptions()
{
    SupervisorOptions options;
    const QString sounds = u"/usr/share/asterisk/sounds/en"_s;
    if (QFileInfo(sounds).isDir())
        options.soundsDirectory = sounds; // lengths of prompts when the supervisor runs on the PBX host
    return options;
}

int runHeadless(const CommandLine &commandLine, SupervisorSettings settings)
{
    SupervisorOptions options = defaultOptions();
    options.ownThread = false;
    options.logAriEvents = false;
    options.progressRefreshMs = 0;
    // Reloads read what the service started with, before --demo chose its server.
    SettingsReload settingsReload(commandLine.configPath(), commandLine.overrides(), settings);
    Demo demo;
    if (!demo.start(commandLine, &settings, &options))
        return 1;

    UnixSignalWatcher signalWatcher;
    HeadlessSession session(settings, options);
    QObject::connect(&session, &HeadlessSession::connected, &session, [&demo] { demo.startTrafficOnce(); });
    QObject::connect(&signalWatcher, &UnixSignalWatcher::terminationRequested, &session, [&](int signalNumber) {
        qCInfo(lcMain).noquote() << "signal" << signalNumber << "received, shutting down";
        session.stop();
        QCoreApplication::quit();
    });
    signalWatcher.watchReload();
    QObject::connect(&signalWatcher, &UnixSignalWatcher::reloadRequested, &session,
                     [&] { settingsReload.reload(session.core()); });
    qCInfo(lcMain).noquote() << "started; SIGHUP re-reads the settings"
                             << (commandLine.configPath().isEmpty() ? u"(no --config file)"_s : commandLine.configPath());
    session.start();
    return QCoreApplication::exec();
}

int runWindow(const CommandLine &commandLine, SupervisorSettings settings)
{
    QApplication::setWindowIcon(QIcon(u":/icons/ari-supervisor.svg"_s));
    QApplication::setDesktopFileName(u"ari-supervisor"_s);
    SupervisorOptions options = defaultOptions();
    Demo demo;
    if (!demo.start(commandLine, &settings, &options))
        return 1;

    UnixSignalWatcher signalWatcher;
    SupervisorBackend backend(settings, options);
    ConnectionStatus *status = backend.connectionStatus();
    QObject::connect(status, &ConnectionStatus::changed, &backend, [&demo, status] {
        if (status->state() == ConnectionStatus::State::Connected)
            demo.startTrafficOnce();
    });
    MainWindow window(&backend);
    QObject::connect(&signalWatcher, &UnixSignalWatcher::terminationRequested, &window, [&](int signalNumber) {
        qCInfo(lcMain).noquote() << "signal" << signalNumber << "received, shutting down";
        window.close();
        QCoreApplication::quit();
    });
    window.show();
    backend.open();
    const int exitCode = QApplication::exec();
    backend.close();
    return exitCode;
}

// --check-config (SPEC OP-3): every value load() refuses, else what would stop the service.
int checkConfig(const CommandLine &commandLine, QTextStream &out, QTextStream &err)
{
    const QString source = commandLine.configPath().isEmpty() ? u"settings"_s : commandLine.configPath();
    SupervisorSettings settings;
    QString error;
    QStringList problems;
    if (!settings.load(commandLine.configPath(), QProcessEnvironment::systemEnvironment(), commandLine.overrides(),
                       &error))
        problems = error.split(u'\n');
    else
        problems = settings.problems();
    for (const QString &problem : std::as_const(problems))
        err << source << ": " << problem << '\n';
    if (!problems.isEmpty())
        return 1;
    const AriEndpoint endpoint = settings.endpoint();
    out << source << ": OK (ARI " << endpoint.redactedUrl() << " as " << settings.user() << ", applications "
        << endpoint.applications.join(u", "_s) << ")\n";
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication::setApplicationName(u"ari-supervisor"_s);
    QCoreApplication::setOrganizationName(u"ari-supervisor"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(SUPERVISOR_VERSION));

    CommandLine commandLine;
    QTextStream out(stdout);
    QTextStream err(stderr);
    switch (commandLine.parse(argumentList(argc, argv))) {
    case CommandLine::Action::ShowHelp:
        // No application object exists yet, so the parser cannot know the program's name.
        out << commandLine.helpText().replace(u"<executable_name>"_s, u"ari-supervisor"_s);
        return 0;
    case CommandLine::Action::ShowVersion:
        out << "ari-supervisor " << QStringLiteral(SUPERVISOR_VERSION) << '\n';
        return 0;
    case CommandLine::Action::Error:
        err << "ari-supervisor: " << commandLine.errorText() << "\n(see ari-supervisor --help)\n";
        return 2;
    case CommandLine::Action::PrintStateMachine: {
        const QString dot = stateMachineDot(commandLine.stateMachineName());
        if (dot.isEmpty()) {
            err << "ari-supervisor: no state machine named \"" << commandLine.stateMachineName()
                << "\"; known: " << StateMachineCatalog::names().join(u", "_s) << '\n';
            return 2;
        }
        out << dot;
        return 0;
    }
    case CommandLine::Action::CheckConfig:
        return checkConfig(commandLine, out, err);
    case CommandLine::Action::Run:
        break;
    }

    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(u"*.debug=false"_s);
    LogOutput::install(commandLine.logFormat() == CommandLine::LogFormat::Json ? LogOutput::Format::Json
                                                                               : LogOutput::Format::Text);
    SupervisorSettings settings;
    QString error;
    if (!settings.load(commandLine.configPath(), QProcessEnvironment::systemEnvironment(), commandLine.overrides(),
                       &error)) {
        for (const QString &line : error.split(u'\n'))
            err << "ari-supervisor: " << line << '\n';
        return 2;
    }
    SettingsReload::applyLogLevel(settings.logLevel());

    // The kind of application object is chosen before any is made: no widgets in headless mode.
    if (commandLine.headless()) {
        QCoreApplication app(argc, argv);
        return runHeadless(commandLine, settings);
    }
    QApplication app(argc, argv);
    return runWindow(commandLine, settings);
}

#include "app/CommandLine.h"
#include "app/DemoEnvironment.h"
#include "app/DemoTraffic.h"
#include "app/HeadlessSession.h"
#include "app/LogOutput.h"
#include "app/SettingsReload.h"
#include "app/ServiceSession.h"
#include "app/UnixSignalWatcher.h"
#include "core/apps/StateMachineCatalog.h"
#include "core/config/ConnectionProfileStore.h"
#include "core/config/SupervisorSettings.h"
#include "core/models/ConnectionStatus.h"
#include "core/service/AttachSettings.h"
#include "core/service/RemoteSupervisor.h"
#include "core/service/ServiceSettings.h"
#include "core/service/ServiceUsers.h"
#include "core/service/SupervisorService.h"
#include "core/supervisor/SupervisorBackend.h"
#include "core/supervisor/SupervisorCore.h"
#include "core/supervisor/SupervisorOptions.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFileInfo>
#include <QIcon>
#include <QLoggingCategory>
#include <QProcessEnvironment>
#include <QSettings>
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
        // The demo's messages have their callers in the demo's own state directory, never in a
        // configured one (SPEC VM-1).
        settings->setStateDir(environment->stateDir());
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

// The demo's service: on 127.0.0.1 (the configured port, else 8089, else any free one), one
// supervisor "demo" with the password "demo" (loopback only; README: attaching a second window).
constexpr QLatin1StringView s_demoUser("demo");
constexpr QLatin1StringView s_demoPassword("demo");

ServiceUsers demoUsers()
{
    ServiceUsers users;
    users.add(s_demoUser, ServiceUsers::Role::Supervisor, s_demoPassword, 1000);
    return users;
}

bool loadService(const CommandLine &commandLine, ServiceSettings *service, ServiceUsers *users)
{
    QString error;
    if (!service->load(commandLine.configPath(), &error)
        || (service->isEnabled() && !users->load(service->usersFile(), &error))) {
        qCCritical(lcMain).noquote() << error;
        return false;
    }
    return true;
}

// SIGHUP re-reads the settings (SPEC OP-3); the reload is applied on the core's thread.
void watchReload(UnixSignalWatcher *signalWatcher, SettingsReload *settingsReload, SupervisorCore *core,
    const CommandLine &commandLine)
{
    signalWatcher->watchReload();
    QObject::connect(signalWatcher, &UnixSignalWatcher::reloadRequested, signalWatcher,
        [settingsReload, core] { settingsReload->requestReload(core); });
    qCInfo(lcMain).noquote() << "started; SIGHUP re-reads the settings"
                             << (commandLine.configPath().isEmpty() ? u"(no --config file)"_s : commandLine.configPath());
}

int runService(const CommandLine &commandLine, const SupervisorSettings &settings, const SupervisorOptions &options,
    const ServiceSettings &service, const ServiceUsers &users, SettingsReload &settingsReload, Demo &demo)
{
    UnixSignalWatcher signalWatcher;
    ServiceSession session(settings, options, service, users);
    QObject::connect(&session, &ServiceSession::connected, &session, [&demo] { demo.startTrafficOnce(); });
    QObject::connect(&signalWatcher, &UnixSignalWatcher::terminationRequested, &session, [&](int signalNumber) {
        qCInfo(lcMain).noquote() << "signal" << signalNumber << "received, shutting down";
        session.stop();
        QCoreApplication::quit();
    });
    QString error;
    if (!session.start(&error)) {
        qCCritical(lcMain).noquote() << error;
        return 1;
    }
    // The core runs on a thread of its own, which the session stops before settingsReload goes.
    watchReload(&signalWatcher, &settingsReload, session.backend()->core(), commandLine);
    return QCoreApplication::exec();
}

int runHeadless(const CommandLine &commandLine, SupervisorSettings settings)
{
    SupervisorOptions options = defaultOptions();
    options.listenApplication = settings.listenApp();
    ServiceSettings service;
    ServiceUsers users;
    if (!loadService(commandLine, &service, &users))
        return 2;
    // Reloads read what the service started with, before --demo chose its server.
    SettingsReload settingsReload(commandLine.configPath(), commandLine.overrides(), settings);
    if (service.isEnabled()) {
        // The service (SPEC SV-1): the core on its own thread, desks served from this one.
        options.logAriEvents = true;
        Demo demo;
        if (!demo.start(commandLine, &settings, &options))
            return 1;
        return runService(commandLine, settings, options, service, users, settingsReload, demo);
    }
    options.ownThread = false;
    options.logAriEvents = false;
    options.progressRefreshMs = 0;
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
    watchReload(&signalWatcher, &settingsReload, session.core(), commandLine);
    session.start();
    return QCoreApplication::exec();
}

// The window on any SupervisorAccess: a local backend, or a desk attached to a service.
int showWindow(SupervisorAccess *access, const QString &title = {})
{
    UnixSignalWatcher signalWatcher;
    MainWindow window(access);
    if (!title.isEmpty())
        window.setTitleBase(title);
    QObject::connect(&signalWatcher, &UnixSignalWatcher::terminationRequested, &window, [&](int signalNumber) {
        qCInfo(lcMain).noquote() << "signal" << signalNumber << "received, shutting down";
        window.close();
        QCoreApplication::quit();
    });
    window.show();
    access->open();
    const int exitCode = QApplication::exec();
    access->close();
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
    for (const QString &note : settings.notes())
        out << source << ": " << note << '\n';
    return 0;
}

int runAttached(const CommandLine &commandLine)
{
    AttachSettings attach;
    QString error;
    if (!attach.load(commandLine.configPath(), QProcessEnvironment::systemEnvironment(), commandLine.attachOverrides(),
            &error)) {
        qCCritical(lcMain).noquote() << error;
        return 2;
    }
    if (attach.options().password.isEmpty())
        qCWarning(lcMain)
            << "no service password set (SUPERVISOR_SERVICE_PASSWORD, --attach-password-file or the INI file)";
    RemoteSupervisor desk(attach.options());
    return showWindow(&desk);
}

// --demo (SPEC SV-7): the simulator and the service run here, and the window attaches to the
// service like any other desk.
int runDemoWindow(const CommandLine &commandLine, SupervisorSettings settings, SupervisorOptions options)
{
    Demo demo;
    if (!demo.start(commandLine, &settings, &options))
        return 1;
    ServiceSettings service;
    ServiceUsers users;
    if (!loadService(commandLine, &service, &users))
        return 2;
    QString error;
    if (!service.isEnabled())
        service.setListen(u"127.0.0.1:8089"_s, &error);
    auto startSession = [&](const ServiceSettings &serviceSettings) {
        auto session = std::make_unique<ServiceSession>(settings, options, serviceSettings, demoUsers());
        QObject::connect(
            session.get(), &ServiceSession::connected, session.get(), [&demo] { demo.startTrafficOnce(); });
        return session->start(&error) ? std::move(session) : nullptr;
    };
    std::unique_ptr<ServiceSession> session = startSession(service);
    if (!session) {
        // The port is taken (another demo?): any free one will do.
        service.setListen(u"127.0.0.1:0"_s, &error);
        session = startSession(service);
    }
    if (!session) {
        qCCritical(lcMain).noquote() << error;
        return 1;
    }
    const QString url = u"ws://127.0.0.1:%1"_s.arg(session->service()->port());
    qCInfo(lcMain).noquote() << "demo: supervisor service on" << url << "- attach another window with"
                             << u"SUPERVISOR_SERVICE_PASSWORD=%1 ari-supervisor --attach %2 --attach-user %3"_s.arg(
                                    s_demoPassword, url, s_demoUser);
    RemoteSupervisor::Options desk;
    desk.url = QUrl(url);
    desk.user = s_demoUser;
    desk.password = s_demoPassword;
    RemoteSupervisor access(desk);
    return showWindow(&access, u"ARI Supervisor Demo"_s);
}

int runWindow(const CommandLine &commandLine, SupervisorSettings settings)
{
    QApplication::setWindowIcon(QIcon(u":/icons/ari-supervisor.svg"_s));
    QApplication::setDesktopFileName(u"ari-supervisor"_s);
    if (commandLine.attach())
        return runAttached(commandLine);
    SupervisorOptions options = defaultOptions();
    options.listenApplication = settings.listenApp();
    if (commandLine.demo())
        return runDemoWindow(commandLine, settings, options);
    SupervisorBackend backend(settings, options);
    return showWindow(&backend);
}

// --hash-password name:role: a line of the service's users file, the password read from stdin.
int printUserLine(const QString &userAndRole)
{
    QTextStream in(stdin);
    QTextStream err(stderr);
    const QString name = userAndRole.section(u':', 0, 0);
    const std::optional<ServiceUsers::Role> role = ServiceUsers::roleFrom(userAndRole.section(u':', 1));
    if (name.isEmpty() || !role) {
        err << "ari-supervisor: --hash-password takes name:viewer or name:supervisor\n";
        return 2;
    }
    const QString password = in.readLine();
    if (password.isEmpty()) {
        err << "ari-supervisor: no password on standard input\n";
        return 2;
    }
    QTextStream(stdout) << ServiceUsers::makeLine(name, *role, password) << '\n';
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
    CommandLine::Action action = commandLine.parse(argumentList(argc, argv));
    if ((action == CommandLine::Action::Run || action == CommandLine::Action::CheckConfig)
        && !commandLine.profile().isEmpty()) {
        QSettings profiles;
        const ConnectionProfileStore store(&profiles, ConnectionProfileStore::defaultPasswordDirectory());
        if (!commandLine.applyProfile(store))
            action = CommandLine::Action::Error;
    }
    switch (action) {
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
    case CommandLine::Action::HashPassword:
        return printUserLine(commandLine.hashUser());
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

#include "app/CommandLine.h"
#include "app/HeadlessSession.h"
#include "app/LogOutput.h"
#include "app/UnixSignalWatcher.h"
#include "core/config/SupervisorSettings.h"

#include <QApplication>
#include <QCoreApplication>
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

int runHeadless(int argc, char *argv[], const SupervisorSettings &settings)
{
    QCoreApplication app(argc, argv);
    UnixSignalWatcher signalWatcher;
    HeadlessSession session(settings);
    QObject::connect(&signalWatcher, &UnixSignalWatcher::terminationRequested, &app, [&](int signalNumber) {
        qCInfo(lcMain).noquote() << "signal" << signalNumber << "received, shutting down";
        session.stop();
        QCoreApplication::quit();
    });
    session.start();
    return QCoreApplication::exec();
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
    case CommandLine::Action::PrintStateMachine:
        err << "ari-supervisor: no state machine named " << commandLine.stateMachineName() << '\n';
        return 2;
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
        err << "ari-supervisor: " << error << '\n';
        return 2;
    }

    if (commandLine.headless())
        return runHeadless(argc, argv, settings);

    err << "ari-supervisor: the window is not available yet; use --no-gui\n";
    return 2;
}

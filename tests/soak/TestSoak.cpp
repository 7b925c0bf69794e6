#include "support/SoakRun.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QMutex>
#include <QTest>

#include <cstdio>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

// Set from the command line (--seed N --calls M [--speed S]): one run instead of the fixed seeds.
struct CommandLine
{
    std::optional<quint32> seed;
    int calls = 0;
    double speed = 0;
    bool faults = true;
    bool verbose = false;
};
CommandLine s_commandLine;

// The last warnings of the program (the applications log what went wrong there), shown when a
// seed fails; the run itself stays quiet.
QMutex s_logMutex;
QStringList s_recentWarnings;
QtMessageHandler s_defaultHandler = nullptr;

void keepWarnings(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (s_commandLine.verbose || type == QtFatalMsg || type == QtCriticalMsg) {
        s_defaultHandler(type, context, message);
        return;
    }
    if (type != QtWarningMsg)
        return;
    const QMutexLocker lock(&s_logMutex);
    s_recentWarnings.append(QString::fromLatin1(context.category) + u": "_s + message);
    if (s_recentWarnings.size() > 40)
        s_recentWarnings.removeFirst();
}

QString recentWarnings()
{
    const QMutexLocker lock(&s_logMutex);
    return s_recentWarnings.join(u'\n');
}

} // namespace

// SPEC RB-1: seeded random scenarios over the simulator (see SoakRun). The fixed seeds below run
// in CI; a failing seed prints the command that runs it alone, and any seed and number of calls
// can be run by hand: `TestSoak --seed 7 --calls 100000` (`--no-faults`: without CN-6 faults,
// `--verbose`: every log line).
class TestSoak final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Qt Test installs its own message handler when it starts: ours goes on top of it.
    void initTestCase() { s_defaultHandler = qInstallMessageHandler(keepWarnings); }
    void seed_data();
    void seed();
};

void TestSoak::seed_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<int>("calls");
    QTest::addColumn<double>("speed");
    if (s_commandLine.seed) {
        QTest::addRow("seed %u", *s_commandLine.seed)
            << *s_commandLine.seed << (s_commandLine.calls > 0 ? s_commandLine.calls : 40)
            << (s_commandLine.speed > 0 ? s_commandLine.speed : 25.0);
        return;
    }
    for (const quint32 seed : { 1u, 2u, 3u })
        QTest::addRow("seed %u", seed) << seed << 30 << 25.0;
}

void TestSoak::seed()
{
    QFETCH(quint32, seed);
    QFETCH(int, calls);
    QFETCH(double, speed);
    SoakRun::Options options;
    options.seed = seed;
    options.calls = calls;
    options.speed = speed;
    options.faults = s_commandLine.faults;
    SoakRun run(options);
    QString failure;
    const bool ok = run.run(&failure);
    std::printf("%s\n", qPrintable(run.figures().toText()));
    std::fflush(stdout);
    if (!ok) {
        const QString command = u"%1 --seed %2 --calls %3 --speed %4"_s.arg(QCoreApplication::applicationFilePath())
                                    .arg(seed)
                                    .arg(calls)
                                    .arg(speed);
        QFAIL(qPrintable(
            u"%1\nlast warnings:\n%2\nto run this seed alone: %3"_s.arg(failure, recentWarnings(), command)));
    }
}

int main(int argc, char **argv)
{
    QCoreApplication application(argc, argv);
    // Our options out, Qt Test's in.
    QStringList arguments = QCoreApplication::arguments();
    QStringList forQtTest { arguments.value(0) };
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &argument = arguments.at(i);
        if (argument == u"--seed"_s && i + 1 < arguments.size())
            s_commandLine.seed = arguments.at(++i).toUInt();
        else if (argument == u"--calls"_s && i + 1 < arguments.size())
            s_commandLine.calls = arguments.at(++i).toInt();
        else if (argument == u"--speed"_s && i + 1 < arguments.size())
            s_commandLine.speed = arguments.at(++i).toDouble();
        else if (argument == u"--no-faults"_s)
            s_commandLine.faults = false;
        else if (argument == u"--verbose"_s)
            s_commandLine.verbose = true;
        else
            forQtTest.append(argument);
    }
    // A seed run by hand lasts as long as its calls take: Qt Test's watchdog (5 minutes per test
    // function) is only for the fixed seeds.
    if (s_commandLine.seed && !qEnvironmentVariableIsSet("QTEST_FUNCTION_TIMEOUT"))
        qputenv("QTEST_FUNCTION_TIMEOUT", QByteArray::number(24 * 3600 * 1000));
    if (!s_commandLine.verbose)
        QLoggingCategory::setFilterRules(u"*.debug=false\n*.info=false"_s);
    else
        forQtTest << u"-maxwarnings"_s << u"0"_s; // every line, however many
    TestSoak test;
    return QTest::qExec(&test, forQtTest);
}

#include "TestSoak.moc"

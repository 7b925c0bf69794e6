// The headless log output (SPEC OP-4, UX-9): JSON lines with their fields, the journal's priority
// prefix, one line per message, and the buffering: one write per turn of the event loop, at once
// for a warning, and what is left when the program exits.

#include "app/LogOutput.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#include <cstdlib>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcTestLog, "supervisor.test.log")

namespace {

constexpr char s_childVariable[] = "SUPERVISOR_LOG_OUTPUT_CHILD";

// The whole file, split in lines (without their newline).
QList<QByteArray> linesOf(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> lines = file.readAll().split('\n');
    if (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    return lines;
}

QJsonObject parse(const QByteArray &line)
{
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qWarning("not a JSON object: %s", line.constData());
    return document.object();
}

// In the child process: one info line, then exit without returning to the event loop.
int runChild()
{
    int argc = 1;
    char name[] = "child";
    char *argv[] = { name, nullptr };
    QCoreApplication application(argc, argv);
    QLoggingCategory::setFilterRules(u"*.debug=false"_s);
    LogOutput::install(LogOutput::Format::Json);
    qCInfo(lcTestLog).noquote() << "written at exit";
    LogOutput::write(
        QtInfoMsg, "supervisor.calls.transition", { u"c-1"_s, u"queue"_s, u"waiting"_s, u"bridged"_s, {} }, QString());
    return 0;
}

} // namespace

class TestLogOutput final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void jsonLinesCarryTheirFields();
    void transitionFieldsAreFieldsNotProse();
    void textLineOfATransition();
    void oneLinePerMessage();
    void textFromOutsideCannotForgeALine_data();
    void textFromOutsideCannotForgeALine();
    void linesWaitForTheEndOfTheTurn();
    void aWarningIsWrittenAtOnceWithWhatCameBefore();
    void journalGetsThePriorityPrefix();
    void whatIsLeftIsWrittenAtExit();

private:
    QTemporaryDir m_dir;
    QString m_path; // this test function's log file
    int m_serial = 0;
    std::FILE *m_stream = nullptr;
};

void TestLogOutput::init()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(u"log-%1"_s.arg(++m_serial));
    m_stream = std::fopen(QFile::encodeName(m_path).constData(), "w");
    QVERIFY(m_stream);
    QLoggingCategory::setFilterRules(u"*.debug=false"_s);
}

void TestLogOutput::cleanup()
{
    LogOutput::uninstall();
    if (m_stream)
        std::fclose(m_stream);
    m_stream = nullptr;
    qunsetenv("JOURNAL_STREAM");
}

void TestLogOutput::jsonLinesCarryTheirFields()
{
    LogOutput::install(LogOutput::Format::Json, m_stream);
    qCInfo(lcTestLog).noquote() << "plain fact";
    qCWarning(lcTestLog).noquote() << "something is wrong";
    LogOutput::flush();
    const QList<QByteArray> lines = linesOf(m_path);
    QCOMPARE(lines.size(), 2);
    const QJsonObject info = parse(lines.at(0));
    QCOMPARE(info.value("level"_L1).toString(), u"info"_s);
    QCOMPARE(info.value("category"_L1).toString(), u"supervisor.test.log"_s);
    QCOMPARE(info.value("message"_L1).toString(), u"plain fact"_s);
    const QDateTime ts = QDateTime::fromString(info.value("ts"_L1).toString(), Qt::ISODateWithMs);
    QVERIFY(ts.isValid());
    QCOMPARE(ts.timeSpec(), Qt::UTC);
    QVERIFY(qAbs(ts.secsTo(QDateTime::currentDateTimeUtc())) < 3600);
    QVERIFY(!info.contains("channel"_L1)); // no fields that the fact has not
    const QJsonObject warning = parse(lines.at(1));
    QCOMPARE(warning.value("level"_L1).toString(), u"warning"_s);
    QCOMPARE(warning.value("message"_L1).toString(), u"something is wrong"_s);
}

void TestLogOutput::transitionFieldsAreFieldsNotProse()
{
    LogOutput::install(LogOutput::Format::Json, m_stream);
    // A cause from outside with a quote, a backslash and a newline stays inside its field.
    const QString cause = u"caller pressed \"6\" \\ next\nmessage"_s;
    LogOutput::write(QtInfoMsg, "supervisor.calls.transition",
        { u"1795676516.42"_s, u"vm-playback"_s, u"listening"_s, u"preamble"_s, cause }, QString());
    LogOutput::write(
        QtInfoMsg, "supervisor.calls.transition", { u"1795676516.43"_s, u"queue"_s, {}, u"joining"_s, {} }, QString());
    LogOutput::flush();
    const QList<QByteArray> lines = linesOf(m_path);
    QCOMPARE(lines.size(), 2);
    const QJsonObject transition = parse(lines.at(0));
    QCOMPARE(transition.value("category"_L1).toString(), u"supervisor.calls.transition"_s);
    QCOMPARE(transition.value("channel"_L1).toString(), u"1795676516.42"_s);
    QCOMPARE(transition.value("app"_L1).toString(), u"vm-playback"_s);
    QCOMPARE(transition.value("from"_L1).toString(), u"listening"_s);
    QCOMPARE(transition.value("to"_L1).toString(), u"preamble"_s);
    QCOMPARE(transition.value("cause"_L1).toString(), cause);
    QVERIFY(!transition.value("message"_L1).toString().contains(u"1795676516.42"_s));
    const QJsonObject first = parse(lines.at(1));
    QCOMPARE(first.value("to"_L1).toString(), u"joining"_s);
    QVERIFY(first.contains("from"_L1)); // the first state: from is there, empty
    QCOMPARE(first.value("from"_L1).toString(), QString());
    QVERIFY(!first.contains("cause"_L1));
}

void TestLogOutput::textLineOfATransition()
{
    const QByteArray line = LogOutput::formatLine(LogOutput::Format::Text, false, QtInfoMsg,
        "supervisor.calls.transition", { u"c-7"_s, u"queue"_s, {}, u"joining"_s, u"entered"_s }, QString());
    QVERIFY(line.endsWith(" info supervisor.calls.transition: c-7 queue: (start) -> joining (entered)\n"));
    QVERIFY(QDateTime::fromString(QString::fromLatin1(line.left(line.indexOf(' '))), Qt::ISODateWithMs).isValid());
    QVERIFY(!line.contains("QList"));
    QVERIFY(!line.contains('"'));
}

void TestLogOutput::oneLinePerMessage()
{
    LogOutput::install(LogOutput::Format::Text, m_stream);
    qCInfo(lcTestLog).noquote() << "first\nsecond";
    LogOutput::flush();
    const QList<QByteArray> lines = linesOf(m_path);
    QCOMPARE(lines.size(), 1);
    QVERIFY(lines.at(0).endsWith("supervisor.test.log: first\\nsecond"));
}

void TestLogOutput::textFromOutsideCannotForgeALine_data()
{
    QTest::addColumn<bool>("json");
    QTest::newRow("text") << false;
    QTest::newRow("json") << true;
}

void TestLogOutput::textFromOutsideCannotForgeALine()
{
    QFETCH(bool, json);
    // A channel name, an argument and a cause with every kind of line break and terminal control.
    const QString hostile = u"a\nb\rc\x1b[2Kd\x7f"_s + QChar(0x85) + QChar(0x9b) + QChar(0x2028) + QChar(0x2029)
        + QChar(0x202e) + u"e\\n"_s;
    LogOutput::install(json ? LogOutput::Format::Json : LogOutput::Format::Text, m_stream);
    qCInfo(lcTestLog).noquote() << "message" << hostile;
    LogOutput::write(
        QtWarningMsg, "supervisor.calls.transition", { hostile, u"queue"_s, {}, u"joining"_s, hostile }, QString());
    LogOutput::flush();
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray all = file.readAll();
    QCOMPARE(all.count('\n'), 2);
    for (const char *raw :
        { "\r", "\x1b", "\x7f", "\xc2\x85", "\xc2\x9b", "\xe2\x80\xa8", "\xe2\x80\xa9", "\xe2\x80\xae" })
        QVERIFY2(!all.contains(raw), all.constData());
    const QList<QByteArray> lines = linesOf(m_path);
    if (json) {
        // Read back, the text is the text.
        QCOMPARE(parse(lines.at(0)).value("message"_L1).toString(), u"message "_s + hostile);
        QCOMPARE(parse(lines.at(1)).value("channel"_L1).toString(), hostile);
        QCOMPARE(parse(lines.at(1)).value("cause"_L1).toString(), hostile);
    } else {
        const QByteArray escaped = "a\\nb\\rc\\x1b[2Kd\\x7f\\x85\\x9b\\u2028\\u2029\\u202ee\\\\n";
        QVERIFY2(lines.at(0).endsWith(QByteArray("supervisor.test.log: message " + escaped)), lines.at(0).constData());
        QVERIFY2(lines.at(1).contains(QByteArray("warning supervisor.calls.transition: " + escaped
                     + " queue: (start) -> joining (" + escaped + ')')),
            lines.at(1).constData());
    }
}

void TestLogOutput::linesWaitForTheEndOfTheTurn()
{
    LogOutput::install(LogOutput::Format::Text, m_stream);
    const qint64 writesBefore = LogOutput::writeCount();
    const qint64 linesBefore = LogOutput::lineCount();
    for (int i = 0; i < 50; ++i)
        qCInfo(lcTestLog).noquote() << "line" << i;
    QCOMPARE(LogOutput::lineCount() - linesBefore, 50);
    QCOMPARE(linesOf(m_path).size(), 0); // nothing written yet
    QTRY_COMPARE(linesOf(m_path).size(), 50);
    QCOMPARE(LogOutput::writeCount() - writesBefore, 1); // all of them in one write
    const QList<QByteArray> lines = linesOf(m_path);
    QVERIFY(lines.constFirst().endsWith(": line 0"));
    QVERIFY(lines.constLast().endsWith(": line 49"));
}

void TestLogOutput::aWarningIsWrittenAtOnceWithWhatCameBefore()
{
    LogOutput::install(LogOutput::Format::Text, m_stream);
    qCInfo(lcTestLog).noquote() << "before";
    qCWarning(lcTestLog).noquote() << "trouble";
    // No turn of the event loop in between.
    const QList<QByteArray> lines = linesOf(m_path);
    QCOMPARE(lines.size(), 2);
    QVERIFY(lines.at(0).endsWith("info supervisor.test.log: before"));
    QVERIFY(lines.at(1).endsWith("warning supervisor.test.log: trouble"));
}

void TestLogOutput::journalGetsThePriorityPrefix()
{
    struct stat status
    {
    };
    QCOMPARE(fstat(fileno(m_stream), &status), 0);
    qputenv("JOURNAL_STREAM",
        QByteArray::number(static_cast<qulonglong>(status.st_dev)) + ':'
            + QByteArray::number(static_cast<qulonglong>(status.st_ino)));
    LogOutput::install(LogOutput::Format::Text, m_stream);
    qCInfo(lcTestLog).noquote() << "informative";
    qCWarning(lcTestLog).noquote() << "worrying";
    qCCritical(lcTestLog).noquote() << "failing";
    LogOutput::flush();
    const QList<QByteArray> lines = linesOf(m_path);
    QCOMPARE(lines.size(), 3);
    // The journal keeps its own time: the line has none.
    QCOMPARE(lines.at(0), QByteArray("<6>info supervisor.test.log: informative"));
    QCOMPARE(lines.at(1), QByteArray("<4>warning supervisor.test.log: worrying"));
    QCOMPARE(lines.at(2), QByteArray("<3>critical supervisor.test.log: failing"));

    // Another stream than the journal's: no prefix.
    LogOutput::uninstall();
    qputenv("JOURNAL_STREAM", "1:1");
    LogOutput::install(LogOutput::Format::Json, m_stream);
    qCInfo(lcTestLog).noquote() << "elsewhere";
    LogOutput::flush();
    QVERIFY(linesOf(m_path).constLast().startsWith("{\"ts\":"));
}

void TestLogOutput::whatIsLeftIsWrittenAtExit()
{
    QProcess child;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QString::fromLatin1(s_childVariable), u"1"_s);
    environment.remove(u"JOURNAL_STREAM"_s);
    child.setProcessEnvironment(environment);
    child.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(child.waitForFinished(120000));
    QCOMPARE(child.exitCode(), 0);
    const QList<QByteArray> lines = child.readAllStandardError().split('\n');
    QList<QJsonObject> objects;
    for (const QByteArray &line : lines) {
        if (line.startsWith('{'))
            objects.append(parse(line));
    }
    QCOMPARE(objects.size(), 2);
    QCOMPARE(objects.at(0).value("message"_L1).toString(), u"written at exit"_s);
    QCOMPARE(objects.at(1).value("to"_L1).toString(), u"bridged"_s);
}

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsSet(s_childVariable))
        return runChild();
    QCoreApplication application(argc, argv);
    TestLogOutput test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestLogOutput.moc"

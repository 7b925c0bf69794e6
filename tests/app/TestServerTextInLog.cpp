// Text the server sends (Stasis arguments in every position, a channel's name) reaches the log of
// `ari-supervisor --no-gui` without forging a line (SPEC RB-3, no log injection): the program runs
// against the simulator, callers enter the three applications with newlines, carriage returns and
// terminal escapes in their arguments and names, and every line on standard error is then one of
// the program's own lines (text: time, level, category; JSON: one object), with the hostile text
// inside it, escaped.
#include "sim/SimServer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

#include <csignal>
#include <sys/types.h>

using namespace Qt::StringLiterals;

namespace {

// What an attacker would like to see as a line of its own, in either format.
const QString s_forgedText = u"2026-01-01T00:00:00.000Z critical supervisor.forged: injected"_s;
const QString s_forgedJson
    = u"{\"ts\":\"2026-01-01T00:00:00.000Z\",\"level\":\"critical\",\"category\":\"supervisor.forged\",\"message\":\"x\"}"_s;
const QString s_forged = u"\n"_s + s_forgedText + u"\r\n"_s + s_forgedJson + u"\n\x1b[2K"_s;

} // namespace

class TestServerTextInLog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void hostileServerTextStaysInItsLine_data();
    void hostileServerTextStaysInItsLine();

private:
    QString log()
    {
        m_log += QString::fromUtf8(m_process.readAllStandardError());
        return m_log;
    }
    // POST /sim/calls; the channel id, empty if refused.
    QString placeCall(SimServer &sim, const QString &app, const QString &args, const QString &name);

    QProcess m_process;
    QString m_log;
    QNetworkAccessManager m_network;
};

void TestServerTextInLog::cleanup()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(-1);
    }
    m_log.clear();
}

QString TestServerTextInLog::placeCall(SimServer &sim, const QString &app, const QString &args, const QString &name)
{
    QUrl url = sim.baseUrl();
    url.setPath(u"/sim/calls"_s);
    QUrlQuery query;
    query.addQueryItem(u"app"_s, QString::fromLatin1(QUrl::toPercentEncoding(app)));
    query.addQueryItem(u"args"_s, QString::fromLatin1(QUrl::toPercentEncoding(args)));
    query.addQueryItem(u"name"_s, QString::fromLatin1(QUrl::toPercentEncoding(name)));
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Basic " + QByteArray("asterisk:asterisk").toBase64());
    QNetworkReply *reply = m_network.post(request, QByteArray());
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!finished.wait(30000))
        return {};
    reply->deleteLater();
    return QJsonDocument::fromJson(reply->readAll()).object().value("channel"_L1).toObject().value("id"_L1).toString();
}

void TestServerTextInLog::hostileServerTextStaysInItsLine_data()
{
    QTest::addColumn<QString>("format");
    QTest::newRow("text") << u"text"_s;
    QTest::newRow("json") << u"json"_s;
}

void TestServerTextInLog::hostileServerTextStaysInItsLine()
{
    QFETCH(QString, format);
    SimServer::Options options;
    options.speed = 10;
    SimServer sim(options);
    QString error;
    QVERIFY2(sim.start(&error), qPrintable(error));
    QTemporaryDir state;
    QVERIFY(state.isValid());

    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString &name :
        { u"ARI_URL"_s, u"ARI_USER"_s, u"CREDENTIALS_DIRECTORY"_s, u"QT_LOGGING_RULES"_s, u"JOURNAL_STREAM"_s })
        environment.remove(name);
    environment.insert(u"ARI_PASSWORD"_s, u"asterisk"_s);
    environment.insert(u"STATE_DIRECTORY"_s, state.path());
    m_process.setProcessEnvironment(environment);
    m_process.start(QStringLiteral(ARI_SUPERVISOR_EXECUTABLE),
        { u"--no-gui"_s, u"--url"_s, sim.baseUrl().toString() + u"/ari"_s, u"--log-format"_s, format });
    QVERIFY(m_process.waitForStarted(-1));
    QTRY_VERIFY_WITH_TIMEOUT(log().contains(u"connected to Asterisk"_s), 60000);

    // The three applications, hostile text in the first argument, a later one and the name.
    QVERIFY(!placeCall(sim, u"vm-record"_s, u"305,x"_s + s_forged, u"Local/305@vm-record"_s + s_forged).isEmpty());
    QVERIFY(!placeCall(sim, u"vm-playback"_s, u"305"_s + s_forged, u"PJSIP/303"_s + s_forged).isEmpty());
    QVERIFY(!placeCall(sim, u"queue"_s, u"caller"_s + s_forged + u",agent"_s, u"PJSIP/304"_s).isEmpty());
    // Each fact is logged: the recorder's first transition, the refusals of the other two.
    QTRY_VERIFY_WITH_TIMEOUT(log().count(u"supervisor.forged"_s) >= 3 && log().contains(u"unknown role"_s)
            && log().contains(u"invalid mailbox"_s),
        60000);

    QCOMPARE(::kill(pid_t(m_process.processId()), SIGTERM), 0);
    QVERIFY(m_process.waitForFinished(-1));
    QCOMPARE(m_process.exitCode(), 0);
    const QByteArray all = log().toUtf8();
    QVERIFY2(!all.contains('\r') && !all.contains('\x1b'), all.constData());

    const QRegularExpression textLine(
        u"^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z (debug|info|warning|critical|fatal) supervisor\\.[a-z.]+: "_s);
    int withForgedText = 0;
    const QList<QByteArray> lines = all.split('\n');
    for (const QByteArray &raw : lines) {
        if (raw.isEmpty())
            continue;
        const QString line = QString::fromUtf8(raw);
        if (format == u"json"_s) {
            QJsonParseError parseError {};
            const QJsonObject object = QJsonDocument::fromJson(raw, &parseError).object();
            QVERIFY2(parseError.error == QJsonParseError::NoError, raw.constData());
            QVERIFY2(object.contains("ts"_L1) && object.contains("level"_L1), raw.constData());
            QVERIFY2(object.value("category"_L1).toString() != u"supervisor.forged"_s, raw.constData());
            // Read back, the fields hold the text as the server sent it (an argument's first 80
            // characters).
            for (const QString &field : { u"message"_s, u"cause"_s }) {
                if (object.value(field).toString().contains(u"\n"_s + s_forgedText + u"\r\n{"_s))
                    ++withForgedText;
            }
        } else {
            QVERIFY2(textLine.match(line).hasMatch(), raw.constData());
            QVERIFY2(!line.contains(u"supervisor.forged: injected"_s) || line.contains(u"\\n"_s + s_forgedText),
                raw.constData());
            if (line.contains(u"\\n"_s + s_forgedText + u"\\r\\n{"_s))
                ++withForgedText;
        }
    }
    // The recorder's transition (channel name and both arguments) and the two refusals.
    QVERIFY2(withForgedText >= 3, all.constData());
}

QTEST_GUILESS_MAIN(TestServerTextInLog)
#include "TestServerTextInLog.moc"

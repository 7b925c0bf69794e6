// SIGHUP in `ari-supervisor --no-gui` (SPEC OP-3), run as a program: the settings file is read
// again, the settings that can change live are applied and named, those that need a restart are
// named, a file that no longer loads changes nothing, and the service keeps running throughout.
// Both ways the program runs: headless (the core on the main thread) and as the supervisor service
// (`[service] listen=`: the core on a thread of its own, the reload applied there, the listener
// answering throughout).
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/types.h>

using namespace Qt::StringLiterals;

class TestSettingsReload final : public QObject
{
    Q_OBJECT

private:
    static bool writeFile(const QString &path, const QByteArray &content)
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return false;
        return file.write(content) == content.size();
    }

    // The test's environment (sanitizer options, locale …) without the settings' own variables.
    static QProcessEnvironment programEnvironment()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const QString &name : { u"ARI_URL"_s, u"ARI_USER"_s, u"ARI_PASSWORD"_s, u"CREDENTIALS_DIRECTORY"_s,
                 u"STATE_DIRECTORY"_s, u"QT_LOGGING_RULES"_s })
            environment.remove(name);
        return environment;
    }

    // The log so far; the service logs on standard error.
    QString log()
    {
        m_log += QString::fromUtf8(m_process.readAllStandardError());
        return m_log;
    }

    bool logged(const QString &text) { return log().contains(text); }

    // The service's /healthz status (503 while ARI is unreachable), 0 when nothing answers.
    static int healthStatus(quint16 port)
    {
        QNetworkAccessManager network;
        QNetworkReply *reply = network.get(QNetworkRequest(QUrl(u"http://127.0.0.1:%1/healthz"_s.arg(port))));
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->deleteLater();
        return status;
    }

    QProcess m_process;
    QString m_log;

private Q_SLOTS:
    void cleanup()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(-1);
        }
        m_log.clear();
    }

    void sighupAppliesLiveSettingsAndNamesTheOthers_data()
    {
        QTest::addColumn<bool>("service");
        QTest::newRow("headless") << false;
        QTest::newRow("service") << true;
    }

    void sighupAppliesLiveSettingsAndNamesTheOthers()
    {
        QFETCH(bool, service);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString ini = dir.filePath(u"supervisor.ini"_s);
        const QString users = dir.filePath(u"users"_s);
        QVERIFY(writeFile(users, "# nobody may attach; the listener is all this test needs\n"));
        // Nothing listens on the discard port of the loopback address: the service keeps trying to connect, which is
        // all it needs to do here. Every version of the file below ends with the service section.
        const QByteArray serviceSection
            = service ? "[service]\nlisten=127.0.0.1:0\nusers_file=" + users.toUtf8() + '\n' : QByteArray();
        const auto writeIni = [&](const QByteArray &content) { return writeFile(ini, content + serviceSection); };
        const QByteArray server = "[ari]\nurl=http://127.0.0.1:9/ari\n";
        QVERIFY(writeIni(server + "[voicemail]\nskip_ms=3000\n"));

        QProcessEnvironment environment = programEnvironment();
        environment.insert(u"ARI_PASSWORD"_s, u"s3cret"_s);
        m_process.setProcessEnvironment(environment);
        m_process.start(QStringLiteral(ARI_SUPERVISOR_EXECUTABLE), { u"--no-gui"_s, u"--config"_s, ini });
        QVERIFY(m_process.waitForStarted(-1));
        QTRY_VERIFY_WITH_TIMEOUT(logged(u"SIGHUP re-reads the settings"_s), 60000);
        quint16 port = 0;
        if (service) {
            const QRegularExpressionMatch listening
                = QRegularExpression(u"supervisor service on ws://127\\.0\\.0\\.1:(\\d+)"_s).match(log());
            QVERIFY2(listening.hasMatch(), qPrintable(log()));
            port = static_cast<quint16>(listening.captured(1).toUInt());
            QCOMPARE(healthStatus(port), 503);
        }

        // Nothing changed.
        QCOMPARE(::kill(pid_t(m_process.processId()), SIGHUP), 0);
        QTRY_VERIFY_WITH_TIMEOUT(logged(u"settings reloaded, nothing changed"_s), 60000);

        // Live settings and one that needs a restart.
        QVERIFY(writeIni("[ari]\nurl=http://127.0.0.1:9/ari\nuser=someone-else\n[voicemail]\nskip_ms=4000\n"
                         "[queue]\nannouncement_interval_ms=20000\nposition_wording=own_position\n"));
        QCOMPARE(::kill(pid_t(m_process.processId()), SIGHUP), 0);
        QTRY_VERIFY_WITH_TIMEOUT(
            logged(u"applied now: voicemail/skip_ms, queue/announcement_interval_ms, queue/position_wording"_s), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(logged(u"only after a restart: ari/user"_s), 60000);

        // A file that no longer loads: reported, nothing changes, the service runs on.
        QVERIFY(writeIni(server + "[voicemail]\nskip_ms=-5\n"));
        QCOMPARE(::kill(pid_t(m_process.processId()), SIGHUP), 0);
        QTRY_VERIFY_WITH_TIMEOUT(logged(u"were not reloaded"_s), 60000);
        QVERIFY2(log().contains(u"voicemail/skip_ms must be positive"_s), qPrintable(log()));
        QCOMPARE(m_process.state(), QProcess::Running);
        if (service)
            QCOMPARE(healthStatus(port), 503);

        // Back to the first file: the live settings return, ari/user is the one it started with.
        QVERIFY(writeIni(server + "[voicemail]\nskip_ms=3000\n"));
        const qsizetype before = log().size();
        QCOMPARE(::kill(pid_t(m_process.processId()), SIGHUP), 0);
        QTRY_VERIFY_WITH_TIMEOUT(
            log().indexOf(u"applied now: voicemail/skip_ms, queue/announcement_interval_ms"_s, before) >= 0, 60000);
        QVERIFY2(log().indexOf(u"after a restart"_s, before) < 0, qPrintable(log().mid(before)));

        // SIGTERM still ends it cleanly.
        QCOMPARE(::kill(pid_t(m_process.processId()), SIGTERM), 0);
        QVERIFY(m_process.waitForFinished(-1));
        QVERIFY2(m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0,
            qPrintable(u"exit code %1, %2:\n"_s.arg(m_process.exitCode())
                    .arg(m_process.exitStatus() == QProcess::NormalExit ? u"exited"_s : u"crashed"_s)
                + log().right(6000)));
        QVERIFY2(!log().contains(u"s3cret"_s), qPrintable(log()));
    }
};

QTEST_GUILESS_MAIN(TestSettingsReload)
#include "TestSettingsReload.moc"

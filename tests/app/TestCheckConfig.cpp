// `ari-supervisor --check-config` (SPEC OP-3), run as a program: exit 0 and a summary for usable
// settings, exit 1 and one line per problem otherwise.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestCheckConfig final : public QObject
{
    Q_OBJECT

private:
    struct Outcome
    {
        int exitCode = -1;
        QString out;
        QStringList errorLines;
    };

    static QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
    {
        const QString path = dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(content);
        return path;
    }

    // The settings' own variables come from the test only; the rest (sanitizer options, locale …)
    // from the test's environment.
    static Outcome checkConfig(const QStringList &arguments, const QProcessEnvironment &settingsVariables = {})
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const QString &name :
            { u"ARI_URL"_s, u"ARI_USER"_s, u"ARI_PASSWORD"_s, u"CREDENTIALS_DIRECTORY"_s, u"STATE_DIRECTORY"_s })
            environment.remove(name);
        environment.insert(settingsVariables);
        QProcess process;
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(ARI_SUPERVISOR_EXECUTABLE), QStringList { u"--check-config"_s } + arguments);
        Outcome outcome;
        if (!process.waitForFinished(-1) || process.exitStatus() != QProcess::NormalExit)
            return outcome;
        outcome.exitCode = process.exitCode();
        outcome.out = QString::fromUtf8(process.readAllStandardOutput());
        outcome.errorLines = QString::fromUtf8(process.readAllStandardError()).split(u'\n', Qt::SkipEmptyParts);
        return outcome;
    }

private Q_SLOTS:
    void usableSettingsPass()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString password = writeFile(dir, u"password"_s, "s3cret\n");
        QVERIFY(QDir(dir.path()).mkdir(u"state"_s));
        const QString ini = writeFile(dir, u"good.ini"_s,
            "[ari]\nurl=http://192.0.2.10:8088/ari\nuser=supervisor\npassword_file=" + password.toUtf8()
                + "\n[apps]\nqueue=sales\n[service]\nstate_dir=" + dir.filePath(u"state"_s).toUtf8() + "\n");
        const Outcome outcome = checkConfig({ u"--config"_s, ini });
        QCOMPARE(outcome.errorLines, QStringList());
        QCOMPARE(outcome.exitCode, 0);
        QVERIFY2(outcome.out.startsWith(ini + u": OK"_s), qPrintable(outcome.out));
        QVERIFY2(outcome.out.contains(u"sales"_s), qPrintable(outcome.out));
        QVERIFY2(!outcome.out.contains(u"s3cret"_s), qPrintable(outcome.out)); // never the password
    }

    // A password with a space around it is used as it is; the check says so (README, settings).
    void passwordWithSurroundingSpaceIsNoted()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString spaced = writeFile(dir, u"spaced"_s, " s3cret \n");
        const Outcome noted
            = checkConfig({ u"--url"_s, u"http://192.0.2.10:8088/ari"_s, u"--password-file"_s, spaced });
        QCOMPARE(noted.errorLines, QStringList());
        QCOMPARE(noted.exitCode, 0);
        QVERIFY2(
            noted.out.contains(u"note: the ARI password begins or ends with a space or a tab; it is used as it is"_s),
            qPrintable(noted.out));
        QVERIFY2(!noted.out.contains(u"s3cret"_s), qPrintable(noted.out));

        const QString plain = writeFile(dir, u"plain"_s, "s3cret\n");
        const Outcome quiet = checkConfig({ u"--url"_s, u"http://192.0.2.10:8088/ari"_s, u"--password-file"_s, plain });
        QCOMPARE(quiet.exitCode, 0);
        QVERIFY2(!quiet.out.contains(u"note:"_s), qPrintable(quiet.out));
    }

    void passwordFromTheSystemdCredential()
    {
        QTemporaryDir credentials;
        writeFile(credentials, u"ari-password"_s, "s3cret\n");
        QProcessEnvironment environment;
        environment.insert(u"CREDENTIALS_DIRECTORY"_s, credentials.path());
        const Outcome outcome = checkConfig({}, environment);
        QCOMPARE(outcome.errorLines, QStringList());
        QCOMPARE(outcome.exitCode, 0);
    }

    void everyProblemIsNamed()
    {
        QTemporaryDir dir;
        const QString ini = writeFile(dir, u"bad.ini"_s,
            "[ari]\nurl=ftp://pbx/ari\n[apps]\nqueue=vm-record\n"
            "[queue]\nannouncement_interval_ms=ten\n[voicemail]\nskip_ms=0\n");
        const Outcome outcome = checkConfig({ u"--config"_s, ini });
        QCOMPARE(outcome.exitCode, 1);
        QCOMPARE(outcome.out, QString());
        const QStringList &lines = outcome.errorLines;
        QCOMPARE(lines.size(), 4);
        for (const QString &line : lines)
            QVERIFY2(line.startsWith(ini + u": "_s), qPrintable(line));
        QVERIFY2(lines.at(0).contains(u"announcement_interval_ms must be a whole number"_s), qPrintable(lines.at(0)));
        QVERIFY2(lines.at(1).contains(u"ARI URL"_s), qPrintable(lines.at(1)));
        QVERIFY2(lines.at(2).contains(u"must differ"_s), qPrintable(lines.at(2)));
        QVERIFY2(lines.at(3).contains(u"skip_ms"_s), qPrintable(lines.at(3)));
    }

    void serviceProblemsAreNamed()
    {
        QTemporaryDir dir;
        const QString ini = writeFile(dir, u"incomplete.ini"_s,
            "[service]\nstate_dir=" + dir.filePath(u"missing"_s).toUtf8() + "\n[voicemail]\nskipms=3000\n");
        const Outcome outcome = checkConfig({ u"--config"_s, ini });
        QCOMPARE(outcome.exitCode, 1);
        QCOMPARE(outcome.errorLines.size(), 3);
        QVERIFY2(outcome.errorLines.at(0).contains(u"no ARI password"_s), qPrintable(outcome.errorLines.at(0)));
        QVERIFY2(outcome.errorLines.at(1).contains(u"does not exist"_s), qPrintable(outcome.errorLines.at(1)));
        QVERIFY2(outcome.errorLines.at(2).contains(u"unknown setting voicemail/skipms"_s),
            qPrintable(outcome.errorLines.at(2)));
    }

    void unreadableFilesAreNamed()
    {
        QTemporaryDir dir;
        const QString missing = dir.filePath(u"nowhere.ini"_s);
        Outcome outcome = checkConfig({ u"--config"_s, missing });
        QCOMPARE(outcome.exitCode, 1);
        QCOMPARE(outcome.errorLines.size(), 1);
        QVERIFY2(outcome.errorLines.at(0).contains(u"cannot read the configuration file"_s),
            qPrintable(outcome.errorLines.at(0)));

        const QString ini
            = writeFile(dir, u"s.ini"_s, "[ari]\npassword_file=" + dir.filePath(u"no-password"_s).toUtf8() + "\n");
        outcome = checkConfig({ u"--config"_s, ini });
        QCOMPARE(outcome.exitCode, 1);
        QCOMPARE(outcome.errorLines.size(), 1);
        QVERIFY2(outcome.errorLines.at(0).contains(u"cannot read the password file"_s),
            qPrintable(outcome.errorLines.at(0)));
    }

    void theCommandLineIsChecked()
    {
        QProcessEnvironment environment;
        environment.insert(u"ARI_PASSWORD"_s, u"s3cret"_s);
        const Outcome outcome = checkConfig({ u"--queue-app"_s, u"a/b"_s }, environment);
        QCOMPARE(outcome.exitCode, 1);
        QCOMPARE(outcome.errorLines.size(), 1);
        QVERIFY2(outcome.errorLines.at(0).contains(u"\"a/b\""_s), qPrintable(outcome.errorLines.at(0)));
    }
};

QTEST_GUILESS_MAIN(TestCheckConfig)
#include "TestCheckConfig.moc"

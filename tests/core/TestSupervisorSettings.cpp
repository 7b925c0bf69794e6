#include "core/config/SupervisorSettings.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestSupervisorSettings final : public QObject
{
    Q_OBJECT

private:
    static QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
    {
        const QString path = dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(content);
        return path;
    }

private Q_SLOTS:
    void defaults()
    {
        SupervisorSettings settings;
        QString error;
        QVERIFY2(settings.load({}, QProcessEnvironment(), {}, &error), qPrintable(error));
        QCOMPARE(settings.url(), u"http://127.0.0.1:8088/ari"_s);
        QCOMPARE(settings.user(), u"asterisk"_s);
        QVERIFY(!settings.hasPassword());
        QCOMPARE(settings.vmRecordApp(), u"vm-record"_s);
        QCOMPARE(settings.vmPlaybackApp(), u"vm-playback"_s);
        QCOMPARE(settings.queueApp(), u"queue"_s);
        QCOMPARE(settings.announcementIntervalMs(), 30000);
        QCOMPARE(settings.skipMs(), 5000);
        QCOMPARE(settings.mwiContext(), u"default"_s);
        QCOMPARE(settings.heardPercent(), 80);
        QCOMPARE(settings.trashDays(), 30);
        QCOMPARE(settings.recordingFormat(), u"wav"_s);
        QCOMPARE(settings.positionWording(), SupervisorSettings::PositionWording::CallersAhead);
        const AriEndpoint endpoint = settings.endpoint();
        QCOMPARE(endpoint.applications, QStringList({u"vm-record"_s, u"vm-playback"_s, u"queue"_s}));
        QVERIFY(endpoint.verifyPeer);
        QCOMPARE(endpoint.restTransport, AriEndpoint::RestTransport::Auto);
        QCOMPARE(endpoint.maxEventFrameBytes, qint64(16 * 1024 * 1024));
        QCOMPARE(endpoint.maxBodyBytes, qint64(256 * 1024 * 1024));
    }

    void transportAndLimits_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<AriEndpoint::RestTransport>("transport");
        QTest::newRow("auto") << QByteArray("auto") << AriEndpoint::RestTransport::Auto;
        QTest::newRow("websocket") << QByteArray("websocket") << AriEndpoint::RestTransport::WebSocket;
        QTest::newRow("http") << QByteArray("http") << AriEndpoint::RestTransport::Http;
        QTest::newRow("any case") << QByteArray("WebSocket") << AriEndpoint::RestTransport::WebSocket;
    }

    void transportAndLimits()
    {
        QFETCH(QByteArray, value);
        QFETCH(AriEndpoint::RestTransport, transport);
        QTemporaryDir dir;
        const QString ini = writeFile(dir, u"s.ini"_s,
                                      "[ari]\nrest_transport=" + value
                                          + "\nmax_event_frame_bytes=1048576\nmax_body_bytes=2097152\n");
        SupervisorSettings settings;
        QString error;
        QVERIFY2(settings.load(ini, QProcessEnvironment(), {}, &error), qPrintable(error));
        QCOMPARE(settings.restTransport(), transport);
        const AriEndpoint endpoint = settings.endpoint();
        QCOMPARE(endpoint.restTransport, transport);
        QCOMPARE(endpoint.maxEventFrameBytes, qint64(1048576));
        QCOMPARE(endpoint.maxBodyBytes, qint64(2097152));
    }

    void precedenceCommandLineOverIniOverEnvironment()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString ini = writeFile(dir, u"s.ini"_s,
                                      "[ari]\nurl=http://10.0.0.1:8088/ari\nuser=fromini\n"
                                      "[apps]\nqueue=sales\n[queue]\nannouncement_interval_ms=45000\n"
                                      "position_wording=own_position\n[voicemail]\nskip_ms=3000\n"
                                      "mwi_context=office\nheard_percent=60\ntrash_days=7\n"
                                      "[supervisor]\nendpoint=PJSIP/1001\n");
        QProcessEnvironment environment;
        environment.insert(u"ARI_URL"_s, u"http://192.0.2.1:8088/ari"_s);
        environment.insert(u"ARI_USER"_s, u"fromenv"_s);
        environment.insert(u"ARI_PASSWORD"_s, u"envsecret"_s);
        SupervisorSettings::Overrides overrides;
        overrides.user = u"fromcli"_s;

        SupervisorSettings settings;
        QString error;
        QVERIFY2(settings.load(ini, environment, overrides, &error), qPrintable(error));
        QCOMPARE(settings.url(), u"http://10.0.0.1:8088/ari"_s); // INI beats environment
        QCOMPARE(settings.user(), u"fromcli"_s);                 // command line beats both
        QVERIFY(settings.hasPassword());                          // environment, nothing else set it
        QCOMPARE(settings.endpoint().password, u"envsecret"_s);
        QCOMPARE(settings.queueApp(), u"sales"_s);
        QCOMPARE(settings.mwiContext(), u"office"_s);
        QCOMPARE(settings.heardPercent(), 60);
        QCOMPARE(settings.trashDays(), 7);
        QCOMPARE(settings.announcementIntervalMs(), 45000);
        QCOMPARE(settings.positionWording(), SupervisorSettings::PositionWording::OwnPosition);
        QCOMPARE(settings.skipMs(), 3000);
        QCOMPARE(settings.supervisorEndpoint(), u"PJSIP/1001"_s);
    }

    void passwordFile()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, u"pw"_s, "s3cret\nignored second line\n");
        SupervisorSettings::Overrides overrides;
        overrides.passwordFile = path;
        QProcessEnvironment environment;
        environment.insert(u"ARI_PASSWORD"_s, u"envsecret"_s);
        SupervisorSettings settings;
        QString error;
        QVERIFY2(settings.load({}, environment, overrides, &error), qPrintable(error));
        QCOMPARE(settings.endpoint().password, u"s3cret"_s);
    }

    // A password file's first line is the password exactly: only its line break goes (SPEC RB-3).
    void passwordFileKeepsSurroundingSpaces_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("password");
        QTest::newRow("newline") << QByteArray("s3cret\n") << u"s3cret"_s;
        QTest::newRow("no newline") << QByteArray("s3cret") << u"s3cret"_s;
        QTest::newRow("crlf") << QByteArray("s3cret\r\n") << u"s3cret"_s;
        QTest::newRow("spaces kept") << QByteArray("  s3cret  \n") << u"  s3cret  "_s;
        QTest::newRow("tab kept") << QByteArray("\ts3cret\n") << u"\ts3cret"_s;
        QTest::newRow("inner space") << QByteArray("two words\nsecond line") << u"two words"_s;
        QTest::newRow("only one line break goes") << QByteArray("s3cret \n\n") << u"s3cret "_s;
        QTest::newRow("utf-8") << QByteArray("gr\xc3\xbc\xc3\x9f dich\n") << u"grüß dich"_s;
        QTest::newRow("longest") << QByteArray(QByteArray(4096, 'x') + "\n") << QString(4096, u'x');
    }

    void passwordFileKeepsSurroundingSpaces()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, password);
        QTemporaryDir dir;
        for (const bool fromIni : { false, true }) {
            const QString path = writeFile(dir, u"pw"_s, content);
            SupervisorSettings::Overrides overrides;
            QString ini;
            if (fromIni)
                ini = writeFile(dir, u"s.ini"_s, "[ari]\npassword_file=" + path.toUtf8() + "\n");
            else
                overrides.passwordFile = path;
            SupervisorSettings settings;
            QString error;
            QVERIFY2(settings.load(ini, QProcessEnvironment(), overrides, &error), qPrintable(error));
            QCOMPARE(settings.endpoint().password, password);
            QCOMPARE(settings.notes().isEmpty(), password.trimmed() == password);
        }
        // The systemd credential reads the same way.
        QTemporaryDir credentials;
        writeFile(credentials, u"ari-password"_s, content);
        QProcessEnvironment environment;
        environment.insert(u"CREDENTIALS_DIRECTORY"_s, credentials.path());
        SupervisorSettings settings;
        QString error;
        QVERIFY2(settings.load({}, environment, {}, &error), qPrintable(error));
        QCOMPARE(settings.endpoint().password, password);
    }

    void passwordFileTooLongIsRefused()
    {
        QTemporaryDir dir;
        for (const QByteArray &content : { QByteArray(4097, 'x'), QByteArray(QByteArray(4097, 'x') + "\n"), QByteArray(9000, 'x') }) {
            SupervisorSettings::Overrides overrides;
            overrides.passwordFile = writeFile(dir, u"pw"_s, content);
            SupervisorSettings settings;
            QString error;
            QVERIFY(!settings.load({}, QProcessEnvironment(), overrides, &error));
            QVERIFY2(error.contains(u"longer than 4096 bytes"_s), qPrintable(error));
            QVERIFY2(!error.contains(u"xxxx"_s), qPrintable(error)); // never the password
        }
    }

    void invalid_data()
    {
        QTest::addColumn<QByteArray>("ini");
        QTest::addColumn<QString>("errorPart");
        QTest::newRow("bad scheme") << QByteArray("[ari]\nurl=ftp://host/ari\n") << u"ARI URL"_s;
        QTest::newRow("no host") << QByteArray("[ari]\nurl=http:///ari\n") << u"ARI URL"_s;
        QTest::newRow("credentials in url") << QByteArray("[ari]\nurl=\"http://u:p@host:8088/ari\"\n")
                                            << u"no credentials"_s;
        QTest::newRow("hostile app name") << QByteArray("[apps]\nqueue=../x\n") << u"application names"_s;
        QTest::newRow("tiny interval") << QByteArray("[queue]\nannouncement_interval_ms=5\n") << u"at least"_s;
        QTest::newRow("bad wording") << QByteArray("[queue]\nposition_wording=sideways\n") << u"position_wording"_s;
        QTest::newRow("negative skip") << QByteArray("[voicemail]\nskip_ms=-1\n") << u"skip_ms"_s;
        QTest::newRow("huge skip") << QByteArray("[voicemail]\nskip_ms=700000\n") << u"skip_ms"_s;
        QTest::newRow("context with @") << QByteArray("[voicemail]\nmwi_context=a@b\n") << u"mwi_context"_s;
        QTest::newRow("heard at 0 %") << QByteArray("[voicemail]\nheard_percent=0\n") << u"heard_percent"_s;
        QTest::newRow("no trash days") << QByteArray("[voicemail]\ntrash_days=0\n") << u"trash_days"_s;
        QTest::newRow("huge interval") << QByteArray("[queue]\nannouncement_interval_ms=4000000\n") << u"at most"_s;
        QTest::newRow("interval not a number")
            << QByteArray("[queue]\nannouncement_interval_ms=thirty\n") << u"whole number"_s;
        QTest::newRow("same app twice") << QByteArray("[apps]\nqueue=vm-record\n") << u"must differ"_s;
        QTest::newRow("misspelt boolean") << QByteArray("[ari]\ninsecure_tls=flase\n") << u"insecure_tls"_s;
        QTest::newRow("hostile format") << QByteArray("[voicemail]\nrecording_format=../wav\n")
                                        << u"recording_format"_s;
        QTest::newRow("endpoint without technology") << QByteArray("[supervisor]\nendpoint=1001\n")
                                                     << u"PJSIP/1001"_s;
        QTest::newRow("relative state dir") << QByteArray("[service]\nstate_dir=var/lib\n") << u"absolute"_s;
        QTest::newRow("bad log level") << QByteArray("[service]\nlog_level=loud\n") << u"log_level"_s;
        QTest::newRow("bad transport") << QByteArray("[ari]\nrest_transport=carrier-pigeon\n") << u"rest_transport"_s;
        QTest::newRow("tiny frame limit") << QByteArray("[ari]\nmax_event_frame_bytes=100\n")
                                          << u"max_event_frame_bytes"_s;
        QTest::newRow("body limit not a number") << QByteArray("[ari]\nmax_body_bytes=lots\n") << u"max_body_bytes"_s;
    }

    void invalid()
    {
        QFETCH(QByteArray, ini);
        QFETCH(QString, errorPart);
        QTemporaryDir dir;
        const QString path = writeFile(dir, u"bad.ini"_s, ini);
        SupervisorSettings settings;
        QString error;
        QVERIFY(!settings.load(path, QProcessEnvironment(), {}, &error));
        QVERIFY2(error.contains(errorPart), qPrintable(error));
    }

    void everyInvalidValueIsNamed()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, u"bad.ini"_s,
                                       "[ari]\nurl=ftp://host/ari\n[queue]\nannouncement_interval_ms=5\n"
                                       "[voicemail]\nskip_ms=0\n");
        SupervisorSettings settings;
        QString error;
        QVERIFY(!settings.load(path, QProcessEnvironment(), {}, &error));
        const QStringList lines = error.split(u'\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines.at(0).contains(u"ARI URL"_s), qPrintable(error));
        QVERIFY2(lines.at(1).contains(u"announcement_interval_ms"_s), qPrintable(error));
        QVERIFY2(lines.at(2).contains(u"skip_ms"_s), qPrintable(error));
    }

    void passwordFromSystemdCredential()
    {
        QTemporaryDir credentials;
        writeFile(credentials, u"ari-password"_s, "from-credential\n");
        QProcessEnvironment environment;
        environment.insert(u"ARI_PASSWORD"_s, u"envsecret"_s);
        environment.insert(u"CREDENTIALS_DIRECTORY"_s, credentials.path());
        SupervisorSettings settings;
        QString error;
        QVERIFY2(settings.load({}, environment, {}, &error), qPrintable(error));
        QCOMPARE(settings.endpoint().password, u"from-credential"_s); // the credential beats ARI_PASSWORD

        // The INI file's password file still wins, as the INI file beats the environment.
        QTemporaryDir dir;
        const QString passwordFile = writeFile(dir, u"pw"_s, "from-file\n");
        const QString ini = writeFile(dir, u"s.ini"_s, "[ari]\npassword_file=" + passwordFile.toUtf8() + "\n");
        SupervisorSettings fromIni;
        QVERIFY2(fromIni.load(ini, environment, {}, &error), qPrintable(error));
        QCOMPARE(fromIni.endpoint().password, u"from-file"_s);

        // An empty credential (as the package installs it) leaves the password to the others.
        QTemporaryDir emptyCredential;
        writeFile(emptyCredential, u"ari-password"_s, "");
        environment.insert(u"CREDENTIALS_DIRECTORY"_s, emptyCredential.path());
        SupervisorSettings withEmptyCredential;
        QVERIFY2(withEmptyCredential.load({}, environment, {}, &error), qPrintable(error));
        QCOMPARE(withEmptyCredential.endpoint().password, u"envsecret"_s);

        // A credentials directory without the ARI password is not an error.
        QTemporaryDir empty;
        environment.insert(u"CREDENTIALS_DIRECTORY"_s, empty.path());
        SupervisorSettings withoutCredential;
        QVERIFY2(withoutCredential.load({}, environment, {}, &error), qPrintable(error));
        QCOMPARE(withoutCredential.endpoint().password, u"envsecret"_s);
    }

    void stateDirectory()
    {
        SupervisorSettings none;
        QString error;
        QVERIFY2(none.load({}, QProcessEnvironment(), {}, &error), qPrintable(error));
        QVERIFY(none.stateDir().isEmpty());

        QProcessEnvironment environment;
        environment.insert(u"STATE_DIRECTORY"_s, u"/var/lib/ari-supervisor:/var/lib/other"_s);
        SupervisorSettings fromSystemd;
        QVERIFY2(fromSystemd.load({}, environment, {}, &error), qPrintable(error));
        QCOMPARE(fromSystemd.stateDir(), u"/var/lib/ari-supervisor"_s);

        QTemporaryDir dir;
        const QString ini = writeFile(dir, u"s.ini"_s, "[service]\nstate_dir=/srv/supervisor\nlog_level=debug\n");
        SupervisorSettings fromIni;
        QVERIFY2(fromIni.load(ini, environment, {}, &error), qPrintable(error));
        QCOMPARE(fromIni.stateDir(), u"/srv/supervisor"_s);
        QCOMPARE(fromIni.logLevel(), SupervisorSettings::LogLevel::Debug);
    }

    void problemsOfAServiceThatWouldNotWork()
    {
        QTemporaryDir dir;
        const QString missingState = dir.filePath(u"state"_s);
        const QString ini = writeFile(dir, u"s.ini"_s,
                                      "[service]\nstate_dir=" + missingState.toUtf8() + "\n[queue]\nannoucement=5\n");
        SupervisorSettings settings;
        QString error;
        QVERIFY2(settings.load(ini, QProcessEnvironment(), {}, &error), qPrintable(error));
        const QStringList problems = settings.problems();
        QCOMPARE(problems.size(), 3);
        QVERIFY2(problems.at(0).contains(u"no ARI password"_s), qPrintable(problems.join(u'\n')));
        QVERIFY2(problems.at(1).contains(missingState), qPrintable(problems.join(u'\n')));
        QVERIFY2(problems.at(2).contains(u"queue/annoucement"_s), qPrintable(problems.join(u'\n')));

        QVERIFY(QDir().mkpath(missingState));
        QProcessEnvironment environment;
        environment.insert(u"ARI_PASSWORD"_s, u"secret"_s);
        const QString good = writeFile(dir, u"good.ini"_s, "[service]\nstate_dir=" + missingState.toUtf8() + "\n");
        SupervisorSettings usable;
        QVERIFY2(usable.load(good, environment, {}, &error), qPrintable(error));
        QCOMPARE(usable.problems(), QStringList());
    }

    void changesBetweenTwoLoads()
    {
        QTemporaryDir dir;
        const QString before = writeFile(dir, u"before.ini"_s, "[voicemail]\nskip_ms=3000\n");
        const QString after = writeFile(dir, u"after.ini"_s,
                                        "[voicemail]\nskip_ms=4000\n[queue]\nannouncement_interval_ms=20000\n"
                                        "[service]\nlog_level=warning\n[ari]\nurl=http://192.0.2.7:8088/ari\n"
                                        "[apps]\nqueue=sales\n");
        SupervisorSettings older;
        SupervisorSettings newer;
        QString error;
        QVERIFY2(older.load(before, QProcessEnvironment(), {}, &error), qPrintable(error));
        QVERIFY2(newer.load(after, QProcessEnvironment(), {}, &error), qPrintable(error));
        const SupervisorSettings::Changes changes = older.changesTo(newer);
        QCOMPARE(changes.live,
                 QStringList({u"voicemail/skip_ms"_s, u"queue/announcement_interval_ms"_s, u"service/log_level"_s}));
        QCOMPARE(changes.needRestart, QStringList({u"ari/url"_s, u"apps/queue"_s}));
        const SupervisorSettings::Changes none = newer.changesTo(newer);
        QVERIFY(none.live.isEmpty());
        QVERIFY(none.needRestart.isEmpty());
    }

    void caFile()
    {
        const QString valid = QStringLiteral(SUPERVISOR_TEST_DATA_DIR "/tls/loopback.crt");
        QTemporaryDir dir;
        const QString ini
            = writeFile(dir, u"tls.ini"_s, "[ari]\nurl=https://127.0.0.1:8089/ari\nca_file=" + valid.toUtf8() + "\n");
        SupervisorSettings settings;
        QString error;
        QVERIFY2(settings.load(ini, QProcessEnvironment(), {}, &error), qPrintable(error));
        QCOMPARE(settings.caFile(), valid);
        QCOMPARE(settings.endpoint().caFile, valid);
        QVERIFY(settings.endpoint().verifyPeer);

        SupervisorSettings fromCommandLine;
        SupervisorSettings::Overrides overrides;
        overrides.caFile = valid;
        QVERIFY2(fromCommandLine.load({}, QProcessEnvironment(), overrides, &error), qPrintable(error));
        QCOMPARE(fromCommandLine.endpoint().caFile, valid);
    }

    void caFileUnusable_data()
    {
        QTest::addColumn<QByteArray>("content"); // empty: no such file
        QTest::addColumn<QString>("errorPart");
        QTest::newRow("missing") << QByteArray() << u"cannot read the CA file"_s;
        QTest::newRow("not PEM") << QByteArray("just some text\n") << u"holds no PEM certificate"_s;
        QTest::newRow("key instead of certificate")
            << QByteArray("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
            << u"holds no PEM certificate"_s;
    }

    void caFileUnusable()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, errorPart);
        QTemporaryDir dir;
        const QString path = content.isEmpty() ? dir.filePath(u"absent.pem"_s) : writeFile(dir, u"ca.pem"_s, content);
        SupervisorSettings::Overrides overrides;
        overrides.caFile = path;
        SupervisorSettings settings;
        QString error;
        QVERIFY(!settings.load({}, QProcessEnvironment(), overrides, &error));
        QVERIFY2(error.contains(u"ca_file"_s) && error.contains(errorPart) && error.contains(path), qPrintable(error));
    }

    void bothUrlForms_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("restUrl");
        QTest::addColumn<QString>("eventsPath");
        QTest::newRow("server only") << u"http://pbx:8088"_s << u"http://pbx:8088/ari"_s << u"/ari/events"_s;
        QTest::newRow("server, slash") << u"http://pbx:8088/"_s << u"http://pbx:8088/ari"_s << u"/ari/events"_s;
        QTest::newRow("ari") << u"http://pbx:8088/ari"_s << u"http://pbx:8088/ari"_s << u"/ari/events"_s;
        QTest::newRow("ari, slash") << u"https://pbx:8089/ari/"_s << u"https://pbx:8089/ari"_s << u"/ari/events"_s;
        QTest::newRow("prefix") << u"http://pbx:8088/asterisk/ari"_s << u"http://pbx:8088/asterisk/ari"_s
                                << u"/asterisk/ari/events"_s;
    }

    void bothUrlForms()
    {
        QFETCH(QString, url);
        QFETCH(QString, restUrl);
        QFETCH(QString, eventsPath);
        SupervisorSettings::Overrides overrides;
        overrides.url = url;
        SupervisorSettings settings;
        QString error;
        QVERIFY2(settings.load({}, QProcessEnvironment(), overrides, &error), qPrintable(error));
        const AriEndpoint endpoint = settings.endpoint();
        QCOMPARE(endpoint.restUrl().toString(), restUrl);
        QCOMPARE(endpoint.eventsUrl().path(), eventsPath);
        QCOMPARE(endpoint.eventsUrl().scheme(), url.startsWith(u"https"_s) ? u"wss"_s : u"ws"_s);
    }

    void missingFilesAreErrors()
    {
        SupervisorSettings settings;
        QString error;
        QVERIFY(!settings.load(u"/nonexistent/settings.ini"_s, QProcessEnvironment(), {}, &error));
        QVERIFY(error.contains(u"/nonexistent/settings.ini"_s));
        SupervisorSettings::Overrides overrides;
        overrides.passwordFile = u"/nonexistent/password"_s;
        QVERIFY(!settings.load({}, QProcessEnvironment(), overrides, &error));
        QVERIFY(error.contains(u"password file"_s));
    }
};

QTEST_GUILESS_MAIN(TestSupervisorSettings)
#include "TestSupervisorSettings.moc"

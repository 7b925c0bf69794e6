#include "core/config/SupervisorSettings.h"

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

#include "sim/SimServer.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace {

QString testData(const QString &name)
{
    return QStringLiteral(SUPERVISOR_TEST_DATA_DIR) + u"/tls/"_s + name;
}

// Trusts exactly the test certificate, as a client given it as its CA would.
QSslConfiguration trustingTheTestCertificate()
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates(QSslCertificate::fromPath(testData(u"loopback.crt"_s)));
    return configuration;
}

} // namespace

// `--tls-cert` / `--tls-key` (SimServer::Options::tlsCertificateFile / tlsKeyFile): REST, the
// control API and the event socket over TLS on one port; unusable files are a clear error.
class TestSimServerTls final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY2(QSslSocket::supportsSsl(), "Qt was built without a TLS backend"); }
    void servesHttpsAndWss();
    void unusableFilesAreErrors_data();
    void unusableFilesAreErrors();
};

void TestSimServerTls::servesHttpsAndWss()
{
    SimServer::Options options;
    options.tlsCertificateFile = testData(u"loopback.crt"_s);
    options.tlsKeyFile = testData(u"loopback.key"_s);
    SimServer server(options);
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QCOMPARE(server.baseUrl().scheme(), u"https"_s);

    QNetworkAccessManager network;
    for (const QString &path : {u"/ari/asterisk/ping"_s, u"/sim/clock"_s}) {
        QNetworkRequest request(QUrl(server.baseUrl().toString() + path));
        request.setRawHeader("Authorization", "Basic " + QByteArray("asterisk:asterisk").toBase64());
        request.setSslConfiguration(trustingTheTestCertificate());
        QNetworkReply *reply = network.get(request);
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        reply->deleteLater();
    }
    // Plain HTTP on the TLS port gets no answer.
    QUrl plainUrl = server.baseUrl();
    plainUrl.setScheme(u"http"_s);
    plainUrl.setPath(u"/ari/asterisk/ping"_s);
    QNetworkReply *plain = network.get(QNetworkRequest(plainUrl));
    QTRY_VERIFY_WITH_TIMEOUT(plain->isFinished(), 15000);
    QVERIFY(plain->error() != QNetworkReply::NoError);
    plain->deleteLater();

    QWebSocket socket;
    socket.setSslConfiguration(trustingTheTestCertificate());
    QUrl eventsUrl(server.baseUrl().toString() + u"/ari/events?app=tls&api_key=asterisk:asterisk"_s);
    eventsUrl.setScheme(u"wss"_s);
    socket.open(eventsUrl);
    QTRY_COMPARE(socket.state(), QAbstractSocket::ConnectedState);
    QTRY_COMPARE(server.webSocketCount(), 1);
    socket.close();
}

void TestSimServerTls::unusableFilesAreErrors_data()
{
    QTest::addColumn<QString>("certificate");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("errorPart");
    QTest::newRow("no key") << testData(u"loopback.crt"_s) << QString() << u"both a certificate file and a key file"_s;
    QTest::newRow("missing certificate") << testData(u"absent.crt"_s) << testData(u"loopback.key"_s)
                                         << u"cannot read the TLS certificate"_s;
    QTest::newRow("key as certificate") << testData(u"loopback.key"_s) << testData(u"loopback.key"_s)
                                        << u"holds no PEM certificate"_s;
    QTest::newRow("certificate as key") << testData(u"loopback.crt"_s) << testData(u"loopback.crt"_s)
                                        << u"holds no unencrypted PEM RSA or EC key"_s;
}

void TestSimServerTls::unusableFilesAreErrors()
{
    QFETCH(QString, certificate);
    QFETCH(QString, key);
    QFETCH(QString, errorPart);
    SimServer::Options options;
    options.tlsCertificateFile = certificate;
    options.tlsKeyFile = key;
    SimServer server(options);
    QString error;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QRegularExpression::escape(errorPart)));
    QVERIFY(!server.start(&error));
    QVERIFY2(error.contains(errorPart), qPrintable(error));
    QCOMPARE(server.port(), quint16(0));
}

QTEST_GUILESS_MAIN(TestSimServerTls)
#include "TestSimServerTls.moc"

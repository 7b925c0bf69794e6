#include "core/ari/AriEndpoint.h"
#include "core/ari/AriEventStream.h"
#include "core/ari/AriOperations.h"
#include "core/ari/AriReply.h"
#include "core/ari/AriRestClient.h"
#include "core/ari/AriResult.h"
#include "sim/SimServer.h"

#include <QPointer>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTest>

#include <chrono>
#include <memory>
#include <optional>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {
constexpr int s_timeout = 15000; // safety net for every wait (wall ms); never a measurement
constexpr std::chrono::milliseconds s_maximumBackoff = 60000ms;

QString testData(const QString &name)
{
    return QStringLiteral(SUPERVISOR_TEST_DATA_DIR) + u"/tls/"_s + name;
}

AriEndpoint endpointFor(const QUrl &url)
{
    AriEndpoint endpoint;
    endpoint.baseUrl = url;
    endpoint.user = u"asterisk"_s;
    endpoint.password = u"asterisk"_s;
    endpoint.applications = { u"tls-test"_s };
    return endpoint;
}

// The result of one REST request, waited for.
std::optional<AriResult> request(const AriEndpoint &endpoint, const AriRequest &operation)
{
    AriRestClient client(endpoint);
    std::optional<AriResult> outcome;
    client.send(operation)->then(&client, [&outcome](const AriResult &result) { outcome = result; });
    if (!QTest::qWaitFor([&outcome] { return outcome.has_value(); }, s_timeout))
        return std::nullopt;
    return outcome;
}

std::unique_ptr<AriEventStream> openStream(const AriEndpoint &endpoint)
{
    auto stream = std::make_unique<AriEventStream>(endpoint);
    AriEventStream::Backoff backoff;
    backoff.initial = 20ms;
    backoff.maximum = s_maximumBackoff;
    backoff.jitter = 0.0;
    stream->setBackoff(backoff);
    stream->open();
    return stream;
}

} // namespace

// SPEC CN-3 and CN-4 against the simulator over loopback: the REST client and the event socket
// check the server's certificate alike (system CAs plus ca_file, or not at all with
// insecure_tls); both URL forms reach ARI; a URL without ARI behind it says what to try.
class TestConnectionTlsAndUrls final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void certificateChecks_data();
    void certificateChecks();
    void invalidCaFileSendsNothing();
    void bothUrlFormsWork_data();
    void bothUrlFormsWork();
    void wrongUrlSaysWhatToTry();

private:
    std::unique_ptr<SimServer> startServer(bool tls);
};

void TestConnectionTlsAndUrls::initTestCase()
{
    QVERIFY2(QSslSocket::supportsSsl(), "Qt was built without a TLS backend");
}

std::unique_ptr<SimServer> TestConnectionTlsAndUrls::startServer(bool tls)
{
    SimServer::Options options;
    if (tls) {
        options.tlsCertificateFile = testData(u"loopback.crt"_s); // self-signed for 127.0.0.1
        options.tlsKeyFile = testData(u"loopback.key"_s);
    }
    auto server = std::make_unique<SimServer>(options);
    QString error;
    if (!server->start(&error)) {
        qWarning() << error;
        return nullptr;
    }
    return server;
}

void TestConnectionTlsAndUrls::certificateChecks_data()
{
    QTest::addColumn<bool>("verifyPeer");
    QTest::addColumn<QString>("caFile");
    QTest::addColumn<bool>("accepted");

    QTest::newRow("self-signed, default checks") << true << QString() << false;
    QTest::newRow("self-signed, its CA in ca_file") << true << testData(u"loopback.crt"_s) << true;
    QTest::newRow("self-signed, another CA in ca_file") << true << testData(u"other-ca.crt"_s) << false;
    QTest::newRow("self-signed, insecure_tls") << false << QString() << true;
}

void TestConnectionTlsAndUrls::certificateChecks()
{
    QFETCH(bool, verifyPeer);
    QFETCH(QString, caFile);
    QFETCH(bool, accepted);

    const std::unique_ptr<SimServer> server = startServer(true);
    QVERIFY(server);
    QCOMPARE(server->baseUrl().scheme(), u"https"_s);
    AriEndpoint endpoint = endpointFor(server->baseUrl()); // the server-only form: …/ari is added
    endpoint.verifyPeer = verifyPeer;
    endpoint.caFile = caFile;
    QCOMPARE(endpoint.eventsUrl().scheme(), u"wss"_s);
    if (!verifyPeer) {
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"TLS certificate verification is disabled"_s));
    }

    // REST.
    const std::optional<AriResult> info = request(endpoint, AriOperations::getInfo());
    QVERIFY(info.has_value());
    if (accepted) {
        QVERIFY2(info->isOk(), qPrintable(info->describe()));
    } else {
        QCOMPARE(info->status(), AriResult::Status::NetworkError);
        QVERIFY2(info->message().contains(u"TLS certificate of 127.0.0.1 refused"_s), qPrintable(info->message()));
        QVERIFY2(info->message().contains(u"ca_file"_s), qPrintable(info->message()));
    }

    // The event socket.
    const std::unique_ptr<AriEventStream> stream = openStream(endpoint);
    QSignalSpy scheduled(stream.get(), &AriEventStream::reconnectScheduled);
    if (accepted) {
        QTRY_COMPARE_WITH_TIMEOUT(stream->state(), AriEventStream::State::Connected, s_timeout);
        QTRY_COMPARE_WITH_TIMEOUT(server->webSocketCount(), 1, s_timeout);
        QVERIFY(stream->lastError().isEmpty());
    } else {
        QTRY_COMPARE_WITH_TIMEOUT(stream->state(), AriEventStream::State::Failed, s_timeout);
        const QString error = stream->lastError();
        QVERIFY2(error.contains(u"TLS certificate of 127.0.0.1 refused"_s), qPrintable(error));
        // The reason, as the TLS library gives it (self-signed / no issuer found), and the way out.
        QVERIFY2(error.contains(u"certificate"_s) && error.contains(u"ca_file"_s), qPrintable(error));
        // Retried only at the maximum delay, like a refused login.
        QTRY_COMPARE_WITH_TIMEOUT(scheduled.size(), 1, s_timeout);
        QCOMPARE(scheduled.constFirst().constFirst().value<std::chrono::milliseconds>(), s_maximumBackoff);
        QCOMPARE(stream->nextRetryDelay(), s_maximumBackoff);
        QCOMPARE(server->webSocketCount(), 0);
    }
    stream->close();
}

void TestConnectionTlsAndUrls::invalidCaFileSendsNothing()
{
    const std::unique_ptr<SimServer> server = startServer(true);
    QVERIFY(server);
    AriEndpoint endpoint = endpointFor(server->baseUrl());
    endpoint.caFile = testData(u"loopback.key"_s); // a key, not a certificate
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"holds no PEM certificate"_s));
    const std::optional<AriResult> info = request(endpoint, AriOperations::getInfo());
    QVERIFY(info.has_value());
    QCOMPARE(info->status(), AriResult::Status::NetworkError);
    QVERIFY2(info->message().contains(u"holds no PEM certificate"_s), qPrintable(info->message()));

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"holds no PEM certificate"_s));
    const std::unique_ptr<AriEventStream> stream = openStream(endpoint);
    QCOMPARE(stream->state(), AriEventStream::State::Failed);
    QVERIFY2(stream->lastError().contains(u"holds no PEM certificate"_s), qPrintable(stream->lastError()));
}

void TestConnectionTlsAndUrls::bothUrlFormsWork_data()
{
    QTest::addColumn<bool>("tls");
    QTest::addColumn<QString>("path");
    QTest::newRow("http://host:port") << false << QString();
    QTest::newRow("http://host:port/") << false << u"/"_s;
    QTest::newRow("http://host:port/ari") << false << u"/ari"_s;
    QTest::newRow("https://host:port") << true << QString();
    QTest::newRow("https://host:port/ari/") << true << u"/ari/"_s;
}

void TestConnectionTlsAndUrls::bothUrlFormsWork()
{
    QFETCH(bool, tls);
    QFETCH(QString, path);
    const std::unique_ptr<SimServer> server = startServer(tls);
    QVERIFY(server);
    QUrl url = server->baseUrl();
    url.setPath(path);
    AriEndpoint endpoint = endpointFor(url);
    endpoint.caFile = tls ? testData(u"loopback.crt"_s) : QString();

    const std::optional<AriResult> info = request(endpoint, AriOperations::getInfo());
    QVERIFY(info.has_value());
    QVERIFY2(info->isOk(), qPrintable(info->describe()));
    const std::unique_ptr<AriEventStream> stream = openStream(endpoint);
    QTRY_COMPARE_WITH_TIMEOUT(stream->state(), AriEventStream::State::Connected, s_timeout);
    stream->close();
}

void TestConnectionTlsAndUrls::wrongUrlSaysWhatToTry()
{
    const std::unique_ptr<SimServer> server = startServer(false);
    QVERIFY(server);
    QUrl url = server->baseUrl();
    url.setPath(u"/asterisk"_s); // ARI is at /ari on this server
    const AriEndpoint endpoint = endpointFor(url);
    const QString server_ = server->baseUrl().toString();

    const std::optional<AriResult> info = request(endpoint, AriOperations::getInfo());
    QVERIFY(info.has_value());
    QCOMPARE(info->httpStatus(), 404);

    const std::unique_ptr<AriEventStream> stream = openStream(endpoint);
    QTRY_COMPARE_WITH_TIMEOUT(stream->state(), AriEventStream::State::Failed, s_timeout);
    const QString error = stream->lastError();
    QVERIFY2(error.contains(u"404"_s), qPrintable(error));
    QVERIFY2(error.contains(u"try "_s + server_ + u"/asterisk/ari or "_s + server_), qPrintable(error));
    QCOMPARE(stream->lastHttpStatus(), 404);
    stream->close();

    // The usual form with ARI missing (a prefix in http.conf, or ARI disabled) says so too.
    url.setPath(u"/ari"_s);
    AriEndpoint prefixed = endpointFor(url);
    prefixed.baseUrl.setPath(u"/pbx/ari"_s);
    QVERIFY2(prefixed.notFoundAdvice().contains(u"try "_s + server_ + u" or "_s + server_ + u"/ari"_s),
        qPrintable(prefixed.notFoundAdvice()));
    const AriEndpoint plain = endpointFor(url);
    QVERIFY2(plain.notFoundAdvice().contains(u"prefix"_s), qPrintable(plain.notFoundAdvice()));
}

QTEST_GUILESS_MAIN(TestConnectionTlsAndUrls)
#include "TestConnectionTlsAndUrls.moc"

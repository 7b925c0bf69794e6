// A server that answers with a redirect (SPEC SEC-1, RB-3): the REST client never follows it, so
// the credentials it sends go to the configured server only; the call fails with the status.
#include "support/FakeRestServer.h"

#include "core/ari/AriEndpoint.h"
#include "core/ari/AriOperations.h"
#include "core/ari/AriReply.h"
#include "core/ari/AriRestClient.h"
#include "core/ari/AriResult.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestRestRedirect final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void redirectIsNeverFollowed_data();
    void redirectIsNeverFollowed();
};

void TestRestRedirect::redirectIsNeverFollowed_data()
{
    QTest::addColumn<int>("status");
    QTest::newRow("301") << 301;
    QTest::newRow("302") << 302;
    QTest::newRow("307") << 307;
    QTest::newRow("308") << 308;
}

void TestRestRedirect::redirectIsNeverFollowed()
{
    QFETCH(int, status);
    FakeRestServer elsewhere;
    QVERIFY(elsewhere.listen());
    FakeRestServer server;
    QVERIFY(server.listen());
    const QByteArray location = elsewhere.baseUrl().toEncoded() + "/asterisk/info";
    server.setResponder([status, location](const FakeRestServer::Request &) {
        FakeRestServer::Response response = FakeRestServer::Response::json(status, "{}");
        response.headers.append({ "Location", location });
        return response;
    });
    AriEndpoint endpoint;
    endpoint.baseUrl = server.baseUrl();
    endpoint.user = u"asterisk"_s;
    endpoint.password = u"s3cret"_s;
    endpoint.requestTimeoutMs = 30000;
    endpoint.applications = { u"vm-record"_s };
    AriRestClient client(endpoint);
    bool done = false;
    AriResult result;
    client.send(AriOperations::getInfo())->then(this, [&](const AriResult &answer) {
        result = answer;
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
    QVERIFY(!result.isOk());
    QCOMPARE(result.status(), AriResult::Status::HttpError);
    QCOMPARE(result.httpStatus(), status);
    QCOMPARE(server.requests().size(), 1);
    QCOMPARE(elsewhere.requests().size(), 0); // neither the request nor the credentials went there
    QCOMPARE(elsewhere.connectionCount(), 0);
}

QTEST_GUILESS_MAIN(TestRestRedirect)
#include "TestRestRedirect.moc"

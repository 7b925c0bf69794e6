#include "core/ari/AriEndpoint.h"

#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

class TestAriEndpoint final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eventsUrl_data();
    void eventsUrl();
    void eventsUrlCarriesTheKeyIntact();
    void redactedUrl_data();
    void redactedUrl();
};

void TestAriEndpoint::eventsUrl_data()
{
    QTest::addColumn<QString>("baseUrl");
    QTest::addColumn<QStringList>("applications");
    QTest::addColumn<bool>("subscribeAll");
    QTest::addColumn<bool>("useApiKey");
    QTest::addColumn<QByteArray>("expected");

    const QStringList apps { u"vm-record"_s, u"vm-playback"_s, u"queue"_s };
    QTest::newRow("http") << u"http://127.0.0.1:8088/ari"_s << apps << false << false
                          << QByteArray("ws://127.0.0.1:8088/ari/events?app=vm-record,vm-playback,queue");
    QTest::newRow("https") << u"https://pbx.example.org:8089/ari"_s << QStringList { u"queue"_s } << false << false
                           << QByteArray("wss://pbx.example.org:8089/ari/events?app=queue");
    QTest::newRow("trailing slash") << u"http://127.0.0.1:8088/ari/"_s << QStringList { u"queue"_s } << false << false
                                    << QByteArray("ws://127.0.0.1:8088/ari/events?app=queue");
    QTest::newRow("subscribeAll") << u"http://127.0.0.1:8088/ari"_s << QStringList { u"queue"_s } << true << false
                                  << QByteArray("ws://127.0.0.1:8088/ari/events?app=queue&subscribeAll=true");
    QTest::newRow("api key") << u"http://127.0.0.1:8088/ari"_s << QStringList { u"queue"_s } << false << true
                             << QByteArray("ws://127.0.0.1:8088/ari/events?app=queue"
                                           "&api_key=asterisk%3As3cr%3Aet%2B%26%25");
    QTest::newRow("all options") << u"https://h/ari"_s << QStringList { u"a"_s, u"b"_s } << true << true
                                 << QByteArray("wss://h/ari/events?app=a,b&subscribeAll=true"
                                               "&api_key=asterisk%3As3cr%3Aet%2B%26%25");
    QTest::newRow("credentials in the base URL are dropped")
        << u"http://asterisk:secret@127.0.0.1:8088/ari?api_key=x"_s << QStringList { u"queue"_s } << false << false
        << QByteArray("ws://127.0.0.1:8088/ari/events?app=queue");
    QTest::newRow("odd application name")
        << u"http://127.0.0.1:8088/ari"_s << QStringList { u"a b"_s, u"c&d"_s } << false << false
        << QByteArray("ws://127.0.0.1:8088/ari/events?app=a%20b,c%26d");
}

void TestAriEndpoint::eventsUrl()
{
    QFETCH(QString, baseUrl);
    QFETCH(QStringList, applications);
    QFETCH(bool, subscribeAll);
    QFETCH(bool, useApiKey);
    QFETCH(QByteArray, expected);

    AriEndpoint endpoint;
    endpoint.baseUrl = QUrl(baseUrl);
    endpoint.user = u"asterisk"_s;
    endpoint.password = u"s3cr:et+&%"_s;
    endpoint.applications = applications;
    endpoint.subscribeAll = subscribeAll;
    endpoint.useApiKey = useApiKey;

    const QUrl url = endpoint.eventsUrl();
    QVERIFY(url.isValid());
    QCOMPARE(url.toEncoded(), expected);
    QVERIFY(url.userInfo().isEmpty());
}

void TestAriEndpoint::eventsUrlCarriesTheKeyIntact()
{
    AriEndpoint endpoint;
    endpoint.baseUrl = QUrl(u"http://127.0.0.1:8088/ari"_s);
    endpoint.user = u"asterisk"_s;
    endpoint.password = u"p@ss w%41rd+&="_s;
    endpoint.applications = { u"vm-record"_s, u"queue"_s };
    endpoint.useApiKey = true;

    const QUrlQuery query(endpoint.eventsUrl());
    QCOMPARE(query.queryItemValue(u"api_key"_s, QUrl::FullyDecoded), u"asterisk:p@ss w%41rd+&="_s);
    QCOMPARE(query.queryItemValue(u"app"_s, QUrl::FullyDecoded), u"vm-record,queue"_s);
}

void TestAriEndpoint::redactedUrl_data()
{
    QTest::addColumn<QString>("baseUrl");
    QTest::addColumn<QString>("expected");

    QTest::newRow("plain") << u"http://127.0.0.1:8088/ari"_s << u"http://127.0.0.1:8088/ari"_s;
    QTest::newRow("user info") << u"https://asterisk:secret@pbx:8089/ari"_s << u"https://pbx:8089/ari"_s;
    QTest::newRow("api key in query") << u"http://pbx:8088/ari?api_key=asterisk:secret"_s << u"http://pbx:8088/ari"_s;
}

void TestAriEndpoint::redactedUrl()
{
    QFETCH(QString, baseUrl);
    QFETCH(QString, expected);

    AriEndpoint endpoint;
    endpoint.baseUrl = QUrl(baseUrl);
    endpoint.user = u"asterisk"_s;
    endpoint.password = u"secret"_s;
    endpoint.useApiKey = true;
    QCOMPARE(endpoint.redactedUrl(), expected);
    QVERIFY(!endpoint.redactedUrl().contains(u"secret"_s));
}

QTEST_GUILESS_MAIN(TestAriEndpoint)
#include "TestAriEndpoint.moc"

// /ari/api-docs: the Swagger 1.1 description generated from the route table. Every documented
// operation must be dispatched (never "Resource not found"/405), and the listings have the shape
// ARI clients that build their methods from it expect.

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>

#include "support/SimTestHarness.h"

using namespace Qt::StringLiterals;

class TestSimServerApiDocs final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void resourceList();
    void listingShape_data();
    void listingShape();
    void operationsTheApplicationsUse_data();
    void operationsTheApplicationsUse();
    void everyDocumentedOperationIsDispatched();
    void unknownListing();

private:
    QJsonObject listing(const QString &resource);

    std::unique_ptr<SimTestHarness> m_sim;
};

void TestSimServerApiDocs::initTestCase()
{
    SimTestHarness::Options options;
    options.speed = 100;
    m_sim = std::make_unique<SimTestHarness>(options);
    QVERIFY(m_sim->start());
}

void TestSimServerApiDocs::cleanupTestCase()
{
    m_sim.reset();
}

QJsonObject TestSimServerApiDocs::listing(const QString &resource)
{
    const RestReply reply = m_sim->get(u"/api-docs/"_s + resource + u".json"_s);
    return reply.status == 200 ? reply.object() : QJsonObject();
}

void TestSimServerApiDocs::resourceList()
{
    const RestReply reply = m_sim->get(u"/api-docs/resources.json"_s);
    QCOMPARE(reply.status, 200);
    const QJsonObject list = reply.object();
    QCOMPARE(list.value("swaggerVersion"_L1).toString(), u"1.1"_s);
    QCOMPARE(list.value("basePath"_L1).toString(), m_sim->baseUrl().toString() + u"/ari"_s);
    QStringList paths;
    for (const QJsonValue &api : list.value("apis"_L1).toArray()) {
        paths.append(api.toObject().value("path"_L1).toString());
        QVERIFY(!api.toObject().value("description"_L1).toString().isEmpty());
    }
    for (const QString &resource : {u"asterisk"_s, u"channels"_s, u"bridges"_s, u"recordings"_s, u"sounds"_s,
                                    u"playbacks"_s, u"events"_s, u"applications"_s}) {
        QVERIFY2(paths.contains(u"/api-docs/"_s + resource + u".{format}"_s), qPrintable(resource));
    }
    // Only what the simulator implements is described.
    QVERIFY(!paths.contains(u"/api-docs/mailboxes.{format}"_s));
    // The control API is not part of ARI.
    for (const QString &path : std::as_const(paths))
        QVERIFY(!path.contains(u"sim"_s));
}

void TestSimServerApiDocs::listingShape_data()
{
    QTest::addColumn<QString>("resource");
    for (const char *resource : {"asterisk", "channels", "bridges", "recordings", "sounds", "playbacks", "events",
                                 "applications"})
        QTest::newRow(resource) << QString::fromLatin1(resource);
}

void TestSimServerApiDocs::listingShape()
{
    QFETCH(QString, resource);
    const QJsonObject doc = listing(resource);
    QVERIFY(!doc.isEmpty());
    QCOMPARE(doc.value("swaggerVersion"_L1).toString(), u"1.1"_s);
    QCOMPARE(doc.value("resourcePath"_L1).toString(), u"/api-docs/"_s + resource + u".{format}"_s);
    QVERIFY(doc.value("models"_L1).isObject());
    const QJsonArray apis = doc.value("apis"_L1).toArray();
    QVERIFY(!apis.isEmpty());
    for (const QJsonValue &apiValue : apis) {
        const QJsonObject api = apiValue.toObject();
        const QString path = api.value("path"_L1).toString();
        QVERIFY(path.startsWith(u'/'));
        const QJsonArray operations = api.value("operations"_L1).toArray();
        QVERIFY(!operations.isEmpty());
        static const QRegularExpression placeholder(u"\\{(\\w+)\\}"_s);
        QStringList pathParams;
        for (auto it = placeholder.globalMatch(path); it.hasNext();)
            pathParams.append(it.next().captured(1));
        for (const QJsonValue &operationValue : operations) {
            const QJsonObject operation = operationValue.toObject();
            QVERIFY(QStringList({u"GET"_s, u"POST"_s, u"PUT"_s, u"DELETE"_s})
                        .contains(operation.value("httpMethod"_L1).toString()));
            QVERIFY(!operation.value("nickname"_L1).toString().isEmpty());
            QVERIFY(!operation.value("responseClass"_L1).toString().isEmpty());
            // Every placeholder of the path is a required path parameter.
            QStringList documented;
            for (const QJsonValue &parameter : operation.value("parameters"_L1).toArray()) {
                const QJsonObject p = parameter.toObject();
                QVERIFY(QStringList({u"path"_s, u"query"_s, u"body"_s}).contains(p.value("paramType"_L1).toString()));
                if (p.value("paramType"_L1).toString() == "path"_L1) {
                    QVERIFY(p.value("required"_L1).toBool());
                    documented.append(p.value("name"_L1).toString());
                }
            }
            documented.sort();
            QStringList expected = pathParams;
            expected.sort();
            QCOMPARE(documented, expected);
        }
    }
}

void TestSimServerApiDocs::operationsTheApplicationsUse_data()
{
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("nickname");
    QTest::newRow("originate") << u"channels"_s << u"/channels"_s << u"POST"_s << u"originate"_s;
    QTest::newRow("play") << u"channels"_s << u"/channels/{channelId}/play/{playbackId}"_s << u"POST"_s << u"playWithId"_s;
    QTest::newRow("record") << u"channels"_s << u"/channels/{channelId}/record"_s << u"POST"_s << u"record"_s;
    QTest::newRow("variable") << u"channels"_s << u"/channels/{channelId}/variable"_s << u"GET"_s << u"getChannelVar"_s;
    QTest::newRow("addChannel") << u"bridges"_s << u"/bridges/{bridgeId}/addChannel"_s << u"POST"_s << u"addChannel"_s;
    QTest::newRow("bridge moh") << u"bridges"_s << u"/bridges/{bridgeId}/moh"_s << u"DELETE"_s << u"stopMoh"_s;
    QTest::newRow("control") << u"playbacks"_s << u"/playbacks/{playbackId}/control"_s << u"POST"_s << u"control"_s;
    QTest::newRow("copy") << u"recordings"_s << u"/recordings/stored/{recordingName}/copy"_s << u"POST"_s << u"copyStored"_s;
    QTest::newRow("unpause") << u"recordings"_s << u"/recordings/live/{recordingName}/pause"_s << u"DELETE"_s << u"unpause"_s;
    QTest::newRow("events") << u"events"_s << u"/events"_s << u"GET"_s << u"eventWebsocket"_s;
    QTest::newRow("subscribe") << u"applications"_s << u"/applications/{applicationName}/subscription"_s << u"POST"_s
                               << u"subscribe"_s;
}

void TestSimServerApiDocs::operationsTheApplicationsUse()
{
    QFETCH(QString, resource);
    QFETCH(QString, path);
    QFETCH(QString, method);
    QFETCH(QString, nickname);
    const QJsonObject doc = listing(resource);
    QJsonObject found;
    for (const QJsonValue &api : doc.value("apis"_L1).toArray()) {
        if (api.toObject().value("path"_L1).toString() != path)
            continue;
        for (const QJsonValue &operation : api.toObject().value("operations"_L1).toArray()) {
            if (operation.toObject().value("httpMethod"_L1).toString() == method)
                found = operation.toObject();
        }
    }
    QVERIFY2(!found.isEmpty(), qPrintable(method + u' ' + path));
    QCOMPARE(found.value("nickname"_L1).toString(), nickname);
}

void TestSimServerApiDocs::everyDocumentedOperationIsDispatched()
{
    const QJsonArray resources = m_sim->get(u"/api-docs/resources.json"_s).object().value("apis"_L1).toArray();
    int checked = 0;
    for (const QJsonValue &resourceValue : resources) {
        const QString resource = resourceValue.toObject().value("path"_L1).toString().section(u'/', 2, 2).section(u'.', 0, 0);
        const QJsonObject doc = listing(resource);
        QVERIFY2(!doc.isEmpty(), qPrintable(resource));
        for (const QJsonValue &apiValue : doc.value("apis"_L1).toArray()) {
            QString path = apiValue.toObject().value("path"_L1).toString();
            path.replace(QRegularExpression(u"\\{\\w+\\}"_s), u"no-such-id"_s);
            for (const QJsonValue &operation : apiValue.toObject().value("operations"_L1).toArray()) {
                const QByteArray method = operation.toObject().value("httpMethod"_L1).toString().toLatin1();
                const RestReply reply = m_sim->ari(method, path);
                const QString where = QString::fromLatin1(method) + u' ' + path + u": "_s + QString::fromUtf8(reply.describe());
                QVERIFY2(reply.status != 0, qPrintable(where));
                QVERIFY2(reply.status != 405, qPrintable(where));
                QVERIFY2(!(reply.status == 404 && reply.message() == "Resource not found"_L1), qPrintable(where));
                ++checked;
            }
        }
    }
    QVERIFY2(checked >= 60, qPrintable(QString::number(checked)));
}

void TestSimServerApiDocs::unknownListing()
{
    const RestReply reply = m_sim->get(u"/api-docs/mailboxes.json"_s);
    QCOMPARE(reply.status, 404);
    QCOMPARE(m_sim->get(u"/api-docs/resources.json"_s, QUrlQuery{}).status, 200);
    QCOMPARE(m_sim->ari("GET", u"/api-docs/resources.json"_s, {}, SimTestHarness::Auth::none()).status, 401);
}

QTEST_GUILESS_MAIN(TestSimServerApiDocs)
#include "TestSimServerApiDocs.moc"

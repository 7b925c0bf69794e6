#include "core/ari/AriReply.h"
#include "core/ari/AriResult.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

class TestAriReply final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void finishEmitsOnceThenDeletes();
    void secondFinishIsIgnored();
    void thenCallsEveryLiveContext();
    void thenWithoutContextIsIgnored();
    void describe_data();
    void describe();
    void statusNames();
    void successBodies_data();
    void successBodies();
    void binaryBodyIsNotJson();
};

void TestAriReply::finishEmitsOnceThenDeletes()
{
    auto *reply = new AriReply(this);
    QPointer<AriReply> guard(reply);
    QSignalSpy finished(reply, &AriReply::finished);
    QVERIFY(!reply->isFinished());

    reply->finish(AriResult::success(204, {}));
    QCOMPARE(finished.count(), 1);
    QVERIFY(reply->isFinished());
    QCOMPARE(reply->result().httpStatus(), 204);
    QVERIFY(!guard.isNull()); // deleted from the event loop, not inside finish()
    QTRY_VERIFY(guard.isNull());
}

void TestAriReply::secondFinishIsIgnored()
{
    auto *reply = new AriReply(this);
    QPointer<AriReply> guard(reply);
    QSignalSpy finished(reply, &AriReply::finished);
    reply->finish(AriResult::failure(AriResult::Status::HttpError, 404, u"Channel not found"_s));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"finished twice"_s));
    reply->finish(AriResult::success(200, "{}"));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(reply->result().status(), AriResult::Status::HttpError);
    QTRY_VERIFY(guard.isNull());
}

void TestAriReply::thenCallsEveryLiveContext()
{
    auto *reply = new AriReply(this);
    auto gone = std::make_unique<QObject>();
    QObject stays;
    int goneCalls = 0;
    int staysCalls = 0;
    int staysCallsAgain = 0;
    reply->then(gone.get(), [&goneCalls](const AriResult &) { ++goneCalls; });
    reply->then(&stays, [&staysCalls](const AriResult &result) {
        QCOMPARE(result.message(), u"Channel not in Stasis application"_s);
        ++staysCalls;
    });
    reply->then(&stays, [&staysCallsAgain](const AriResult &) { ++staysCallsAgain; });
    gone.reset();
    reply->finish(AriResult::failure(AriResult::Status::HttpError, 409, u"Channel not in Stasis application"_s));
    QCOMPARE(goneCalls, 0);
    QCOMPARE(staysCalls, 1);
    QCOMPARE(staysCallsAgain, 1);
}

void TestAriReply::thenWithoutContextIsIgnored()
{
    auto *reply = new AriReply(this);
    int calls = 0;
    reply->then(nullptr, [&calls](const AriResult &) { ++calls; });
    reply->finish(AriResult::success(200, {}));
    QCOMPARE(calls, 0);
}

void TestAriReply::describe_data()
{
    QTest::addColumn<AriResult>("result");
    QTest::addColumn<QString>("expected");

    QTest::newRow("ok") << AriResult::success(204, {}) << u"204 ok"_s;
    QTest::newRow("http") << AriResult::failure(AriResult::Status::HttpError, 404, u"Channel not found"_s)
                          << u"404 Channel not found"_s;
    QTest::newRow("network") << AriResult::failure(AriResult::Status::NetworkError, 0, u"Connection refused"_s)
                             << u"network error: Connection refused"_s;
    QTest::newRow("timeout") << AriResult::failure(AriResult::Status::Timeout, 0, u"timeout after 10000 ms"_s)
                             << u"timeout after 10000 ms"_s;
    QTest::newRow("malformed") << AriResult::failure(AriResult::Status::MalformedBody, 200, u"not JSON"_s, "<html>")
                               << u"malformed response (HTTP 200): not JSON"_s;
}

void TestAriReply::describe()
{
    QFETCH(AriResult, result);
    QFETCH(QString, expected);
    QCOMPARE(result.describe(), expected);
}

void TestAriReply::statusNames()
{
    QCOMPARE(AriResult::statusName(AriResult::Status::Ok), u"ok"_s);
    QCOMPARE(AriResult::statusName(AriResult::Status::HttpError), u"http-error"_s);
    QCOMPARE(AriResult::statusName(AriResult::Status::NetworkError), u"network-error"_s);
    QCOMPARE(AriResult::statusName(AriResult::Status::Timeout), u"timeout"_s);
    QCOMPARE(AriResult::statusName(AriResult::Status::MalformedBody), u"malformed-body"_s);
    const AriResult byDefault;
    QVERIFY(!byDefault.isOk()); // a result nobody filled in is never a success
}

void TestAriReply::successBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QJsonValue>("json"); // what json() gives when ok

    const auto nested = [](int depth) -> QByteArray { return QByteArray(depth, '[') + QByteArray(depth, ']'); };
    QJsonValue deepest = QJsonArray();
    for (int level = 1; level < 1024; ++level)
        deepest = QJsonArray { deepest };

    QTest::newRow("object") << QByteArray(R"({"id":"pb-1","state":"playing"})") << true
                            << QJsonValue(QJsonObject { { u"id"_s, u"pb-1"_s }, { u"state"_s, u"playing"_s } });
    QTest::newRow("array") << QByteArray(R"([{"name":"a"},2,true,null])") << true
                           << QJsonValue(QJsonArray { QJsonObject { { u"name"_s, u"a"_s } }, 2, true, QJsonValue() });
    QTest::newRow("no body (204)") << QByteArray() << true << QJsonValue();
    QTest::newRow("only spaces") << QByteArray(" \r\n") << true << QJsonValue();
    QTest::newRow("cut short") << QByteArray(R"({"id":"pb-1")") << false << QJsonValue();
    QTest::newRow("html") << QByteArray("<html>hello</html>") << false << QJsonValue();
    QTest::newRow("text after the object") << QByteArray(R"({"a":1} x)") << false << QJsonValue();
    QTest::newRow("a second object") << QByteArray(R"({"a":1}{"b":2})") << false << QJsonValue();
    QTest::newRow("NUL after the object") << QByteArray("{\"a\":1}\0junk", 12) << false << QJsonValue();
    // Qt's parser reads these two, RapidJSON does not: Qt's parser decides.
    QTest::newRow("NUL inside a string") << QByteArray("{\"a\":\"x\0y\"}", 11) << true
                                         << QJsonValue(QJsonObject { { u"a"_s, QString(u"x\0y"_s) } });
    QTest::newRow("not UTF-8") << QByteArray("{\"a\":\"\xff\xfe\"}") << false << QJsonValue();
    QTest::newRow("UTF-8") << QByteArray("{\"a\":\"\xc3\xa9\"}") << true
                           << QJsonValue(QJsonObject { { u"a"_s, u"\u00e9"_s } });
    QTest::newRow("lone surrogate escape")
        << QByteArray(R"({"a":"\ud800"})") << true << QJsonValue(QJsonDocument::fromJson(R"({"a":"\ud800"})").object());
    QTest::newRow("number beyond a double") << QByteArray(R"({"a":1e400})") << false << QJsonValue();
    QTest::newRow("long integer") << QByteArray(R"({"a":123456789012345678901234567890})") << true
                                  << QJsonValue(QJsonObject { { u"a"_s, 123456789012345678901234567890.0 } });
    QTest::newRow("nested 1024 deep") << nested(1024) << true << deepest;
    QTest::newRow("nested 1025 deep") << nested(1025) << false << QJsonValue();
    QTest::newRow("unescaped control character")
        << QByteArray("{\"a\":\"x\ty\"}") << true << QJsonValue(QJsonObject { { u"a"_s, u"x\ty"_s } });
}

// A 2xx body is a success when it is empty or JSON text of an object or an array, exactly as Qt's
// parser reads JSON, and json() gives what that parser reads.
void TestAriReply::successBodies()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, ok);
    QFETCH(QJsonValue, json);

    const AriResult result = AriResult::fromAnswer(200, u"OK"_s, body, false);
    QCOMPARE(result.isOk(), ok);
    QCOMPARE(result.body(), body);
    if (ok) {
        QCOMPARE(result.json(), json);
    } else {
        QCOMPARE(result.status(), AriResult::Status::MalformedBody);
        QVERIFY2(result.message().startsWith(u"not JSON ("_s), qPrintable(result.message()));
        QCOMPARE(result.json(), QJsonValue());
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (!QByteArrayView(body).trimmed().isEmpty())
        QCOMPARE(result.isOk(), parseError.error == QJsonParseError::NoError);
}

void TestAriReply::binaryBodyIsNotJson()
{
    const QByteArray sound("RIFF\0\0\0\0WAVEfmt {\"a\":1}", 23);
    const AriResult result = AriResult::fromAnswer(200, u"OK"_s, sound, true);
    QVERIFY(result.isOk());
    QCOMPARE(result.body(), sound);
    QCOMPARE(result.json(), QJsonValue());
    const AriResult json = AriResult::fromAnswer(200, u"OK"_s, R"({"a":1})", true);
    QVERIFY(json.isOk());
    QCOMPARE(json.json(), QJsonValue()); // a download is bytes, whatever they look like
}

QTEST_GUILESS_MAIN(TestAriReply)
#include "TestAriReply.moc"

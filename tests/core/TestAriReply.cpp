#include "core/ari/AriReply.h"
#include "core/ari/AriResult.h"

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
};

void TestAriReply::finishEmitsOnceThenDeletes()
{
    auto *reply = new AriReply(this);
    QPointer<AriReply> guard(reply);
    QSignalSpy finished(reply, &AriReply::finished);
    QVERIFY(!reply->isFinished());

    reply->finish(AriResult::success(204, {}, {}));
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
    reply->finish(AriResult::success(200, "{}", QJsonObject()));
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
    reply->finish(AriResult::success(200, {}, {}));
    QCOMPARE(calls, 0);
}

void TestAriReply::describe_data()
{
    QTest::addColumn<AriResult>("result");
    QTest::addColumn<QString>("expected");

    QTest::newRow("ok") << AriResult::success(204, {}, {}) << u"204 ok"_s;
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

QTEST_GUILESS_MAIN(TestAriReply)
#include "TestAriReply.moc"

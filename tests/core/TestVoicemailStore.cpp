#include "core/ari/AriEvent.h"
#include "core/ari/AriEventRouter.h"
#include "core/ari/AriRestClient.h"
#include "core/ari/AriResult.h"
#include "core/voicemail/VoicemailMessage.h"
#include "core/voicemail/VoicemailStore.h"

#include "support/FakeRestServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

QByteArray storedList(const QStringList &names)
{
    QJsonArray array;
    for (const QString &name : names)
        array.append(QJsonObject { { u"name"_s, name }, { u"format"_s, u"wav"_s } });
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

QStringList names(const QList<VoicemailMessage> &messages)
{
    QStringList result;
    for (const VoicemailMessage &message : messages)
        result.append(message.name);
    return result;
}

// A small stand-in for the server's stored recordings, answering the store's requests.
struct StoredRecordings
{
    QStringList names;
    int listRequests = 0;
    bool holdLists = false;

    FakeRestServer::Response answer(const FakeRestServer::Request &request)
    {
        const QString path = QUrl::fromPercentEncoding(request.path);
        static const QString prefix = u"/ari/recordings/stored"_s;
        if (!path.startsWith(prefix))
            return FakeRestServer::Response::json(404, R"({"message":"Resource not found"})");
        const QString name = path.mid(prefix.size() + 1);
        if (name.isEmpty()) {
            ++listRequests;
            if (holdLists)
                return FakeRestServer::Response::hold();
            return FakeRestServer::Response::json(200, storedList(names));
        }
        if (!names.contains(name))
            return FakeRestServer::Response::json(404, R"({"message":"Recording not found"})");
        if (request.method == "DELETE") {
            names.removeAll(name);
            return FakeRestServer::Response::noContent();
        }
        return FakeRestServer::Response::json(200,
            QJsonDocument(QJsonObject { { u"name"_s, name }, { u"format"_s, u"wav"_s } })
                .toJson(QJsonDocument::Compact));
    }
};

} // namespace

class TestVoicemailStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void mailboxValidation_data();
    void mailboxValidation();
    void parsesRecordingNames_data();
    void parsesRecordingNames();
    void timeOrder();

    void refreshLoadsMailboxesInTimeOrder();
    void refreshReportsChangesWithRows();
    void prefixWithSlashSeparatesMailboxes();
    void refreshesAskedMeanwhileShareTheNextRequest();
    void refreshAfterOneInFlightReadsAgain();
    void localChangeDuringRefreshIsNotUndone();
    void refreshFailureKeepsTheModel();
    void failedRefreshIsTriedAgain();
    void confirmAddsAndRemoves();
    void deleteMessageRemovesIt();
    void deleteOfAMessageGoneElsewhereRemovesIt();
    void recordingFinishedAddsTheMessageWithDuration();
    void cancelledRecordingIsNotAdded();
    void handlerNotCalledWhenContextIsGone();

private:
    std::unique_ptr<FakeRestServer> m_server;
    std::unique_ptr<AriRestClient> m_rest;
    std::unique_ptr<AriEventRouter> m_router;
    std::unique_ptr<VoicemailStore> m_store;
    StoredRecordings m_stored;
};

void TestVoicemailStore::init()
{
    m_stored = StoredRecordings {};
    m_server = std::make_unique<FakeRestServer>();
    QVERIFY(m_server->listen());
    m_server->setResponder([this](const FakeRestServer::Request &request) { return m_stored.answer(request); });
    AriEndpoint endpoint;
    endpoint.baseUrl = m_server->baseUrl();
    endpoint.user = u"asterisk"_s;
    endpoint.password = u"asterisk"_s;
    m_rest = std::make_unique<AriRestClient>(endpoint);
    m_router = std::make_unique<AriEventRouter>();
    m_store = std::make_unique<VoicemailStore>(m_rest.get(), m_router.get());
}

void TestVoicemailStore::cleanup()
{
    m_store.reset();
    QCOMPARE(m_router->subscriptionCount(), 0);
    m_router.reset();
    m_rest.reset();
    m_server.reset();
}

void TestVoicemailStore::mailboxValidation_data()
{
    QTest::addColumn<QString>("mailbox");
    QTest::addColumn<bool>("valid");
    QTest::newRow("digits") << u"305"_s << true;
    QTest::newRow("letters, _ and -") << u"sales_team-2"_s << true;
    QTest::newRow("64 characters") << QString(64, u'a') << true;
    QTest::newRow("65 characters") << QString(65, u'a') << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("parent directory") << u"../305"_s << false;
    QTest::newRow("slash") << u"30/5"_s << false;
    QTest::newRow("dot") << u"305.1"_s << false;
    QTest::newRow("space") << u"30 5"_s << false;
    QTest::newRow("newline") << u"305\n"_s << false;
    QTest::newRow("non-ASCII letter") << u"caf\u00e9"_s << false;
    QTest::newRow("percent") << u"%2F"_s << false;
}

void TestVoicemailStore::mailboxValidation()
{
    QFETCH(QString, mailbox);
    QFETCH(bool, valid);
    QCOMPARE(VoicemailMessage::isValidMailbox(mailbox), valid);
}

void TestVoicemailStore::parsesRecordingNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("isMessage");
    QTest::addColumn<QString>("mailbox");
    QTest::addColumn<QString>("id");
    QTest::addColumn<qint64>("receivedMs");
    QTest::newRow("seconds") << u"voicemail/305/1411503204"_s << true << u"305"_s << u"1411503204"_s
                             << qint64(1411503204000);
    QTest::newRow("seconds with fraction")
        << u"voicemail/305/1411503204.75"_s << true << u"305"_s << u"1411503204.75"_s << qint64(1411503204000);
    QTest::newRow("milliseconds") << u"voicemail/30/1795676516123"_s << true << u"30"_s << u"1795676516123"_s
                                  << qint64(1795676516123);
    QTest::newRow("milliseconds with suffix")
        << u"voicemail/30/1795676516123-2"_s << true << u"30"_s << u"1795676516123-2"_s << qint64(1795676516123);
    QTest::newRow("no time") << u"voicemail/30/greeting"_s << true << u"30"_s << u"greeting"_s << qint64(-1);
    QTest::newRow("other prefix") << u"queue/305/1411503204"_s << false << QString() << QString() << qint64(-1);
    QTest::newRow("nested") << u"voicemail/305/a/1411503204"_s << false << QString() << QString() << qint64(-1);
    QTest::newRow("bad mailbox") << u"voicemail/3.5/1411503204"_s << false << QString() << QString() << qint64(-1);
    QTest::newRow("no id") << u"voicemail/305/"_s << false << QString() << QString() << qint64(-1);
    QTest::newRow("no mailbox") << u"voicemail//1"_s << false << QString() << QString() << qint64(-1);
}

void TestVoicemailStore::parsesRecordingNames()
{
    QFETCH(QString, name);
    QFETCH(bool, isMessage);
    QFETCH(QString, mailbox);
    QFETCH(QString, id);
    QFETCH(qint64, receivedMs);
    const std::optional<VoicemailMessage> message = VoicemailMessage::fromRecording(name, u"wav"_s);
    QCOMPARE(message.has_value(), isMessage);
    if (!message)
        return;
    QCOMPARE(message->name, name);
    QCOMPARE(message->mailbox, mailbox);
    QCOMPARE(message->id, id);
    QCOMPARE(message->format, u"wav"_s);
    QCOMPARE(message->receivedMs, receivedMs);
    QCOMPARE(message->received().isValid(), receivedMs >= 0);
    if (receivedMs >= 0)
        QCOMPARE(message->received().toMSecsSinceEpoch(), receivedMs);
    QCOMPARE(VoicemailMessage::recordingPrefix(mailbox), u"voicemail/"_s + mailbox + u'/');
}

void TestVoicemailStore::timeOrder()
{
    // Text order is not time order: the shorter (seconds) name is later than the first ms one.
    const QStringList textOrder { u"voicemail/1/1411503204"_s, u"voicemail/1/1411503204.10"_s,
        u"voicemail/1/1411503204.9"_s, u"voicemail/1/1411503204123"_s, u"voicemail/1/1411503204123-10"_s,
        u"voicemail/1/1411503204123-2"_s, u"voicemail/1/200000000"_s, u"voicemail/1/greeting"_s };
    QList<VoicemailMessage> messages;
    for (const QString &name : textOrder)
        messages.append(*VoicemailMessage::fromRecording(name, u"wav"_s));
    std::sort(messages.begin(), messages.end(), &VoicemailMessage::lessInTime);
    QCOMPARE(names(messages),
        (QStringList { u"voicemail/1/200000000"_s, u"voicemail/1/1411503204"_s, u"voicemail/1/1411503204.9"_s,
            u"voicemail/1/1411503204.10"_s, u"voicemail/1/1411503204123"_s, u"voicemail/1/1411503204123-2"_s,
            u"voicemail/1/1411503204123-10"_s, u"voicemail/1/greeting"_s }));
}

void TestVoicemailStore::refreshLoadsMailboxesInTimeOrder()
{
    m_stored.names = { u"voicemail/305/1795676516123"_s, u"voicemail/305/1411503204"_s, u"queue/bridge-1"_s,
        u"voicemail/30/1411503300"_s, u"voicemail/../x"_s, u"voicemail/305/1411503204500"_s };
    QSignalSpy refreshed(m_store.get(), &VoicemailStore::refreshed);
    QVERIFY(!m_store->isLoaded());
    m_store->refresh();
    QVERIFY(refreshed.wait());
    QVERIFY(m_store->isLoaded());
    QCOMPARE(m_store->mailboxes(), (QStringList { u"30"_s, u"305"_s }));
    QCOMPARE(m_store->totalCount(), 4);
    const QList<VoicemailMessage> messages = m_store->messages(u"305"_s);
    QCOMPARE(names(messages),
        (QStringList {
            u"voicemail/305/1411503204"_s, u"voicemail/305/1411503204500"_s, u"voicemail/305/1795676516123"_s }));
    QCOMPARE(messages.at(0).number, 1);
    QCOMPARE(messages.at(2).number, 3);
    QCOMPARE(m_store->messageCount(u"305"_s), 3);
    QCOMPARE(m_store->messageCount(u"999"_s), 0);
    QCOMPARE(m_store->row(u"voicemail/305/1795676516123"_s), 2);
    QCOMPARE(m_store->message(u"voicemail/305/1411503204500"_s)->number, 2);
    QVERIFY(!m_store->contains(u"queue/bridge-1"_s));
    QVERIFY(!m_store->message(u"voicemail/305/1"_s));
}

void TestVoicemailStore::refreshReportsChangesWithRows()
{
    m_stored.names = { u"voicemail/305/1411503204"_s, u"voicemail/305/1411503300"_s };
    m_store->refresh();
    QTRY_VERIFY(m_store->isLoaded());

    QSignalSpy added(m_store.get(), &VoicemailStore::messageAdded);
    QSignalSpy removed(m_store.get(), &VoicemailStore::messageRemoved);
    QSignalSpy mailboxAdded(m_store.get(), &VoicemailStore::mailboxAdded);
    QSignalSpy mailboxRemoved(m_store.get(), &VoicemailStore::mailboxRemoved);
    QSignalSpy refreshed(m_store.get(), &VoicemailStore::refreshed);
    // Elsewhere: the first message deleted, one inserted in between, a new mailbox.
    m_stored.names = { u"voicemail/305/1411503300"_s, u"voicemail/305/1411503250"_s, u"voicemail/7/1411503204"_s };
    m_store->refresh();
    QVERIFY(refreshed.wait());
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(0).value<VoicemailMessage>().name, u"voicemail/305/1411503204"_s);
    QCOMPARE(removed.at(0).at(1).toInt(), 0);
    QCOMPARE(added.size(), 2);
    QStringList addedNames;
    for (const QList<QVariant> &signal : std::as_const(added)) {
        const auto message = signal.at(0).value<VoicemailMessage>();
        addedNames.append(message.name);
        QCOMPARE(signal.at(1).toInt(), m_store->row(message.name));
        QCOMPARE(message.number, signal.at(1).toInt() + 1);
    }
    addedNames.sort();
    QCOMPARE(addedNames, (QStringList { u"voicemail/305/1411503250"_s, u"voicemail/7/1411503204"_s }));
    QCOMPARE(mailboxAdded.size(), 1);
    QCOMPARE(mailboxAdded.at(0).at(0).toString(), u"7"_s);
    QCOMPARE(mailboxRemoved.size(), 0);

    m_stored.names = { u"voicemail/305/1411503300"_s, u"voicemail/305/1411503250"_s };
    m_store->refresh();
    QVERIFY(refreshed.wait());
    QCOMPARE(mailboxRemoved.size(), 1);
    QCOMPARE(mailboxRemoved.at(0).at(0).toString(), u"7"_s);
    QCOMPARE(m_store->mailboxes(), QStringList { u"305"_s });
}

void TestVoicemailStore::prefixWithSlashSeparatesMailboxes()
{
    m_stored.names = { u"voicemail/30/1411503204"_s, u"voicemail/305/1411503205"_s, u"voicemail/3/1411503206"_s };
    m_store->refresh();
    QTRY_VERIFY(m_store->isLoaded());
    QCOMPARE(names(m_store->messages(u"30"_s)), QStringList { u"voicemail/30/1411503204"_s });
    QCOMPARE(names(m_store->messages(u"305"_s)), QStringList { u"voicemail/305/1411503205"_s });
    QCOMPARE(names(m_store->messages(u"3"_s)), QStringList { u"voicemail/3/1411503206"_s });
}

void TestVoicemailStore::refreshesAskedMeanwhileShareTheNextRequest()
{
    m_stored.names = { u"voicemail/305/1411503204"_s };
    QObject context;
    QList<bool> results;
    for (int i = 0; i < 5; ++i)
        m_store->refresh(&context, [&results](bool ok) { results.append(ok); });
    QTRY_COMPARE(results.size(), 5);
    QCOMPARE(results, QList<bool>(5, true));
    // The first one is sent at once; the four asked while it was in flight share one more.
    QCOMPARE(m_stored.listRequests, 2);
}

void TestVoicemailStore::refreshAfterOneInFlightReadsAgain()
{
    // A refresh asked while one is in flight must see changes made after that one was sent.
    m_stored.holdLists = true;
    m_stored.names = { u"voicemail/305/1411503204"_s };
    QObject context;
    QStringList seen;
    m_store->refresh(&context, [&](bool) { seen.append(u"first:"_s + QString::number(m_store->totalCount())); });
    QTRY_COMPARE(m_server->heldCount(), 1);
    m_stored.names.append(u"voicemail/305/1411503300"_s);
    m_store->refresh(&context, [&](bool) { seen.append(u"second:"_s + QString::number(m_store->totalCount())); });
    m_store->refresh(&context, [&](bool) { seen.append(u"third:"_s + QString::number(m_store->totalCount())); });
    m_stored.holdLists = false;
    QVERIFY(m_server->releaseHeld(FakeRestServer::Response::json(200, storedList({ u"voicemail/305/1411503204"_s }))));
    QTRY_COMPARE(seen.size(), 3);
    QCOMPARE(seen, (QStringList { u"first:1"_s, u"second:2"_s, u"third:2"_s }));
    QCOMPARE(m_stored.listRequests, 2);
}

void TestVoicemailStore::localChangeDuringRefreshIsNotUndone()
{
    m_stored.names = { u"voicemail/305/1411503204"_s, u"voicemail/305/1411503300"_s };
    m_store->refresh();
    QTRY_COMPARE(m_store->totalCount(), 2);
    // A list is read (held), then the phone deletes a message; the old list must not bring it back.
    m_stored.holdLists = true;
    QSignalSpy refreshed(m_store.get(), &VoicemailStore::refreshed);
    m_store->refresh();
    QTRY_COMPARE(m_server->heldCount(), 1);
    bool deleted = false;
    m_store->deleteMessage(
        u"voicemail/305/1411503204"_s, QString(), nullptr, [&deleted](const AriResult &) { deleted = true; });
    QTRY_VERIFY(deleted); // no context: the handler is always called
    QCOMPARE(m_store->totalCount(), 1);
    QVERIFY(m_server->releaseHeld(FakeRestServer::Response::json(
        200, storedList({ u"voicemail/305/1411503204"_s, u"voicemail/305/1411503300"_s }))));
    QVERIFY(refreshed.wait());
    QCOMPARE(names(m_store->messages(u"305"_s)), QStringList { u"voicemail/305/1411503300"_s });
}

void TestVoicemailStore::refreshFailureKeepsTheModel()
{
    m_stored.names = { u"voicemail/305/1411503204"_s };
    m_store->refresh();
    QTRY_COMPARE(m_store->totalCount(), 1);
    m_server->setResponder([](const FakeRestServer::Request &) {
        return FakeRestServer::Response::json(500, R"({"message":"Internal Server Error"})");
    });
    QSignalSpy failed(m_store.get(), &VoicemailStore::refreshFailed);
    QObject context;
    std::optional<bool> result;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"reading the stored recordings failed"_s));
    m_store->refresh(&context, [&result](bool ok) { result = ok; });
    QTRY_VERIFY(result.has_value());
    QCOMPARE(*result, false);
    QCOMPARE(failed.size(), 1);
    QVERIFY(failed.at(0).at(0).toString().contains(u"500"_s));
    QCOMPARE(m_store->totalCount(), 1);
}

// Found by the soak: a read of the stored recordings answered 500 left a message recorded meanwhile
// out of the mailboxes until the next reconnect. The store reads again by itself, 1 s later first.
void TestVoicemailStore::failedRefreshIsTriedAgain()
{
    m_stored.names = { u"voicemail/305/1411503204"_s };
    m_server->setResponder([this](const FakeRestServer::Request &request) {
        if (m_stored.listRequests == 0 && request.path == "/ari/recordings/stored") {
            ++m_stored.listRequests;
            return FakeRestServer::Response::json(500, R"({"message":"Internal Server Error"})");
        }
        return m_stored.answer(request);
    });
    QSignalSpy failed(m_store.get(), &VoicemailStore::refreshFailed);
    QSignalSpy refreshed(m_store.get(), &VoicemailStore::refreshed);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"reading the stored recordings failed"_s));
    m_store->refresh();
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(m_store->totalCount(), 0);
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(m_stored.listRequests, 2);
    QCOMPARE(names(m_store->messages(u"305"_s)), QStringList { u"voicemail/305/1411503204"_s });
    QVERIFY(m_store->isLoaded());
}

void TestVoicemailStore::confirmAddsAndRemoves()
{
    m_store->refresh();
    QTRY_VERIFY(m_store->isLoaded());
    QObject context;
    m_stored.names = { u"voicemail/305/1411503204"_s };
    std::optional<bool> exists;
    m_store->confirm(u"voicemail/305/1411503204"_s, u"chan-1"_s, &context,
        [&exists](bool found, const AriResult &) { exists = found; });
    QTRY_VERIFY(exists.has_value());
    QVERIFY(*exists);
    QVERIFY(m_store->contains(u"voicemail/305/1411503204"_s));

    m_stored.names.clear();
    exists.reset();
    int status = 0;
    m_store->confirm(u"voicemail/305/1411503204"_s, u"chan-1"_s, &context, [&](bool found, const AriResult &result) {
        exists = found;
        status = result.httpStatus();
    });
    QTRY_VERIFY(exists.has_value());
    QVERIFY(!*exists);
    QCOMPARE(status, 404);
    QVERIFY(!m_store->contains(u"voicemail/305/1411503204"_s));
    QCOMPARE(m_store->totalCount(), 0);
    QVERIFY(m_store->mailboxes().isEmpty());
}

void TestVoicemailStore::deleteMessageRemovesIt()
{
    m_stored.names = { u"voicemail/305/1411503204"_s, u"voicemail/305/1411503300"_s };
    m_store->refresh();
    QTRY_COMPARE(m_store->totalCount(), 2);
    QSignalSpy removed(m_store.get(), &VoicemailStore::messageRemoved);
    QObject context;
    int status = 0;
    m_store->deleteMessage(u"voicemail/305/1411503300"_s, u"chan-1"_s, &context,
        [&status](const AriResult &result) { status = result.httpStatus(); });
    QTRY_COMPARE(status, 204);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(removed.at(0).at(1).toInt(), 1);
    QCOMPARE(removed.at(0).at(0).value<VoicemailMessage>().number, 2);
    QCOMPARE(m_stored.names, QStringList { u"voicemail/305/1411503204"_s });
    QCOMPARE(names(m_store->messages(u"305"_s)), QStringList { u"voicemail/305/1411503204"_s });
}

void TestVoicemailStore::deleteOfAMessageGoneElsewhereRemovesIt()
{
    m_stored.names = { u"voicemail/305/1411503204"_s };
    m_store->refresh();
    QTRY_COMPARE(m_store->totalCount(), 1);
    m_stored.names.clear(); // deleted by someone else
    QObject context;
    int status = 0;
    m_store->deleteMessage(u"voicemail/305/1411503204"_s, QString(), &context,
        [&status](const AriResult &result) { status = result.httpStatus(); });
    QTRY_COMPARE(status, 404);
    QCOMPARE(m_store->totalCount(), 0);
}

void TestVoicemailStore::recordingFinishedAddsTheMessageWithDuration()
{
    m_store->refresh();
    QTRY_VERIFY(m_store->isLoaded());
    QSignalSpy added(m_store.get(), &VoicemailStore::messageAdded);
    m_stored.names = { u"voicemail/305/1795676516123"_s };
    const auto finished
        = AriEvent::fromJson(QJsonObject { { u"type"_s, u"RecordingFinished"_s }, { u"application"_s, u"vm-record"_s },
            { u"recording"_s,
                QJsonObject { { u"name"_s, u"voicemail/305/1795676516123"_s }, { u"format"_s, u"wav"_s },
                    { u"state"_s, u"done"_s }, { u"duration"_s, 7 } } } });
    m_router->route(finished);
    QVERIFY(added.wait());
    const auto message = added.at(0).at(0).value<VoicemailMessage>();
    QCOMPARE(message.name, u"voicemail/305/1795676516123"_s);
    QCOMPARE(message.durationSeconds, std::optional<int>(7));
    QCOMPARE(message.format, u"wav"_s);
    QCOMPARE(m_store->message(u"voicemail/305/1795676516123"_s)->durationSeconds, std::optional<int>(7));

    // Another recording (not voicemail) is not looked at.
    const int requests = int(m_server->requests().size());
    m_router->route(AriEvent::fromJson(QJsonObject { { u"type"_s, u"RecordingFinished"_s },
        { u"recording"_s, QJsonObject { { u"name"_s, u"queue/bridge-1"_s }, { u"state"_s, u"done"_s } } } }));
    QCoreApplication::processEvents();
    QCOMPARE(int(m_server->requests().size()), requests);
}

void TestVoicemailStore::cancelledRecordingIsNotAdded()
{
    m_store->refresh();
    QTRY_VERIFY(m_store->isLoaded());
    QSignalSpy added(m_store.get(), &VoicemailStore::messageAdded);
    const int requests = int(m_server->requests().size());
    m_router->route(AriEvent::fromJson(QJsonObject { { u"type"_s, u"RecordingFinished"_s },
        { u"recording"_s,
            QJsonObject { { u"name"_s, u"voicemail/305/1795676516123"_s }, { u"state"_s, u"done"_s },
                { u"duration"_s, 1 } } } }));
    QTRY_COMPARE(int(m_server->requests().size()), requests + 1);
    QTRY_COMPARE(m_server->inFlight(), 0);
    QTRY_COMPARE(m_rest->pendingCount(), 0);
    QCOMPARE(added.size(), 0);
    QCOMPARE(m_store->totalCount(), 0);
}

void TestVoicemailStore::handlerNotCalledWhenContextIsGone()
{
    m_stored.names = { u"voicemail/305/1411503204"_s };
    auto context = std::make_unique<QObject>();
    bool called = false;
    m_store->refresh(context.get(), [&called](bool) { called = true; });
    context.reset();
    QSignalSpy refreshed(m_store.get(), &VoicemailStore::refreshed);
    QVERIFY(refreshed.wait());
    QVERIFY(!called);
    QCOMPARE(m_store->totalCount(), 1);
}

QTEST_GUILESS_MAIN(TestVoicemailStore)
#include "TestVoicemailStore.moc"

#include "support/FakeRestServer.h"

#include "core/ari/AriEndpoint.h"
#include "core/ari/AriEvent.h"
#include "core/ari/AriEventRouter.h"
#include "core/ari/AriRestClient.h"
#include "core/models/MailboxesFilterModel.h"
#include "core/models/MailboxesModel.h"
#include "core/voicemail/VoicemailStore.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;

// The mailboxes tree, driven through the core's VoicemailStore against a recording HTTP server
// (the store's signals feed the model as the backend wires them).
class TestMailboxesModel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void treeFromStoredRecordings();
    void newMessageFromRecordingFinished();
    void deletionRenumbersAndRemovesEmptyMailbox();
    void durationsLearned();
    void heardStateAndCountsFollowLive();
    void sortAndFilterByMailbox_data();
    void sortAndFilterByMailbox();
    void mailboxOrder_data();
    void mailboxOrder();
    void tenThousandMessagesFineGrained();

private:
    void connectModel(MailboxesModel *model);
    void refresh();

    std::unique_ptr<FakeRestServer> m_server;
    std::unique_ptr<AriRestClient> m_rest;
    std::unique_ptr<AriEventRouter> m_router;
    std::unique_ptr<VoicemailStore> m_store;
    QJsonArray m_stored; // what GET /recordings/stored answers
};

void TestMailboxesModel::init()
{
    m_stored = QJsonArray{
        QJsonObject{{u"name"_s, u"voicemail/305/1411503300"_s}, {u"format"_s, u"wav"_s}},
        QJsonObject{{u"name"_s, u"voicemail/305/1411503204"_s}, {u"format"_s, u"wav"_s}},
        QJsonObject{{u"name"_s, u"voicemail/30/1411503100"_s}, {u"format"_s, u"gsm"_s}},
        QJsonObject{{u"name"_s, u"queue/recording-1"_s}, {u"format"_s, u"wav"_s}}, // not voicemail
    };
    m_server = std::make_unique<FakeRestServer>();
    QVERIFY(m_server->listen());
    m_server->setResponder([this](const FakeRestServer::Request &request) {
        if (request.method == "GET" && request.path == "/ari/recordings/stored")
            return FakeRestServer::Response::json(200, QJsonDocument(m_stored).toJson(QJsonDocument::Compact));
        if (request.method == "GET" && request.path.startsWith("/ari/recordings/stored/")) {
            const QString name = QUrl::fromPercentEncoding(request.path.mid(23));
            for (const QJsonValue &value : std::as_const(m_stored)) {
                if (value[u"name"_s].toString() == name)
                    return FakeRestServer::Response::json(200, QJsonDocument(value.toObject()).toJson());
            }
            return FakeRestServer::Response::json(404, R"({"message":"Recording not found"})");
        }
        if (request.method == "DELETE")
            return FakeRestServer::Response::noContent();
        return FakeRestServer::Response::json(404, R"({"message":"Not found"})");
    });
    AriEndpoint endpoint;
    endpoint.baseUrl = m_server->baseUrl();
    endpoint.user = u"asterisk"_s;
    endpoint.password = u"asterisk"_s;
    m_rest = std::make_unique<AriRestClient>(endpoint);
    m_router = std::make_unique<AriEventRouter>();
    m_store = std::make_unique<VoicemailStore>(m_rest.get(), m_router.get());
}

void TestMailboxesModel::cleanup()
{
    m_store.reset();
    m_router.reset();
    m_rest.reset();
    m_server.reset();
}

void TestMailboxesModel::connectModel(MailboxesModel *model)
{
    connect(m_store.get(), &VoicemailStore::mailboxAdded, model, &MailboxesModel::addMailbox);
    connect(m_store.get(), &VoicemailStore::mailboxRemoved, model, &MailboxesModel::removeMailbox);
    connect(m_store.get(), &VoicemailStore::messageAdded, model, &MailboxesModel::addMessage);
    connect(m_store.get(), &VoicemailStore::messageRemoved, model, &MailboxesModel::removeMessage);
    connect(m_store.get(), &VoicemailStore::messageChanged, model, &MailboxesModel::changeMessage);
}

void TestMailboxesModel::heardStateAndCountsFollowLive()
{
    // SPEC VM-5: new messages stand out, each mailbox counts new and old, a message heard changes
    // both at once.
    MailboxesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    connectModel(&model);
    refresh();
    const QString name = u"voicemail/305/1411503204"_s;
    const QModelIndex box305 = model.mailboxIndex(u"305"_s, MailboxesModel::CallerColumn);
    QCOMPARE(box305.data().toString(), u"2 new, 0 old"_s);
    QVERIFY(box305.data(MailboxesModel::IsNewRole).toBool());
    QVERIFY(model.messageIndex(name).data(MailboxesModel::IsNewRole).toBool());
    QCOMPARE(model.messageIndex(name, MailboxesModel::CallerColumn).data().toString(), u"unknown caller"_s);
    QCOMPARE(model.newMessageCount(), 3); // every mailbox's new messages: 2 in 305, 1 in 30

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    m_store->markHeard(name);
    QVERIFY(!model.messageIndex(name).data(MailboxesModel::IsNewRole).toBool());
    QVERIFY(model.messageIndex(name).data(MailboxesModel::HeardRole).toBool());
    QCOMPARE(model.mailboxIndex(u"305"_s, MailboxesModel::CallerColumn).data().toString(), u"1 new, 1 old"_s);
    QCOMPARE(model.newCount(u"305"_s), 1);
    QCOMPARE(model.newMessageCount(), 2);
    QCOMPARE(changed.size(), 2); // the message's row and its mailbox's row
    m_store->markHeard(name);    // already heard: nothing changes
    QCOMPARE(changed.size(), 2);
    m_store->markHeard(u"voicemail/305/1411503300"_s);
    QCOMPARE(model.mailboxIndex(u"305"_s, MailboxesModel::CallerColumn).data().toString(), u"0 new, 2 old"_s);
    QVERIFY(!model.mailboxIndex(u"305"_s).data(MailboxesModel::IsNewRole).toBool());
    QCOMPARE(model.newMessageCount(), 1);

    VoicemailMessage caller = *m_store->message(name);
    caller.callerName = u"Alice"_s;
    caller.callerNumber = u"2001"_s;
    model.changeMessage(caller, 0);
    QCOMPARE(model.messageIndex(name, MailboxesModel::CallerColumn).data().toString(), u"Alice (2001)"_s);
}

void TestMailboxesModel::refresh()
{
    QSignalSpy refreshed(m_store.get(), &VoicemailStore::refreshed);
    m_store->refresh();
    QVERIFY(refreshed.wait());
}

void TestMailboxesModel::treeFromStoredRecordings()
{
    MailboxesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    connectModel(&model);
    refresh();

    QCOMPARE(model.mailboxCount(), 2);
    QCOMPARE(model.messageCount(), 3);
    // Mailbox 30 before 305; 30 does not hold 305's messages (prefix with its slash).
    const QModelIndex box30 = model.index(0, 0);
    const QModelIndex box305 = model.index(1, 0);
    QCOMPARE(box30.data().toString(), u"30"_s);
    QCOMPARE(box305.data().toString(), u"305"_s);
    QCOMPARE(model.rowCount(box30), 1);
    QCOMPARE(model.rowCount(box305), 2);
    QCOMPARE(model.index(1, MailboxesModel::NumberColumn).data().toInt(), 2); // the message count

    // Messages in time order, numbered from 1, with received time and format.
    const QModelIndex first = model.index(0, 0, box305);
    QCOMPARE(first.data(MailboxesModel::RecordingNameRole).toString(), u"voicemail/305/1411503204"_s);
    QCOMPARE(first.data(MailboxesModel::NumberRole).toInt(), 1);
    QCOMPARE(model.index(0, MailboxesModel::NumberColumn, box305).data().toInt(), 1);
    QCOMPARE(model.index(1, 0, box305).data(MailboxesModel::NumberRole).toInt(), 2);
    QCOMPARE(first.data(MailboxesModel::ReceivedRole).toDateTime(),
             QDateTime::fromSecsSinceEpoch(1411503204, Qt::UTC));
    QCOMPARE(first.data().toString(),
             QDateTime::fromSecsSinceEpoch(1411503204).toString(u"yyyy-MM-dd HH:mm:ss"_s));
    QCOMPARE(model.index(0, MailboxesModel::FormatColumn, box30).data().toString(), u"gsm"_s);
    QCOMPARE(model.index(0, MailboxesModel::DurationColumn, box30).data(MailboxesModel::DurationMsRole).toLongLong(),
             -1);
    QCOMPARE(model.parent(first), box305);
    QCOMPARE(model.messageIndex(u"voicemail/305/1411503300"_s).row(), 1);
    QVERIFY(!model.messageIndex(u"voicemail/305/nope"_s).isValid());
    QCOMPARE(model.messagesWithoutDuration(u"305"_s).size(), 2);
}

void TestMailboxesModel::newMessageFromRecordingFinished()
{
    MailboxesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    connectModel(&model);
    refresh();

    // A caller left a message in a new mailbox, and one in 305 older than the others.
    m_stored.append(QJsonObject{{u"name"_s, u"voicemail/7/1411503400"_s}, {u"format"_s, u"wav"_s}});
    m_stored.append(QJsonObject{{u"name"_s, u"voicemail/305/1411500000"_s}, {u"format"_s, u"wav"_s}});
    const auto finished = [this](const QString &name, int seconds) {
        m_router->route(AriEvent::fromJson(
            {{u"type"_s, u"RecordingFinished"_s},
             {u"recording"_s, QJsonObject{{u"name"_s, name}, {u"format"_s, u"wav"_s}, {u"state"_s, u"done"_s},
                                          {u"duration"_s, seconds}, {u"target_uri"_s, u"channel:c1"_s}}}}));
    };
    finished(u"voicemail/7/1411503400"_s, 12);
    finished(u"voicemail/305/1411500000"_s, 3);
    QTRY_COMPARE(model.messageCount(), 5);
    QCOMPARE(model.mailboxCount(), 3);
    QCOMPARE(model.index(0, 0).data().toString(), u"7"_s);
    const QModelIndex box7 = model.mailboxIndex(u"7"_s);
    QCOMPARE(model.index(0, MailboxesModel::DurationColumn, box7).data().toString(), u"0:12"_s);
    const QModelIndex box305 = model.mailboxIndex(u"305"_s);
    QCOMPARE(model.index(0, 0, box305).data(MailboxesModel::RecordingNameRole).toString(),
             u"voicemail/305/1411500000"_s);
    // The older message took number 1; the others moved on.
    QCOMPARE(model.index(2, MailboxesModel::NumberColumn, box305).data().toInt(), 3);
    QCOMPARE(model.index(0, MailboxesModel::DurationColumn, box305).data(MailboxesModel::DurationMsRole).toLongLong(),
             3000);
}

void TestMailboxesModel::deletionRenumbersAndRemovesEmptyMailbox()
{
    MailboxesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    connectModel(&model);
    refresh();
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);

    bool done = false;
    m_store->deleteMessage(u"voicemail/305/1411503204"_s, {}, this, [&done](const AriResult &) { done = true; });
    QTRY_VERIFY(done);
    const QModelIndex box305 = model.mailboxIndex(u"305"_s);
    QCOMPARE(model.rowCount(box305), 1);
    QCOMPARE(model.index(0, MailboxesModel::NumberColumn, box305).data().toInt(), 1);
    QCOMPARE(model.index(0, 0, box305).data(MailboxesModel::RecordingNameRole).toString(),
             u"voicemail/305/1411503300"_s);

    done = false;
    m_store->deleteMessage(u"voicemail/30/1411503100"_s, {}, this, [&done](const AriResult &) { done = true; });
    QTRY_VERIFY(done);
    QCOMPARE(model.mailboxCount(), 1);
    QVERIFY(!model.mailboxIndex(u"30"_s).isValid());
    QCOMPARE(model.messageCount(), 1);
    QCOMPARE(model.newMessageCount(), 1);
    QCOMPARE(removed.count(), 3); // two messages and one mailbox, one removal each
    QCOMPARE(resets.count(), 0);
}

void TestMailboxesModel::durationsLearned()
{
    MailboxesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    connectModel(&model);
    // A length learned before the message arrives is kept for it.
    model.setDuration(u"voicemail/30/1411503100"_s, 65000);
    refresh();
    const QModelIndex box30 = model.mailboxIndex(u"30"_s);
    QCOMPARE(model.index(0, MailboxesModel::DurationColumn, box30).data().toString(), u"1:05"_s);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setDuration(u"voicemail/305/1411503300"_s, 2500);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(model.messageIndex(u"voicemail/305/1411503300"_s, MailboxesModel::DurationColumn).data().toString(),
             u"0:02"_s);
    QCOMPARE(model.messagesWithoutDuration(u"305"_s), QStringList{u"voicemail/305/1411503204"_s});
    model.setDuration(u"voicemail/999/1"_s, 10); // unknown message: kept for later, no change
    QCOMPARE(changed.count(), 1);
}

void TestMailboxesModel::sortAndFilterByMailbox_data()
{
    QTest::addColumn<QString>("filter");
    QTest::addColumn<bool>("exact");
    QTest::addColumn<int>("sortColumn");
    QTest::addColumn<int>("order");
    QTest::addColumn<QStringList>("expectedMailboxes");

    QTest::newRow("all, by name") << QString() << false << int(MailboxesModel::NameColumn)
                                  << int(Qt::AscendingOrder) << QStringList{u"30"_s, u"305"_s, u"1000"_s, u"sales"_s};
    QTest::newRow("all, by name descending") << QString() << false << int(MailboxesModel::NameColumn)
                                             << int(Qt::DescendingOrder)
                                             << QStringList{u"sales"_s, u"1000"_s, u"305"_s, u"30"_s};
    QTest::newRow("all, by message count") << QString() << false << int(MailboxesModel::NumberColumn)
                                           << int(Qt::DescendingOrder)
                                           << QStringList{u"305"_s, u"1000"_s, u"sales"_s, u"30"_s};
    QTest::newRow("contains 30") << u"30"_s << false << int(MailboxesModel::NameColumn) << int(Qt::AscendingOrder)
                                 << QStringList{u"30"_s, u"305"_s};
    QTest::newRow("exactly 30") << u"30"_s << true << int(MailboxesModel::NameColumn) << int(Qt::AscendingOrder)
                                << QStringList{u"30"_s};
    QTest::newRow("any case") << u"SAL"_s << false << int(MailboxesModel::NameColumn) << int(Qt::AscendingOrder)
                              << QStringList{u"sales"_s};
    QTest::newRow("none") << u"x"_s << false << int(MailboxesModel::NameColumn) << int(Qt::AscendingOrder)
                          << QStringList{};
}

void TestMailboxesModel::sortAndFilterByMailbox()
{
    QFETCH(QString, filter);
    QFETCH(bool, exact);
    QFETCH(int, sortColumn);
    QFETCH(int, order);
    QFETCH(QStringList, expectedMailboxes);

    m_stored = QJsonArray{
        QJsonObject{{u"name"_s, u"voicemail/1000/1411500001"_s}, {u"format"_s, u"wav"_s}},
        QJsonObject{{u"name"_s, u"voicemail/1000/1411500002"_s}, {u"format"_s, u"wav"_s}},
        QJsonObject{{u"name"_s, u"voicemail/305/1411500003"_s}, {u"format"_s, u"wav"_s}},
        QJsonObject{{u"name"_s, u"voicemail/305/1411500004"_s}, {u"format"_s, u"wav"_s}},
        QJsonObject{{u"name"_s, u"voicemail/305/1411500005"_s}, {u"format"_s, u"wav"_s}},
        QJsonObject{{u"name"_s, u"voicemail/30/1411500006"_s}, {u"format"_s, u"wav"_s}},
        QJsonObject{{u"name"_s, u"voicemail/sales/1411500007"_s}, {u"format"_s, u"wav"_s}},
    };
    MailboxesModel model;
    connectModel(&model);
    MailboxesFilterModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setMailboxFilter(filter);
    proxy.setExact(exact);
    proxy.sort(sortColumn, static_cast<Qt::SortOrder>(order));
    refresh();
    QStringList shown;
    for (int row = 0; row < proxy.rowCount(); ++row)
        shown << proxy.index(row, 0).data(MailboxesModel::MailboxRole).toString();
    QCOMPARE(shown, expectedMailboxes);
    // Every mailbox keeps all its messages.
    for (int row = 0; row < proxy.rowCount(); ++row) {
        const QModelIndex mailbox = proxy.index(row, 0);
        QCOMPARE(proxy.rowCount(mailbox), mailbox.data(MailboxesModel::MessageCountRole).toInt());
    }
}

void TestMailboxesModel::mailboxOrder_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<bool>("less");
    QTest::newRow("30 < 305") << u"30"_s << u"305"_s << true;
    QTest::newRow("305 < 1000") << u"305"_s << u"1000"_s << true;
    QTest::newRow("9 < 10") << u"9"_s << u"10"_s << true;
    QTest::newRow("not 10 < 9") << u"10"_s << u"9"_s << false;
    QTest::newRow("numbers first") << u"999"_s << u"a"_s << true;
    QTest::newRow("text folded") << u"alpha"_s << u"Beta"_s << true;
    QTest::newRow("equal") << u"305"_s << u"305"_s << false;
    QTest::newRow("leading zero") << u"007"_s << u"8"_s << true;
    QTest::newRow("64 digits") << QString(64, u'9') << (u"1"_s + QString(64, u'0')) << true;
}

void TestMailboxesModel::mailboxOrder()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(bool, less);
    QCOMPARE(MailboxesModel::mailboxLess(a, b), less);
}

void TestMailboxesModel::tenThousandMessagesFineGrained()
{
    // 10,000 messages across 500 mailboxes, through the store, a sorting proxy attached (as the
    // view has it): one insertion per mailbox and per message, never a reset.
    m_stored = QJsonArray();
    for (int box = 0; box < 500; ++box) {
        for (int i = 0; i < 20; ++i) {
            m_stored.append(QJsonObject{{u"name"_s, u"voicemail/%1/%2"_s.arg(1000 + box).arg(1411500000 + i * 37 + box)},
                                        {u"format"_s, u"wav"_s}});
        }
    }
    MailboxesModel model;
    connectModel(&model);
    MailboxesFilterModel proxy;
    proxy.setSourceModel(&model);
    proxy.setDynamicSortFilter(true);
    proxy.sort(MailboxesModel::NameColumn, Qt::AscendingOrder);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy proxyResets(&proxy, &QAbstractItemModel::modelReset);
    QElapsedTimer timer;
    timer.start();
    refresh();
    qInfo() << "10,000 messages loaded into the model in" << timer.elapsed() << "ms";
    QCOMPARE(model.mailboxCount(), 500);
    QCOMPARE(model.messageCount(), 10000);
    QCOMPARE(inserted.count(), 10500);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(proxyResets.count(), 0);
    QCOMPARE(proxy.rowCount(), 500);
    QCOMPARE(proxy.index(0, 0).data().toString(), u"1000"_s);
    QCOMPARE(proxy.rowCount(proxy.index(499, 0)), 20);

    // Deleting from one mailbox touches that mailbox only.
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    int done = 0;
    for (int i = 0; i < 5; ++i) {
        m_store->deleteMessage(u"voicemail/1250/%1"_s.arg(1411500000 + i * 37 + 250), {}, this,
                               [&done](const AriResult &) { ++done; });
    }
    QTRY_COMPARE(done, 5);
    QCOMPARE(removed.count(), 5);
    QCOMPARE(model.rowCount(model.mailboxIndex(u"1250"_s)), 15);
    QCOMPARE(model.index(0, MailboxesModel::NumberColumn, model.mailboxIndex(u"1250"_s)).data().toInt(), 1);
    QCOMPARE(model.index(0, 0, model.mailboxIndex(u"1250"_s)).data(MailboxesModel::RecordingNameRole).toString(),
             u"voicemail/1250/%1"_s.arg(1411500000 + 5 * 37 + 250));
    QCOMPARE(model.messageCount(), 9995);
    QCOMPARE(resets.count(), 0);
}

QTEST_GUILESS_MAIN(TestMailboxesModel)
#include "TestMailboxesModel.moc"

// /ari/mailboxes like Asterisk 22 (res/ari resource_mailboxes over res_mwi_external), what the
// message lamps of phones follow:
//  - GET /mailboxes lists the mailboxes ARI has set, {"name", "old_messages", "new_messages"};
//  - PUT /mailboxes/{name}?oldMessages=&newMessages= → 204, creating the mailbox or updating it;
//    the counts are read like Asterisk's generated handlers read them (atoi: "7abc" → 7, a missing
//    or non-numeric count → 0);
//  - GET /mailboxes/{name} → 200 with its counts, or 404 "Mailbox is does not exist" (sic);
//  - DELETE /mailboxes/{name} → 204, or 404 "Mailbox does not exist" for one never set.

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include "support/SimTestHarness.h"

using namespace Qt::StringLiterals;

namespace {

QJsonObject mailbox(const QString &name, int oldMessages, int newMessages)
{
    return QJsonObject { { u"name"_s, name }, { u"old_messages"_s, oldMessages }, { u"new_messages"_s, newMessages } };
}

QUrlQuery counts(const QString &oldMessages, const QString &newMessages)
{
    QUrlQuery query;
    if (!oldMessages.isNull())
        query.addQueryItem(u"oldMessages"_s, oldMessages);
    if (!newMessages.isNull())
        query.addQueryItem(u"newMessages"_s, newMessages);
    return query;
}

} // namespace

class TestSimServerMailboxes final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void setGetListAndDelete();
    void countsReadLikeAsterisk_data();
    void countsReadLikeAsterisk();
    void documentedInApiDocs();

private:
    std::unique_ptr<SimTestHarness> m_sim;
};

void TestSimServerMailboxes::init()
{
    SimTestHarness::Options options;
    options.speed = 100;
    m_sim = std::make_unique<SimTestHarness>(options);
    QVERIFY(m_sim->start());
}

void TestSimServerMailboxes::cleanup()
{
    m_sim.reset();
}

void TestSimServerMailboxes::setGetListAndDelete()
{
    RestReply list = m_sim->get(u"/mailboxes"_s);
    QCOMPARE(list.status, 200);
    QCOMPARE(list.array(), QJsonArray());

    RestReply missing = m_sim->get(u"/mailboxes/305@default"_s);
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.object().value("message"_L1).toString(), u"Mailbox is does not exist"_s);

    QCOMPARE(m_sim->put(u"/mailboxes/305@default"_s, counts(u"2"_s, u"1"_s)).status, 204);
    QCOMPARE(m_sim->put(u"/mailboxes/100@default"_s, counts(u"0"_s, u"3"_s)).status, 204);
    QCOMPARE(m_sim->get(u"/mailboxes/305@default"_s).object(), mailbox(u"305@default"_s, 2, 1));
    QCOMPARE(m_sim->get(u"/mailboxes"_s).array(),
        (QJsonArray { mailbox(u"100@default"_s, 0, 3), mailbox(u"305@default"_s, 2, 1) }));

    // An update replaces both counts.
    QCOMPARE(m_sim->put(u"/mailboxes/305@default"_s, counts(u"3"_s, u"0"_s)).status, 204);
    QCOMPARE(m_sim->get(u"/mailboxes/305@default"_s).object(), mailbox(u"305@default"_s, 3, 0));

    QCOMPARE(m_sim->del(u"/mailboxes/305@default"_s).status, 204);
    RestReply gone = m_sim->del(u"/mailboxes/305@default"_s);
    QCOMPARE(gone.status, 404);
    QCOMPARE(gone.object().value("message"_L1).toString(), u"Mailbox does not exist"_s);
    QCOMPARE(m_sim->get(u"/mailboxes/305@default"_s).status, 404);
    QCOMPARE(m_sim->get(u"/mailboxes"_s).array(), (QJsonArray { mailbox(u"100@default"_s, 0, 3) }));
}

void TestSimServerMailboxes::countsReadLikeAsterisk_data()
{
    QTest::addColumn<QUrlQuery>("query");
    QTest::addColumn<int>("oldMessages");
    QTest::addColumn<int>("newMessages");
    QTest::newRow("numbers") << counts(u"4"_s, u"5"_s) << 4 << 5;
    QTest::newRow("trailing garbage is cut") << counts(u"7abc"_s, u"1x"_s) << 7 << 1;
    QTest::newRow("not a number is 0") << counts(u"many"_s, u"3"_s) << 0 << 3;
    QTest::newRow("missing new count is 0") << counts(u"2"_s, QString()) << 2 << 0;
    QTest::newRow("both missing") << counts(QString(), QString()) << 0 << 0;
}

void TestSimServerMailboxes::countsReadLikeAsterisk()
{
    QFETCH(QUrlQuery, query);
    QFETCH(int, oldMessages);
    QFETCH(int, newMessages);
    QCOMPARE(m_sim->put(u"/mailboxes/lamp@default"_s, query).status, 204);
    QCOMPARE(m_sim->get(u"/mailboxes/lamp@default"_s).object(), mailbox(u"lamp@default"_s, oldMessages, newMessages));
}

void TestSimServerMailboxes::documentedInApiDocs()
{
    RestReply docs = m_sim->get(u"/api-docs/mailboxes.json"_s);
    QCOMPARE(docs.status, 200);
    const QJsonObject document = docs.object();
    QStringList operations;
    const QJsonArray apis = document.value("apis"_L1).toArray();
    for (const QJsonValue &api : apis) {
        const QJsonArray ops = api.toObject().value("operations"_L1).toArray();
        for (const QJsonValue &op : ops)
            operations.append(
                api.toObject().value("path"_L1).toString() + u' ' + op.toObject().value("httpMethod"_L1).toString());
    }
    operations.sort();
    QCOMPARE(operations,
        (QStringList { u"/mailboxes GET"_s, u"/mailboxes/{mailboxName} DELETE"_s, u"/mailboxes/{mailboxName} GET"_s,
            u"/mailboxes/{mailboxName} PUT"_s }));
    const QJsonObject model = document.value("models"_L1).toObject().value("Mailbox"_L1).toObject();
    QCOMPARE(model.value("properties"_L1).toObject().keys(),
        (QStringList { u"name"_s, u"new_messages"_s, u"old_messages"_s }));
}

QTEST_GUILESS_MAIN(TestSimServerMailboxes)
#include "TestSimServerMailboxes.moc"

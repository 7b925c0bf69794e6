#include "core/ari/AriIds.h"

#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QThread>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;

class TestAriIds final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void charset_data();
    void charset();
    void uniqueInOneRun();
    void uniqueAcrossThreads();
    void sameProcessTokenDifferentCounter();
};

namespace {

const QRegularExpression &idPattern()
{
    static const QRegularExpression s_pattern(u"^[A-Za-z0-9._-]+$"_s);
    return s_pattern;
}

} // namespace

void TestAriIds::charset_data()
{
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("expectedStart");

    QTest::newRow("plain") << u"pb"_s << u"pb-"_s;
    QTest::newRow("dots and dashes kept") << u"vm.rec_1-a"_s << u"vm.rec_1-a-"_s;
    QTest::newRow("empty") << QString() << u"id-"_s;
    QTest::newRow("slash") << u"voicemail/305"_s << u"voicemail_305-"_s;
    QTest::newRow("spaces and punctuation") << u"a b;c?d#e%f"_s << u"a_b_c_d_e_f-"_s;
    QTest::newRow("non-ascii") << u"caf\u00e9"_s << u"caf_-"_s;
    QTest::newRow("traversal") << u"../../evil"_s << u".._.._evil-"_s;
}

void TestAriIds::charset()
{
    QFETCH(QString, prefix);
    QFETCH(QString, expectedStart);

    const QString id = AriIds::make(prefix);
    QVERIFY2(idPattern().match(id).hasMatch(), qPrintable(id));
    QVERIFY2(id.startsWith(expectedStart), qPrintable(id));
    QVERIFY2(id.size() > expectedStart.size() + 2, qPrintable(id)); // random part and counter follow
}

void TestAriIds::uniqueInOneRun()
{
    QSet<QString> seen;
    for (int i = 0; i < 20000; ++i) {
        const QString id = AriIds::make(u"pb"_s);
        QVERIFY2(!seen.contains(id), qPrintable(id));
        QVERIFY2(idPattern().match(id).hasMatch(), qPrintable(id));
        seen.insert(id);
    }
}

void TestAriIds::uniqueAcrossThreads()
{
    constexpr int threads = 4;
    constexpr int perThread = 5000;
    QList<QStringList> made(threads);
    std::vector<std::unique_ptr<QThread>> workers;
    for (int t = 0; t < threads; ++t) {
        QStringList *target = &made[t];
        workers.emplace_back(QThread::create([target] {
            for (int i = 0; i < perThread; ++i)
                target->append(AriIds::make(u"ch"_s));
        }));
    }
    for (const auto &worker : workers)
        worker->start();
    for (const auto &worker : workers)
        QVERIFY(worker->wait());

    QSet<QString> seen;
    for (const QStringList &list : made) {
        QCOMPARE(list.size(), perThread);
        for (const QString &id : list)
            seen.insert(id);
    }
    QCOMPARE(seen.size(), threads * perThread);
}

void TestAriIds::sameProcessTokenDifferentCounter()
{
    // "<prefix>-<random>-<counter>": the random token is per process (so two runs differ), the
    // counter grows within the run.
    const QStringList first = AriIds::make(u"x"_s).split(u'-');
    const QStringList second = AriIds::make(u"x"_s).split(u'-');
    QCOMPARE(first.size(), 3);
    QCOMPARE(second.size(), 3);
    QCOMPARE(first.at(1), second.at(1));
    QCOMPARE(first.at(1).size(), 13);
    bool ok1 = false;
    bool ok2 = false;
    const qulonglong n1 = first.at(2).toULongLong(&ok1);
    const qulonglong n2 = second.at(2).toULongLong(&ok2);
    QVERIFY(ok1 && ok2);
    QVERIFY(n2 > n1);
}

QTEST_GUILESS_MAIN(TestAriIds)
#include "TestAriIds.moc"

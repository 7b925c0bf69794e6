// Conformance of GET /sounds with the reference transcript "sounds" of Asterisk 22.10.1.
//
// Facts from the transcript this test relies on:
//  - GET /ari/sounds → 200, a JSON array of {"id", "formats":[{"language","format"}...]}. The .wav
//    files are reported as format "slin", the .gsm files as "gsm", e.g.
//    {"id":"beep","formats":[{"language":"en","format":"gsm"},{"language":"en","format":"slin"}]}
//    (the order of the two formats varies from sound to sound).
//  - GET /ari/sounds?lang=en → 200 (every sound).
//  - GET /ari/sounds?format=wav → 404 {"message":"No sounds found that matched the query"}
//    (there is no "wav" format, only "slin"); GET /ari/sounds?lang=fr → the same 404.
//  - GET /ari/sounds/vm-intro → 200 {"id":"vm-intro","formats":[{"language":"en","format":"gsm"},
//    {"language":"en","format":"slin"}]} (no other field).
//  - GET /ari/sounds/digits/1 → 404 {"message":"Resource not found"} (no such route), while
//    GET /ari/sounds/digits%2F1 → 200 {"id":"digits/1",...}.
//  - GET /ari/sounds/does-not-exist → 404 {"message":"Sound not found"}.
//  - Every JSON answer has content-type application/json.

#include "support/SimTestHarness.h"
#include "support/TestSoundsDir.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

// "language/format" of every entry of a formats array, sorted (the server's order is not fixed).
QStringList formatKeys(const QJsonArray &formats)
{
    QStringList keys;
    for (const QJsonValue &value : formats) {
        const QJsonObject format = value.toObject();
        keys.append(format.value("language"_L1).toString() + u'/' + format.value("format"_L1).toString());
    }
    keys.sort();
    return keys;
}

QJsonObject entryById(const QJsonArray &entries, const QString &id)
{
    for (const QJsonValue &value : entries) {
        if (value.toObject().value("id"_L1).toString() == id)
            return value.toObject();
    }
    return {};
}

} // namespace

class TestConformanceSounds final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void listsEverySoundWithSlinAndGsm();
    void languageFilter();
    void filtersThatMatchNothing_data();
    void filtersThatMatchNothing();
    void oneSound();
    void idWithSlashMustBeEncoded();
    void missingSound();

private:
    TestSoundsDir m_sounds;
    std::unique_ptr<SimTestHarness> m_sim;
};

void TestConformanceSounds::initTestCase()
{
    QVERIFY(m_sounds.isValid());
    QVERIFY(m_sounds.addSound(u"beep"_s, TestSoundsDir::kBeepMs));
    QVERIFY(m_sounds.addSound(u"vm-intro"_s, TestSoundsDir::kVmIntroMs));
    QVERIFY(m_sounds.addSound(u"digits/1"_s, TestSoundsDir::kDigitMs));
    SimTestHarness::Options options;
    options.soundsDir = m_sounds.path();
    m_sim = std::make_unique<SimTestHarness>(options);
    QVERIFY(m_sim->start());
}

void TestConformanceSounds::listsEverySoundWithSlinAndGsm()
{
    const RestReply reply = m_sim->get(u"/sounds"_s);
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.header("content-type"), QByteArray("application/json"));
    QVERIFY2(reply.json.isArray(), reply.describe().constData());
    const QJsonArray entries = reply.array();
    QCOMPARE(entries.size(), 3);
    const QStringList expected{u"en/gsm"_s, u"en/slin"_s};
    for (const QString &id : {u"beep"_s, u"vm-intro"_s, u"digits/1"_s}) {
        const QJsonObject entry = entryById(entries, id);
        QVERIFY2(!entry.isEmpty(), qPrintable(id));
        QCOMPARE(formatKeys(entry.value("formats"_L1).toArray()), expected);
    }
}

void TestConformanceSounds::languageFilter()
{
    const RestReply reply = m_sim->get(u"/sounds"_s, QUrlQuery{{u"lang"_s, u"en"_s}});
    QCOMPARE(reply.status, 200);
    QCOMPARE(reply.array().size(), 3);
}

void TestConformanceSounds::filtersThatMatchNothing_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    // .wav files are format "slin": there is no "wav" format to match.
    QTest::newRow("format=wav") << u"format"_s << u"wav"_s;
    QTest::newRow("lang=fr") << u"lang"_s << u"fr"_s;
}

void TestConformanceSounds::filtersThatMatchNothing()
{
    QFETCH(QString, key);
    QFETCH(QString, value);
    const RestReply reply = m_sim->get(u"/sounds"_s, QUrlQuery{{key, value}});
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.message(), u"No sounds found that matched the query"_s);
}

void TestConformanceSounds::oneSound()
{
    const RestReply reply = m_sim->get(u"/sounds/vm-intro"_s);
    QCOMPARE(reply.status, 200);
    const QJsonObject sound = reply.object();
    QCOMPARE(sound.keys(), (QStringList{u"formats"_s, u"id"_s}));
    QCOMPARE(sound.value("id"_L1).toString(), u"vm-intro"_s);
    QCOMPARE(formatKeys(sound.value("formats"_L1).toArray()), (QStringList{u"en/gsm"_s, u"en/slin"_s}));

    const RestReply beep = m_sim->get(u"/sounds/beep"_s);
    QCOMPARE(beep.status, 200);
    QCOMPARE(beep.object().value("id"_L1).toString(), u"beep"_s);
}

void TestConformanceSounds::idWithSlashMustBeEncoded()
{
    const RestReply raw = m_sim->get(u"/sounds/digits/1"_s);
    QCOMPARE(raw.status, 404);
    QCOMPARE(raw.message(), u"Resource not found"_s);

    const RestReply encoded = m_sim->get(u"/sounds/digits%2F1"_s);
    QCOMPARE(encoded.status, 200);
    QCOMPARE(encoded.object().value("id"_L1).toString(), u"digits/1"_s);
    QCOMPARE(formatKeys(encoded.object().value("formats"_L1).toArray()), (QStringList{u"en/gsm"_s, u"en/slin"_s}));
}

void TestConformanceSounds::missingSound()
{
    const RestReply reply = m_sim->get(u"/sounds/does-not-exist"_s);
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.header("content-type"), QByteArray("application/json"));
    QCOMPARE(reply.message(), u"Sound not found"_s);
}

QTEST_GUILESS_MAIN(TestConformanceSounds)
#include "TestConformanceSounds.moc"

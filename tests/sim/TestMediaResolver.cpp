#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

#include "sim/media/MediaResolver.h"
#include "sim/media/RecordingStore.h"
#include "sim/media/SoundCatalogue.h"
#include "sim/media/WavFile.h"

using namespace Qt::StringLiterals;

using Outcome = MediaResolver::Outcome;

namespace {

QStringList partIds(const MediaResolver::Resolution &r)
{
    QStringList ids;
    for (const auto &p : r.parts)
        ids.append(p.id);
    return ids;
}

qint64 partSum(const MediaResolver::Resolution &r)
{
    qint64 sum = 0;
    for (const auto &p : r.parts)
        sum += p.durationMs;
    return sum;
}

bool writeGsm(const QString &path, qint64 ms)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    const QByteArray bytes(ms / 20 * 33, '\xd0');
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

class TestMediaResolver final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void numberSounds_data();
    void numberSounds();
    void parseNumber_data();
    void parseNumber();
    void digitAndCharacterSounds();
    void tones_data();
    void tones();
    void soundUri();
    void numberUri_data();
    void numberUri();
    void numberUriEdgeCases();
    void digitsAndCharactersUris();
    void characterAsciiFallback();
    void toneUris();
    void recordingUris();
    void unknownSchemes_data();
    void unknownSchemes();
    void missingFilesAreSkippedInSequences();
    void languageFallback();
    void timingsMatchTheReference();

private:
    SoundCatalogue m_builtIn;
    QTemporaryDir m_recordingsDir;
};

void TestMediaResolver::initTestCase()
{
    m_builtIn = SoundCatalogue::builtIn();
    QVERIFY(m_recordingsDir.isValid());
}

void TestMediaResolver::numberSounds_data()
{
    QTest::addColumn<qint64>("number");
    QTest::addColumn<QStringList>("sounds");
    QTest::addColumn<bool>("sayable");
    auto d = [](const char *s) -> QString { return u"digits/"_s + QLatin1StringView(s); };
    QTest::newRow("0") << qint64(0) << QStringList{d("0")} << true;
    QTest::newRow("7") << qint64(7) << QStringList{d("7")} << true;
    QTest::newRow("13") << qint64(13) << QStringList{d("13")} << true;
    QTest::newRow("19") << qint64(19) << QStringList{d("19")} << true;
    QTest::newRow("20") << qint64(20) << QStringList{d("20")} << true;
    QTest::newRow("42") << qint64(42) << QStringList{d("40"), d("2")} << true;
    QTest::newRow("100") << qint64(100) << QStringList{d("1"), d("hundred")} << true;
    QTest::newRow("115") << qint64(115) << QStringList{d("1"), d("hundred"), d("15")} << true;
    QTest::newRow("999") << qint64(999) << QStringList{d("9"), d("hundred"), d("90"), d("9")} << true;
    QTest::newRow("1000") << qint64(1000) << QStringList{d("1"), d("thousand")} << true;
    QTest::newRow("1234") << qint64(1234)
                          << QStringList{d("1"), d("thousand"), d("2"), d("hundred"), d("30"), d("4")} << true;
    QTest::newRow("20005") << qint64(20005) << QStringList{d("20"), d("thousand"), d("5")} << true;
    QTest::newRow("1000000") << qint64(1000000) << QStringList{d("1"), d("million")} << true;
    QTest::newRow("1000001") << qint64(1000001) << QStringList{d("1"), d("million"), d("1")} << true;
    QTest::newRow("123456789") << qint64(123456789)
                               << QStringList{d("1"), d("hundred"), d("20"), d("3"), d("million"),
                                              d("4"), d("hundred"), d("50"), d("6"), d("thousand"),
                                              d("7"), d("hundred"), d("80"), d("9")}
                               << true;
    QTest::newRow("-5") << qint64(-5) << QStringList{d("minus"), d("5")} << true;
    QTest::newRow("-1000") << qint64(-1000) << QStringList{d("minus"), d("1"), d("thousand")} << true;
    QTest::newRow("999999999") << qint64(999999999)
                               << QStringList{d("9"), d("hundred"), d("90"), d("9"), d("million"),
                                              d("9"), d("hundred"), d("90"), d("9"), d("thousand"),
                                              d("9"), d("hundred"), d("90"), d("9")}
                               << true;
    // Asterisk's English say-number stops below a billion and fails the playback.
    QTest::newRow("1000000000") << qint64(1000000000) << QStringList{} << false;
    QTest::newRow("-2000000000") << qint64(-2000000000) << QStringList{d("minus")} << false;
    // It cannot negate INT_MIN and says only "minus".
    QTest::newRow("INT_MIN") << qint64(std::numeric_limits<int>::min()) << QStringList{d("minus")} << true;
}

void TestMediaResolver::numberSounds()
{
    QFETCH(qint64, number);
    QFETCH(QStringList, sounds);
    QFETCH(bool, sayable);
    bool ok = !sayable;
    QCOMPARE(MediaResolver::numberSounds(number, &ok), sounds);
    QCOMPARE(ok, sayable);
    QCOMPARE(MediaResolver::numberSounds(number), sounds);
}

void TestMediaResolver::parseNumber_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<qint64>("value");
    QTest::newRow("42") << u"42"_s << true << qint64(42);
    QTest::newRow("leading blanks") << u" \t12"_s << true << qint64(12);
    QTest::newRow("plus") << u"+7"_s << true << qint64(7);
    QTest::newRow("minus") << u"-5"_s << true << qint64(-5);
    QTest::newRow("trailing text") << u"42abc"_s << true << qint64(42);
    QTest::newRow("hex is decimal 0") << u"0x10"_s << true << qint64(0);
    QTest::newRow("wraps to 32 bits") << u"4294967338"_s << true << qint64(42);
    QTest::newRow("saturates then wraps") << u"99999999999999999999"_s << true << qint64(-1);
    QTest::newRow("int max") << u"2147483647"_s << true << qint64(2147483647);
    QTest::newRow("past int max") << u"2147483648"_s << true << qint64(std::numeric_limits<int>::min());
    QTest::newRow("abc") << u"abc"_s << false << qint64(0);
    QTest::newRow("empty") << QString() << false << qint64(0);
    QTest::newRow("sign only") << u"-"_s << false << qint64(0);
    QTest::newRow("blank") << u"   "_s << false << qint64(0);
    QTest::newRow("space after sign") << u"- 5"_s << false << qint64(0);
}

void TestMediaResolver::parseNumber()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(qint64, value);
    qint64 parsed = 12345;
    QCOMPARE(MediaResolver::parseNumber(text, &parsed), ok);
    if (ok)
        QCOMPARE(parsed, value);
    else
        QCOMPARE(parsed, 12345);
}

void TestMediaResolver::digitAndCharacterSounds()
{
    QCOMPARE(MediaResolver::digitSounds(u"1*#-9x "_s),
             (QStringList{u"digits/1"_s, u"digits/star"_s, u"digits/pound"_s, u"digits/minus"_s,
                          u"digits/9"_s}));
    QVERIFY(MediaResolver::digitSounds(u"abc"_s).isEmpty());
    QCOMPARE(MediaResolver::characterSounds(u"aZ3*#@ .!%"_s),
             (QStringList{u"letters/a"_s, u"letters/z"_s, u"digits/3"_s, u"digits/star"_s,
                          u"digits/pound"_s, u"letters/at"_s, u"letters/space"_s, u"letters/dot"_s,
                          u"letters/exclaimation-point"_s, u"letters/%"_s}));
    QCOMPARE(MediaResolver::characterFallback(u'%'), u"letters/ascii37"_s);
}

void TestMediaResolver::tones_data()
{
    QTest::addColumn<QString>("tone");
    QTest::addColumn<bool>("playable");
    for (const char *name : {"ring", "busy", "dial", "congestion", "info", "callwaiting", "dialrecall",
                             "record", "stutter"})
        QTest::newRow(name) << QString::fromLatin1(name) << true;
    QTest::newRow("tone list") << u"440+480/2000,0/4000"_s << true;
    QTest::newRow("once") << u"!950/330,!1400/330,!1800/330,0"_s << true;
    QTest::newRow("modulated") << u"425*50/1000"_s << true;
    QTest::newRow("midi") << u"M69/500"_s << true;
    QTest::newRow("unknown") << u"nosuchtone"_s << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("case") << u"Ring"_s << false;
    QTest::newRow("bad list") << u"440+/200"_s << false;
}

void TestMediaResolver::tones()
{
    QFETCH(QString, tone);
    QFETCH(bool, playable);
    QCOMPARE(MediaResolver::isPlayableTone(tone), playable);
}

void TestMediaResolver::soundUri()
{
    const MediaResolver resolver(&m_builtIn, nullptr);
    auto r = resolver.resolve(u"sound:vm-intro"_s, u"en"_s);
    QCOMPARE(r.outcome, Outcome::Plays);
    QCOMPARE(r.scheme, u"sound"_s);
    QCOMPARE(r.target, u"vm-intro"_s);
    QCOMPARE(r.durationMs, 5654);
    QCOMPARE(r.parts.size(), 1);
    QCOMPARE(r.parts[0].id, u"vm-intro"_s);
    QCOMPARE(r.parts[0].language, u"en"_s);
    QCOMPARE(r.parts[0].durationMs, 5654);
    QVERIFY(r.reason.isEmpty());

    // Missing: starts, then fails at once.
    r = resolver.resolve(u"sound:nope"_s, u"en"_s);
    QCOMPARE(r.outcome, Outcome::Fails);
    QCOMPARE(r.durationMs, 0);
    QVERIFY(r.parts.isEmpty());
    QVERIFY(!r.reason.isEmpty());
    QCOMPARE(resolver.resolve(u"sound:"_s, u"en"_s).outcome, Outcome::Fails);
    QCOMPARE(resolver.resolve(u"sound:digits/1.wav"_s, u"en"_s).outcome, Outcome::Fails);

    // No catalogue at all: nothing can be found.
    const MediaResolver empty(nullptr, nullptr);
    QCOMPARE(empty.resolve(u"sound:beep"_s, u"en"_s).outcome, Outcome::Fails);
}

void TestMediaResolver::numberUri_data()
{
    QTest::addColumn<qint64>("number");
    for (qint64 n : {0, 7, 13, 20, 42, 100, 115, 999, 1000, 1234, 1000000, -5})
        QTest::newRow(qPrintable(QString::number(n))) << n;
}

void TestMediaResolver::numberUri()
{
    QFETCH(qint64, number);
    const MediaResolver resolver(&m_builtIn, nullptr);
    const auto r = resolver.resolve(u"number:"_s + QString::number(number), u"en"_s);
    QCOMPARE(r.outcome, Outcome::Plays);
    QCOMPARE(r.scheme, u"number"_s);
    const QStringList expected = MediaResolver::numberSounds(number);
    QCOMPARE(partIds(r), expected);
    // The durations add up, each one being the sound's own.
    qint64 sum = 0;
    for (const QString &id : expected)
        sum += m_builtIn.durationMs(id, u"en"_s);
    QCOMPARE(r.durationMs, sum);
    QCOMPARE(partSum(r), sum);
    for (const auto &p : r.parts)
        QCOMPARE(p.language, u"en"_s);
}

void TestMediaResolver::numberUriEdgeCases()
{
    const MediaResolver resolver(&m_builtIn, nullptr);
    // Not a number: started and never finished.
    for (const QString &uri : {u"number:abc"_s, u"number:"_s, u"number:-"_s}) {
        const auto r = resolver.resolve(uri, u"en"_s);
        QCOMPARE(r.outcome, Outcome::NeverEnds);
        QVERIFY(r.parts.isEmpty());
        QVERIFY(!r.reason.isEmpty());
    }
    // Trailing text is ignored like sscanf does.
    QCOMPARE(partIds(resolver.resolve(u"number:42abc"_s, u"en"_s)), (QStringList{u"digits/40"_s, u"digits/2"_s}));
    // Too big: fails, after what was said before.
    auto r = resolver.resolve(u"number:1000000000"_s, u"en"_s);
    QCOMPARE(r.outcome, Outcome::Fails);
    QCOMPARE(r.durationMs, 0);
    r = resolver.resolve(u"number:-1500000000"_s, u"en"_s);
    QCOMPARE(r.outcome, Outcome::Fails);
    QCOMPARE(partIds(r), QStringList{u"digits/minus"_s});
    QCOMPARE(r.durationMs, m_builtIn.durationMs(u"digits/minus"_s, u"en"_s));
}

void TestMediaResolver::digitsAndCharactersUris()
{
    const MediaResolver resolver(&m_builtIn, nullptr);
    auto r = resolver.resolve(u"digits:123"_s, u"en"_s);
    QCOMPARE(r.outcome, Outcome::Plays);
    QCOMPARE(partIds(r), (QStringList{u"digits/1"_s, u"digits/2"_s, u"digits/3"_s}));
    QCOMPARE(r.durationMs, 911 + 747 + 838);

    r = resolver.resolve(u"digits:*#x9"_s, u"en"_s);
    QCOMPARE(partIds(r), (QStringList{u"digits/star"_s, u"digits/pound"_s, u"digits/9"_s}));

    // Nothing to say: done at once.
    r = resolver.resolve(u"digits:"_s, u"en"_s);
    QCOMPARE(r.outcome, Outcome::Plays);
    QCOMPARE(r.durationMs, 0);

    r = resolver.resolve(u"characters:ab"_s, u"en"_s);
    QCOMPARE(r.outcome, Outcome::Plays);
    QCOMPARE(partIds(r), (QStringList{u"letters/a"_s, u"letters/b"_s}));
    QCOMPARE(r.durationMs, 614 + 741);

    r = resolver.resolve(u"characters:B7"_s, u"en"_s);
    QCOMPARE(partIds(r), (QStringList{u"letters/b"_s, u"digits/7"_s}));

    // Characters without a sound in the built-in catalogue are skipped.
    r = resolver.resolve(u"characters:a%b"_s, u"en"_s);
    QCOMPARE(partIds(r), (QStringList{u"letters/a"_s, u"letters/b"_s}));
}

void TestMediaResolver::characterAsciiFallback()
{
    QTemporaryDir dir;
    QVERIFY(writeGsm(dir.filePath(u"en/letters/ascii37.gsm"_s), 500));
    QVERIFY(writeGsm(dir.filePath(u"en/letters/a.gsm"_s), 600));
    const SoundCatalogue sounds = SoundCatalogue::scan(dir.path());
    const MediaResolver resolver(&sounds, nullptr);
    const auto r = resolver.resolve(u"characters:%a?"_s, u"en"_s);
    QCOMPARE(partIds(r), (QStringList{u"letters/ascii37"_s, u"letters/a"_s}));
    QCOMPARE(r.durationMs, 1100);
}

void TestMediaResolver::toneUris()
{
    const MediaResolver resolver(&m_builtIn, nullptr);
    for (const QString &uri : {u"tone:ring;tonezone=us"_s, u"tone:busy"_s, u"tone:dial;tonezone=fr"_s,
                               u"tone:440+480/2000,0/4000"_s}) {
        const auto r = resolver.resolve(uri, u"en"_s);
        QCOMPARE(r.outcome, Outcome::Continuous);
        QCOMPARE(r.scheme, u"tone"_s);
        QCOMPARE(r.parts.size(), 1);
        QVERIFY(r.parts[0].id.startsWith(u"tone:"_s));
        QVERIFY(!r.parts[0].id.contains(u';'));
    }
    for (const QString &uri : {u"tone:nosuchtone"_s, u"tone:"_s, u"tone:;tonezone=us"_s}) {
        const auto r = resolver.resolve(uri, u"en"_s);
        QCOMPARE(r.outcome, Outcome::Fails);
        QCOMPARE(r.durationMs, 0);
    }
}

void TestMediaResolver::recordingUris()
{
    RecordingStore store(m_recordingsDir.path());
    QCOMPARE(store.write(u"test/media-kinds"_s, u"wav"_s, {{2000, true}, {500, false}}),
             RecordingStore::Status::Ok);
    const MediaResolver resolver(&m_builtIn, &store);
    auto r = resolver.resolve(u"recording:test/media-kinds"_s, u"en"_s);
    QCOMPARE(r.outcome, Outcome::Plays);
    QCOMPARE(r.durationMs, 2500);
    QCOMPARE(partIds(r), QStringList{u"recording:test/media-kinds"_s});

    // Missing (or a hostile name): starts and never finishes.
    for (const QString &uri : {u"recording:nope/none"_s, u"recording:../../evil"_s, u"recording:"_s}) {
        r = resolver.resolve(uri, u"en"_s);
        QCOMPARE(r.outcome, Outcome::NeverEnds);
        QVERIFY(r.parts.isEmpty());
    }
    // A stored file that cannot be read fails.
    QFile broken(m_recordingsDir.filePath(u"broken.wav"_s));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("not a wave");
    broken.close();
    QCOMPARE(resolver.resolve(u"recording:broken"_s, u"en"_s).outcome, Outcome::Fails);
    // Without a store nothing is found.
    const MediaResolver noStore(&m_builtIn, nullptr);
    QCOMPARE(noStore.resolve(u"recording:test/media-kinds"_s, u"en"_s).outcome, Outcome::NeverEnds);
}

void TestMediaResolver::unknownSchemes_data()
{
    QTest::addColumn<QString>("uri");
    QTest::addColumn<QString>("scheme");
    QTest::newRow("unknown scheme") << u"bogus:thing"_s << u"bogus"_s;
    QTest::newRow("no scheme") << u"vm-intro"_s << QString();
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("schemes are case-sensitive") << u"Sound:beep"_s << u"Sound"_s;
    QTest::newRow("empty scheme") << u":beep"_s << QString();
}

void TestMediaResolver::unknownSchemes()
{
    QFETCH(QString, uri);
    QFETCH(QString, scheme);
    const MediaResolver resolver(&m_builtIn, nullptr);
    const auto r = resolver.resolve(uri, u"en"_s);
    QCOMPARE(r.outcome, Outcome::NeverEnds);
    QCOMPARE(r.scheme, scheme);
    QCOMPARE(r.durationMs, 0);
    QVERIFY(r.parts.isEmpty());
    QVERIFY(!r.reason.isEmpty());
}

void TestMediaResolver::missingFilesAreSkippedInSequences()
{
    // Only digits/40 installed: number:42 says "forty" and finishes normally.
    QTemporaryDir dir;
    QVERIFY(writeGsm(dir.filePath(u"en/digits/40.gsm"_s), 960));
    const SoundCatalogue sounds = SoundCatalogue::scan(dir.path());
    const MediaResolver resolver(&sounds, nullptr);
    auto r = resolver.resolve(u"number:42"_s, u"en"_s);
    QCOMPARE(r.outcome, Outcome::Plays);
    QCOMPARE(partIds(r), QStringList{u"digits/40"_s});
    QCOMPARE(r.durationMs, 960);
    r = resolver.resolve(u"digits:4040"_s, u"en"_s);
    QCOMPARE(r.outcome, Outcome::Plays);
    QVERIFY(r.parts.isEmpty());
}

void TestMediaResolver::languageFallback()
{
    QTemporaryDir dir;
    QVERIFY(writeGsm(dir.filePath(u"en/digits/2.gsm"_s), 700));
    QVERIFY(writeGsm(dir.filePath(u"en/digits/40.gsm"_s), 900));
    QVERIFY(writeGsm(dir.filePath(u"fr/digits/2.gsm"_s), 500));
    QVERIFY(writeGsm(dir.filePath(u"en/beep.gsm"_s), 400));
    const SoundCatalogue sounds = SoundCatalogue::scan(dir.path());
    const MediaResolver resolver(&sounds, nullptr);

    // French where it exists, English otherwise.
    auto r = resolver.resolve(u"number:42"_s, u"fr"_s);
    QCOMPARE(partIds(r), (QStringList{u"digits/40"_s, u"digits/2"_s}));
    QCOMPARE(r.parts[0].language, u"en"_s);
    QCOMPARE(r.parts[1].language, u"fr"_s);
    QCOMPARE(r.durationMs, 900 + 500);
    // fr_CA → fr; en_US → en; an unknown language → en.
    QCOMPARE(resolver.resolve(u"digits:2"_s, u"fr_CA"_s).parts.value(0).language, u"fr"_s);
    QCOMPARE(resolver.resolve(u"digits:2"_s, u"en_US"_s).parts.value(0).language, u"en"_s);
    r = resolver.resolve(u"sound:beep"_s, u"de"_s);
    QCOMPARE(r.outcome, Outcome::Plays);
    QCOMPARE(r.parts[0].language, u"en"_s);
    QCOMPARE(r.durationMs, 400);
}

void TestMediaResolver::timingsMatchTheReference()
{
    // PlaybackStarted → PlaybackFinished in the playback-media-kinds transcript of Asterisk 22:
    // number:3 840 ms, number:42 1695 ms, digits:123 2495 ms, characters:ab 1357 ms, sound:beep
    // 427 ms, digits:12 1656 ms. The built-in catalogue lands within a few ms of each.
    const MediaResolver resolver(&m_builtIn, nullptr);
    const QList<std::pair<QString, qint64>> observed{
        {u"number:3"_s, 840},       {u"number:42"_s, 1695}, {u"digits:123"_s, 2495},
        {u"characters:ab"_s, 1357}, {u"sound:beep"_s, 427}, {u"digits:12"_s, 1656}};
    for (const auto &[uri, ms] : observed) {
        const qint64 simulated = resolver.resolve(uri, u"en"_s).durationMs;
        QVERIFY2(std::abs(simulated - ms) <= 5,
                 qPrintable(u"%1: %2 ms, reference %3 ms"_s.arg(uri).arg(simulated).arg(ms)));
    }
}

QTEST_GUILESS_MAIN(TestMediaResolver)
#include "TestMediaResolver.moc"

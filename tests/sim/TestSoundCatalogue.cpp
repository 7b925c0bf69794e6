#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include "sim/SimServer.h"
#include "sim/media/SoundCatalogue.h"
#include "sim/media/WavFile.h"

using namespace Qt::StringLiterals;

namespace {

bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

bool writeWav(const QString &path, qint64 ms)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    return WavFile::writeTone(path, ms);
}

// GSM 6.10: 33 bytes per 20 ms frame.
bool writeGsm(const QString &path, qint64 ms)
{
    return writeBytes(path, QByteArray(ms / 20 * 33, '\xd0'));
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray compact(const QJsonArray &a)
{
    return QJsonDocument(a).toJson(QJsonDocument::Compact);
}

} // namespace

class TestSoundCatalogue final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void formatForExtension_data();
    void formatForExtension();
    void fileDurationFromSize_data();
    void fileDurationFromSize();
    void scanIndexesLanguagesAndNestedIds();
    void soundJsonLikeAsterisk();
    void listFilters();
    void durationsAndLanguageFallback();
    void missingOrEmptyDirectoryGivesBuiltIn();
    void directoryWithoutEnglishIsReportedNotRenamed();
    void simulatorWarnsAboutDirectoryWithoutEnglish();
    void builtInHasWhatTheApplicationsNeed();
    void scanManyFiles();
    void realDebianSounds();

private:
    QTemporaryDir m_dir;
    QString m_sounds;
};

void TestSoundCatalogue::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_sounds = m_dir.filePath(u"sounds"_s);
    // Debian's layout: the files live in en_US_f_Allison; en and en_US are symlinks to it.
    const QString allison = m_sounds + u"/en_US_f_Allison/"_s;
    QVERIFY(writeWav(allison + u"vm-intro.wav"_s, 5654));
    QVERIFY(writeGsm(allison + u"vm-intro.gsm"_s, 5660));
    QVERIFY(writeWav(allison + u"beep.wav"_s, 425));
    QVERIFY(writeGsm(allison + u"beep.gsm"_s, 440));
    QVERIFY(writeWav(allison + u"digits/1.wav"_s, 911));
    QVERIFY(writeGsm(allison + u"digits/1.gsm"_s, 920));
    QVERIFY(writeGsm(allison + u"digits/deeper/nested.gsm"_s, 100));
    QVERIFY(writeBytes(allison + u"raw/u.ulaw"_s, QByteArray(800, '\xff')));   // 100 ms
    QVERIFY(writeBytes(allison + u"raw/a.alaw"_s, QByteArray(1600, '\xd5')));  // 200 ms
    QVERIFY(writeBytes(allison + u"raw/s.sln"_s, QByteArray(4800, '\0')));     // 300 ms
    QVERIFY(writeBytes(allison + u"raw/w.sln16"_s, QByteArray(12800, '\0')));  // 400 ms
    QVERIFY(writeBytes(allison + u"raw/g.g722"_s, QByteArray(4000, '\0')));    // 500 ms
    QVERIFY(writeBytes(allison + u"broken.wav"_s, "not a wave file"_ba));
    QVERIFY(writeBytes(allison + u"core-sounds-en.txt"_s, "beep: a beep\n"_ba)); // not a sound
    QVERIFY(writeBytes(allison + u"README"_s, "no extension"_ba));
    QVERIFY(writeBytes(allison + u".hidden"_s, "dot file"_ba));
    QVERIFY(writeBytes(allison + u"strange.xyz"_s, "unknown extension"_ba));
    QVERIFY(QFile::link(allison, m_sounds + u"/en"_s));
    QVERIFY(QFile::link(allison, m_sounds + u"/en_US"_s));
    // A symlink loop inside a language must not hang the scan.
    QVERIFY(QFile::link(allison + u"digits"_s, allison + u"digits/deeper/loop"_s));
    // A second, real language with only a gsm beep.
    QVERIFY(writeGsm(m_sounds + u"/fr/beep.gsm"_s, 600));
    // Files at the top are not in any language; a dangling symlink is skipped.
    QVERIFY(writeWav(m_sounds + u"/toplevel.wav"_s, 100));
    QVERIFY(QFile::link(m_sounds + u"/does-not-exist"_s, m_sounds + u"/xx"_s));
}

void TestSoundCatalogue::formatForExtension_data()
{
    QTest::addColumn<QString>("extension");
    QTest::addColumn<QString>("format");
    QTest::newRow("wav is reported as slin") << u"wav"_s << u"slin"_s;
    QTest::newRow("gsm") << u"gsm"_s << u"gsm"_s;
    QTest::newRow("WAV is gsm in wav") << u"WAV"_s << u"gsm"_s;
    QTest::newRow("wav49") << u"wav49"_s << u"gsm"_s;
    QTest::newRow("wav16") << u"wav16"_s << u"slin16"_s;
    QTest::newRow("ulaw") << u"ulaw"_s << u"ulaw"_s;
    QTest::newRow("ul") << u"ul"_s << u"ulaw"_s;
    QTest::newRow("alaw") << u"alaw"_s << u"alaw"_s;
    QTest::newRow("g722") << u"g722"_s << u"g722"_s;
    QTest::newRow("sln") << u"sln"_s << u"slin"_s;
    QTest::newRow("sln16") << u"sln16"_s << u"slin16"_s;
    QTest::newRow("g729") << u"g729"_s << u"g729"_s;
    QTest::newRow("txt is no sound") << u"txt"_s << QString();
    QTest::newRow("mp3 has no module") << u"mp3"_s << QString();
    QTest::newRow("case matters") << u"Gsm"_s << QString();
    QTest::newRow("empty") << QString() << QString();
}

void TestSoundCatalogue::formatForExtension()
{
    QFETCH(QString, extension);
    QFETCH(QString, format);
    QCOMPARE(SoundCatalogue::formatForExtension(extension), format);
}

void TestSoundCatalogue::fileDurationFromSize_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("extension");
    QTest::addColumn<qint64>("ms");
    QTest::newRow("gsm") << u"en_US_f_Allison/vm-intro.gsm"_s << u"gsm"_s << qint64(5660);
    QTest::newRow("wav") << u"en_US_f_Allison/vm-intro.wav"_s << u"wav"_s << qint64(5654);
    QTest::newRow("ulaw") << u"en_US_f_Allison/raw/u.ulaw"_s << u"ulaw"_s << qint64(100);
    QTest::newRow("alaw") << u"en_US_f_Allison/raw/a.alaw"_s << u"alaw"_s << qint64(200);
    QTest::newRow("sln") << u"en_US_f_Allison/raw/s.sln"_s << u"sln"_s << qint64(300);
    QTest::newRow("sln16") << u"en_US_f_Allison/raw/w.sln16"_s << u"sln16"_s << qint64(400);
    QTest::newRow("g722") << u"en_US_f_Allison/raw/g.g722"_s << u"g722"_s << qint64(500);
    QTest::newRow("broken wav") << u"en_US_f_Allison/broken.wav"_s << u"wav"_s << qint64(-1);
    QTest::newRow("missing") << u"en_US_f_Allison/none.gsm"_s << u"gsm"_s << qint64(-1);
    QTest::newRow("unknown extension") << u"en_US_f_Allison/strange.xyz"_s << u"xyz"_s << qint64(-1);
}

void TestSoundCatalogue::fileDurationFromSize()
{
    QFETCH(QString, file);
    QFETCH(QString, extension);
    QFETCH(qint64, ms);
    QCOMPARE(SoundCatalogue::fileDurationMs(m_sounds + u'/' + file, extension), ms);
}

void TestSoundCatalogue::scanIndexesLanguagesAndNestedIds()
{
    QString error;
    const SoundCatalogue catalogue = SoundCatalogue::scan(m_sounds, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(!catalogue.isBuiltIn());
    QCOMPARE(catalogue.directory(), m_sounds);
    const QStringList expected{u"beep"_s, u"broken"_s, u"digits/1"_s, u"digits/deeper/nested"_s,
                               u"raw/a"_s, u"raw/g"_s, u"raw/s"_s, u"raw/u"_s, u"raw/w"_s, u"vm-intro"_s};
    QCOMPARE(catalogue.ids(), expected);
    QCOMPARE(catalogue.size(), expected.size());
    // The three names of one directory count once, under the shortest name.
    QCOMPARE(catalogue.languages(), (QStringList{u"en"_s, u"fr"_s}));

    const QList<SoundCatalogue::Variant> variants = catalogue.variants(u"vm-intro"_s);
    QCOMPARE(variants.size(), 2);
    QCOMPARE(variants[0].format, u"gsm"_s);
    QCOMPARE(variants[0].durationMs, 5660);
    QCOMPARE(variants[1].format, u"slin"_s);
    QCOMPARE(variants[1].durationMs, 5654);
    QVERIFY(variants[1].path.endsWith(u"/vm-intro.wav"_s));
    QVERIFY(QFileInfo::exists(variants[1].path));
    QVERIFY(catalogue.variants(u"nope"_s).isEmpty());
}

void TestSoundCatalogue::soundJsonLikeAsterisk()
{
    const SoundCatalogue catalogue = SoundCatalogue::scan(m_sounds);
    // GET /sounds/vm-intro of the reference: 96 bytes, no "text".
    const auto vmIntro = catalogue.find(u"vm-intro"_s);
    QVERIFY(vmIntro);
    QCOMPARE(compact(*vmIntro),
             R"({"formats":[{"format":"gsm","language":"en"},{"format":"slin","language":"en"}],"id":"vm-intro"})"_ba);
    QCOMPARE(compact(*vmIntro).size(), 96);
    QVERIFY(!vmIntro->contains("text"_L1));

    const auto beep = catalogue.find(u"beep"_s);
    QVERIFY(beep);
    const QJsonArray formats = beep->value("formats"_L1).toArray();
    QCOMPARE(formats.size(), 3);
    QCOMPARE(formats[2].toObject().value("language"_L1).toString(), u"fr"_s);

    QVERIFY(catalogue.find(u"digits/1"_s));
    QVERIFY(!catalogue.find(u"nope"_s));
    QVERIFY(!catalogue.find(u"digits/1.wav"_s));
    QVERIFY(!catalogue.find(QString()));
}

void TestSoundCatalogue::listFilters()
{
    const SoundCatalogue catalogue = SoundCatalogue::scan(m_sounds);
    const QJsonArray all = catalogue.list();
    QCOMPARE(all.size(), catalogue.size());
    QCOMPARE(all.first().toObject().value("id"_L1).toString(), u"beep"_s);

    // lang=fr: only the French beep, and only its French format.
    QCOMPARE(compact(catalogue.list(u"fr"_s)),
             R"([{"formats":[{"format":"gsm","language":"fr"}],"id":"beep"}])"_ba);
    // Formats are Asterisk's names: wav files are slin, so format=wav matches nothing (→ 404).
    QVERIFY(catalogue.list({}, u"wav"_s).isEmpty());
    QVERIFY(catalogue.list(u"de"_s).isEmpty());
    QVERIFY(catalogue.list(u"en_US"_s).isEmpty());
    QVERIFY(catalogue.list(u"fr"_s, u"slin"_s).isEmpty());

    const QJsonArray slin = catalogue.list(u"en"_s, u"slin"_s);
    QStringList slinIds;
    for (const QJsonValue &v : slin) {
        slinIds.append(v.toObject().value("id"_L1).toString());
        const QJsonArray f = v.toObject().value("formats"_L1).toArray();
        QCOMPARE(f.size(), 1);
        QCOMPARE(f[0].toObject().value("format"_L1).toString(), u"slin"_s);
    }
    QCOMPARE(slinIds, (QStringList{u"beep"_s, u"broken"_s, u"digits/1"_s, u"raw/s"_s, u"vm-intro"_s}));

    const QJsonArray gsm = catalogue.list({}, u"gsm"_s);
    QCOMPARE(gsm.size(), 4); // beep, digits/1, digits/deeper/nested, vm-intro
    const QJsonArray beepFormats = gsm.first().toObject().value("formats"_L1).toArray();
    QCOMPARE(beepFormats.size(), 2); // en and fr
}

void TestSoundCatalogue::durationsAndLanguageFallback()
{
    const SoundCatalogue catalogue = SoundCatalogue::scan(m_sounds);
    // slin is what a channel plays when there is a choice.
    QCOMPARE(catalogue.durationMs(u"vm-intro"_s, u"en"_s), 5654);
    QCOMPARE(catalogue.durationMs(u"digits/1"_s, u"en"_s), 911);
    QCOMPARE(catalogue.durationMs(u"digits/deeper/nested"_s, u"en"_s), 100);
    QCOMPARE(catalogue.durationMs(u"raw/u"_s, u"en"_s), 100);
    QCOMPARE(catalogue.durationMs(u"broken"_s, u"en"_s), 0);
    // The French beep is the gsm one; French without its own file falls back to English.
    QCOMPARE(catalogue.durationMs(u"beep"_s, u"fr"_s), 600);
    QCOMPARE(catalogue.resolveLanguage(u"beep"_s, u"fr"_s), u"fr"_s);
    QCOMPARE(catalogue.resolveLanguage(u"beep"_s, u"fr_CA"_s), u"fr"_s);
    QCOMPARE(catalogue.resolveLanguage(u"beep"_s, u"fr_CA_x_y"_s), u"fr"_s);
    QCOMPARE(catalogue.resolveLanguage(u"beep"_s, u"de_fr"_s), u"en"_s);
    QCOMPARE(catalogue.resolveLanguage(u"vm-intro"_s, u"fr"_s), u"en"_s);
    QCOMPARE(catalogue.durationMs(u"vm-intro"_s, u"fr"_s), 5654);
    QCOMPARE(catalogue.resolveLanguage(u"vm-intro"_s, u"en_US"_s), u"en"_s);
    QCOMPARE(catalogue.resolveLanguage(u"vm-intro"_s, QString()), u"en"_s);
    QVERIFY(catalogue.has(u"vm-intro"_s, u"en_US"_s));
    QVERIFY(catalogue.has(u"beep"_s, u"de"_s));
    QVERIFY(!catalogue.has(u"nope"_s, u"en"_s));
    QCOMPARE(catalogue.durationMs(u"nope"_s, u"en"_s), -1);
    QCOMPARE(catalogue.resolveLanguage(u"nope"_s, u"en"_s), QString());

    // A sound only in a language other than the fallbacks is not found for English.
    QTemporaryDir dir;
    QVERIFY(writeGsm(dir.filePath(u"de/hallo.gsm"_s), 200));
    const SoundCatalogue german = SoundCatalogue::scan(dir.path());
    QVERIFY(german.has(u"hallo"_s, u"de"_s));
    QVERIFY(german.has(u"hallo"_s, u"de_AT"_s));
    QVERIFY(!german.has(u"hallo"_s, u"en"_s));
    QCOMPARE(german.durationMs(u"hallo"_s, u"de"_s), 200);
}

void TestSoundCatalogue::missingOrEmptyDirectoryGivesBuiltIn()
{
    QString error;
    const SoundCatalogue missing = SoundCatalogue::scan(m_dir.filePath(u"absent"_s), &error);
    QVERIFY(missing.isEmpty());
    QVERIFY(error.contains(u"absent"_s));
    QVERIFY(SoundCatalogue::scanOrBuiltIn(m_dir.filePath(u"absent"_s)).isBuiltIn());

    QTemporaryDir empty;
    QVERIFY(QDir(empty.path()).mkpath(u"en/digits"_s));
    QVERIFY(SoundCatalogue::scan(empty.path()).isEmpty());
    const SoundCatalogue fallback = SoundCatalogue::scanOrBuiltIn(empty.path());
    QVERIFY(fallback.isBuiltIn());
    QVERIFY(fallback.has(u"vm-intro"_s, u"en"_s));

    const SoundCatalogue scanned = SoundCatalogue::scanOrBuiltIn(m_sounds);
    QVERIFY(!scanned.isBuiltIn());
    QVERIFY(scanned.has(u"raw/u"_s, u"en"_s));

    QVERIFY(SoundCatalogue().isEmpty());
    QVERIFY(SoundCatalogue().list().isEmpty());
    QCOMPARE(SoundCatalogue::defaultDirectory(), u"/usr/share/asterisk/sounds"_s);
}

// Debian's asterisk-core-sounds-en-gsm alone: the files sit under en_US_f_Allison and nothing is
// called "en". Asterisk finds none of them for a channel in language en; so does the catalogue,
// and it says which package provides the name.
void TestSoundCatalogue::directoryWithoutEnglishIsReportedNotRenamed()
{
    QTemporaryDir dir;
    QVERIFY(writeGsm(dir.filePath(u"en_US_f_Allison/vm-intro.gsm"_s), 5660));
    QVERIFY(writeGsm(dir.filePath(u"en_US_f_Allison/digits/1.gsm"_s), 920));
    const SoundCatalogue allisonOnly = SoundCatalogue::scan(dir.path());
    QCOMPARE(allisonOnly.languages(), QStringList{u"en_US_f_Allison"_s});
    QVERIFY(!allisonOnly.has(u"vm-intro"_s, u"en"_s));
    QVERIFY(!allisonOnly.has(u"vm-intro"_s, u"en_US"_s));
    QVERIFY(allisonOnly.has(u"vm-intro"_s, u"en_US_f_Allison"_s));
    const QString problem = allisonOnly.missingDefaultLanguageProblem();
    QVERIFY2(problem.contains(u"asterisk-core-sounds-en,"_s), qPrintable(problem));
    QVERIFY2(problem.contains(u"(it has: en_US_f_Allison)"_s), qPrintable(problem));
    QVERIFY2(problem.contains(dir.path()), qPrintable(problem));

    // With the name "en" present (Debian's symlink), nothing to report.
    QCOMPARE(SoundCatalogue::scan(m_sounds).missingDefaultLanguageProblem(), QString());
    QVERIFY(QFile::link(dir.filePath(u"en_US_f_Allison"_s), dir.filePath(u"en"_s)));
    QCOMPARE(SoundCatalogue::scan(dir.path()).missingDefaultLanguageProblem(), QString());
    // Nor for the built-in catalogue or an empty one.
    QCOMPARE(SoundCatalogue::builtIn().missingDefaultLanguageProblem(), QString());
    QCOMPARE(SoundCatalogue().missingDefaultLanguageProblem(), QString());
}

// The simulator (and so the demo, which embeds it) says it once, as a warning, when it starts.
void TestSoundCatalogue::simulatorWarnsAboutDirectoryWithoutEnglish()
{
    QTemporaryDir dir;
    QVERIFY(writeGsm(dir.filePath(u"en_US_f_Allison/vm-intro.gsm"_s), 5660));
    SimServer::Options options;
    options.soundsDir = dir.path();
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(u"has no language \"en\" \\(it has: en_US_f_Allison\\).*"
                                            "install the package asterisk-core-sounds-en,"_s));
    const SimServer server(options);

    // A directory with "en" gives no warning: QTest::failOnWarning would catch one.
    QTest::failOnWarning(QRegularExpression(u"has no language"_s));
    SimServer::Options good;
    good.soundsDir = m_sounds;
    const SimServer fine(good);
}

void TestSoundCatalogue::builtInHasWhatTheApplicationsNeed()
{
    const SoundCatalogue catalogue = SoundCatalogue::builtIn();
    QVERIFY(catalogue.isBuiltIn());
    QStringList needed{u"vm-intro"_s, u"vm-message"_s, u"vm-nomore"_s, u"vm-messages"_s, u"beep"_s,
                       u"queue-youarenext"_s, u"queue-thereare"_s, u"queue-callswaiting"_s,
                       u"digits/hundred"_s, u"digits/thousand"_s, u"digits/million"_s};
    for (int i = 0; i <= 19; ++i)
        needed.append(u"digits/%1"_s.arg(i));
    for (int i = 20; i <= 90; i += 10)
        needed.append(u"digits/%1"_s.arg(i));
    for (char c = 'a'; c <= 'z'; ++c)
        needed.append(u"letters/"_s + QLatin1Char(c));
    for (int i = 1; i <= 10; ++i)
        needed.append(u"silence/%1"_s.arg(i));
    for (const QString &id : std::as_const(needed)) {
        const auto json = catalogue.find(id);
        QVERIFY2(json, qPrintable(id));
        QCOMPARE(compact(json->value("formats"_L1).toArray()),
                 R"([{"format":"gsm","language":"en"},{"format":"slin","language":"en"}])"_ba);
        QVERIFY2(catalogue.durationMs(id, u"en"_s) > 400, qPrintable(id));
    }
    QCOMPARE(catalogue.languages(), QStringList{u"en"_s});
    // Durations of the English core sounds (the slin files are what is played).
    QCOMPARE(catalogue.durationMs(u"vm-intro"_s, u"en"_s), 5654);
    QCOMPARE(catalogue.durationMs(u"beep"_s, u"en"_s), 425);
    QCOMPARE(catalogue.durationMs(u"digits/3"_s, u"en"_s), 838);
    QCOMPARE(catalogue.durationMs(u"silence/10"_s, u"en_US"_s), 10000);
    QCOMPARE(catalogue.variants(u"vm-intro"_s).first().durationMs, 5660);
    QVERIFY(catalogue.list({}, u"wav"_s).isEmpty());
    QCOMPARE(catalogue.list(u"en"_s, u"gsm"_s).size(), catalogue.size());
}

void TestSoundCatalogue::scanManyFiles()
{
    // Many sounds in two formats across subdirectories (creating files dominates the cost of this
    // test; scanning 6000 such files takes a few hundred ms in a debug build).
    QTemporaryDir dir;
    const QByteArray wav = WavFile::encode({{20, true}});
    const QByteArray gsm(33 * 10, '\xd0');
    for (int g = 0; g < 30; ++g)
        QVERIFY(QDir(dir.path()).mkpath(u"en/group%1"_s.arg(g)));
    for (int i = 0; i < 600; ++i) {
        const QString base = dir.filePath(u"en/group%1/sound-%2"_s.arg(i % 30).arg(i));
        QFile wavFile(base + u".wav"_s);
        QVERIFY(wavFile.open(QIODevice::WriteOnly) && wavFile.write(wav) == wav.size());
        QFile gsmFile(base + u".gsm"_s);
        QVERIFY(gsmFile.open(QIODevice::WriteOnly) && gsmFile.write(gsm) == gsm.size());
    }
    const SoundCatalogue catalogue = SoundCatalogue::scan(dir.path());
    QCOMPARE(catalogue.size(), 600);
    QCOMPARE(catalogue.list(u"en"_s, u"slin"_s).size(), 600);
    QCOMPARE(catalogue.list(u"en"_s, u"gsm"_s).size(), 600);
    QCOMPARE(catalogue.durationMs(u"group7/sound-577"_s, u"en"_s), 20);
    QCOMPARE(catalogue.variants(u"group7/sound-577"_s).first().durationMs, 200);
    QVERIFY(!catalogue.has(u"group8/sound-577"_s, u"en"_s));
}

void TestSoundCatalogue::realDebianSounds()
{
    const QString dir = SoundCatalogue::defaultDirectory();
    if (!QFileInfo::exists(dir + u"/en/vm-intro.wav"_s))
        QSKIP("asterisk-core-sounds-en-wav is not installed");
    const SoundCatalogue catalogue = SoundCatalogue::scan(dir);
    // The reference Asterisk (core sounds 1.6.1, wav + gsm) reports 568 sounds, all in "en".
    QCOMPARE(catalogue.size(), 568);
    QCOMPARE(catalogue.languages(), QStringList{u"en"_s});
    QCOMPARE(compact(*catalogue.find(u"vm-intro"_s)),
             R"({"formats":[{"format":"gsm","language":"en"},{"format":"slin","language":"en"}],"id":"vm-intro"})"_ba);
    QVERIFY(catalogue.find(u"digits/1"_s));
    QVERIFY(!catalogue.find(u"does-not-exist"_s));
    QVERIFY(catalogue.list({}, u"wav"_s).isEmpty());
    QVERIFY(catalogue.list(u"fr"_s).isEmpty());
    QCOMPARE(catalogue.list(u"en"_s).size(), 568);
    // The built-in durations are those of these files.
    const SoundCatalogue builtIn = SoundCatalogue::builtIn();
    for (const QString &id : builtIn.ids()) {
        QCOMPARE(catalogue.durationMs(id, u"en"_s), builtIn.durationMs(id, u"en"_s));
        QCOMPARE(catalogue.variants(id).first().durationMs, builtIn.variants(id).first().durationMs);
    }
}

QTEST_GUILESS_MAIN(TestSoundCatalogue)
#include "TestSoundCatalogue.moc"

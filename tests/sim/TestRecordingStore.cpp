#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include "sim/media/RecordingStore.h"
#include "sim/media/WavFile.h"

using namespace Qt::StringLiterals;

namespace {

QByteArray readBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QStringList names(const QList<RecordingStore::Entry> &entries)
{
    QStringList result;
    for (const auto &e : entries)
        result.append(e.name);
    return result;
}

const QList<WavFile::Segment> s_oneSecondTalk{{1000, true}};

} // namespace

class TestRecordingStore final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalizeName_data();
    void normalizeName();
    void formats_data();
    void formats();
    void writeWavAndFindIt();
    void listIsPlainTextOrder();
    void listIgnoresOtherFilesAndPrefersWav();
    void lookupsNormaliseNames();
    void copy();
    void remove();
    void writeRejectsBadInput();
    void writeReplaces();
    void appendExtends();
    void rawFormats_data();
    void rawFormats();
    void missingDirectory();
    void texts();
};

void TestRecordingStore::normalizeName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("normalized"); // empty = invalid
    QTest::newRow("voicemail") << u"voicemail/305/1411503204"_s << u"voicemail/305/1411503204"_s;
    QTest::newRow("plain") << u"greeting"_s << u"greeting"_s;
    QTest::newRow("dot-dot inside") << u"voicemail/../voicemail/305/x"_s << u"voicemail/305/x"_s;
    QTest::newRow("double slash") << u"a//b"_s << u"a/b"_s;
    QTest::newRow("leading dot") << u"./a"_s << u"a"_s;
    QTest::newRow("escapes") << u"../../evil"_s << QString();
    QTest::newRow("escapes later") << u"a/../../b"_s << QString();
    QTest::newRow("dot-dot") << u".."_s << QString();
    QTest::newRow("dot") << u"."_s << QString();
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("absolute") << u"/etc/passwd"_s << QString();
    QTest::newRow("trailing slash") << u"voicemail/"_s << QString();
    QTest::newRow("backslash") << u"a\\b"_s << QString();
    QTest::newRow("nul") << (u"a"_s + QChar(0) + u"b"_s) << QString();
}

void TestRecordingStore::normalizeName()
{
    QFETCH(QString, name);
    QFETCH(QString, normalized);
    const auto result = RecordingStore::normalizeName(name);
    if (normalized.isEmpty()) {
        QVERIFY(!result);
        QVERIFY(!RecordingStore::isValidName(name));
    } else {
        QVERIFY(result);
        QCOMPARE(*result, normalized);
        QVERIFY(RecordingStore::isValidName(name));
    }
}

void TestRecordingStore::formats_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<bool>("known");
    QTest::addColumn<bool>("writable");
    QTest::newRow("wav") << u"wav"_s << true << true;
    QTest::newRow("gsm") << u"gsm"_s << true << true;
    QTest::newRow("ulaw") << u"ulaw"_s << true << true;
    QTest::newRow("alaw") << u"alaw"_s << true << true;
    QTest::newRow("sln") << u"sln"_s << true << true;
    QTest::newRow("sln16") << u"sln16"_s << true << true;
    QTest::newRow("wav16") << u"wav16"_s << true << true;
    QTest::newRow("g722") << u"g722"_s << true << false;
    QTest::newRow("wav49") << u"wav49"_s << true << false;
    QTest::newRow("g729") << u"g729"_s << true << false;
    QTest::newRow("nope") << u"nope"_s << false << false;
    QTest::newRow("mp3") << u"mp3"_s << false << false;
    QTest::newRow("empty") << QString() << false << false;
}

void TestRecordingStore::formats()
{
    QFETCH(QString, format);
    QFETCH(bool, known);
    QFETCH(bool, writable);
    QCOMPARE(RecordingStore::isKnownFormat(format), known);
    QCOMPARE(RecordingStore::isWritableFormat(format), writable);
}

void TestRecordingStore::writeWavAndFindIt()
{
    QTemporaryDir dir;
    RecordingStore store(dir.path());
    QCOMPARE(store.directory(), QDir(dir.path()).absolutePath());
    QString error;
    QCOMPARE(store.write(u"voicemail/305/1411503204"_s, u"wav"_s, {{1000, true}, {1000, false}}, &error),
             RecordingStore::Status::Ok);
    QVERIFY(error.isEmpty());

    const QString path = dir.filePath(u"voicemail/305/1411503204.wav"_s);
    QVERIFY(QFileInfo(path).isFile());
    QVERIFY(store.exists(u"voicemail/305/1411503204"_s));
    QCOMPARE(store.filePath(u"voicemail/305/1411503204"_s), path);
    QCOMPARE(store.pathFor(u"voicemail/305/1411503204"_s, u"wav"_s), path);
    QCOMPARE(store.durationMs(u"voicemail/305/1411503204"_s), 2000);
    const auto entry = store.find(u"voicemail/305/1411503204"_s);
    QVERIFY(entry);
    QCOMPARE(entry->format, u"wav"_s);
    QCOMPARE(entry->path, path);

    // Real audio: 8 kHz 16-bit mono, talk then silence.
    const auto info = WavFile::readInfo(path);
    QVERIFY(info);
    QCOMPARE(info->sampleRate, 8000);
    QCOMPARE(info->bitsPerSample, 16);
    const QList<double> levels = WavFile::rmsLevels(path, 250);
    QCOMPARE(levels.size(), 8);
    QVERIFY(levels[0] > 5000.0);
    QCOMPARE(levels[7], 0.0);
    QCOMPARE(RecordingStore::contentType(entry->format), u"audio/wav"_s);

    QCOMPARE(QJsonDocument(store.listJson()).toJson(QJsonDocument::Compact),
             R"([{"format":"wav","name":"voicemail/305/1411503204"}])"_ba);
    QCOMPARE(QJsonDocument(RecordingStore::entryJson(*entry)).toJson(QJsonDocument::Compact),
             R"({"format":"wav","name":"voicemail/305/1411503204"})"_ba);
}

void TestRecordingStore::listIsPlainTextOrder()
{
    QTemporaryDir dir;
    RecordingStore store(dir.path());
    // Written in time order; listed in byte order, like Asterisk.
    const QStringList written{u"voicemail/305/999"_s, u"voicemail/305/1411503204"_s,
                              u"voicemail/305/1411503204123"_s, u"voicemail/305/copy-1"_s,
                              u"queue/x"_s, u"Zed"_s, u"voicemail/30/5"_s};
    for (const QString &name : written)
        QCOMPARE(store.write(name, u"wav"_s, {{100, true}}), RecordingStore::Status::Ok);
    QCOMPARE(names(store.list()),
             (QStringList{u"Zed"_s, u"queue/x"_s, u"voicemail/30/5"_s, u"voicemail/305/1411503204"_s,
                          u"voicemail/305/1411503204123"_s, u"voicemail/305/999"_s,
                          u"voicemail/305/copy-1"_s}));
}

void TestRecordingStore::listIgnoresOtherFilesAndPrefersWav()
{
    QTemporaryDir dir;
    RecordingStore store(dir.path());
    QCOMPARE(store.write(u"a"_s, u"wav"_s, s_oneSecondTalk), RecordingStore::Status::Ok);
    QCOMPARE(store.append(u"a"_s, u"gsm"_s, s_oneSecondTalk), RecordingStore::Status::Ok); // a.gsm too
    QVERIFY(QFileInfo(dir.filePath(u"a.gsm"_s)).isFile());
    QVERIFY(writeBytes(dir.filePath(u"notes.txt"_s), "not a recording"_ba));
    QVERIFY(writeBytes(dir.filePath(u"noextension"_s), "x"_ba));
    QVERIFY(writeBytes(dir.filePath(u".wav"_s), "hidden"_ba));
    QVERIFY(QDir(dir.path()).mkpath(u"folder.wav"_s)); // a directory, not a recording
    QVERIFY(writeBytes(dir.filePath(u"b/c.ulaw"_s), QByteArray(800, '\xff')));

    const QList<RecordingStore::Entry> entries = store.list();
    QCOMPARE(names(entries), (QStringList{u"a"_s, u"b/c"_s}));
    QCOMPARE(entries[0].format, u"wav"_s);
    QCOMPARE(entries[1].format, u"ulaw"_s);
    QCOMPARE(store.durationMs(u"b/c"_s), 100);
    QCOMPARE(store.find(u"a"_s)->format, u"wav"_s);
    QVERIFY(!store.exists(u"folder"_s));
    QVERIFY(!store.exists(u"notes"_s));
}

void TestRecordingStore::lookupsNormaliseNames()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(u"store"_s));
    RecordingStore store(dir.filePath(u"store"_s));
    QCOMPARE(store.write(u"voicemail/305/1411503204"_s, u"wav"_s, s_oneSecondTalk), RecordingStore::Status::Ok);
    // A file outside the store must not be reachable.
    QVERIFY(writeBytes(dir.filePath(u"evil.wav"_s), WavFile::encode(s_oneSecondTalk)));

    const auto entry = store.find(u"voicemail/../voicemail/305/1411503204"_s);
    QVERIFY(entry);
    QCOMPARE(entry->name, u"voicemail/305/1411503204"_s);
    QVERIFY(!store.find(u"../evil"_s));
    QVERIFY(!store.exists(u"../../evil"_s));
    QCOMPARE(store.filePath(u"../evil"_s), QString());
    QCOMPARE(store.durationMs(u"../evil"_s), -1);
    QCOMPARE(store.remove(u"../evil"_s), RecordingStore::Status::NotFound);
    QVERIFY(QFileInfo::exists(dir.filePath(u"evil.wav"_s)));
    QCOMPARE(store.pathFor(u"../evil"_s, u"wav"_s), QString());
    QCOMPARE(store.pathFor(u"x"_s, u"nope"_s), QString());
    QVERIFY(!store.find(u"voicemail/305"_s)); // a directory
    QVERIFY(!store.find(u"voicemail/305/1411503204.wav"_s));
}

void TestRecordingStore::copy()
{
    QTemporaryDir dir;
    RecordingStore store(dir.path());
    QCOMPARE(store.write(u"voicemail/305/1411503204"_s, u"wav"_s, {{700, true}}), RecordingStore::Status::Ok);
    QCOMPARE(store.copy(u"voicemail/305/1411503204"_s, u"voicemail/305/copy-1"_s), RecordingStore::Status::Ok);
    QCOMPARE(readBytes(store.filePath(u"voicemail/305/copy-1"_s)),
             readBytes(store.filePath(u"voicemail/305/1411503204"_s)));
    QCOMPARE(store.durationMs(u"voicemail/305/copy-1"_s), 700);
    // Again: the destination exists (409).
    QCOMPARE(store.copy(u"voicemail/305/1411503204"_s, u"voicemail/305/copy-1"_s),
             RecordingStore::Status::AlreadyExists);
    QCOMPARE(store.copy(u"no-such-recording"_s, u"x"_s), RecordingStore::Status::NotFound);
    QCOMPARE(store.copy(u"voicemail/305/1411503204"_s, QString()), RecordingStore::Status::InvalidName);
    QCOMPARE(store.copy(u"voicemail/305/1411503204"_s, u"../../evil"_s), RecordingStore::Status::InvalidName);
    QCOMPARE(store.copy(u"voicemail/305/1411503204"_s, u"other/dir/copy"_s), RecordingStore::Status::Ok);
    QCOMPARE(names(store.list()),
             (QStringList{u"other/dir/copy"_s, u"voicemail/305/1411503204"_s, u"voicemail/305/copy-1"_s}));
}

void TestRecordingStore::remove()
{
    QTemporaryDir dir;
    RecordingStore store(dir.path());
    QCOMPARE(store.write(u"voicemail/305/a"_s, u"wav"_s, s_oneSecondTalk), RecordingStore::Status::Ok);
    QCOMPARE(store.write(u"voicemail/305/b"_s, u"wav"_s, s_oneSecondTalk), RecordingStore::Status::Ok);
    QCOMPARE(store.remove(u"voicemail/305/a"_s), RecordingStore::Status::Ok);
    QCOMPARE(store.remove(u"voicemail/305/a"_s), RecordingStore::Status::NotFound);
    QVERIFY(!store.exists(u"voicemail/305/a"_s));
    QVERIFY(QDir(dir.filePath(u"voicemail/305"_s)).exists()); // b is still there
    QCOMPARE(store.remove(u"voicemail/305/b"_s), RecordingStore::Status::Ok);
    QVERIFY(!QDir(dir.filePath(u"voicemail"_s)).exists()); // emptied directories go
    QVERIFY(QDir(dir.path()).exists());                   // the store itself stays
    QVERIFY(store.list().isEmpty());
    QCOMPARE(store.remove(u"never-there"_s), RecordingStore::Status::NotFound);
}

void TestRecordingStore::writeRejectsBadInput()
{
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath(u"store"_s));
    RecordingStore store(dir.filePath(u"store"_s));
    QString error;
    QCOMPARE(store.write(u"../../evil"_s, u"wav"_s, s_oneSecondTalk, &error), RecordingStore::Status::InvalidName);
    QVERIFY(!error.isEmpty());
    QCOMPARE(store.write(QString(), u"wav"_s, s_oneSecondTalk), RecordingStore::Status::InvalidName);
    QCOMPARE(store.write(u"/abs"_s, u"wav"_s, s_oneSecondTalk), RecordingStore::Status::InvalidName);
    QCOMPARE(store.append(u"../x"_s, u"wav"_s, s_oneSecondTalk), RecordingStore::Status::InvalidName);
    QCOMPARE(store.write(u"test/bad-format"_s, u"nope"_s, s_oneSecondTalk), RecordingStore::Status::UnknownFormat);
    QCOMPARE(store.append(u"test/bad-format"_s, u"nope"_s, s_oneSecondTalk), RecordingStore::Status::UnknownFormat);
    QCOMPARE(store.write(u"test/wav49"_s, u"wav49"_s, s_oneSecondTalk), RecordingStore::Status::UnsupportedFormat);
    QCOMPARE(store.append(u"test/g722"_s, u"g722"_s, s_oneSecondTalk), RecordingStore::Status::UnsupportedFormat);
    // Nothing was written, inside or outside the store.
    QVERIFY(store.list().isEmpty());
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), QStringList{u"store"_s});
}

void TestRecordingStore::writeReplaces()
{
    QTemporaryDir dir;
    RecordingStore store(dir.path());
    QCOMPARE(store.write(u"r"_s, u"wav"_s, {{1000, true}}), RecordingStore::Status::Ok);
    QCOMPARE(store.write(u"r"_s, u"wav"_s, {{500, true}}), RecordingStore::Status::Ok);
    QCOMPARE(store.durationMs(u"r"_s), 500);
    // Another format replaces the file of the first one.
    QCOMPARE(store.write(u"r"_s, u"gsm"_s, {{2000, true}}), RecordingStore::Status::Ok);
    QVERIFY(!QFileInfo::exists(dir.filePath(u"r.wav"_s)));
    QCOMPARE(store.find(u"r"_s)->format, u"gsm"_s);
    QCOMPARE(store.durationMs(u"r"_s), 2000);
    // An empty recording is still a recording.
    QCOMPARE(store.write(u"empty"_s, u"wav"_s, {}), RecordingStore::Status::Ok);
    QCOMPARE(store.durationMs(u"empty"_s), 0);
}

void TestRecordingStore::appendExtends()
{
    QTemporaryDir dir;
    RecordingStore store(dir.path());
    // ifExists=append on a missing recording creates it.
    QCOMPARE(store.append(u"voicemail/305/m"_s, u"wav"_s, {{1000, true}}), RecordingStore::Status::Ok);
    QCOMPARE(store.durationMs(u"voicemail/305/m"_s), 1000);
    QCOMPARE(store.append(u"voicemail/305/m"_s, u"wav"_s, {{500, false}}), RecordingStore::Status::Ok);
    QCOMPARE(store.durationMs(u"voicemail/305/m"_s), 1500);
    const QList<double> levels = WavFile::rmsLevels(store.filePath(u"voicemail/305/m"_s), 250);
    QCOMPARE(levels.size(), 6);
    QVERIFY(levels[3] > 5000.0);
    QCOMPARE(levels[5], 0.0);

    QCOMPARE(store.append(u"u"_s, u"ulaw"_s, {{100, true}}), RecordingStore::Status::Ok);
    QCOMPARE(store.append(u"u"_s, u"ulaw"_s, {{150, false}}), RecordingStore::Status::Ok);
    QCOMPARE(store.durationMs(u"u"_s), 250);

    // A damaged wav cannot be appended to.
    QVERIFY(writeBytes(dir.filePath(u"bad.wav"_s), "garbage"_ba));
    QString error;
    QCOMPARE(store.append(u"bad"_s, u"wav"_s, s_oneSecondTalk, &error), RecordingStore::Status::IoError);
    QVERIFY(!error.isEmpty());
    QCOMPARE(store.durationMs(u"bad"_s), -1);
}

void TestRecordingStore::rawFormats_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<qint64>("bytes");     // size of one second
    QTest::addColumn<int>("silentByte");   // value of a silent byte, -1 = not checked
    QTest::newRow("sln") << u"sln"_s << qint64(16000) << 0;
    QTest::newRow("raw") << u"raw"_s << qint64(16000) << 0;
    QTest::newRow("sln16") << u"sln16"_s << qint64(32000) << 0;
    QTest::newRow("ulaw") << u"ulaw"_s << qint64(8000) << 0xff;
    QTest::newRow("alaw") << u"alaw"_s << qint64(8000) << 0xd5;
    QTest::newRow("gsm") << u"gsm"_s << qint64(50 * 33) << -1;
    QTest::newRow("wav16") << u"wav16"_s << qint64(44 + 32000) << -1;
}

void TestRecordingStore::rawFormats()
{
    QFETCH(QString, format);
    QFETCH(qint64, bytes);
    QFETCH(int, silentByte);
    QTemporaryDir dir;
    RecordingStore store(dir.path());
    QCOMPARE(store.write(u"silent"_s, format, {{1000, false}}), RecordingStore::Status::Ok);
    const QByteArray content = readBytes(store.filePath(u"silent"_s));
    QCOMPARE(content.size(), bytes);
    QCOMPARE(store.durationMs(u"silent"_s), 1000);
    QCOMPARE(store.find(u"silent"_s)->format, format);
    if (silentByte >= 0) {
        for (char c : content)
            QCOMPARE(static_cast<quint8>(c), quint8(silentByte));
        // A tone is not silence.
        QCOMPARE(store.write(u"talk"_s, format, {{1000, true}}), RecordingStore::Status::Ok);
        const QByteArray talk = readBytes(store.filePath(u"talk"_s));
        QCOMPARE(talk.size(), bytes);
        QVERIFY(talk.count(static_cast<char>(silentByte)) < talk.size() / 4);
    }
}

void TestRecordingStore::missingDirectory()
{
    QTemporaryDir dir;
    RecordingStore store(dir.filePath(u"not/yet/there"_s));
    QVERIFY(store.list().isEmpty());
    QVERIFY(!store.exists(u"x"_s));
    QCOMPARE(store.write(u"x"_s, u"wav"_s, s_oneSecondTalk), RecordingStore::Status::Ok);
    QVERIFY(QFileInfo(dir.filePath(u"not/yet/there/x.wav"_s)).isFile());
    QCOMPARE(names(store.list()), QStringList{u"x"_s});
}

void TestRecordingStore::texts()
{
    using S = RecordingStore::Status;
    for (S s : {S::Ok, S::NotFound, S::AlreadyExists, S::InvalidName, S::UnknownFormat,
                S::UnsupportedFormat, S::IoError})
        QVERIFY(!RecordingStore::statusText(s).isEmpty());
    QCOMPARE(RecordingStore::contentType(u"wav"_s), u"audio/wav"_s);
    QCOMPARE(RecordingStore::contentType(u"sln"_s), u"application/octet-stream"_s);
}

QTEST_GUILESS_MAIN(TestRecordingStore)
#include "TestRecordingStore.moc"

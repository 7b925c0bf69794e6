#include "support/TestWav.h"

#include "core/playback/AudioDuration.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace Qt::StringLiterals;

class TestAudioDuration final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wav_data();
    void wav();
    void wavHeaderOnlyWithFileSize();
    void wavWithUnpatchedSize();
    void damaged_data();
    void damaged();
    void rawSizes_data();
    void rawSizes();
    void files();
};

void TestAudioDuration::wav_data()
{
    QTest::addColumn<int>("durationMs");
    QTest::addColumn<int>("sampleRate");
    QTest::addColumn<int>("channels");
    QTest::addColumn<bool>("extraChunk");

    QTest::newRow("8 kHz mono 2.5 s") << 2500 << 8000 << 1 << false;
    QTest::newRow("16 kHz mono 1 s") << 1000 << 16000 << 1 << false;
    QTest::newRow("8 kHz stereo 3 s") << 3000 << 8000 << 2 << false;
    QTest::newRow("with a padded LIST chunk") << 1200 << 8000 << 1 << true;
    QTest::newRow("empty") << 0 << 8000 << 1 << false;
}

void TestAudioDuration::wav()
{
    QFETCH(int, durationMs);
    QFETCH(int, sampleRate);
    QFETCH(int, channels);
    QFETCH(bool, extraChunk);
    QCOMPARE(AudioDuration::fromWav(TestWav::make(durationMs, sampleRate, channels, extraChunk)), durationMs);
}

void TestAudioDuration::wavHeaderOnlyWithFileSize()
{
    const QByteArray file = TestWav::make(4000);
    QCOMPARE(AudioDuration::fromWav(file.left(44), file.size()), 4000);
}

void TestAudioDuration::wavWithUnpatchedSize()
{
    // A writer that never patched the data size (0 or 0xFFFFFFFF): the bytes present count.
    QByteArray file = TestWav::make(1500);
    qToLittleEndian<quint32>(0xFFFFFFFFu, file.data() + 40);
    QCOMPARE(AudioDuration::fromWav(file), 1500);
    qToLittleEndian<quint32>(0u, file.data() + 40);
    QCOMPARE(AudioDuration::fromWav(file), 1500);
}

void TestAudioDuration::damaged_data()
{
    QTest::addColumn<QByteArray>("bytes");
    const QByteArray good = TestWav::make(1000);
    QByteArray zeroRate = good;
    qToLittleEndian<quint32>(0u, zeroRate.data() + 24); // sample rate
    qToLittleEndian<quint32>(0u, zeroRate.data() + 28); // byte rate
    QByteArray hugeChunk = good;
    qToLittleEndian<quint32>(0x7FFFFFF0u, hugeChunk.data() + 16); // fmt chunk size past the end

    QTest::newRow("empty") << QByteArray();
    QTest::newRow("not RIFF") << QByteArray("OggS0000WAVEfmt ");
    QTest::newRow("not WAVE") << QByteArray("RIFF\x10\0\0\0AVI LIST", 16);
    QTest::newRow("truncated header") << good.left(30);
    QTest::newRow("zero byte rate") << zeroRate;
    QTest::newRow("chunk size past the end") << hugeChunk;
    QTest::newRow("no data chunk") << good.left(36);
}

void TestAudioDuration::damaged()
{
    QFETCH(QByteArray, bytes);
    QCOMPARE(AudioDuration::fromWav(bytes), -1);
}

void TestAudioDuration::rawSizes_data()
{
    QTest::addColumn<QString>("extension");
    QTest::addColumn<qint64>("size");
    QTest::addColumn<qint64>("expected");

    QTest::newRow("gsm") << u"gsm"_s << qint64(33 * 50 * 3) << qint64(3000);
    QTest::newRow("GSM upper case") << u"GSM"_s << qint64(33 * 50) << qint64(1000);
    QTest::newRow("sln") << u"sln"_s << qint64(16000 * 2) << qint64(2000);
    QTest::newRow("slin") << u"slin"_s << qint64(8000) << qint64(500);
    QTest::newRow("sln16") << u"sln16"_s << qint64(32000) << qint64(1000);
    QTest::newRow("ulaw") << u"ulaw"_s << qint64(4000) << qint64(500);
    QTest::newRow("alaw") << u"alaw"_s << qint64(8000) << qint64(1000);
    QTest::newRow("g722") << u"g722"_s << qint64(8000) << qint64(1000);
    QTest::newRow("g729") << u"g729"_s << qint64(1000) << qint64(1000);
    QTest::newRow("unknown") << u"mp3"_s << qint64(1000) << qint64(-1);
    QTest::newRow("negative size") << u"gsm"_s << qint64(-1) << qint64(-1);
}

void TestAudioDuration::rawSizes()
{
    QFETCH(QString, extension);
    QFETCH(qint64, size);
    QFETCH(qint64, expected);
    QCOMPARE(AudioDuration::fromRawSize(extension, size), expected);
}

void TestAudioDuration::files()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile wav(dir.filePath(u"a.wav"_s));
    QVERIFY(wav.open(QIODevice::WriteOnly));
    wav.write(TestWav::make(2200));
    wav.close();
    QFile gsm(dir.filePath(u"b.gsm"_s));
    QVERIFY(gsm.open(QIODevice::WriteOnly));
    gsm.write(QByteArray(33 * 50 * 2, '\0'));
    gsm.close();

    QCOMPARE(AudioDuration::fromFile(dir.filePath(u"a.wav"_s)), 2200);
    QCOMPARE(AudioDuration::fromFile(dir.filePath(u"b.gsm"_s)), 2000);
    QCOMPARE(AudioDuration::fromFile(dir.filePath(u"missing.wav"_s)), -1);
    QCOMPARE(AudioDuration::fromFile(dir.path()), -1);
}

QTEST_GUILESS_MAIN(TestAudioDuration)
#include "TestAudioDuration.moc"

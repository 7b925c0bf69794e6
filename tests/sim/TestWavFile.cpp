#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include "sim/media/WavFile.h"

using namespace Qt::StringLiterals;

namespace {

QByteArray u16(quint16 v)
{
    char b[2];
    qToLittleEndian(v, b);
    return QByteArray(b, 2);
}

QByteArray u32(quint32 v)
{
    char b[4];
    qToLittleEndian(v, b);
    return QByteArray(b, 4);
}

QByteArray chunk(const char *id, const QByteArray &body, bool pad = true)
{
    QByteArray c = QByteArray(id, 4) + u32(static_cast<quint32>(body.size())) + body;
    if (pad && (body.size() & 1))
        c.append('\0');
    return c;
}

QByteArray fmtBody(quint16 format, quint16 channels, quint32 rate, quint16 bits)
{
    const quint16 block = static_cast<quint16>(channels * bits / 8);
    return u16(format) + u16(channels) + u32(rate) + u32(rate * block) + u16(block) + u16(bits);
}

QByteArray riff(const QByteArray &chunks)
{
    return "RIFF"_ba + u32(static_cast<quint32>(4 + chunks.size())) + "WAVE"_ba + chunks;
}

bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray readBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestWavFile final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encodeProducesCanonicalPcmHeader();
    void encodeRejectsBadRates();
    void writeAndReadBack_data();
    void writeAndReadBack();
    void segmentsAreAudibleOrSilent();
    void skipsOtherChunks();
    void truncatedDataCountsOnlyPresentBytes();
    void nonPcmDurationFromByteRate();
    void hostileHeaders_data();
    void hostileHeaders();
    void randomAndTruncatedInputNeverCrash();
    void missingFile();
    void appendExtendsFile();
    void appendDropsTrailingChunks();
    void appendRefusesOtherFormats();
};

void TestWavFile::encodeProducesCanonicalPcmHeader()
{
    const QByteArray bytes = WavFile::encode({{1000, true}}, 8000);
    QCOMPARE(bytes.size(), 44 + 16000);
    QCOMPARE(bytes.left(4), "RIFF"_ba);
    QCOMPARE(qFromLittleEndian<quint32>(bytes.constData() + 4), quint32(bytes.size() - 8));
    QCOMPARE(bytes.mid(8, 8), "WAVEfmt "_ba);
    QCOMPARE(qFromLittleEndian<quint32>(bytes.constData() + 16), 16u);
    QCOMPARE(qFromLittleEndian<quint16>(bytes.constData() + 20), quint16(1));
    QCOMPARE(qFromLittleEndian<quint16>(bytes.constData() + 22), quint16(1));
    QCOMPARE(qFromLittleEndian<quint32>(bytes.constData() + 24), 8000u);
    QCOMPARE(qFromLittleEndian<quint32>(bytes.constData() + 28), 16000u);
    QCOMPARE(qFromLittleEndian<quint16>(bytes.constData() + 32), quint16(2));
    QCOMPARE(qFromLittleEndian<quint16>(bytes.constData() + 34), quint16(16));
    QCOMPARE(bytes.mid(36, 4), "data"_ba);
    QCOMPARE(qFromLittleEndian<quint32>(bytes.constData() + 40), 16000u);

    const auto info = WavFile::parseHeader(bytes);
    QVERIFY(info);
    QCOMPARE(info->audioFormat, 1);
    QCOMPARE(info->channels, 1);
    QCOMPARE(info->sampleRate, 8000);
    QCOMPARE(info->bitsPerSample, 16);
    QCOMPARE(info->blockAlign, 2);
    QCOMPARE(info->byteRate, 16000);
    QCOMPARE(info->dataOffset, 44);
    QCOMPARE(info->dataBytes, 16000);
    QCOMPARE(info->durationMs, 1000);

    // Empty recording: a valid header without samples.
    const auto empty = WavFile::parseHeader(WavFile::encode({}, 8000));
    QVERIFY(empty);
    QCOMPARE(empty->durationMs, 0);
}

void TestWavFile::encodeRejectsBadRates()
{
    QVERIFY(WavFile::encode({{100, true}}, 0).isEmpty());
    QVERIFY(WavFile::encode({{100, true}}, 7999).isEmpty());
    QVERIFY(WavFile::encode({{100, true}}, 192001).isEmpty());
    QTemporaryDir dir;
    QString error;
    QVERIFY(!WavFile::write(dir.filePath(u"x.wav"_s), {{100, true}}, -8000, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!QFile::exists(dir.filePath(u"x.wav"_s)));
}

void TestWavFile::writeAndReadBack_data()
{
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<int>("rate");
    QTest::addColumn<bool>("tone");
    QTest::newRow("2.5 s tone 8k") << qint64(2500) << 8000 << true;
    QTest::newRow("2.5 s silence 8k") << qint64(2500) << 8000 << false;
    QTest::newRow("1 s tone 16k") << qint64(1000) << 16000 << true;
    QTest::newRow("zero length") << qint64(0) << 8000 << true;
    QTest::newRow("negative length is empty") << qint64(-10) << 8000 << false;
}

void TestWavFile::writeAndReadBack()
{
    QFETCH(qint64, ms);
    QFETCH(int, rate);
    QFETCH(bool, tone);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"out.wav"_s);
    QString error;
    QVERIFY2(tone ? WavFile::writeTone(path, ms, rate, &error)
                  : WavFile::writeSilence(path, ms, rate, &error),
             qPrintable(error));
    const auto info = WavFile::readInfo(path, &error);
    QVERIFY2(info, qPrintable(error));
    QCOMPARE(info->sampleRate, rate);
    QCOMPARE(info->durationMs, std::max<qint64>(ms, 0));
    QCOMPARE(QFileInfo(path).size(), 44 + std::max<qint64>(ms, 0) * rate / 1000 * 2);

    const QList<double> levels = WavFile::rmsLevels(path, 250, &error);
    QCOMPARE(levels.size(), (std::max<qint64>(ms, 0) + 249) / 250);
    for (double level : levels) {
        if (tone)
            QVERIFY2(level > 5000.0 && level < 9000.0, qPrintable(QString::number(level)));
        else
            QCOMPARE(level, 0.0);
    }
}

void TestWavFile::segmentsAreAudibleOrSilent()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"seg.wav"_s);
    QVERIFY(WavFile::write(path, {{1000, true}, {500, false}, {250, true}}));
    const auto info = WavFile::readInfo(path);
    QVERIFY(info);
    QCOMPARE(info->durationMs, 1750);
    const QList<double> levels = WavFile::rmsLevels(path, 250);
    QCOMPARE(levels.size(), 7);
    const QList<bool> audible{true, true, true, true, false, false, true};
    for (int i = 0; i < levels.size(); ++i)
        QVERIFY2(audible[i] ? levels[i] > 5000.0 : levels[i] == 0.0,
                 qPrintable(u"window %1: %2"_s.arg(i).arg(levels[i])));
    QCOMPARE(WavFile::encodeSamples({{1000, true}, {500, false}, {250, true}}).size(), 1750 * 16);
}

void TestWavFile::skipsOtherChunks()
{
    const QByteArray samples(8000, '\0'); // 0.5 s at 8 kHz 16-bit mono
    // An odd-sized LIST chunk (padded) before fmt, a fact chunk between fmt and data.
    const QByteArray bytes = riff(chunk("LIST", "INFOabc"_ba) + chunk("fmt ", fmtBody(1, 1, 8000, 16))
                                  + chunk("fact", u32(4000)) + chunk("data", samples));
    QString error;
    const auto info = WavFile::parseHeader(bytes, -1, &error);
    QVERIFY2(info, qPrintable(error));
    QCOMPARE(info->durationMs, 500);
    QCOMPARE(info->dataBytes, 8000);
    QCOMPARE(info->dataOffset, 12 + (8 + 8) + (8 + 16) + (8 + 4) + 8);

    // The same through a file, with a big chunk in front that does not fit the first read.
    QTemporaryDir dir;
    const QString path = dir.filePath(u"big.wav"_s);
    QVERIFY(writeBytes(path, riff(chunk("JUNK", QByteArray(5000, 'j')) + chunk("fmt ", fmtBody(1, 1, 8000, 16))
                                  + chunk("data", samples))));
    const auto fromFile = WavFile::readInfo(path, &error);
    QVERIFY2(fromFile, qPrintable(error));
    QCOMPARE(fromFile->durationMs, 500);

    // A wider fmt chunk (extensible header, cbSize) is fine.
    const QByteArray wide = riff(chunk("fmt ", fmtBody(0xFFFE, 1, 8000, 16) + u16(22) + QByteArray(22, 'x'))
                                 + chunk("data", samples));
    const auto extensible = WavFile::parseHeader(wide);
    QVERIFY(extensible);
    QCOMPARE(extensible->audioFormat, 0xFFFE);
    QCOMPARE(extensible->durationMs, 500);
}

void TestWavFile::truncatedDataCountsOnlyPresentBytes()
{
    // Declares 2 s of data, holds 0.25 s (a recording cut short, or a streaming header).
    QByteArray bytes = riff(chunk("fmt ", fmtBody(1, 1, 8000, 16))) + "data"_ba + u32(32000)
                       + QByteArray(4000, '\0');
    auto info = WavFile::parseHeader(bytes);
    QVERIFY(info);
    QCOMPARE(info->dataBytes, 4000);
    QCOMPARE(info->durationMs, 250);

    bytes = riff(chunk("fmt ", fmtBody(1, 1, 8000, 16))) + "data"_ba + u32(0xFFFFFFFFu) + QByteArray(1600, '\0');
    info = WavFile::parseHeader(bytes);
    QVERIFY(info);
    QCOMPARE(info->durationMs, 100);

    // The header bytes alone but a known total size: the size decides.
    const QByteArray header = riff(chunk("fmt ", fmtBody(1, 1, 8000, 16))) + "data"_ba + u32(16000);
    info = WavFile::parseHeader(header, header.size() + 16000);
    QVERIFY(info);
    QCOMPARE(info->durationMs, 1000);
}

void TestWavFile::nonPcmDurationFromByteRate()
{
    // WAV49 (GSM 6.10 in WAV): 65 bytes per 320 samples, byte rate 1625.
    const QByteArray fmt = u16(0x31) + u16(1) + u32(8000) + u32(1625) + u16(65) + u16(0) + u16(2) + u16(320);
    const auto info = WavFile::parseHeader(riff(chunk("fmt ", fmt) + chunk("data", QByteArray(1625 * 3, 'g'))));
    QVERIFY(info);
    QCOMPARE(info->audioFormat, 0x31);
    QCOMPARE(info->durationMs, 3000);
    // rmsLevels only reads 16-bit PCM.
    QTemporaryDir dir;
    const QString path = dir.filePath(u"gsm.wav"_s);
    QVERIFY(writeBytes(path, riff(chunk("fmt ", fmt) + chunk("data", QByteArray(1625, 'g')))));
    QString error;
    QVERIFY(WavFile::rmsLevels(path, 250, &error).isEmpty());
    QVERIFY(!error.isEmpty());
}

void TestWavFile::hostileHeaders_data()
{
    QTest::addColumn<QByteArray>("bytes");
    const QByteArray fmt = chunk("fmt ", fmtBody(1, 1, 8000, 16));
    const QByteArray data = chunk("data", QByteArray(160, '\0'));
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("RIFF only") << "RIFF"_ba;
    QTest::newRow("not RIFF") << ("RIFX"_ba + u32(100) + "WAVE"_ba + fmt + data);
    QTest::newRow("not WAVE") << ("RIFF"_ba + u32(100) + "AVI "_ba + fmt + data);
    QTest::newRow("no chunks") << riff({});
    QTest::newRow("no data chunk") << riff(fmt);
    QTest::newRow("no fmt chunk") << riff(data);
    QTest::newRow("data before fmt") << riff(data + fmt);
    QTest::newRow("fmt too small") << riff(chunk("fmt ", fmtBody(1, 1, 8000, 16).left(14)) + data);
    QTest::newRow("fmt truncated by the file") << riff("fmt "_ba + u32(16) + fmtBody(1, 1, 8000, 16).left(10));
    QTest::newRow("chunk header truncated") << riff(fmt + "da"_ba);
    QTest::newRow("huge chunk before data") << riff(fmt + "JUNK"_ba + u32(0xFFFFFFF0u) + data);
    QTest::newRow("zero channels") << riff(chunk("fmt ", fmtBody(1, 0, 8000, 16)) + data);
    QTest::newRow("zero rate") << riff(chunk("fmt ", fmtBody(1, 1, 0, 16)) + data);
}

void TestWavFile::hostileHeaders()
{
    QFETCH(QByteArray, bytes);
    QString error;
    QVERIFY(!WavFile::parseHeader(bytes, -1, &error));
    QVERIFY(!error.isEmpty());

    QTemporaryDir dir;
    const QString path = dir.filePath(u"hostile.wav"_s);
    QVERIFY(writeBytes(path, bytes));
    error.clear();
    QVERIFY(!WavFile::readInfo(path, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(WavFile::rmsLevels(path).isEmpty());
    QVERIFY(!WavFile::append(path, {{100, true}}));
    QCOMPARE(readBytes(path), bytes);
}

void TestWavFile::randomAndTruncatedInputNeverCrash()
{
    // Every prefix of a valid file, and random corruptions of it: parsing must stay inside the
    // buffer (run under the sanitizers in CI) and report a duration no longer than the data.
    const QByteArray valid = riff(chunk("LIST", "INFOxy"_ba) + chunk("fmt ", fmtBody(1, 1, 8000, 16))
                                  + chunk("data", QByteArray(800, '\0')));
    int parsed = 0;
    for (int n = 0; n <= valid.size(); ++n) {
        const QByteArray prefix = valid.left(n);
        const auto info = WavFile::parseHeader(prefix);
        if (info) {
            ++parsed;
            QVERIFY(info->dataOffset + info->dataBytes <= n);
        }
    }
    QCOMPARE(parsed, 801); // from the data chunk header on, every prefix parses

    QRandomGenerator random(4242);
    for (int round = 0; round < 5000; ++round) {
        QByteArray bytes = valid.left(static_cast<int>(random.bounded(valid.size() + 1)));
        const int flips = static_cast<int>(random.bounded(4));
        for (int i = 0; i < flips && !bytes.isEmpty(); ++i)
            bytes[static_cast<int>(random.bounded(bytes.size()))] = static_cast<char>(random.bounded(256));
        const auto info = WavFile::parseHeader(bytes);
        if (info) {
            QVERIFY(info->dataOffset + info->dataBytes <= bytes.size());
            QVERIFY(info->durationMs >= 0);
        }
    }
}

void TestWavFile::missingFile()
{
    QString error;
    QVERIFY(!WavFile::readInfo(u"/nonexistent/dir/file.wav"_s, &error));
    QVERIFY(error.contains(u"/nonexistent/dir/file.wav"_s));
    QVERIFY(!WavFile::append(u"/nonexistent/dir/file.wav"_s, {{10, true}}));
    QVERIFY(WavFile::rmsLevels(u"/nonexistent/dir/file.wav"_s).isEmpty());
    QVERIFY(!WavFile::write(u"/nonexistent/dir/file.wav"_s, {{10, true}}, 8000, &error));
}

void TestWavFile::appendExtendsFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"grow.wav"_s);
    QVERIFY(WavFile::writeTone(path, 1000));
    QString error;
    QVERIFY2(WavFile::append(path, {{500, false}, {250, true}}, &error), qPrintable(error));
    const QByteArray bytes = readBytes(path);
    QCOMPARE(bytes.size(), 44 + 1750 * 16);
    QCOMPARE(qFromLittleEndian<quint32>(bytes.constData() + 4), quint32(bytes.size() - 8));
    QCOMPARE(qFromLittleEndian<quint32>(bytes.constData() + 40), quint32(1750 * 16));
    const auto info = WavFile::readInfo(path);
    QVERIFY(info);
    QCOMPARE(info->durationMs, 1750);
    const QList<double> levels = WavFile::rmsLevels(path, 250);
    QCOMPARE(levels.size(), 7);
    QVERIFY(levels[3] > 5000.0);
    QCOMPARE(levels[4], 0.0);
    QCOMPARE(levels[5], 0.0);
    QVERIFY(levels[6] > 5000.0);

    // 16 kHz files keep their rate.
    const QString wide = dir.filePath(u"wide.wav"_s);
    QVERIFY(WavFile::writeSilence(wide, 100, 16000));
    QVERIFY(WavFile::append(wide, {{100, true}}));
    QCOMPARE(WavFile::readInfo(wide)->durationMs, 200);
    QCOMPARE(WavFile::readInfo(wide)->sampleRate, 16000);
}

void TestWavFile::appendDropsTrailingChunks()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"trailing.wav"_s);
    QVERIFY(writeBytes(path, riff(chunk("fmt ", fmtBody(1, 1, 8000, 16)) + chunk("data", QByteArray(1600, '\0'))
                                  + chunk("LIST", "INFOtrailer"_ba))));
    QVERIFY(WavFile::append(path, {{100, true}}));
    const auto info = WavFile::readInfo(path);
    QVERIFY(info);
    QCOMPARE(info->durationMs, 200);
    QCOMPARE(QFileInfo(path).size(), info->dataOffset + info->dataBytes);
}

void TestWavFile::appendRefusesOtherFormats()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"stereo.wav"_s);
    const QByteArray stereo = riff(chunk("fmt ", fmtBody(1, 2, 8000, 16)) + chunk("data", QByteArray(3200, '\0')));
    QVERIFY(writeBytes(path, stereo));
    QString error;
    QVERIFY(!WavFile::append(path, {{100, true}}, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(readBytes(path), stereo);
}

QTEST_GUILESS_MAIN(TestWavFile)
#include "TestWavFile.moc"

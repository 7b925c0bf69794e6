#include "support/TestWav.h"

#include "core/playback/WavHeader.h"

#include <QBuffer>
#include <QTest>
#include <QtEndian>

using namespace Qt::StringLiterals;

namespace {

// A valid file with one field of its "fmt " chunk (offset within the file) replaced.
QByteArray patched(QByteArray file, qsizetype offset, quint16 value)
{
    qToLittleEndian(value, file.data() + offset);
    return file;
}

// A chunk: its id, its size and its body, padded to an even size.
QByteArray chunk(const QByteArray &id, const QByteArray &body)
{
    QByteArray bytes = id;
    bytes.resize(8);
    qToLittleEndian<quint32>(quint32(body.size()), bytes.data() + 4);
    bytes += body;
    if (body.size() % 2)
        bytes += '\0';
    return bytes;
}

// A plain file (RIFF, "fmt ", then "data" and its samples) with `chunks` between "fmt " and "data".
QByteArray withChunksBeforeTheSamples(const QByteArray &plain, const QByteArray &chunks)
{
    return plain.left(36) + chunks + plain.mid(36);
}

// The header read from an open file (as Play here reads it).
std::optional<WavHeader> readFromFile(const QByteArray &bytes, QString *error = nullptr)
{
    QBuffer file;
    file.setData(bytes);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return WavHeader::read(&file, error);
}

} // namespace

// What "Play here" (SPEC VM-4) accepts: the layout of a WAV file read from its header, and which
// layouts the speakers play as they are (16-bit PCM). Everything else gets a reason in words.
class TestWavHeader final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void playable_data();
    void playable();
    void headerOnlyWithFileSize();
    void unpatchedDataSize();
    void longMetadataBeforeTheSamples();
    void emptyDataChunkBeforeOtherChunks();
    void notPlayable_data();
    void notPlayable();
    void damaged_data();
    void damaged();
};

void TestWavHeader::playable_data()
{
    QTest::addColumn<int>("sampleRate");
    QTest::addColumn<int>("channels");
    QTest::addColumn<bool>("extraChunk");
    QTest::newRow("wav: 8 kHz mono") << 8000 << 1 << false;
    QTest::newRow("wav16: 16 kHz mono") << 16000 << 1 << false;
    QTest::newRow("48 kHz stereo") << 48000 << 2 << false;
    QTest::newRow("a LIST chunk before the samples") << 8000 << 1 << true;
}

void TestWavHeader::playable()
{
    QFETCH(int, sampleRate);
    QFETCH(int, channels);
    QFETCH(bool, extraChunk);
    const QByteArray file = TestWav::make(2500, sampleRate, channels, extraChunk);
    QString error;
    const std::optional<WavHeader> header = WavHeader::read(file, -1, &error);
    QVERIFY2(header, qPrintable(error));
    QCOMPARE(header->formatTag, quint16(1));
    QCOMPARE(header->channels, quint16(channels));
    QCOMPARE(header->sampleRate, quint32(sampleRate));
    QCOMPARE(header->bitsPerSample, quint16(16));
    QCOMPARE(header->dataOffset, qint64(file.size() - header->dataBytes));
    QCOMPARE(header->dataBytes, qint64(sampleRate) * channels * 2 * 2500 / 1000);
    QCOMPARE(header->durationMs(), qint64(2500));
    QString why;
    QVERIFY2(header->isPlayablePcm(&why), qPrintable(why));
}

void TestWavHeader::headerOnlyWithFileSize()
{
    const QByteArray file = TestWav::make(4000);
    const std::optional<WavHeader> header = WavHeader::read(file.left(44), file.size());
    QVERIFY(header);
    QCOMPARE(header->dataOffset, qint64(44));
    QCOMPARE(header->durationMs(), qint64(4000));
}

void TestWavHeader::unpatchedDataSize()
{
    // A recording still being written (0), or never patched (0xFFFFFFFF): the bytes that exist.
    QByteArray file = TestWav::make(1000);
    qToLittleEndian<quint32>(0xFFFFFFFFu, file.data() + 40);
    std::optional<WavHeader> header = WavHeader::read(file);
    QVERIFY(header);
    QCOMPARE(header->dataBytes, qint64(16000));
    qToLittleEndian<quint32>(0, file.data() + 40);
    header = WavHeader::read(file.left(44 + 1001)); // and a torn last frame is left out
    QVERIFY(header);
    QCOMPARE(header->dataBytes, qint64(1000));
}

void TestWavHeader::longMetadataBeforeTheSamples()
{
    // Metadata of any length before the samples (a cover image, a long comment): read from a file,
    // only the chunks' first bytes are read and the samples are found past it.
    const QByteArray plain = TestWav::make(1500);
    const QByteArray file = withChunksBeforeTheSamples(
        plain, chunk("LIST", QByteArray(300 * 1024 + 1, 'm')) + chunk("junk", QByteArray(70000, '\0')));
    QString error;
    const std::optional<WavHeader> header = readFromFile(file, &error);
    QVERIFY2(header, qPrintable(error));
    QCOMPARE(header->dataOffset, qint64(file.size() - 24000));
    QCOMPARE(header->dataBytes, qint64(24000));
    QCOMPARE(header->durationMs(), qint64(1500));
    // The same from the bytes, the whole file or its header with the file's size.
    const std::optional<WavHeader> whole = WavHeader::read(file);
    QVERIFY(whole);
    QCOMPARE(whole->dataOffset, header->dataOffset);
    const std::optional<WavHeader> prefix = WavHeader::read(file.left(header->dataOffset), file.size());
    QVERIFY(prefix);
    QCOMPARE(prefix->dataBytes, qint64(24000));
    // Given fewer bytes than the header takes, the bytes say so rather than "no samples".
    QVERIFY(!WavHeader::read(file.left(64 * 1024), file.size(), &error));
    QCOMPARE(error, u"damaged WAV header (it cannot be read past byte %1)"_s.arg(36 + 8 + 300 * 1024 + 2));
}

void TestWavHeader::emptyDataChunkBeforeOtherChunks()
{
    // A data chunk of size 0 followed by other chunks holds no samples: those chunks are no sound.
    const QByteArray plain = TestWav::make(0);
    QCOMPARE(plain.size(), 44);
    const QByteArray trailing = chunk("LIST", QByteArray("INFOICMT\x09\0\0\0a comment", 21)) + chunk("id3 ", "tag");
    const QByteArray file = plain + trailing;
    QString error;
    std::optional<WavHeader> header = readFromFile(file, &error);
    QVERIFY2(header, qPrintable(error));
    QCOMPARE(header->dataOffset, qint64(44));
    QCOMPARE(header->dataBytes, qint64(0));
    header = WavHeader::read(file);
    QVERIFY(header);
    QCOMPARE(header->dataBytes, qint64(0));
    // A last odd chunk whose pad byte is missing is still a chunk.
    header = WavHeader::read(file.chopped(1));
    QVERIFY(header);
    QCOMPARE(header->dataBytes, qint64(0));
    // Size 0 with samples after it (a header never patched) is still read as the samples there.
    QByteArray unpatched = TestWav::make(500);
    qToLittleEndian<quint32>(0, unpatched.data() + 40);
    header = readFromFile(unpatched);
    QVERIFY(header);
    QCOMPARE(header->dataBytes, qint64(8000));
}

void TestWavHeader::notPlayable_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QString>("reason");
    const QByteArray wav = TestWav::make(1000);
    // Offsets in a plain header: format 20, channels 22, rate 24, byte rate 28, align 32, bits 34.
    QTest::newRow("A-law") << patched(wav, 20, 6) << u"A-law audio, not PCM"_s;
    QTest::newRow("µ-law") << patched(wav, 20, 7) << u"\u00b5-law audio, not PCM"_s;
    QTest::newRow("GSM") << patched(wav, 20, 49) << u"GSM audio, not PCM"_s;
    QTest::newRow("float") << patched(wav, 20, 3) << u"format 3 audio, not PCM"_s;
    QTest::newRow("8-bit") << patched(patched(wav, 34, 8), 32, 1) << u"8-bit PCM, not 16-bit"_s;
    QTest::newRow("6 channels") << patched(patched(wav, 22, 6), 32, 12) << u"6 channels, not mono or stereo"_s;
    QTest::newRow("4 kHz") << patched(patched(wav, 24, 4000), 28, 8000)
                           << u"a sample rate of 4000 Hz, not 8 to 48 kHz"_s;
    QTest::newRow("inconsistent") << patched(wav, 32, 4) << u"an inconsistent header (frame size 4, byte rate 16000)"_s;
}

void TestWavHeader::notPlayable()
{
    QFETCH(QByteArray, file);
    QFETCH(QString, reason);
    const std::optional<WavHeader> header = WavHeader::read(file);
    QVERIFY(header);
    QString why;
    QVERIFY(!header->isPlayablePcm(&why));
    QCOMPARE(why, reason);
}

void TestWavHeader::damaged_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("error");
    const QByteArray wav = TestWav::make(1000);
    QTest::newRow("empty") << QByteArray() << u"not a WAV file (no RIFF/WAVE header)"_s;
    QTest::newRow("text") << QByteArray("this is not a sound file") << u"not a WAV file (no RIFF/WAVE header)"_s;
    QTest::newRow("gsm bytes") << QByteArray(330, '\xd8') << u"not a WAV file (no RIFF/WAVE header)"_s;
    QTest::newRow("short fmt") << wav.left(30) << u"damaged WAV header (its format chunk is too short)"_s;
    QTest::newRow("no channels") << patched(wav, 22, 0)
                                 << u"damaged WAV header (no channels, sample rate or frame size)"_s;
    QByteArray samplesFirst = wav;
    samplesFirst.replace(12, 4, "junk");
    QTest::newRow("no format chunk") << samplesFirst << u"damaged WAV header (samples before their format)"_s;
    QByteArray huge = wav;
    qToLittleEndian<quint32>(0x7FFFFFF0u, huge.data() + 16); // the fmt chunk claims 2 GB
    QTest::newRow("chunk past the end") << huge << u"damaged WAV header (a chunk runs past the end of the file)"_s;
    QTest::newRow("no samples") << wav.left(36) << u"damaged WAV header (no samples found)"_s;
    QByteArray manyChunks;
    for (int i = 0; i < 4096; ++i)
        manyChunks += chunk("junk", {});
    QTest::newRow("too many chunks") << withChunksBeforeTheSamples(wav, manyChunks)
                                     << u"damaged WAV header (more than 4096 chunks)"_s;
}

void TestWavHeader::damaged()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, error);
    QString reason;
    QVERIFY(!WavHeader::read(bytes, -1, &reason));
    QCOMPARE(reason, error);
    reason.clear();
    QVERIFY(!readFromFile(bytes, &reason)); // the same from a file
    QCOMPARE(reason, error);
}

QTEST_MAIN(TestWavHeader)
#include "TestWavHeader.moc"

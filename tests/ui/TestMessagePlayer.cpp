// SPEC VM-4 (Play here): the player fetches a message into a file of its own for each play. A
// download given up (Stop, or another message chosen) is not the one playing now: its end, a
// failure included, changes nothing, and its file is deleted once it has arrived. The downloads
// are driven by hand here (an access that records what was asked), so that their ends come in
// any order.
#include "support/DiscardingAudioOutput.h"
#include "support/SimFixture.h"

#include "core/supervisor/SupervisorAccess.h"
#include "ui/MessagePlayer.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTest>
#include <QtEndian>

#include <utility>

using namespace Qt::StringLiterals;

namespace {

const QString s_first = u"voicemail/305/1796574506000"_s;
const QString s_second = u"voicemail/305/1796574507000"_s;

// An access whose downloads are recorded and then ended by the test.
class RecordingAccess final : public SupervisorAccess
{
public:
    RecordingAccess()
        : SupervisorAccess([] { return QDateTime::currentMSecsSinceEpoch(); })
    {
    }

    QString supervisorEndpoint() const override { return {}; }
    int heardPercent() const override { return 80; }
    int skipMs() const override { return 5000; }
    void open() override { }
    void close() override { }
    void listen(const QString &) override { }
    void listenTogglePause() override { }
    void listenForward() override { }
    void listenReverse() override { }
    void listenRestart() override { }
    void listenStop() override { }
    void deleteRecording(const QString &) override { }
    void restoreRecording(const QString &) override { }
    void saveRecording(const QString &, const QString &) override { }
    void downloadRecording(const QString &recordingName, const QString &filePath) override
    {
        downloads.append({ recordingName, filePath });
    }
    void markHeard(const QString &) override { }
    void requestDurations(const QStringList &) override { }
    void queueAction(const QString &, QueueCallAction::Kind) override { }
    void monitorCall(const QString &, QueueMonitorMode) override { }

    // The file arrives (written whole, as a download commits it) and the download says so.
    bool arrive(const QString &filePath, const QByteArray &bytes = SimFixture::wavFile(2000))
    {
        QFile file(filePath);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
            return false;
        file.close();
        Q_EMIT operationFinished(u"download"_s, filePath, true, filePath);
        return true;
    }
    void fail(const QString &filePath, const QString &error)
    {
        Q_EMIT operationFinished(u"download"_s, filePath, false, error);
    }

    QList<std::pair<QString, QString>> downloads; // recording, file
};

QStringList filesBeside(const QString &filePath)
{
    return QFileInfo(filePath).dir().entryList(QDir::Files);
}

} // namespace

class TestMessagePlayer final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void failureOfAnEarlierDownloadIsNotThisOne();
    void abandonedDownloadIsDeletedWhenItArrives();
    void longMetadataBeforeTheSamplesPlays();
};

void TestMessagePlayer::failureOfAnEarlierDownloadIsNotThisOne()
{
    RecordingAccess access;
    MessagePlayer player(&access);
    player.setOutputFactory([] { return std::make_unique<DiscardingAudioOutput>(); });

    // Play, Stop, Play again: two downloads of the same message, to two files.
    player.play(s_first);
    player.stop();
    player.play(s_first);
    QCOMPARE(player.state(), MessagePlayer::State::Loading);
    QCOMPARE(access.downloads.size(), 2);
    QCOMPARE(access.downloads.at(0).first, s_first);
    QCOMPARE(access.downloads.at(1).first, s_first);
    const QString abandoned = access.downloads.at(0).second;
    const QString current = access.downloads.at(1).second;
    QVERIFY(abandoned != current);

    // The first one times out: that is not the play under way.
    access.fail(abandoned, u"no answer within 10000 ms"_s);
    QCOMPARE(player.state(), MessagePlayer::State::Loading);
    QVERIFY(player.error().isEmpty());
    QVERIFY(access.arrive(current));
    QCOMPARE(player.state(), MessagePlayer::State::Playing);
    QCOMPARE(player.durationMs(), qint64(2000));

    // The failure of the download under way is this play's.
    player.play(s_second);
    QCOMPARE(access.downloads.size(), 3);
    QTest::ignoreMessage(QtWarningMsg, qPrintable(u"Cannot play %1 here: not found"_s.arg(s_second)));
    access.fail(access.downloads.at(2).second, u"not found"_s);
    QCOMPARE(player.state(), MessagePlayer::State::Failed);
    QCOMPARE(player.error(), u"Cannot play %1 here: not found"_s.arg(s_second));
}

void TestMessagePlayer::abandonedDownloadIsDeletedWhenItArrives()
{
    RecordingAccess access;
    MessagePlayer player(&access);
    player.setOutputFactory([] { return std::make_unique<DiscardingAudioOutput>(); });

    // Another message chosen while the first is on its way; then the first arrives.
    player.play(s_first);
    player.play(s_second);
    QCOMPARE(access.downloads.size(), 2);
    const QString superseded = access.downloads.at(0).second;
    const QString current = access.downloads.at(1).second;
    QVERIFY(access.arrive(superseded));
    QVERIFY(!QFile::exists(superseded)); // deleted as it arrived
    QCOMPARE(player.state(), MessagePlayer::State::Loading); // and nothing played from it
    QVERIFY(access.arrive(current));
    QCOMPARE(player.state(), MessagePlayer::State::Playing);
    QCOMPARE(player.recordingName(), s_second);
    QCOMPARE(filesBeside(current), QStringList { QFileInfo(current).fileName() });

    // Stopped while on its way: the file is deleted once it is there, and only that file.
    player.play(s_first);
    QVERIFY(!QFile::exists(current)); // the one played before, gone as the next began
    player.stop();
    QCOMPARE(player.state(), MessagePlayer::State::Idle);
    const QString stopped = access.downloads.at(2).second;
    QVERIFY(access.arrive(stopped));
    QVERIFY(!QFile::exists(stopped));
    QCOMPARE(player.state(), MessagePlayer::State::Idle);
    QVERIFY(filesBeside(stopped).isEmpty());

    // A download that fails after it was given up leaves nothing to delete and changes nothing.
    player.play(s_second);
    player.stop();
    access.fail(access.downloads.at(3).second, u"the service went away"_s);
    QCOMPARE(player.state(), MessagePlayer::State::Idle);
}

void TestMessagePlayer::longMetadataBeforeTheSamplesPlays()
{
    RecordingAccess access;
    MessagePlayer player(&access);
    player.setOutputFactory([] { return std::make_unique<DiscardingAudioOutput>(); });
    // 100 KiB of metadata (a LIST chunk) between "fmt " and "data": a valid file, played.
    const QByteArray plain = SimFixture::wavFile(2000);
    QByteArray list("LIST\0\0\0\0", 8);
    qToLittleEndian<quint32>(100 * 1024, list.data() + 4);
    list += QByteArray(100 * 1024, 'm');
    player.play(s_first);
    QVERIFY(access.arrive(access.downloads.at(0).second, plain.left(36) + list + plain.mid(36)));
    QVERIFY2(player.state() == MessagePlayer::State::Playing, qPrintable(player.error()));
    QCOMPARE(player.durationMs(), qint64(2000));
}

QTEST_MAIN(TestMessagePlayer)
#include "TestMessagePlayer.moc"

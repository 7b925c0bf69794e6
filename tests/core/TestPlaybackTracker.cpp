#include "support/TestWav.h"

#include "core/ari/AriEvent.h"
#include "core/ari/AriOperations.h"
#include "core/ari/AriResult.h"
#include "core/models/PlaybacksModel.h"
#include "core/playback/MediaDurations.h"
#include "core/playback/PlaybackTracker.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Op = AriOperations::PlaybackOperation;

namespace {

const QString s_channel = u"ari-sim-1700000000.1"_s;

QJsonObject playbackJson(const QString &id, const QString &media, const QString &state, const QString &next = {},
                         const QString &target = u"channel:"_s + s_channel)
{
    QJsonObject playback{{u"id"_s, id},
                         {u"media_uri"_s, media},
                         {u"target_uri"_s, target},
                         {u"language"_s, u"en"_s},
                         {u"state"_s, state}};
    if (!next.isEmpty())
        playback.insert(u"next_media_uri"_s, next);
    return playback;
}

AriEvent playbackEvent(const QString &type, const QString &id, const QString &media, const QString &state,
                       const QString &next = {}, const QString &target = u"channel:"_s + s_channel)
{
    return AriEvent::fromJson({{u"type"_s, type},
                               {u"timestamp"_s, u"2026-11-26T06:59:12.477+0000"_s},
                               {u"application"_s, u"vm-playback"_s},
                               {u"playback"_s, playbackJson(id, media, state, next, target)}});
}

AriEvent channelEvent(const QString &type, const QString &channelId)
{
    return AriEvent::fromJson({{u"type"_s, type},
                               {u"application"_s, u"vm-playback"_s},
                               {u"channel"_s, QJsonObject{{u"id"_s, channelId}, {u"name"_s, u"PJSIP/1001-1"_s},
                                                          {u"state"_s, u"Up"_s}}}});
}

AriRequest playRequest(const QString &id, const QStringList &media, std::optional<int> skipms = {},
                       std::optional<int> offsetms = {})
{
    AriOperations::PlayOptions options;
    options.playbackId = id;
    options.skipms = skipms;
    options.offsetms = offsetms;
    return AriOperations::play(s_channel, media, options);
}

// A tracker and the model it feeds, with a hand-driven clock, as the backend wires them.
struct Fixture
{
    explicit Fixture(MediaDurations *durations = nullptr)
        : tracker(durations)
        , tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest)
    {
        tracker.setClock([this] { return now; });
        model.setClock([this] { return now; });
        model.setRefreshInterval(0);
        QObject::connect(&tracker, &PlaybackTracker::playbackChanged, &model, &PlaybacksModel::upsert);
        QObject::connect(&tracker, &PlaybackTracker::playbackRemoved, &model, &PlaybacksModel::remove);
        QObject::connect(&tracker, &PlaybackTracker::cleared, &model, &PlaybacksModel::clear);
    }

    qint64 position(const QString &id) const { return tracker.playback(id).positionAt(now); }
    QVariant cell(const QString &id, int column, int role = Qt::DisplayRole) const
    {
        return model.index(model.rowOf(id), column).data(role);
    }

    qint64 now = 100000;
    PlaybackTracker tracker;
    PlaybacksModel model;
    QAbstractItemModelTester tester;
};

} // namespace

class TestPlaybackTracker final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void playRequestShowsQueuedThenPlaying();
    void controlOperations_data();
    void controlOperations();
    void unpauseEventDoesNotRewind();
    void listContinuesWithNextItem();
    void finishedRemovesRow();
    void channelEndDropsItsPlaybacks();
    void bridgeEndDropsItsPlaybacks();
    void failedPlayRequestRemovesQueuedRow();
    void unknownPlaybackFromEventsOnly();
    void soundDurationFromSoundsDirectory();
    void unknownLengthShowsElapsedOnly();
    void modelNeverResets();

private:
    QTemporaryDir m_sounds;
};

void TestPlaybackTracker::initTestCase()
{
    QVERIFY(m_sounds.isValid());
    QVERIFY(QDir(m_sounds.path()).mkpath(u"en/digits"_s));
    QVERIFY(QDir(m_sounds.path()).mkpath(u"fr"_s));
    const auto write = [this](const QString &relative, const QByteArray &bytes) {
        QFile file(m_sounds.filePath(relative));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(bytes);
    };
    write(u"en/long-message.wav"_s, TestWav::make(20000));
    write(u"en/beep.wav"_s, TestWav::make(400));
    write(u"en/digits/1.gsm"_s, QByteArray(33 * 25, '\0')); // 500 ms
    write(u"fr/beep.wav"_s, TestWav::make(700));
}

void TestPlaybackTracker::playRequestShowsQueuedThenPlaying()
{
    Fixture f;
    f.tracker.onRequestSent(playRequest(u"pb-1"_s, {u"sound:long-message"_s}, 5000));
    QCOMPARE(f.model.rowCount(), 1);
    QCOMPARE(f.cell(u"pb-1"_s, PlaybacksModel::StateColumn).toString(), u"queued"_s);
    QCOMPARE(f.cell(u"pb-1"_s, PlaybacksModel::TargetColumn).toString(), u"channel:"_s + s_channel);
    QCOMPARE(f.cell(u"pb-1"_s, PlaybacksModel::MediaColumn).toString(), u"sound:long-message"_s);
    QCOMPARE(f.tracker.playback(u"pb-1"_s).skipMs, 5000);
    QCOMPARE(f.cell(u"pb-1"_s, 0, PlaybacksModel::RunningRole).toBool(), false);

    f.now += 300; // queued time does not count
    f.tracker.onEvent(playbackEvent(u"PlaybackStarted"_s, u"pb-1"_s, u"sound:long-message"_s, u"playing"_s));
    QCOMPARE(f.cell(u"pb-1"_s, PlaybacksModel::StateColumn).toString(), u"playing"_s);
    QCOMPARE(f.position(u"pb-1"_s), 0);
    f.now += 1500;
    QCOMPARE(f.position(u"pb-1"_s), 1500);
    QCOMPARE(f.cell(u"pb-1"_s, 0, PlaybacksModel::PositionMsRole).toLongLong(), 1500);
}

void TestPlaybackTracker::controlOperations_data()
{
    // Each step: "+<ms>" lets time pass, else a control operation. The skip is 5000 ms, the
    // media is 20 s long (known), the play starts at 0.
    QTest::addColumn<QStringList>("steps");
    QTest::addColumn<qint64>("expectedPosition");
    QTest::addColumn<QString>("expectedState");

    QTest::newRow("plays on") << QStringList{u"+4000"_s} << qint64(4000) << u"playing"_s;
    QTest::newRow("pause holds the position") << QStringList{u"+3000"_s, u"pause"_s, u"+5000"_s} << qint64(3000)
                                              << u"paused"_s;
    QTest::newRow("pause twice") << QStringList{u"+1000"_s, u"pause"_s, u"+1000"_s, u"pause"_s, u"+1000"_s}
                                 << qint64(1000) << u"paused"_s;
    QTest::newRow("unpause goes on") << QStringList{u"+3000"_s, u"pause"_s, u"+5000"_s, u"unpause"_s, u"+1000"_s}
                                     << qint64(4000) << u"playing"_s;
    QTest::newRow("unpause while playing: nothing") << QStringList{u"+2000"_s, u"unpause"_s, u"+1000"_s}
                                                    << qint64(3000) << u"playing"_s;
    QTest::newRow("forward by skipms") << QStringList{u"+2000"_s, u"forward"_s} << qint64(7000) << u"playing"_s;
    QTest::newRow("forward then time") << QStringList{u"+2000"_s, u"forward"_s, u"+500"_s} << qint64(7500)
                                       << u"playing"_s;
    QTest::newRow("forward past the end is ignored") << QStringList{u"+16000"_s, u"forward"_s} << qint64(16000)
                                                     << u"playing"_s;
    QTest::newRow("reverse by skipms") << QStringList{u"+8000"_s, u"reverse"_s} << qint64(3000) << u"playing"_s;
    QTest::newRow("reverse stops at 0") << QStringList{u"+2000"_s, u"reverse"_s, u"+100"_s} << qint64(100)
                                        << u"playing"_s;
    QTest::newRow("restart") << QStringList{u"+9000"_s, u"restart"_s, u"+250"_s} << qint64(250) << u"playing"_s;
    QTest::newRow("restart while paused is refused")
        << QStringList{u"+9000"_s, u"pause"_s, u"restart"_s} << qint64(9000) << u"paused"_s;
    QTest::newRow("forward while paused is refused")
        << QStringList{u"+1000"_s, u"pause"_s, u"forward"_s, u"reverse"_s} << qint64(1000) << u"paused"_s;
    QTest::newRow("unpause then restart")
        << QStringList{u"+9000"_s, u"pause"_s, u"unpause"_s, u"restart"_s, u"+10"_s} << qint64(10) << u"playing"_s;
    QTest::newRow("position stops at the end") << QStringList{u"+25000"_s} << qint64(20000) << u"playing"_s;
    QTest::newRow("invalid operation") << QStringList{u"+1000"_s, u"bogus"_s} << qint64(1000) << u"playing"_s;
}

void TestPlaybackTracker::controlOperations()
{
    QFETCH(QStringList, steps);
    QFETCH(qint64, expectedPosition);
    QFETCH(QString, expectedState);

    MediaDurations durations(nullptr);
    durations.setSoundsDirectory(m_sounds.path());
    Fixture f(&durations);
    f.tracker.onRequestSent(playRequest(u"pb-ctl"_s, {u"sound:long-message"_s}, 5000));
    f.tracker.onEvent(playbackEvent(u"PlaybackStarted"_s, u"pb-ctl"_s, u"sound:long-message"_s, u"playing"_s));
    QCOMPARE(f.tracker.playback(u"pb-ctl"_s).durationMs, 20000);

    const QHash<QString, Op> operations{{u"pause"_s, Op::Pause},     {u"unpause"_s, Op::Unpause},
                                        {u"forward"_s, Op::Forward}, {u"reverse"_s, Op::Reverse},
                                        {u"restart"_s, Op::Restart}};
    for (const QString &step : std::as_const(steps)) {
        if (step.startsWith(u'+')) {
            f.now += step.mid(1).toLongLong();
        } else if (operations.contains(step)) {
            f.tracker.onRequestSent(AriOperations::controlPlayback(u"pb-ctl"_s, operations.value(step)));
        } else {
            AriRequest bogus = AriOperations::controlPlayback(u"pb-ctl"_s, Op::Pause);
            bogus.query.clear();
            bogus.query.addQueryItem(u"operation"_s, step);
            f.tracker.onRequestSent(bogus);
        }
    }
    QCOMPARE(f.position(u"pb-ctl"_s), expectedPosition);
    QCOMPARE(f.tracker.playback(u"pb-ctl"_s).state, expectedState);
    // The model shows the same estimate.
    QCOMPARE(f.cell(u"pb-ctl"_s, 0, PlaybacksModel::PositionMsRole).toLongLong(), expectedPosition);
    QCOMPARE(f.cell(u"pb-ctl"_s, 0, PlaybacksModel::PermilleRole).toInt(), int(expectedPosition * 1000 / 20000));
    QCOMPARE(f.cell(u"pb-ctl"_s, PlaybacksModel::StateColumn).toString(), expectedState);
}

void TestPlaybackTracker::unpauseEventDoesNotRewind()
{
    // Asterisk announces an unpause with a second PlaybackStarted: the position goes on.
    Fixture f;
    f.tracker.onRequestSent(playRequest(u"pb-u"_s, {u"recording:voicemail/305/1"_s}, 3000));
    f.tracker.onEvent(playbackEvent(u"PlaybackStarted"_s, u"pb-u"_s, u"recording:voicemail/305/1"_s, u"playing"_s));
    f.now += 2000;
    f.tracker.onRequestSent(AriOperations::controlPlayback(u"pb-u"_s, Op::Pause));
    f.now += 1000;
    f.tracker.onRequestSent(AriOperations::controlPlayback(u"pb-u"_s, Op::Unpause));
    f.now += 20;
    f.tracker.onEvent(playbackEvent(u"PlaybackStarted"_s, u"pb-u"_s, u"recording:voicemail/305/1"_s, u"playing"_s));
    QCOMPARE(f.position(u"pb-u"_s), 2020);
    // Also when the event is the only sign of the unpause (another client unpaused it).
    f.tracker.onRequestSent(AriOperations::controlPlayback(u"pb-u"_s, Op::Pause));
    f.now += 500;
    f.tracker.onEvent(playbackEvent(u"PlaybackStarted"_s, u"pb-u"_s, u"recording:voicemail/305/1"_s, u"playing"_s));
    QCOMPARE(f.tracker.playback(u"pb-u"_s).state, u"playing"_s);
    f.now += 80;
    QCOMPARE(f.position(u"pb-u"_s), 2100);
}

void TestPlaybackTracker::listContinuesWithNextItem()
{
    MediaDurations durations(nullptr);
    durations.setSoundsDirectory(m_sounds.path());
    Fixture f(&durations);
    f.tracker.onRequestSent(playRequest(u"pb-list"_s, {u"sound:beep"_s, u"sound:digits/1"_s}));
    QCOMPARE(f.tracker.playback(u"pb-list"_s).nextMediaUri, u"sound:digits/1"_s);
    f.tracker.onEvent(playbackEvent(u"PlaybackStarted"_s, u"pb-list"_s, u"sound:beep"_s, u"playing"_s,
                                    u"sound:digits/1"_s));
    QCOMPARE(f.tracker.playback(u"pb-list"_s).durationMs, 400);
    f.now += 420;
    f.tracker.onEvent(playbackEvent(u"PlaybackContinuing"_s, u"pb-list"_s, u"sound:beep"_s, u"continuing"_s,
                                    u"sound:digits/1"_s));
    QCOMPARE(f.tracker.playback(u"pb-list"_s).state, u"continuing"_s);
    QCOMPARE(f.position(u"pb-list"_s), 400);
    f.tracker.onEvent(playbackEvent(u"PlaybackStarted"_s, u"pb-list"_s, u"sound:digits/1"_s, u"playing"_s));
    const PlaybackInfo info = f.tracker.playback(u"pb-list"_s);
    QCOMPARE(info.mediaUri, u"sound:digits/1"_s);
    QCOMPARE(info.durationMs, 500);
    QCOMPARE(info.state, u"playing"_s);
    QCOMPARE(f.position(u"pb-list"_s), 0);
    f.now += 200;
    QCOMPARE(f.cell(u"pb-list"_s, 0, PlaybacksModel::PermilleRole).toInt(), 400);
    QCOMPARE(f.cell(u"pb-list"_s, PlaybacksModel::ProgressColumn).toString(), u"0:00 / 0:00"_s);
}

void TestPlaybackTracker::finishedRemovesRow()
{
    Fixture f;
    QSignalSpy removed(&f.tracker, &PlaybackTracker::playbackRemoved);
    f.tracker.onRequestSent(playRequest(u"pb-a"_s, {u"sound:beep"_s}));
    f.tracker.onRequestSent(playRequest(u"pb-b"_s, {u"sound:beep"_s}));
    f.tracker.onEvent(playbackEvent(u"PlaybackStarted"_s, u"pb-a"_s, u"sound:beep"_s, u"playing"_s));
    f.tracker.onEvent(playbackEvent(u"PlaybackFinished"_s, u"pb-a"_s, u"sound:beep"_s, u"done"_s));
    QCOMPARE(removed.count(), 1);
    QCOMPARE(f.model.rowCount(), 1);
    QCOMPARE(f.model.rowOf(u"pb-a"_s), -1);
    QCOMPARE(f.model.rowOf(u"pb-b"_s), 0);
    // A late or repeated PlaybackFinished is harmless.
    f.tracker.onEvent(playbackEvent(u"PlaybackFinished"_s, u"pb-a"_s, u"sound:beep"_s, u"done"_s));
    QCOMPARE(removed.count(), 1);
    // A queued playback that is stopped never started: its PlaybackFinished removes it too.
    f.tracker.onEvent(playbackEvent(u"PlaybackFinished"_s, u"pb-b"_s, u"sound:beep"_s, u"done"_s));
    QCOMPARE(f.model.rowCount(), 0);
    QCOMPARE(f.tracker.count(), 0);
}

void TestPlaybackTracker::channelEndDropsItsPlaybacks()
{
    // `recording:` of a missing recording starts and never finishes: the channel's end clears it.
    Fixture f;
    f.tracker.onRequestSent(playRequest(u"pb-missing"_s, {u"recording:voicemail/305/gone"_s}));
    f.tracker.onEvent(
        playbackEvent(u"PlaybackStarted"_s, u"pb-missing"_s, u"recording:voicemail/305/gone"_s, u"playing"_s));
    f.tracker.onEvent(playbackEvent(u"PlaybackStarted"_s, u"pb-other"_s, u"sound:beep"_s, u"playing"_s, {},
                                    u"channel:someone-else"_s));
    QCOMPARE(f.model.rowCount(), 2);
    f.tracker.onEvent(channelEvent(u"StasisEnd"_s, s_channel));
    QCOMPARE(f.model.rowCount(), 1);
    QCOMPARE(f.model.rowOf(u"pb-other"_s), 0);
    f.tracker.onEvent(channelEvent(u"ChannelDestroyed"_s, u"someone-else"_s));
    QCOMPARE(f.model.rowCount(), 0);
}

void TestPlaybackTracker::bridgeEndDropsItsPlaybacks()
{
    Fixture f;
    AriOperations::PlayOptions options;
    options.playbackId = u"pb-bridge"_s;
    f.tracker.onRequestSent(AriOperations::playOnBridge(u"bridge-1"_s, {u"sound:queue-youarenext"_s}, options));
    QCOMPARE(f.tracker.playback(u"pb-bridge"_s).targetUri, u"bridge:bridge-1"_s);
    QCOMPARE(f.tracker.playback(u"pb-bridge"_s).targetKind(), u"bridge"_s);
    QCOMPARE(f.tracker.playback(u"pb-bridge"_s).targetId(), u"bridge-1"_s);
    f.tracker.onEvent(AriEvent::fromJson({{u"type"_s, u"BridgeDestroyed"_s},
                                          {u"bridge"_s, QJsonObject{{u"id"_s, u"bridge-1"_s}}}}));
    QCOMPARE(f.model.rowCount(), 0);
}

void TestPlaybackTracker::failedPlayRequestRemovesQueuedRow()
{
    Fixture f;
    const AriRequest request = playRequest(u"pb-fail"_s, {u"sound:beep"_s});
    f.tracker.onRequestSent(request);
    QCOMPARE(f.model.rowCount(), 1);
    f.tracker.onRequestFailed(request, AriResult::failure(AriResult::Status::HttpError, 404, u"Channel not found"_s));
    QCOMPARE(f.model.rowCount(), 0);
    // A playback that did start stays until its events end it.
    const AriRequest second = playRequest(u"pb-ok"_s, {u"sound:beep"_s});
    f.tracker.onRequestSent(second);
    f.tracker.onEvent(playbackEvent(u"PlaybackStarted"_s, u"pb-ok"_s, u"sound:beep"_s, u"playing"_s));
    f.tracker.onRequestFailed(second, AriResult::failure(AriResult::Status::Timeout, 0, u"timeout"_s));
    QCOMPARE(f.model.rowCount(), 1);
}

void TestPlaybackTracker::unknownPlaybackFromEventsOnly()
{
    // Started by another client (or with an id the server chose): ARI's default skip, offset 0.
    Fixture f;
    f.tracker.onEvent(playbackEvent(u"PlaybackStarted"_s, u"theirs"_s, u"sound:beep"_s, u"playing"_s));
    QCOMPARE(f.model.rowCount(), 1);
    QCOMPARE(f.tracker.playback(u"theirs"_s).skipMs, 3000);
    f.now += 4000;
    f.tracker.onRequestSent(AriOperations::controlPlayback(u"theirs"_s, Op::Reverse));
    QCOMPARE(f.position(u"theirs"_s), 1000);
    // Control of an unknown playback and unrelated requests change nothing.
    f.tracker.onRequestSent(AriOperations::controlPlayback(u"nobody"_s, Op::Pause));
    f.tracker.onRequestSent(AriOperations::answer(s_channel));
    QCOMPARE(f.model.rowCount(), 1);
}

void TestPlaybackTracker::soundDurationFromSoundsDirectory()
{
    MediaDurations durations(nullptr);
    QCOMPARE(durations.lookup(u"sound:beep"_s, u"en"_s), -1); // no directory set
    durations.setSoundsDirectory(m_sounds.path());
    QCOMPARE(durations.lookup(u"sound:beep"_s, u"en"_s), 400);
    QCOMPARE(durations.lookup(u"sound:beep"_s, u"fr"_s), 700);
    QCOMPARE(durations.lookup(u"sound:beep"_s, u"en_US"_s), 400); // base language
    QCOMPARE(durations.lookup(u"sound:beep"_s, u"de"_s), 400);    // falls back to en
    QCOMPARE(durations.lookup(u"sound:digits/1"_s, u"en"_s), 500);
    QCOMPARE(durations.lookup(u"sound:nope"_s, u"en"_s), -1);
    QCOMPARE(durations.lookup(u"sound:../en/beep"_s, u"en"_s), -1); // may not climb out
    QCOMPARE(durations.lookup(u"sound:"_s + m_sounds.filePath(u"en/long-message"_s), {}), 20000);
    QCOMPARE(durations.lookup(u"number:42"_s, u"en"_s), -1);
    QCOMPARE(durations.lookup(u"tone:ring"_s, u"en"_s), -1);
    QCOMPARE(durations.pendingDownloads(), 0);
    // Without a REST client a recording is unknown at once.
    QCOMPARE(durations.lookup(u"recording:voicemail/305/1"_s), -1);
    QCOMPARE(durations.isPending(u"recording:voicemail/305/1"_s), false);
}

void TestPlaybackTracker::unknownLengthShowsElapsedOnly()
{
    Fixture f;
    f.tracker.onRequestSent(playRequest(u"pb-n"_s, {u"number:42"_s}));
    f.tracker.onEvent(playbackEvent(u"PlaybackStarted"_s, u"pb-n"_s, u"number:42"_s, u"playing"_s));
    f.now += 65000;
    QCOMPARE(f.cell(u"pb-n"_s, 0, PlaybacksModel::DurationMsRole).toLongLong(), -1);
    QCOMPARE(f.cell(u"pb-n"_s, 0, PlaybacksModel::PermilleRole).toInt(), -1);
    QCOMPARE(f.cell(u"pb-n"_s, PlaybacksModel::ProgressColumn).toString(), u"1:05"_s);
    f.now += 3600000;
    QCOMPARE(f.cell(u"pb-n"_s, PlaybacksModel::ProgressColumn).toString(), u"1:01:05"_s);
}

void TestPlaybackTracker::modelNeverResets()
{
    Fixture f;
    QSignalSpy resets(&f.model, &QAbstractItemModel::modelReset);
    QSignalSpy changed(&f.model, &QAbstractItemModel::dataChanged);
    for (int i = 0; i < 200; ++i) {
        const QString id = u"pb-%1"_s.arg(i);
        f.tracker.onRequestSent(playRequest(id, {u"sound:beep"_s}));
        f.tracker.onEvent(playbackEvent(u"PlaybackStarted"_s, id, u"sound:beep"_s, u"playing"_s));
    }
    for (int i = 0; i < 200; i += 2)
        f.tracker.onEvent(playbackEvent(u"PlaybackFinished"_s, u"pb-%1"_s.arg(i), u"sound:beep"_s, u"done"_s));
    QCOMPARE(f.model.rowCount(), 100);
    for (int row = 0; row < f.model.rowCount(); ++row)
        QCOMPARE(f.model.rowOf(f.model.playback(row).id), row);
    changed.clear();
    f.model.refresh();
    QCOMPARE(changed.count(), 1); // one signal for the whole progress column
    QCOMPARE(changed.at(0).at(0).value<QModelIndex>().column(), int(PlaybacksModel::ProgressColumn));
    f.tracker.clear();
    QCOMPARE(f.model.rowCount(), 0);
    QCOMPARE(resets.count(), 0);
}

QTEST_GUILESS_MAIN(TestPlaybackTracker)
#include "TestPlaybackTracker.moc"

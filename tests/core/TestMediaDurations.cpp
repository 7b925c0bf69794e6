#include "support/FakeRestServer.h"
#include "support/TestWav.h"

#include "core/ari/AriEndpoint.h"
#include "core/ari/AriEvent.h"
#include "core/ari/AriOperations.h"
#include "core/ari/AriRestClient.h"
#include "core/playback/MediaDurations.h"
#include "core/playback/PlaybackTracker.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

// Lengths of recordings come from their stored file, fetched once and cached.
class TestMediaDurations final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void recordingLengthFromStoredFile();
    void missingRecordingIsUnknown();
    void notAWavFileIsUnknown();
    void forgetFetchesAgain();
    void trackerFillsInTheLengthLater();
    void trackerForgetsReRecordedAndDeleted();

private:
    std::unique_ptr<FakeRestServer> m_server;
    std::unique_ptr<AriRestClient> m_rest;
    QHash<QByteArray, FakeRestServer::Response> m_files; // encoded path → answer
};

void TestMediaDurations::init()
{
    m_server = std::make_unique<FakeRestServer>();
    QVERIFY(m_server->listen());
    m_files.clear();
    m_server->setResponder([this](const FakeRestServer::Request &request) {
        return m_files.value(request.path, FakeRestServer::Response::json(404, R"({"message":"Recording not found"})"));
    });
    AriEndpoint endpoint;
    endpoint.baseUrl = m_server->baseUrl();
    endpoint.user = u"asterisk"_s;
    endpoint.password = u"asterisk"_s;
    m_rest = std::make_unique<AriRestClient>(endpoint);
}

void TestMediaDurations::cleanup()
{
    m_rest.reset();
    m_server.reset();
}

void TestMediaDurations::recordingLengthFromStoredFile()
{
    m_files.insert("/ari/recordings/stored/voicemail%2F305%2F1411503204/file",
                   FakeRestServer::Response::text(200, TestWav::make(7250), "audio/wav"));
    MediaDurations durations(m_rest.get());
    QSignalSpy known(&durations, &MediaDurations::durationKnown);
    QCOMPARE(durations.lookup(u"recording:voicemail/305/1411503204"_s), -1);
    QVERIFY(durations.isPending(u"recording:voicemail/305/1411503204"_s));
    // Asking again while the download runs does not start another.
    QCOMPARE(durations.lookup(u"recording:voicemail/305/1411503204"_s), -1);
    QVERIFY(known.wait());
    QCOMPARE(known.at(0).at(0).toString(), u"recording:voicemail/305/1411503204"_s);
    QCOMPARE(known.at(0).at(1).toLongLong(), 7250);
    QCOMPARE(durations.lookup(u"recording:voicemail/305/1411503204"_s), 7250);
    QCOMPARE(m_server->requests().size(), 1);
    QCOMPARE(m_server->requests().at(0).method, QByteArray("GET"));
}

void TestMediaDurations::missingRecordingIsUnknown()
{
    MediaDurations durations(m_rest.get());
    QSignalSpy known(&durations, &MediaDurations::durationKnown);
    QCOMPARE(durations.lookup(u"recording:voicemail/305/gone"_s), -1);
    QVERIFY(known.wait());
    QCOMPARE(known.at(0).at(1).toLongLong(), -1);
    QCOMPARE(durations.lookup(u"recording:voicemail/305/gone"_s), -1);
    QCOMPARE(durations.isPending(u"recording:voicemail/305/gone"_s), false);
    QCOMPARE(m_server->requests().size(), 1); // the answer is cached
}

void TestMediaDurations::notAWavFileIsUnknown()
{
    m_files.insert("/ari/recordings/stored/q%2Fgsm/file",
                   FakeRestServer::Response::text(200, QByteArray(3300, '\x55'), "audio/gsm"));
    MediaDurations durations(m_rest.get());
    QSignalSpy known(&durations, &MediaDurations::durationKnown);
    durations.lookup(u"recording:q/gsm"_s);
    QVERIFY(known.wait());
    QCOMPARE(known.at(0).at(1).toLongLong(), -1);
}

void TestMediaDurations::forgetFetchesAgain()
{
    m_files.insert("/ari/recordings/stored/vm%2F1/file",
                   FakeRestServer::Response::text(200, TestWav::make(1000), "audio/wav"));
    MediaDurations durations(m_rest.get());
    QSignalSpy known(&durations, &MediaDurations::durationKnown);
    durations.lookup(u"recording:vm/1"_s);
    QVERIFY(known.wait());
    QCOMPARE(durations.lookup(u"recording:vm/1"_s), 1000);

    // Re-recorded under the same name: longer now.
    m_files.insert("/ari/recordings/stored/vm%2F1/file",
                   FakeRestServer::Response::text(200, TestWav::make(3000), "audio/wav"));
    durations.forget(u"recording:vm/1"_s);
    QCOMPARE(durations.lookup(u"recording:vm/1"_s), -1);
    QVERIFY(known.wait());
    QCOMPARE(durations.lookup(u"recording:vm/1"_s), 3000);
    QCOMPARE(m_server->requests().size(), 2);
}

void TestMediaDurations::trackerFillsInTheLengthLater()
{
    m_files.insert("/ari/recordings/stored/voicemail%2F30%2F5/file",
                   FakeRestServer::Response::text(200, TestWav::make(12000), "audio/wav"));
    MediaDurations durations(m_rest.get());
    PlaybackTracker tracker(&durations);
    qint64 now = 0;
    tracker.setClock([&now] { return now; });
    QSignalSpy changed(&tracker, &PlaybackTracker::playbackChanged);

    AriOperations::PlayOptions options;
    options.playbackId = u"pb-rec"_s;
    tracker.onRequestSent(AriOperations::play(u"chan-1"_s, {u"recording:voicemail/30/5"_s}, options));
    tracker.onEvent(AriEvent::fromJson(
        {{u"type"_s, u"PlaybackStarted"_s},
         {u"playback"_s, QJsonObject{{u"id"_s, u"pb-rec"_s}, {u"media_uri"_s, u"recording:voicemail/30/5"_s},
                                     {u"target_uri"_s, u"channel:chan-1"_s}, {u"state"_s, u"playing"_s}}}}));
    QCOMPARE(tracker.playback(u"pb-rec"_s).durationMs, -1);
    QTRY_COMPARE(tracker.playback(u"pb-rec"_s).durationMs, 12000);
    QCOMPARE(changed.last().at(0).value<PlaybackInfo>().durationMs, 12000);
    now = 6000;
    QCOMPARE(tracker.playback(u"pb-rec"_s).permilleAt(now), 500);
}

void TestMediaDurations::trackerForgetsReRecordedAndDeleted()
{
    m_files.insert("/ari/recordings/stored/vm%2F2/file",
                   FakeRestServer::Response::text(200, TestWav::make(2000), "audio/wav"));
    MediaDurations durations(m_rest.get());
    PlaybackTracker tracker(&durations);
    QSignalSpy known(&durations, &MediaDurations::durationKnown);
    durations.lookup(u"recording:vm/2"_s);
    QVERIFY(known.wait());
    QCOMPARE(durations.lookup(u"recording:vm/2"_s), 2000);

    // RecordingFinished for that name: the cached length is dropped.
    tracker.onEvent(AriEvent::fromJson({{u"type"_s, u"RecordingFinished"_s},
                                        {u"recording"_s, QJsonObject{{u"name"_s, u"vm/2"_s}, {u"state"_s, u"done"_s},
                                                                     {u"format"_s, u"wav"_s}}}}));
    QCOMPARE(durations.lookup(u"recording:vm/2"_s), -1);
    QVERIFY(known.wait());
    QCOMPARE(durations.lookup(u"recording:vm/2"_s), 2000);

    // DELETE of the stored recording: dropped as well.
    tracker.onRequestSent(AriOperations::deleteStored(u"vm/2"_s));
    QVERIFY(!durations.isPending(u"recording:vm/2"_s));
    m_files.remove("/ari/recordings/stored/vm%2F2/file");
    QCOMPARE(durations.lookup(u"recording:vm/2"_s), -1);
    QVERIFY(known.wait());
    QCOMPARE(known.last().at(1).toLongLong(), -1);
}

QTEST_GUILESS_MAIN(TestMediaDurations)
#include "TestMediaDurations.moc"

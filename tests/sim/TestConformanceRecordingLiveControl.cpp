// Conformance of live recording control with the reference transcript "recording-live-control"
// of Asterisk 22.10.1.
//
// Facts from the transcript this test relies on:
//  - POST /recordings/live/{name}/pause → 204 and GET shows state "paused"; pausing again → 204,
//    still "paused"; DELETE .../pause → 204, state "recording"; again → 204, "recording".
//  - POST/DELETE .../mute → 204 each and the state stays "recording" (mute does not change it).
//  - None of pause/unpause/mute/unmute emits an event.
//  - With raw slashes in the name (POST/DELETE /recordings/live/test/live-1/pause) → 404
//    {"message":"Resource not found"}.
//  - POST .../stop → 204 and RecordingFinished {"state":"done","duration":...}; the recording is
//    kept (GET stored 200 {"name","format"}); then GET live, stop, pause → 404 {"message":"Recording
//    not found"}.
//  - Paused time is not counted: recorded ≈1 s, paused ≈1 s, stopped → "duration":1 (and 5 for a
//    recording of 6.65 s of which 1.4 s paused).
//  - Cancel (DELETE /recordings/live/{name}) → 204 and RecordingFinished with state "done" as
//    well, but nothing is stored (GET stored → 404 "Recording not found"); GET live and a second
//    DELETE → 404 "Recording not found".
//  - maxDurationSeconds=2 ends the recording by itself: RecordingFinished "done", "duration":2, kept.
//  - With maxSilenceSeconds, RecordingFinished also carries "talking_duration" and
//    "silence_duration" (e.g. duration 6 = talking 5 + silence 1; duration 1 = 1 + 0), and a
//    silent caller ends it after about maxSilenceSeconds.
//  - Unknown live recording: GET, stop, pause, DELETE → 404 {"message":"Recording not found"}.

#include "support/EventCollector.h"
#include "support/SimTestHarness.h"

#include <QJsonObject>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

class TestConformanceRecordingLiveControl final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void pauseMuteAndStop();
    void pausedTimeIsNotCounted();
    void cancelDiscards();
    void maxDuration();
    void maxSilenceWithSilentCaller();
    void maxSilenceAfterTalking();
    void unknownLiveRecording_data();
    void unknownLiveRecording();

private:
    RestReply startRecording(const QString &name, const QUrlQuery &extra = {});
    QString liveState(const QString &encodedName);

    std::unique_ptr<SimTestHarness> m_sim;
    std::unique_ptr<EventCollector> m_app;
    QString m_channel;
};

void TestConformanceRecordingLiveControl::init()
{
    SimTestHarness::Options options;
    options.speed = 20;
    m_sim = std::make_unique<SimTestHarness>(options);
    QVERIFY(m_sim->start());
    m_app = m_sim->connectEvents(u"vm-record"_s);
    QVERIFY(m_app);
    m_channel = m_sim->answeredCall(m_app.get(), u"vm-record"_s, {u"306"_s});
    QVERIFY(!m_channel.isEmpty());
    m_app->clear();
}

void TestConformanceRecordingLiveControl::cleanup()
{
    m_app.reset();
    m_sim.reset();
}

RestReply TestConformanceRecordingLiveControl::startRecording(const QString &name, const QUrlQuery &extra)
{
    QUrlQuery query = extra;
    query.addQueryItem(u"name"_s, name);
    query.addQueryItem(u"format"_s, u"wav"_s);
    query.addQueryItem(u"ifExists"_s, u"overwrite"_s);
    return m_sim->post(u"/channels/"_s + m_channel + u"/record"_s, query);
}

QString TestConformanceRecordingLiveControl::liveState(const QString &encodedName)
{
    const RestReply reply = m_sim->get(u"/recordings/live/"_s + encodedName);
    if (reply.status != 200)
        return u"<status "_s + QString::number(reply.status) + u'>';
    return reply.object().value("state"_L1).toString();
}

void TestConformanceRecordingLiveControl::pauseMuteAndStop()
{
    QVERIFY(m_sim->talk(m_channel, 60000));
    QCOMPARE(startRecording(u"test/live-1"_s).status, 201);
    QVERIFY(!m_app->waitForNext(u"RecordingStarted"_s, EventCollector::forRecording(u"test/live-1"_s)).isEmpty());
    const QString base = u"/recordings/live/test%2Flive-1"_s;

    QCOMPARE(m_sim->post(base + u"/pause"_s).status, 204);
    QCOMPARE(liveState(u"test%2Flive-1"_s), u"paused"_s);
    QCOMPARE(m_sim->post(base + u"/pause"_s).status, 204);
    QCOMPARE(liveState(u"test%2Flive-1"_s), u"paused"_s);
    QCOMPARE(m_sim->del(base + u"/pause"_s).status, 204);
    QCOMPARE(liveState(u"test%2Flive-1"_s), u"recording"_s);
    QCOMPARE(m_sim->del(base + u"/pause"_s).status, 204);
    QCOMPARE(liveState(u"test%2Flive-1"_s), u"recording"_s);
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(m_sim->post(base + u"/mute"_s).status, 204);
        QCOMPARE(liveState(u"test%2Flive-1"_s), u"recording"_s);
    }
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(m_sim->del(base + u"/mute"_s).status, 204);
        QCOMPARE(liveState(u"test%2Flive-1"_s), u"recording"_s);
    }
    const RestReply rawPause = m_sim->post(u"/recordings/live/test/live-1/pause"_s);
    QCOMPARE(rawPause.status, 404);
    QCOMPARE(rawPause.message(), u"Resource not found"_s);
    const RestReply rawUnpause = m_sim->del(u"/recordings/live/test/live-1/pause"_s);
    QCOMPARE(rawUnpause.status, 404);
    QCOMPARE(rawUnpause.message(), u"Resource not found"_s);
    QVERIFY(m_sim->waitSimulated(500));
    QCOMPARE(m_app->types(), QStringList{u"RecordingStarted"_s});

    QCOMPARE(m_sim->post(base + u"/stop"_s).status, 204);
    const QJsonObject finished = m_app->waitForNext(u"RecordingFinished"_s, EventCollector::forRecording(u"test/live-1"_s));
    QVERIFY(!finished.isEmpty());
    QCOMPARE(finished.value("recording"_L1).toObject().value("state"_L1).toString(), u"done"_s);
    QVERIFY(finished.value("recording"_L1).toObject().value("duration"_L1).isDouble());

    const QList<std::pair<QByteArray, QString>> afterEnd{
        {"GET", base}, {"POST", base + u"/stop"_s}, {"POST", base + u"/pause"_s}};
    for (const auto &[method, path] : afterEnd) {
        const RestReply reply = m_sim->ari(method, path);
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.message(), u"Recording not found"_s);
    }
    const RestReply stored = m_sim->get(u"/recordings/stored/test%2Flive-1"_s);
    QCOMPARE(stored.status, 200);
    QCOMPARE(stored.object(), (QJsonObject{{u"name"_s, u"test/live-1"_s}, {u"format"_s, u"wav"_s}}));
}

void TestConformanceRecordingLiveControl::pausedTimeIsNotCounted()
{
    QVERIFY(m_sim->talk(m_channel, 60000));
    QCOMPARE(startRecording(u"test/live-paused-stop"_s).status, 201);
    QVERIFY(!m_app->waitForNext(u"RecordingStarted"_s).isEmpty());
    QVERIFY(m_sim->waitSimulated(1200));
    QCOMPARE(m_sim->post(u"/recordings/live/test%2Flive-paused-stop/pause"_s).status, 204);
    QVERIFY(m_sim->waitSimulated(3000));
    QCOMPARE(m_sim->post(u"/recordings/live/test%2Flive-paused-stop/stop"_s).status, 204);
    const QJsonObject finished = m_app->waitForNext(u"RecordingFinished"_s);
    QVERIFY(!finished.isEmpty());
    // About 1.2 s recorded and 3 s paused: the paused time must not count (it would make 4).
    const int duration = finished.value("recording"_L1).toObject().value("duration"_L1).toInt(-1);
    QVERIFY2(duration >= 1 && duration <= 2, qPrintable(QString::number(duration)));
}

void TestConformanceRecordingLiveControl::cancelDiscards()
{
    QVERIFY(m_sim->talk(m_channel, 60000));
    QCOMPARE(startRecording(u"test/live-2"_s).status, 201);
    QVERIFY(!m_app->waitForNext(u"RecordingStarted"_s).isEmpty());
    QVERIFY(m_sim->waitSimulated(1500));
    QCOMPARE(m_sim->del(u"/recordings/live/test%2Flive-2"_s).status, 204);
    const QJsonObject finished = m_app->waitForNext(u"RecordingFinished"_s, EventCollector::forRecording(u"test/live-2"_s));
    QVERIFY(!finished.isEmpty());
    QCOMPARE(finished.value("recording"_L1).toObject().value("state"_L1).toString(), u"done"_s);

    const QList<std::pair<QByteArray, QString>> gone{{"GET", u"/recordings/live/test%2Flive-2"_s},
                                                     {"GET", u"/recordings/stored/test%2Flive-2"_s},
                                                     {"DELETE", u"/recordings/live/test%2Flive-2"_s}};
    for (const auto &[method, path] : gone) {
        const RestReply reply = m_sim->ari(method, path);
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.message(), u"Recording not found"_s);
    }
}

void TestConformanceRecordingLiveControl::maxDuration()
{
    QVERIFY(m_sim->talk(m_channel, 60000));
    QCOMPARE(startRecording(u"test/live-3"_s, QUrlQuery{{u"maxDurationSeconds"_s, u"2"_s}}).status, 201);
    const QJsonObject started = m_app->waitForNext(u"RecordingStarted"_s);
    const QJsonObject finished = m_app->waitForNext(u"RecordingFinished"_s, {}, 10000);
    QVERIFY(!finished.isEmpty());
    QCOMPARE(finished.value("recording"_L1).toObject().value("state"_L1).toString(), u"done"_s);
    QCOMPARE(finished.value("recording"_L1).toObject().value("duration"_L1).toInt(), 2);
    const qint64 elapsed = EventCollector::timestampMs(finished) - EventCollector::timestampMs(started);
    QVERIFY2(elapsed >= 1900, qPrintable(QString::number(elapsed)));
    QCOMPARE(m_sim->get(u"/recordings/stored/test%2Flive-3"_s).status, 200);
}

void TestConformanceRecordingLiveControl::maxSilenceWithSilentCaller()
{
    QCOMPARE(startRecording(u"test/live-4"_s, QUrlQuery{{u"maxSilenceSeconds"_s, u"1"_s}}).status, 201);
    QVERIFY(!m_app->waitForNext(u"RecordingStarted"_s).isEmpty());
    const QJsonObject finished = m_app->waitForNext(u"RecordingFinished"_s, {}, 10000);
    QVERIFY(!finished.isEmpty());
    const QJsonObject recording = finished.value("recording"_L1).toObject();
    QCOMPARE(recording.value("state"_L1).toString(), u"done"_s);
    QVERIFY(recording.value("talking_duration"_L1).isDouble());
    QVERIFY(recording.value("silence_duration"_L1).isDouble());
    QCOMPARE(recording.value("duration"_L1).toInt(),
             recording.value("talking_duration"_L1).toInt() + recording.value("silence_duration"_L1).toInt());
    QCOMPARE(m_sim->get(u"/recordings/stored/test%2Flive-4"_s).status, 200);
}

void TestConformanceRecordingLiveControl::maxSilenceAfterTalking()
{
    QVERIFY(m_sim->talk(m_channel, 3000));
    QCOMPARE(startRecording(u"test/live-6"_s, QUrlQuery{{u"maxSilenceSeconds"_s, u"2"_s}}).status, 201);
    const QJsonObject started = m_app->waitForNext(u"RecordingStarted"_s);
    const QJsonObject finished = m_app->waitForNext(u"RecordingFinished"_s, {}, 10000);
    QVERIFY(!finished.isEmpty());
    const QJsonObject recording = finished.value("recording"_L1).toObject();
    QCOMPARE(recording.value("state"_L1).toString(), u"done"_s);
    QVERIFY(recording.value("talking_duration"_L1).isDouble());
    QVERIFY(recording.value("silence_duration"_L1).isDouble());
    const int talking = recording.value("talking_duration"_L1).toInt();
    QVERIFY2(talking >= 2 && talking <= 4, qPrintable(QString::number(talking)));
    QCOMPARE(recording.value("duration"_L1).toInt(), talking + recording.value("silence_duration"_L1).toInt());
    // It ends only after the caller stopped talking (3 s) and then stayed silent.
    const qint64 elapsed = EventCollector::timestampMs(finished) - EventCollector::timestampMs(started);
    QVERIFY2(elapsed >= 3000, qPrintable(QString::number(elapsed)));
}

void TestConformanceRecordingLiveControl::unknownLiveRecording_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::newRow("GET") << QByteArray("GET") << u"/recordings/live/no-such-live"_s;
    QTest::newRow("stop") << QByteArray("POST") << u"/recordings/live/no-such-live/stop"_s;
    QTest::newRow("pause") << QByteArray("POST") << u"/recordings/live/no-such-live/pause"_s;
    QTest::newRow("cancel") << QByteArray("DELETE") << u"/recordings/live/no-such-live"_s;
}

void TestConformanceRecordingLiveControl::unknownLiveRecording()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    const RestReply reply = m_sim->ari(method, path);
    QCOMPARE(reply.status, 404);
    QCOMPARE(reply.message(), u"Recording not found"_s);
}

QTEST_GUILESS_MAIN(TestConformanceRecordingLiveControl)
#include "TestConformanceRecordingLiveControl.moc"

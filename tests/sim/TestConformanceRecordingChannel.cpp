// Conformance of channel recordings and stored recordings with the reference transcript
// "recording-channel" of Asterisk 22.10.1.
//
// Facts from the transcript this test relies on:
//  - DELETE /recordings/stored/{name} of a missing recording → 404 {"message":"Recording not found"}.
//  - POST /channels/{id}/record?name=voicemail%2F305%2F1411503204&format=wav&terminateOn=%23&
//    beep=true&ifExists=fail → 201, Location "/ari/recordings/live/voicemail%2F305%2F1411503204",
//    body {"name":"voicemail/305/1411503204","format":"wav","state":"queued" (or "recording"),
//    "target_uri":"channel:{id}"}; RecordingStarted {recording:{..."state":"recording"...}} at once.
//  - GET /recordings/live/voicemail%2F305%2F1411503204 → 200 state "recording"; with raw slashes
//    (GET /recordings/live/voicemail/305/1411503204) → 404 {"message":"Resource not found"}.
//  - Recording the same name again with ifExists=fail while it is live, or once it is stored →
//    409 {"message":"Recording 'voicemail/305/1411503204' already exists and can not be overwritten"}.
//  - The caller's # → ChannelDtmfReceived {"digit":"#"} THEN RecordingFinished {"recording":{"name",
//    "format":"wav","state":"done","target_uri","duration":<seconds>}}; GET live → 404
//    {"message":"Recording not found"}.
//  - GET /recordings/stored → 200 [{"name":"voicemail/305/1411503204","format":"wav"}]; GET
//    /recordings/stored/{encoded name} → 200 {"name","format"}; raw slashes → 404 "Resource not found".
//  - GET .../file → 200 content-type audio/wav, a RIFF/WAVE file, 8 kHz 16-bit, with audio in it
//    (the caller talked during the recording).
//  - POST .../copy?destinationRecordingName=voicemail%2F305%2Fcopy-1 → 200
//    {"name":"voicemail/305/copy-1","format":"wav"}; again → 409 {"message":"A recording with the
//    same name already exists on the system"}; without destination → 400 {"message":"Invalid
//    destination recording name"}; copy of a missing recording → 404 "Recording not found".
//    The stored list then has both names, in name order.
//  - DELETE stored → 204; again → 404 "Recording not found"; GET .../file of it → 404 with
//    {"message":"Recording not found"}.
//  - ifExists=append on a stored name → 201 and the new RecordingFinished duration includes the old
//    audio (2 → 4); ifExists=overwrite → 201 and the file is replaced (duration back to 2).
//  - format=nope → 422 {"message":"specified format is unknown on this system"}; no format → the
//    same 422; no name → 500 {"message":"Error parsing request"}; ifExists=maybe → 400
//    {"message":"ifExists invalid"}; terminateOn=x → 400 {"message":"terminateOn invalid"};
//    name=../../evil → 500 {"message":"Error parsing request"}.
//  - GET/DELETE /recordings/stored/..%2F..%2Fevil → 404 "Recording not found"; GET
//    /recordings/stored/voicemail%2F..%2Fvoicemail%2F305%2F1411503204 → 200 with the normalised
//    name "voicemail/305/1411503204".
//  - (From the same Asterisk while running whole applications) GET /recordings/stored lists the
//    names in plain text order, not by time.
//  - A record POSTed while the channel plays its greeting → 201 "queued", GET live → state
//    "queued"; RecordingStarted comes only after the greeting's PlaybackFinished (also when the
//    greeting is stopped with DELETE).
//  - The caller hangs up while recording → ChannelHangupRequest {"cause":16}, RecordingFinished
//    "done", StasisEnd; the recording is stored (GET stored 200), GET live → 404; recording on the
//    gone channel → 404 {"message":"Channel not found"}.

#include "support/EventCollector.h"
#include "support/SimTestHarness.h"
#include "support/TestSoundsDir.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>
#include <QtEndian>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString kName = u"voicemail/305/1411503204"_s;
const QString kEncoded = u"voicemail%2F305%2F1411503204"_s;
const QString kExistsMessage = u"Recording 'voicemail/305/1411503204' already exists and can not be overwritten"_s;

// Samples of the "data" chunk of a 16-bit PCM WAV file louder than `threshold`.
int loudSamples(const QByteArray &wav, int threshold)
{
    const qsizetype data = wav.indexOf("data", 12);
    if (data < 0)
        return -1;
    int loud = 0;
    for (qsizetype offset = data + 8; offset + 1 < wav.size(); offset += 2) {
        const qint16 sample = qFromLittleEndian<qint16>(wav.constData() + offset);
        if (qAbs(int(sample)) > threshold)
            ++loud;
    }
    return loud;
}

} // namespace

class TestConformanceRecordingChannel final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void recordUntilDtmf();
    void storedCopyAndDelete();
    void ifExistsVariants();
    void badRecordRequests_data();
    void badRecordRequests();
    void storedNameLookups();
    void storedListIsInTextOrder();
    void recordWaitsForGreeting();
    void recordStartsWhenGreetingStopped();
    void callerHangupKeepsRecording();

private:
    RestReply record(const QUrlQuery &query);
    // Records `name` for `seconds` (maxDurationSeconds) while the caller talks; the duration
    // RecordingFinished reports, or -1.
    int makeRecording(const QString &name, int seconds, const QString &ifExists = u"overwrite"_s);

    TestSoundsDir m_sounds;
    std::unique_ptr<SimTestHarness> m_sim;
    std::unique_ptr<EventCollector> m_app;
    QString m_channel;
};

void TestConformanceRecordingChannel::initTestCase()
{
    QVERIFY(m_sounds.isValid());
    QVERIFY(m_sounds.addStandardSet());
}

void TestConformanceRecordingChannel::init()
{
    SimTestHarness::Options options;
    options.speed = 20;
    options.soundsDir = m_sounds.path();
    m_sim = std::make_unique<SimTestHarness>(options);
    QVERIFY(m_sim->start());
    m_app = m_sim->connectEvents(u"vm-record"_s);
    QVERIFY(m_app);
    m_channel = m_sim->answeredCall(m_app.get(), u"vm-record"_s, {u"305"_s});
    QVERIFY(!m_channel.isEmpty());
    m_app->clear();
}

void TestConformanceRecordingChannel::cleanup()
{
    m_app.reset();
    m_sim.reset();
}

RestReply TestConformanceRecordingChannel::record(const QUrlQuery &query)
{
    return m_sim->post(u"/channels/"_s + m_channel + u"/record"_s, query);
}

int TestConformanceRecordingChannel::makeRecording(const QString &name, int seconds, const QString &ifExists)
{
    if (!m_sim->talk(m_channel, seconds * 1000 + 5000))
        return -1;
    const RestReply reply = record(QUrlQuery{{u"name"_s, name},
                                             {u"format"_s, u"wav"_s},
                                             {u"ifExists"_s, ifExists},
                                             {u"maxDurationSeconds"_s, QString::number(seconds)}});
    if (reply.status != 201)
        return -1;
    const QJsonObject finished = m_app->waitForNext(u"RecordingFinished"_s, EventCollector::forRecording(name), 10000);
    return finished.isEmpty() ? -1 : finished.value("recording"_L1).toObject().value("duration"_L1).toInt(-1);
}

void TestConformanceRecordingChannel::recordUntilDtmf()
{
    const RestReply missing = m_sim->del(u"/recordings/stored/"_s + kEncoded);
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.message(), u"Recording not found"_s);

    QVERIFY(m_sim->talk(m_channel, 2000));
    const RestReply reply = record(QUrlQuery{{u"name"_s, kName},
                                             {u"format"_s, u"wav"_s},
                                             {u"terminateOn"_s, u"#"_s},
                                             {u"beep"_s, u"true"_s},
                                             {u"ifExists"_s, u"fail"_s}});
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.header("location"), QByteArray("/ari/recordings/live/voicemail%2F305%2F1411503204"));
    QCOMPARE(reply.object().value("name"_L1).toString(), kName);
    QCOMPARE(reply.object().value("format"_L1).toString(), u"wav"_s);
    QCOMPARE(reply.object().value("target_uri"_L1).toString(), u"channel:"_s + m_channel);
    const QString state = reply.object().value("state"_L1).toString();
    QVERIFY2(state == "queued"_L1 || state == "recording"_L1, qPrintable(state));

    const QJsonObject started = m_app->waitForNext(u"RecordingStarted"_s, EventCollector::forRecording(kName));
    QVERIFY(!started.isEmpty());
    QCOMPARE(started.value("recording"_L1).toObject().value("state"_L1).toString(), u"recording"_s);
    QCOMPARE(started.value("recording"_L1).toObject().value("target_uri"_L1).toString(), u"channel:"_s + m_channel);
    QCOMPARE(started.value("recording"_L1).toObject().value("format"_L1).toString(), u"wav"_s);

    const RestReply live = m_sim->get(u"/recordings/live/"_s + kEncoded);
    QCOMPARE(live.status, 200);
    QCOMPARE(live.object().value("state"_L1).toString(), u"recording"_s);
    QCOMPARE(live.object().value("name"_L1).toString(), kName);
    const RestReply rawLive = m_sim->get(u"/recordings/live/voicemail/305/1411503204"_s);
    QCOMPARE(rawLive.status, 404);
    QCOMPARE(rawLive.message(), u"Resource not found"_s);

    const RestReply duplicate = record(QUrlQuery{{u"name"_s, kName}, {u"format"_s, u"wav"_s}, {u"ifExists"_s, u"fail"_s}});
    QCOMPARE(duplicate.status, 409);
    QCOMPARE(duplicate.message(), kExistsMessage);

    QVERIFY(m_sim->waitSimulated(2000));
    QVERIFY(m_sim->pressDtmf(m_channel, u"#"_s));
    const QJsonObject finished = m_app->waitForNext(u"RecordingFinished"_s, EventCollector::forRecording(kName));
    QVERIFY(!finished.isEmpty());
    QCOMPARE(m_app->types(), (QStringList{u"RecordingStarted"_s, u"ChannelDtmfReceived"_s, u"RecordingFinished"_s}));
    QCOMPARE(m_app->events().at(1).value("digit"_L1).toString(), u"#"_s);
    const QJsonObject recording = finished.value("recording"_L1).toObject();
    QCOMPARE(recording.value("name"_L1).toString(), kName);
    QCOMPARE(recording.value("format"_L1).toString(), u"wav"_s);
    QCOMPARE(recording.value("state"_L1).toString(), u"done"_s);
    QCOMPARE(recording.value("target_uri"_L1).toString(), u"channel:"_s + m_channel);
    QVERIFY(recording.value("duration"_L1).isDouble());
    QVERIFY2(recording.value("duration"_L1).toInt() >= 1, qPrintable(QString::number(recording.value("duration"_L1).toInt())));

    const RestReply liveAfter = m_sim->get(u"/recordings/live/"_s + kEncoded);
    QCOMPARE(liveAfter.status, 404);
    QCOMPARE(liveAfter.message(), u"Recording not found"_s);

    const RestReply list = m_sim->get(u"/recordings/stored"_s);
    QCOMPARE(list.status, 200);
    QCOMPARE(list.array(), (QJsonArray{QJsonObject{{u"name"_s, kName}, {u"format"_s, u"wav"_s}}}));
    const RestReply stored = m_sim->get(u"/recordings/stored/"_s + kEncoded);
    QCOMPARE(stored.status, 200);
    QCOMPARE(stored.object(), (QJsonObject{{u"name"_s, kName}, {u"format"_s, u"wav"_s}}));
    const RestReply rawStored = m_sim->get(u"/recordings/stored/voicemail/305/1411503204"_s);
    QCOMPARE(rawStored.status, 404);
    QCOMPARE(rawStored.message(), u"Resource not found"_s);

    const RestReply file = m_sim->get(u"/recordings/stored/"_s + kEncoded + u"/file"_s);
    QCOMPARE(file.status, 200);
    QCOMPARE(file.header("content-type"), QByteArray("audio/wav"));
    QVERIFY(file.body.size() > 44);
    QCOMPARE(file.body.left(4), QByteArray("RIFF"));
    QCOMPARE(file.body.mid(8, 4), QByteArray("WAVE"));
    QCOMPARE(qFromLittleEndian<quint16>(file.body.constData() + 22), quint16(1));     // mono
    QCOMPARE(qFromLittleEndian<quint32>(file.body.constData() + 24), quint32(8000));  // 8 kHz
    QCOMPARE(qFromLittleEndian<quint16>(file.body.constData() + 34), quint16(16));    // 16-bit
    QVERIFY2(loudSamples(file.body, 500) > 800, "the caller's voice is in the recording");
}

void TestConformanceRecordingChannel::storedCopyAndDelete()
{
    QVERIFY(makeRecording(kName, 1) >= 0);
    const QString copyQuery = u"voicemail/305/copy-1"_s;
    const RestReply copy = m_sim->post(u"/recordings/stored/"_s + kEncoded + u"/copy"_s,
                                       QUrlQuery{{u"destinationRecordingName"_s, copyQuery}});
    QCOMPARE(copy.status, 200);
    QCOMPARE(copy.object(), (QJsonObject{{u"name"_s, copyQuery}, {u"format"_s, u"wav"_s}}));

    const RestReply again = m_sim->post(u"/recordings/stored/"_s + kEncoded + u"/copy"_s,
                                        QUrlQuery{{u"destinationRecordingName"_s, copyQuery}});
    QCOMPARE(again.status, 409);
    QCOMPARE(again.message(), u"A recording with the same name already exists on the system"_s);
    const RestReply noDestination = m_sim->post(u"/recordings/stored/"_s + kEncoded + u"/copy"_s);
    QCOMPARE(noDestination.status, 400);
    QCOMPARE(noDestination.message(), u"Invalid destination recording name"_s);
    const RestReply missing = m_sim->post(u"/recordings/stored/no-such-recording/copy"_s,
                                          QUrlQuery{{u"destinationRecordingName"_s, u"x"_s}});
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.message(), u"Recording not found"_s);

    const RestReply list = m_sim->get(u"/recordings/stored"_s);
    QCOMPARE(list.status, 200);
    QCOMPARE(list.array(), (QJsonArray{QJsonObject{{u"name"_s, kName}, {u"format"_s, u"wav"_s}},
                                       QJsonObject{{u"name"_s, copyQuery}, {u"format"_s, u"wav"_s}}}));

    QCOMPARE(m_sim->del(u"/recordings/stored/voicemail%2F305%2Fcopy-1"_s).status, 204);
    const RestReply deleteAgain = m_sim->del(u"/recordings/stored/voicemail%2F305%2Fcopy-1"_s);
    QCOMPARE(deleteAgain.status, 404);
    QCOMPARE(deleteAgain.message(), u"Recording not found"_s);
    const RestReply file = m_sim->get(u"/recordings/stored/voicemail%2F305%2Fcopy-1/file"_s);
    QCOMPARE(file.status, 404);
    QCOMPARE(file.message(), u"Recording not found"_s);
}

void TestConformanceRecordingChannel::ifExistsVariants()
{
    const int first = makeRecording(kName, 2);
    QVERIFY2(first >= 1, qPrintable(QString::number(first)));
    const RestReply fail = record(QUrlQuery{{u"name"_s, kName}, {u"format"_s, u"wav"_s}, {u"ifExists"_s, u"fail"_s}});
    QCOMPARE(fail.status, 409);
    QCOMPARE(fail.message(), kExistsMessage);
    const qint64 firstSize = m_sim->get(u"/recordings/stored/"_s + kEncoded + u"/file"_s).body.size();

    const int appended = makeRecording(kName, 1, u"append"_s);
    QVERIFY2(appended > first, qPrintable(QString::number(appended) + u" after "_s + QString::number(first)));
    const qint64 appendedSize = m_sim->get(u"/recordings/stored/"_s + kEncoded + u"/file"_s).body.size();
    QVERIFY2(appendedSize > firstSize, qPrintable(QString::number(appendedSize)));

    const int overwritten = makeRecording(kName, 1, u"overwrite"_s);
    QVERIFY2(overwritten >= 1 && overwritten < appended, qPrintable(QString::number(overwritten)));
    const qint64 overwrittenSize = m_sim->get(u"/recordings/stored/"_s + kEncoded + u"/file"_s).body.size();
    QVERIFY2(overwrittenSize < appendedSize, qPrintable(QString::number(overwrittenSize)));
}

void TestConformanceRecordingChannel::badRecordRequests_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("extraKey");
    QTest::addColumn<QString>("extraValue");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    const QString noValue;
    QTest::newRow("unknown format") << u"test/bad-format"_s << u"nope"_s << noValue << noValue << 422
                                    << u"specified format is unknown on this system"_s;
    QTest::newRow("no format") << u"test/no-format"_s << noValue << noValue << noValue << 422
                               << u"specified format is unknown on this system"_s;
    QTest::newRow("no name") << noValue << u"wav"_s << noValue << noValue << 500 << u"Error parsing request"_s;
    QTest::newRow("bad ifExists") << u"test/bad-ifexists"_s << u"wav"_s << u"ifExists"_s << u"maybe"_s << 400
                                  << u"ifExists invalid"_s;
    QTest::newRow("bad terminateOn") << u"test/bad-terminate"_s << u"wav"_s << u"terminateOn"_s << u"x"_s << 400
                                     << u"terminateOn invalid"_s;
    QTest::newRow("escaping name") << u"../../evil"_s << u"wav"_s << u"maxDurationSeconds"_s << u"1"_s << 500
                                   << u"Error parsing request"_s;
}

void TestConformanceRecordingChannel::badRecordRequests()
{
    QFETCH(QString, name);
    QFETCH(QString, format);
    QFETCH(QString, extraKey);
    QFETCH(QString, extraValue);
    QFETCH(int, status);
    QFETCH(QString, message);
    QUrlQuery query;
    if (!name.isNull())
        query.addQueryItem(u"name"_s, name);
    if (!format.isNull())
        query.addQueryItem(u"format"_s, format);
    if (!extraKey.isNull())
        query.addQueryItem(extraKey, extraValue);
    const RestReply reply = record(query);
    QCOMPARE(reply.status, status);
    QCOMPARE(reply.message(), message);
    QVERIFY(m_sim->waitSimulated(300));
    QCOMPARE(m_app->count(), 0);
}

void TestConformanceRecordingChannel::storedNameLookups()
{
    QVERIFY(makeRecording(kName, 1) >= 0);
    const RestReply evil = m_sim->get(u"/recordings/stored/..%2F..%2Fevil"_s);
    QCOMPARE(evil.status, 404);
    QCOMPARE(evil.message(), u"Recording not found"_s);
    const RestReply deleteEvil = m_sim->del(u"/recordings/stored/..%2F..%2Fevil"_s);
    QCOMPARE(deleteEvil.status, 404);
    QCOMPARE(deleteEvil.message(), u"Recording not found"_s);

    const RestReply dotted = m_sim->get(u"/recordings/stored/voicemail%2F..%2Fvoicemail%2F305%2F1411503204"_s);
    QCOMPARE(dotted.status, 200);
    QCOMPARE(dotted.object(), (QJsonObject{{u"name"_s, kName}, {u"format"_s, u"wav"_s}}));

    const RestReply missing = m_sim->del(u"/recordings/stored/no-such-recording"_s);
    QCOMPARE(missing.status, 404);
    QCOMPARE(missing.message(), u"Recording not found"_s);
}

void TestConformanceRecordingChannel::storedListIsInTextOrder()
{
    // Made in time order 999 then 1000; listed in plain text order ("1000" < "999").
    QVERIFY(makeRecording(u"voicemail/305/999"_s, 1) >= 0);
    QVERIFY(makeRecording(u"voicemail/305/1000"_s, 1) >= 0);
    const RestReply list = m_sim->get(u"/recordings/stored"_s);
    QCOMPARE(list.status, 200);
    QCOMPARE(list.array(), (QJsonArray{QJsonObject{{u"name"_s, u"voicemail/305/1000"_s}, {u"format"_s, u"wav"_s}},
                                       QJsonObject{{u"name"_s, u"voicemail/305/999"_s}, {u"format"_s, u"wav"_s}}}));
}

void TestConformanceRecordingChannel::recordWaitsForGreeting()
{
    QCOMPARE(m_sim->post(u"/channels/"_s + m_channel + u"/play/greeting"_s,
                         QUrlQuery{{u"media"_s, u"sound:vm-intro"_s}}).status, 201);
    const QString name = u"voicemail/305/after-greeting"_s;
    const RestReply reply = record(QUrlQuery{{u"name"_s, name},
                                             {u"format"_s, u"wav"_s},
                                             {u"beep"_s, u"true"_s},
                                             {u"maxDurationSeconds"_s, u"1"_s},
                                             {u"ifExists"_s, u"overwrite"_s}});
    QCOMPARE(reply.status, 201);
    QCOMPARE(reply.object().value("state"_L1).toString(), u"queued"_s);
    const RestReply live = m_sim->get(u"/recordings/live/voicemail%2F305%2Fafter-greeting"_s);
    QCOMPARE(live.status, 200);
    QCOMPARE(live.object().value("state"_L1).toString(), u"queued"_s);

    QVERIFY(!m_app->waitForNext(u"RecordingFinished"_s, EventCollector::forRecording(name), 10000).isEmpty());
    QCOMPARE(m_app->types(), (QStringList{u"PlaybackStarted"_s, u"PlaybackFinished"_s, u"RecordingStarted"_s,
                                          u"RecordingFinished"_s}));
    QCOMPARE(m_app->events().at(1).value("playback"_L1).toObject().value("state"_L1).toString(), u"done"_s);
}

void TestConformanceRecordingChannel::recordStartsWhenGreetingStopped()
{
    QCOMPARE(m_sim->post(u"/channels/"_s + m_channel + u"/play/greeting-2"_s,
                         QUrlQuery{{u"media"_s, TestSoundsDir::longSound()}}).status, 201);
    QVERIFY(!m_app->waitForNext(u"PlaybackStarted"_s, EventCollector::forPlayback(u"greeting-2"_s)).isEmpty());
    const QString name = u"voicemail/305/after-greeting-2"_s;
    const RestReply reply = record(QUrlQuery{{u"name"_s, name},
                                             {u"format"_s, u"wav"_s},
                                             {u"beep"_s, u"true"_s},
                                             {u"maxDurationSeconds"_s, u"1"_s},
                                             {u"ifExists"_s, u"overwrite"_s}});
    QCOMPARE(reply.status, 201);
    QVERIFY(m_sim->waitSimulated(1000));
    QCOMPARE(m_app->types(), QStringList{u"PlaybackStarted"_s});
    QCOMPARE(m_sim->del(u"/playbacks/greeting-2"_s).status, 204);
    QVERIFY(!m_app->waitForNext(u"RecordingStarted"_s, EventCollector::forRecording(name)).isEmpty());
    QCOMPARE(m_app->types(), (QStringList{u"PlaybackStarted"_s, u"PlaybackFinished"_s, u"RecordingStarted"_s}));
}

void TestConformanceRecordingChannel::callerHangupKeepsRecording()
{
    QVERIFY(m_sim->talk(m_channel, 10000));
    const QString name = u"voicemail/305/hangup-during"_s;
    QCOMPARE(record(QUrlQuery{{u"name"_s, name},
                              {u"format"_s, u"wav"_s},
                              {u"beep"_s, u"true"_s},
                              {u"terminateOn"_s, u"#"_s},
                              {u"ifExists"_s, u"overwrite"_s}}).status, 201);
    QVERIFY(!m_app->waitForNext(u"RecordingStarted"_s, EventCollector::forRecording(name)).isEmpty());
    QVERIFY(m_sim->waitSimulated(2000));
    QVERIFY(m_sim->hangupCaller(m_channel));
    QVERIFY(!m_app->waitForNext(u"StasisEnd"_s, EventCollector::forChannel(m_channel)).isEmpty());
    QCOMPARE(m_app->types(), (QStringList{u"RecordingStarted"_s, u"ChannelHangupRequest"_s, u"RecordingFinished"_s,
                                          u"StasisEnd"_s}));
    QCOMPARE(m_app->events().at(1).value("cause"_L1).toInt(), 16);
    QCOMPARE(m_app->events().at(2).value("recording"_L1).toObject().value("state"_L1).toString(), u"done"_s);

    const RestReply live = m_sim->get(u"/recordings/live/voicemail%2F305%2Fhangup-during"_s);
    QCOMPARE(live.status, 404);
    QCOMPARE(live.message(), u"Recording not found"_s);
    const RestReply stored = m_sim->get(u"/recordings/stored/voicemail%2F305%2Fhangup-during"_s);
    QCOMPARE(stored.status, 200);
    QCOMPARE(stored.object(), (QJsonObject{{u"name"_s, name}, {u"format"_s, u"wav"_s}}));

    const RestReply gone = record(QUrlQuery{{u"name"_s, u"test/after-hangup"_s}, {u"format"_s, u"wav"_s}});
    QCOMPARE(gone.status, 404);
    QCOMPARE(gone.message(), u"Channel not found"_s);
}

QTEST_GUILESS_MAIN(TestConformanceRecordingChannel)
#include "TestConformanceRecordingChannel.moc"

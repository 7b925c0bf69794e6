// The supervisor protocol's values are written once, as JSON text straight into bytes
// (SupervisorWire::write): what a desk reads back from that text is the value the service wrote,
// field by field, for every type a change or the snapshot carries, with hostile strings, unknown
// lengths and invalid times. Times are written as Qt writes them (ISO 8601 with milliseconds).
#include "core/service/SupervisorWire.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

#include <limits>
#include <tuple>

using namespace Qt::StringLiterals;
using namespace SupervisorWire;

namespace {

// Quotes, backslashes, control characters, non-ASCII and a character beyond the BMP.
const QString s_hostile = u"Zo\u00e9 \"O'Neil\" \\ \n\t\x01 \U0001F4DE \u6f22"_s;

const QDateTime s_utc = QDateTime(QDate(2026, 12, 7), QTime(14, 45, 5, 123), Qt::UTC);

// `value` written as one element of an array, the text checked and read back as a desk reads it;
// text that is not one JSON value reads back as undefined (which no reader takes for a value).
template <typename T> QJsonValue throughText(const T &value)
{
    JsonTextWriter out;
    out.beginArray();
    write(out, value);
    out.endArray();
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(out.text(), &error);
    if (error.error != QJsonParseError::NoError || !document.isArray() || document.array().size() != 1) {
        qWarning("not one JSON value: %s (%s)", out.text().constData(), qPrintable(error.errorString()));
        return QJsonValue(QJsonValue::Undefined);
    }
    return document.array().first();
}

} // namespace

class TestSupervisorWireText final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void timesAreWrittenAsQtWritesThem_data();
    void timesAreWrittenAsQtWritesThem();
    void randomUtcTimesAreWrittenAsQtWritesThem();
    void everyTypeReadsBackAsWritten();
    void optionalPartsReadBackAsMissing();
    void changeArgumentsAreOneArrayInOrder();
    void acknowledgementIntervalFollowsTheServicesLimit();
};

void TestSupervisorWireText::timesAreWrittenAsQtWritesThem_data()
{
    QTest::addColumn<QDateTime>("time");
    QTest::addColumn<bool>("readsBack");
    QTest::newRow("utc") << s_utc << true;
    QTest::newRow("epoch") << QDateTime::fromMSecsSinceEpoch(0, Qt::UTC) << true;
    QTest::newRow("before the epoch") << QDateTime::fromMSecsSinceEpoch(-1, Qt::UTC) << true;
    QTest::newRow("year 1") << QDateTime(QDate(1, 1, 1), QTime(0, 0), Qt::UTC) << true;
    QTest::newRow("year 9999") << QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59, 999), Qt::UTC) << true;
    // Beyond ISO 8601's four digits Qt writes no text ("") and reads none back, as before.
    QTest::newRow("year 10000, Qt's formatter") << QDateTime(QDate(10000, 1, 1), QTime(0, 0), Qt::UTC) << false;
    QTest::newRow("year 67560, beyond std::chrono's year")
        << QDateTime(QDate(67560, 1, 1), QTime(0, 0), Qt::UTC) << false;
    QTest::newRow("far future") << QDateTime::fromMSecsSinceEpoch(std::numeric_limits<qint64>::max() / 2, Qt::UTC)
                                << false;
    QTest::newRow("year 1 BCE, Qt's formatter") << QDateTime(QDate(-1, 12, 31), QTime(23, 59), Qt::UTC) << false;
    QTest::newRow("leap day") << QDateTime(QDate(2028, 2, 29), QTime(23, 0, 0, 7), Qt::UTC) << true;
    QTest::newRow("local time, no offset") << QDateTime(QDate(2026, 12, 7), QTime(9, 30, 0, 500)) << true;
    QTest::newRow("offset from UTC") << QDateTime(QDate(2026, 12, 7), QTime(9, 30, 0, 500), Qt::OffsetFromUTC, 3600)
                                     << true;
}

void TestSupervisorWireText::timesAreWrittenAsQtWritesThem()
{
    QFETCH(QDateTime, time);
    QFETCH(bool, readsBack);
    QCOMPARE(dateTimeText(time), time.toString(Qt::ISODateWithMs));
    QCOMPARE(throughText(time), QJsonValue(time.toString(Qt::ISODateWithMs)));
    if (readsBack)
        QCOMPARE(dateTimeFrom(throughText(time)), time);
    else
        QVERIFY(!dateTimeFrom(throughText(time)).isValid());
}

void TestSupervisorWireText::randomUtcTimesAreWrittenAsQtWritesThem()
{
    // An invalid time is written as Qt writes it (nothing), whatever its time spec.
    QCOMPARE(dateTimeText(QDateTime(QDate(), QTime(), Qt::UTC)),
        QDateTime(QDate(), QTime(), Qt::UTC).toString(Qt::ISODateWithMs));
    QCOMPARE(dateTimeText(QDateTime()), QString());
    QRandomGenerator random(20261207);
    const qint64 first = QDateTime(QDate(1, 1, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
    const qint64 last = QDateTime(QDate(9999, 12, 31), QTime(23, 59, 59, 999), Qt::UTC).toMSecsSinceEpoch();
    for (int i = 0; i < 20000; ++i) {
        const qint64 ms = i % 2 ? random.bounded(first, last + 1) : random.bounded(qint64(0), qint64(4102444800000));
        const QDateTime time = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
        QCOMPARE(dateTimeText(time), time.toString(Qt::ISODateWithMs));
    }
}

void TestSupervisorWireText::everyTypeReadsBackAsWritten()
{
    const EventLogEntry entry { s_utc, EventLogEntry::Level::Warning, u"queue"_s, s_hostile };
    QCOMPARE(eventLogEntryFrom(throughText(entry)), entry);
    const EventLogEntries entries { entry, { s_utc.addMSecs(1), EventLogEntry::Level::Error, u"ari"_s, u"x"_s } };
    QCOMPARE(eventLogEntriesFrom(throughText(entries)), entries);

    const PlaybackInfo playback { u"pb-1"_s, u"channel:1.2"_s, u"recording:voicemail/305/1411503204"_s,
        u"sound:vm-next"_s, u"en"_s, u"playing"_s, 9007199254740000, 1200, 1765119905123, true, 5000 };
    QCOMPARE(playbackFrom(throughText(playback)), playback);

    ListenStatus listen;
    listen.state = ListenStatus::State::Paused;
    listen.recordingName = u"voicemail/305/1411503204"_s;
    listen.channelId = u"sup-1"_s;
    listen.endpoint = u"PJSIP/desk"_s;
    listen.playback = playback;
    listen.error = s_hostile;
    QCOMPARE(listenStatusFrom(throughText(listen)), listen);

    const CallInfo call { u"1.2"_s, u"PJSIP/1001-00000001"_s, u"1001"_s, u"queue"_s, { u"agent"_s, s_hostile },
        u"waiting"_s, s_utc, s_utc.addSecs(3), s_hostile };
    QCOMPARE(callFrom(throughText(call)), call);

    const CallTransition transition { u"1.2"_s, u"queue"_s, u"joining"_s, u"waiting"_s, u"StasisStart"_s, s_hostile,
        s_utc };
    QCOMPARE(callTransitionFrom(throughText(transition)), transition);

    VoicemailMessage message;
    message.name = u"voicemail/305/1411503204"_s;
    message.mailbox = u"305"_s;
    message.id = u"1411503204"_s;
    message.format = u"wav"_s;
    message.receivedMs = 1411503204000;
    message.durationSeconds = 42;
    message.number = 3;
    message.callerName = s_hostile;
    message.callerNumber = u"+44 20 7946 0000"_s;
    message.heard = true;
    message.deletedMs = 1765119905123;
    QCOMPARE(messageFrom(throughText(message)), message);

    const QueueWaitingAgent agent { u"a.1"_s, u"PJSIP/agent-1"_s, s_hostile, u"2001"_s, u"Agent One"_s, s_utc, 2 };
    QCOMPARE(agentFrom(throughText(agent)), agent);

    const QueueWaitingCaller caller { u"c.1"_s, u"PJSIP/1001-1"_s, u"1001"_s, s_hostile, s_utc, 1, s_utc.addSecs(30),
        true, 4 };
    QCOMPARE(callerFrom(throughText(caller)), caller);

    QueueBridgedPair pair;
    pair.bridgeId = u"br-1"_s;
    pair.agentChannelId = u"a.1"_s;
    pair.agentName = s_hostile;
    pair.agentNumber = u"2001"_s;
    pair.agentCallerName = u"Agent One"_s;
    pair.agentChannelName = u"PJSIP/agent-1"_s;
    pair.callerChannelId = u"c.1"_s;
    pair.callerNumber = u"1001"_s;
    pair.callerName = u"Caller"_s;
    pair.callerChannelName = u"PJSIP/1001-1"_s;
    pair.since = s_utc;
    pair.recording = QueueRecordingState::Paused;
    pair.recordingName = u"queue-br-1-1"_s;
    pair.recordedMs = 61000;
    pair.recordingSince = s_utc.addSecs(5);
    pair.storedRecordings = { u"queue-br-1-0"_s, s_hostile };
    pair.monitor = QueueMonitorMode::Whisper;
    pair.monitoredBy = u"alice"_s;
    // A pair's fields but its action set (a handle on the core's thread, never on the wire).
    const QueueBridgedPair read = pairFrom(throughText(pair));
    const auto fields = [](const QueueBridgedPair &p) {
        return std::tuple(p.bridgeId, p.agentChannelId, p.agentName, p.agentNumber, p.agentCallerName,
            p.agentChannelName, p.callerChannelId, p.callerNumber, p.callerName, p.callerChannelName, p.since,
            p.recording, p.recordingName, p.recordedMs, p.recordingSince, p.storedRecordings, p.monitor, p.monitoredBy);
    };
    QVERIFY(fields(read) == fields(pair));

    const QueueDayFigures today { QDate(2026, 12, 7), 120, 7 };
    QCOMPARE(dayFiguresFrom(throughText(today)), today);

    QCOMPARE(
        connectionStateFrom(throughText(ConnectionStatus::State::Reconnecting)), ConnectionStatus::State::Reconnecting);
    QCOMPARE(stringListFrom(throughText(QStringList { s_hostile, QString(), u"b"_s })),
        (QStringList { s_hostile, QString(), u"b"_s }));
    QCOMPARE(throughText(s_hostile).toString(), s_hostile);
    QCOMPARE(integerFrom(throughText(qint64(-1765119905123))), -1765119905123);
    QCOMPARE(integerFrom(throughText(-7)), -7);
}

void TestSupervisorWireText::optionalPartsReadBackAsMissing()
{
    // An unknown length is null, an invalid time is null, a message not in the trash has no
    // deletedMs, a day not known yet is "".
    VoicemailMessage message;
    message.name = u"voicemail/305/x"_s;
    const QJsonObject written = throughText(message).toObject();
    QVERIFY(written.value("durationSeconds"_L1).isNull());
    QVERIFY(!written.contains("deletedMs"_L1));
    QCOMPARE(messageFrom(written), message);

    CallInfo call;
    call.channelId = u"1.2"_s;
    const QJsonObject callText = throughText(call).toObject();
    QVERIFY(callText.value("started"_L1).isNull());
    QVERIFY(callText.value("stateSince"_L1).isNull());
    QCOMPARE(callFrom(callText), call);

    const QueueDayFigures unknown;
    QCOMPARE(throughText(unknown).toObject().value("day"_L1), QJsonValue(QString()));
    QCOMPARE(dayFiguresFrom(throughText(unknown)), unknown);

    // toJson() is the same text read back: the snapshot carries what the changes carry.
    QCOMPARE(toJson(message), QJsonValue(written));
    QCOMPARE(toJson(QDateTime()), QJsonValue(QJsonValue::Null));
}

void TestSupervisorWireText::changeArgumentsAreOneArrayInOrder()
{
    const QueueWaitingAgent agent { u"a.1"_s, u"PJSIP/agent-1"_s, u"One"_s, u"2001"_s, QString(), s_utc, 0 };
    const QByteArray text = argumentsText(3, agent);
    QJsonParseError error {};
    const QJsonArray arguments = QJsonDocument::fromJson(text, &error).array();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(arguments.size(), 2);
    QCOMPARE(integerFrom(arguments.at(0)), 3);
    QCOMPARE(agentFrom(arguments.at(1)), agent);
    QCOMPARE(argumentsText(), "[]");
    QCOMPARE(argumentsText(u"voicemail/305/1"_s, qint64(12000)), R"(["voicemail/305/1",12000])");
}

void TestSupervisorWireText::acknowledgementIntervalFollowsTheServicesLimit()
{
    // An eighth of desk_max_lag, within 32 and 1024; 32 for a welcome without maxLag (0).
    QCOMPARE(acknowledgementInterval(0), 32u);
    QCOMPARE(acknowledgementInterval(-5), 32u);
    QCOMPARE(acknowledgementInterval(100), 32u); // the smallest desk_max_lag
    QCOMPARE(acknowledgementInterval(1000), 125u);
    QCOMPARE(acknowledgementInterval(5000), 625u); // the default
    QCOMPARE(acknowledgementInterval(8192), 1024u);
    QCOMPARE(acknowledgementInterval(std::numeric_limits<qint64>::max()), 1024u);
}

QTEST_GUILESS_MAIN(TestSupervisorWireText)
#include "TestSupervisorWireText.moc"

// Text from outside on its way into a log (SPEC RB-3, no log injection): every character that
// could end a line, drive a terminal or reorder what is shown is escaped, in the text form of the
// log lines and the event log and in the JSON form; everything else is kept as it is.
#include "core/models/LogText.h"
#include "core/supervisor/EventLog.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

class TestLogText final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void textForm_data();
    void textForm();
    void cleanTextIsTheSameString();
    void jsonFormReadsBackAsTheText_data();
    void jsonFormReadsBackAsTheText();
    void noUnsafeCharacterSurvives();
    void eventLogLinesAreEscapedOnce();
};

void TestLogText::textForm_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << u"1001,queue caller"_s << u"1001,queue caller"_s;
    QTest::newRow("newline") << u"1001\n2026-12-06T10:00:00.000Z info forged"_s
                             << u"1001\\n2026-12-06T10:00:00.000Z info forged"_s;
    QTest::newRow("carriage return and tab") << u"a\rb\tc"_s << u"a\\rb\\tc"_s;
    QTest::newRow("escape sequence") << u"\x1b[2J"_s << u"\\x1b[2J"_s;
    QTest::newRow("nul and del") << QString(u"a\0b\x7f"_s) << u"a\\x00b\\x7f"_s;
    QTest::newRow("C1 next line") << QString(QChar(0x85)) << u"\\x85"_s;
    QTest::newRow("C1 CSI") << QString(QChar(0x9b)) + u"31m"_s << u"\\x9b31m"_s;
    QTest::newRow("line separator") << u"a"_s + QChar(0x2028) + u"b"_s + QChar(0x2029) << u"a\\u2028b\\u2029"_s;
    QTest::newRow("right-to-left override") << u"PJSIP/"_s + QChar(0x202e) + u"gpj.exe"_s << u"PJSIP/\\u202egpj.exe"_s;
    QTest::newRow("zero width and BOM") << QString(QChar(0x200b)) + QChar(0xfeff) << u"\\u200b\\ufeff"_s;
    QTest::newRow("backslash doubled") << u"C:\\n"_s << u"C:\\\\n"_s;
    QTest::newRow("quote kept") << u"say \"hi\""_s << u"say \"hi\""_s;
    QTest::newRow("letters kept") << u"Zoë Ünal 李 ☎"_s << u"Zoë Ünal 李 ☎"_s;
    QTest::newRow("pair kept") << u"call 😀"_s << u"call 😀"_s;
    QTest::newRow("lone surrogate") << u"a"_s + QChar(0xd800) + u"b"_s << u"a\\ufffdb"_s;
}

void TestLogText::textForm()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(LogText::escaped(text), expected);
    QByteArray utf8 = "prefix ";
    LogText::appendText(utf8, text);
    QCOMPARE(utf8, "prefix " + expected.toUtf8());
}

void TestLogText::cleanTextIsTheSameString()
{
    const QString text = u"StasisStart 1795676516.42 in vm-record (Local/305@vm-record-0001;2, args 305)"_s;
    const QString escaped = LogText::escaped(text);
    QCOMPARE(escaped, text);
    QCOMPARE(escaped.constData(), text.constData()); // no copy made
}

void TestLogText::jsonFormReadsBackAsTheText_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("plain") << u"plain"_s;
    QTest::newRow("quote backslash newline") << u"pressed \"6\" \\ next\nmessage"_s;
    QTest::newRow("controls") << QString(u"\x01\x1b[0m\x7f"_s) + QChar(0x85) + QChar(0x9b);
    QTest::newRow("separators and overrides") << QString(QChar(0x2028)) + QChar(0x202e) + QChar(0xfeff);
    QTest::newRow("letters") << u"Zoë 李 😀"_s;
}

void TestLogText::jsonFormReadsBackAsTheText()
{
    QFETCH(QString, text);
    QByteArray json = "{\"m\":\"";
    LogText::appendJson(json, text);
    json += "\"}";
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(document.object().value("m"_L1).toString(), text);
}

void TestLogText::noUnsafeCharacterSurvives()
{
    // Every code unit, one at a time, between two letters: the text form holds no unsafe unit and
    // no raw line break; the JSON form holds no byte below 0x20 and none of U+2028/U+2029.
    for (char32_t unit = 0; unit <= 0xffff; ++unit) {
        const QString text = u"a"_s + QChar(char16_t(unit)) + u"b"_s;
        const QString escaped = LogText::escaped(text);
        for (const QChar c : escaped) {
            if (LogText::isUnsafe(c.unicode()))
                QFAIL(qPrintable(u"U+%1 kept as it is"_s.arg(uint(unit), 4, 16, QChar(u'0'))));
        }
        QByteArray json;
        LogText::appendJson(json, text);
        for (const char byte : json) {
            if (static_cast<unsigned char>(byte) < 0x20)
                QFAIL(qPrintable(u"U+%1: control byte in JSON"_s.arg(uint(unit), 4, 16, QChar(u'0'))));
        }
        QVERIFY(!json.contains("\xe2\x80\xa8") && !json.contains("\xe2\x80\xa9"));
    }
}

void TestLogText::eventLogLinesAreEscapedOnce()
{
    // The event log (the window's and every desk's) takes its lines through EventLog::post: text
    // from outside is escaped there, once, and what is already clean passes as it is.
    EventLog log;
    log.setBatchInterval(0);
    EventLogEntries received;
    connect(&log, &EventLog::entriesAdded, this, [&received](const EventLogEntries &entries) { received += entries; });
    log.post(EventLogEntry::Level::Info, u"ari.events"_s,
        u"StasisStart c-1 in vm-record (PJSIP/1\n2026 forged, args 305,x\r\x1b[2J"_s + QChar(0x202e) + u")"_s);
    log.post(EventLogEntry::Level::Info, u"supervisor"_s, u"Saved a to b (12 bytes)"_s);
    log.flush();
    QCOMPARE(received.size(), 2);
    QCOMPARE(
        received.at(0).text, u"StasisStart c-1 in vm-record (PJSIP/1\\n2026 forged, args 305,x\\r\\x1b[2J\\u202e)"_s);
    QCOMPARE(received.at(1).text, u"Saved a to b (12 bytes)"_s);
}

QTEST_GUILESS_MAIN(TestLogText)
#include "TestLogText.moc"

#include "core/ari/JsonTextWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <limits>

using namespace Qt::StringLiterals;

// The JSON text the REST frames are written with: well-formed, and every string read back by
// Qt's own parser as it was written.
class TestJsonTextWriter final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stringsReadBackAsWritten_data();
    void stringsReadBackAsWritten();
    void structureAndSeparators();
    void numbersBooleansAndNull();
};

void TestJsonTextWriter::stringsReadBackAsWritten_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("readBack");
    QString controls;
    for (char16_t c = 0; c < 0x20; ++c)
        controls.append(QChar(c));
    const auto same = [](const char *name, const QString &text) { QTest::newRow(name) << text << text; };
    same("empty", QString());
    same("plain", u"PJSIP/1001-00000001"_s);
    same("quote and backslash", u"a\"b\\c\"\"\\\\"_s);
    same("every control character", controls);
    same("controls between text", u"x\ny\rz\tw\bv\fu\x01t\x7fs"_s);
    same("escapes at both ends", u"\"middle\\"_s);
    same("latin and CJK", u"Zo\u00e9 \u6f22\u5b57"_s);
    same("beyond the BMP", u"\U0001F600 \U0001F4DE"_s);
    same("mixed, escapes after non-ASCII", u"\u00e9\"\u00e9\n\U0001F600\\"_s);
    same("forward slash", u"voicemail/305/1411503204"_s);
    // An unpaired surrogate is no character: written as "?", as QString::toUtf8 writes it.
    QTest::newRow("lone high surrogate") << QString(QChar(0xd83d)) + u"x"_s << u"?x"_s;
    QTest::newRow("lone low surrogate") << u"x"_s + QString(QChar(0xde00)) << u"x?"_s;
}

void TestJsonTextWriter::stringsReadBackAsWritten()
{
    QFETCH(QString, text);
    QFETCH(QString, readBack);
    JsonTextWriter writer;
    writer.beginObject().key("k"_L1).string(text).endObject();
    const QByteArray json = writer.take();
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    QVERIFY2(
        error.error == QJsonParseError::NoError, qPrintable(error.errorString() + u": "_s + QString::fromUtf8(json)));
    QCOMPARE(document.object().value("k"_L1).toString(), readBack);
    // Nothing below 0x20 goes out raw.
    for (const char byte : json)
        QVERIFY(static_cast<unsigned char>(byte) >= 0x20);
}

void TestJsonTextWriter::structureAndSeparators()
{
    JsonTextWriter writer;
    writer.beginObject()
        .key("a"_L1)
        .string(u"x")
        .key("b"_L1)
        .beginArray()
        .beginObject()
        .key("n"_L1)
        .string(u"1")
        .endObject()
        .beginObject()
        .key("n"_L1)
        .string(u"2")
        .endObject()
        .string(u"3")
        .endArray()
        .key("c"_L1)
        .beginObject()
        .endObject()
        .key("d"_L1)
        .beginArray()
        .endArray()
        .key("e"_L1)
        .raw(R"({"inner":[1,2]})")
        .endObject();
    QCOMPARE(writer.text(), R"({"a":"x","b":[{"n":"1"},{"n":"2"},"3"],"c":{},"d":[],"e":{"inner":[1,2]}})");
    const QByteArray first = writer.take();
    QVERIFY(writer.text().isEmpty());
    // A writer taken from starts afresh.
    writer.beginArray().string(u"again").endArray();
    QCOMPARE(writer.take(), R"(["again"])");
    QVERIFY(!QJsonDocument::fromJson(first).isNull());
}

void TestJsonTextWriter::numbersBooleansAndNull()
{
    constexpr qint64 largest = std::numeric_limits<qint64>::max();
    constexpr qint64 smallest = std::numeric_limits<qint64>::min();
    JsonTextWriter writer;
    writer.beginObject()
        .key("zero"_L1)
        .number(0)
        .key("negative"_L1)
        .number(-42)
        .key("ms"_L1)
        .number(1765119905123)
        .key("list"_L1)
        .beginArray()
        .number(largest)
        .number(smallest)
        .boolean(true)
        .boolean(false)
        .null()
        .endArray()
        .endObject();
    QCOMPARE(writer.text(),
        R"({"zero":0,"negative":-42,"ms":1765119905123,"list":[9223372036854775807,-9223372036854775808,true,false,null]})");
    const QJsonObject object = QJsonDocument::fromJson(writer.text()).object();
    QCOMPARE(object.value("ms"_L1).toInteger(), 1765119905123);
    QCOMPARE(object.value("negative"_L1).toInteger(), -42);
    const QJsonArray list = object.value("list"_L1).toArray();
    QCOMPARE(list.at(0).toInteger(), largest);
    QCOMPARE(list.at(1).toInteger(), smallest);
    QCOMPARE(list.at(2), QJsonValue(true));
    QCOMPARE(list.at(3), QJsonValue(false));
    QVERIFY(list.at(4).isNull());
}

QTEST_MAIN(TestJsonTextWriter)
#include "TestJsonTextWriter.moc"

#include "core/ari/AriEvent.h"
#include "core/ari/model/JsonObjectView.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

// A JsonObjectView reads the same whether it looks at a QJsonObject (REST answers) or at the
// tree of a frame parsed by AriEvent: every reader, over members of every JSON type.
class TestJsonObjectView final : public QObject
{
    Q_OBJECT

private:
    // The members of every row below, in one frame.
    static QByteArray frame()
    {
        return R"({"type":"Probe",)"
               R"("int":42,"negative":-7,"zero":0,"minus_zero":-0,"integral_double":3.0,"fraction":3.5,)"
               R"("exponent":1e3,"int_max":2147483647,"int_over":2147483648,"int_min":-2147483648,)"
               R"("int_under":-2147483649,"int64_max":9223372036854775807,"uint64":18446744073709551615,)"
               R"("huge":1e300,"tiny":1e-300,"integral_exponent":1e18,"integral_above_2_53":9007199254740994.0,)"
               R"("true":true,"false":false,"null":null,)"
               // (moc misreads a raw string holding \", so this line is an ordinary literal)
               "\"text\":\"caf\\u00e9 \\\"quoted\\\" \\\\ \\n\\t\\/ \\ud83d\\ude00\",\"empty\":\"\",\"number_text\":\"12\","
               R"("nul":"a\u0000b","object":{"id":"o1","n":5,"deeper":{"x":"y"}},"empty_object":{},)"
               R"("strings":["a","",null,7,{"k":1},["x"],"z"],"array":[1,2,3],"empty_array":[],)"
               R"("date":"2026-11-26T07:01:08.681+0000","bad_date":"yesterday",)"
               R"("duplicate":"first","duplicate":"last"})";
    }

    static JsonObjectView qtView()
    {
        return JsonObjectView(QJsonDocument::fromJson(frame()).object());
    }

private Q_SLOTS:
    void readersAgree_data()
    {
        QTest::addColumn<QString>("member");
        const QStringList members {
            u"int"_s, u"negative"_s, u"zero"_s, u"minus_zero"_s, u"integral_double"_s, u"fraction"_s,
            u"exponent"_s, u"int_max"_s, u"int_over"_s, u"int_min"_s, u"int_under"_s, u"int64_max"_s,
            u"uint64"_s, u"huge"_s, u"tiny"_s, u"integral_exponent"_s, u"integral_above_2_53"_s, u"true"_s, u"false"_s, u"null"_s, u"text"_s, u"empty"_s,
            u"number_text"_s, u"nul"_s, u"object"_s, u"empty_object"_s, u"strings"_s, u"array"_s,
            u"empty_array"_s, u"date"_s, u"bad_date"_s, u"duplicate"_s, u"absent"_s, u"type"_s,
        };
        for (const QString &member : members)
            QTest::newRow(qPrintable(member)) << member;
    }

    void readersAgree()
    {
        QFETCH(QString, member);
        const QByteArray latin1 = member.toLatin1();
        const QLatin1StringView name(latin1);

        AriEvent event;
        QString error;
        const quint64 readByQt = AriEvent::framesReadByQt();
        QVERIFY2(AriEvent::parse(frame(), &event, &error), qPrintable(error));
        QCOMPARE(AriEvent::framesReadByQt(), readByQt); // the tree's own reading, not Qt's
        const JsonObjectView tree = event.members();
        const JsonObjectView qt = qtView();

        QCOMPARE(tree.string(name), qt.string(name));
        QCOMPARE(tree.utf8(name), qt.utf8(name));
        QCOMPARE(tree.toInt(name), qt.toInt(name));
        QCOMPARE(tree.toInteger(name), qt.toInteger(name));
        QCOMPARE(tree.toBool(name), qt.toBool(name));
        QCOMPARE(tree.optionalInt(name), qt.optionalInt(name));
        QCOMPARE(tree.stringList(name), qt.stringList(name));
        QCOMPARE(tree.dateTime(name), qt.dateTime(name));
        QCOMPARE(tree.value(name), qt.value(name));
        // Equal values can still differ in kind (an integer and a double compare equal).
        QCOMPARE(tree.value(name).toVariant().typeId(), qt.value(name).toVariant().typeId());
        QCOMPARE(tree.object(name).toObject(), qt.object(name).toObject());
        QCOMPARE(tree.object(name).string("id"_L1), qt.object(name).string("id"_L1));
        QCOMPARE(tree.object(name).object("deeper"_L1).string("x"_L1),
                 qt.object(name).object("deeper"_L1).string("x"_L1));
    }

    void wholeObjectAgrees()
    {
        AriEvent event;
        QVERIFY(AriEvent::parse(frame(), &event, nullptr));
        QCOMPARE(event.members().toObject(), QJsonDocument::fromJson(frame()).object());
        QCOMPARE(event.raw(), QJsonDocument::fromJson(frame()).object());
        // Written out, the numbers too read alike (1e18 stays an integer, as Qt keeps it).
        QCOMPARE(QJsonDocument(event.raw()).toJson(), QJsonDocument::fromJson(frame()).toJson());
    }

    void someReadsSpelledOut()
    {
        // The agreement above could hold for two wrong readers: a few values written out.
        AriEvent event;
        QVERIFY(AriEvent::parse(frame(), &event, nullptr));
        const JsonObjectView tree = event.members();
        QCOMPARE(tree.toInt("int"_L1), 42);
        QCOMPARE(tree.toInt("integral_double"_L1), 3);
        QCOMPARE(tree.toInt("fraction"_L1), 0);
        QCOMPARE(tree.toInt("int_over"_L1), 0);
        QCOMPARE(tree.toInteger("int_over"_L1), 2147483648LL);
        QCOMPARE(tree.optionalInt("fraction"_L1), std::optional<int>(0));
        QCOMPARE(tree.optionalInt("text"_L1), std::nullopt);
        QCOMPARE(tree.string("text"_L1), u"café \"quoted\" \\ \n\t/ 😀"_s);
        QCOMPARE(tree.string("nul"_L1), QString(u"a\0b"_s));
        QCOMPARE(tree.string("nul"_L1).size(), 3);
        QCOMPARE(tree.string("int"_L1), QString());
        QCOMPARE(tree.string("duplicate"_L1), u"last"_s);
        QCOMPARE(tree.stringList("strings"_L1), (QStringList { u"a"_s, {}, {}, {}, {}, {}, u"z"_s }));
        QCOMPARE(tree.object("object"_L1).toInt("n"_L1), 5);
        QVERIFY(tree.object("text"_L1).toObject().isEmpty());
        QCOMPARE(tree.dateTime("date"_L1), QDateTime::fromString(u"2026-11-26T07:01:08.681Z"_s, Qt::ISODateWithMs));
        QVERIFY(!tree.dateTime("bad_date"_L1).isValid());
        QVERIFY(tree.value("absent"_L1).isUndefined());
    }

    void emptyViewReadsEmpty()
    {
        const JsonObjectView none;
        QVERIFY(none.string("x"_L1).isEmpty());
        QCOMPARE(none.toInt("x"_L1), 0);
        QVERIFY(none.toObject().isEmpty());
        QVERIFY(!JsonObjectView::ofTreeNode(nullptr).toBool("x"_L1));
        const AriEvent nothing;
        QVERIFY(nothing.members().toObject().isEmpty());
        QVERIFY(nothing.channelId().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestJsonObjectView)
#include "TestJsonObjectView.moc"

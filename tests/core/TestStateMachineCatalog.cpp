#include "core/apps/StateMachineCatalog.h"
#include "core/apps/VoicemailPlaybackApp.h"
#include "core/apps/VoicemailRecordApp.h"
#include "core/calls/CallEvents.h"

#include <QTest>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

QStringList edges(const CallStateTable &table)
{
    QStringList result;
    for (const CallStateTable::Transition &transition : table.transitions())
        result.append(transition.from + u" -" + transition.event + u"-> " + transition.to);
    std::sort(result.begin(), result.end());
    return result;
}

} // namespace

class TestStateMachineCatalog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void names();
    void vmRecordTable();
    void vmPlaybackTable();
    void everyLiveStateHangsUp_data();
    void everyLiveStateHangsUp();
    void dotOfEachApplication_data();
    void dotOfEachApplication();
    void unknownName();
};

void TestStateMachineCatalog::names()
{
    const QStringList names = StateMachineCatalog::names();
    QVERIFY(names.contains(u"vm-record"_s));
    QVERIFY(names.contains(u"vm-playback"_s));
    QCOMPARE(names.size(), int(QSet<QString>(names.cbegin(), names.cend()).size()));
}

void TestStateMachineCatalog::vmRecordTable()
{
    const CallStateTable table = VoicemailRecordApp::buildStateTable();
    QCOMPARE(table.name(), u"vm-record"_s);
    QCOMPARE(table.initialState(), u"greeting"_s);
    QCOMPARE(
        table.states(), (QStringList { u"greeting"_s, u"recording"_s, u"ending"_s, u"hung-up"_s, u"reviewing"_s }));
    QCOMPARE(edges(table),
        (QStringList {
            u"greeting -dtmf#-> recording"_s,
            u"greeting -hangup-> hung-up"_s,
            u"greeting -playbackFinished-> recording"_s,
            u"greeting -soundMissing-> ending"_s,
            u"recording -dtmf#-> reviewing"_s,
            u"recording -dtmf*-> recording"_s,
            u"recording -hangup-> hung-up"_s,
            u"recording -recordingFailed-> ending"_s,
            u"recording -recordingFinished-> reviewing"_s,
            u"reviewing -dtmf#-> ending"_s,
            u"reviewing -dtmf*-> recording"_s,
            u"reviewing -hangup-> hung-up"_s,
            u"reviewing -recordingMissing-> recording"_s,
        }));
    QVERIFY(table.isFinal(u"ending"_s));
    QVERIFY(table.isFinal(u"hung-up"_s));
}

void TestStateMachineCatalog::vmPlaybackTable()
{
    const CallStateTable table = VoicemailPlaybackApp::buildStateTable();
    QCOMPARE(table.name(), u"vm-playback"_s);
    QCOMPARE(table.initialState(), u"preamble"_s);
    QCOMPARE(edges(table),
        (QStringList {
            u"empty -hangup-> hung-up"_s,
            u"empty -playbackFinished-> ending"_s,
            u"empty -soundMissing-> ending"_s,
            u"listening -dtmf#-> ending"_s,
            u"listening -dtmf*-> preamble"_s,
            u"listening -dtmf4-> preamble"_s,
            u"listening -dtmf6-> preamble"_s,
            u"listening -hangup-> hung-up"_s,
            u"listening -messageGone-> preamble"_s,
            u"preamble -dtmf#-> listening"_s,
            u"preamble -hangup-> hung-up"_s,
            u"preamble -mailboxEmpty-> empty"_s,
            u"preamble -playbackFinished-> listening"_s,
            u"preamble -soundMissing-> ending"_s,
        }));
    QVERIFY(table.isFinal(u"ending"_s));
    QVERIFY(table.isFinal(u"hung-up"_s));
    QVERIFY(!table.isFinal(u"empty"_s));
}

void TestStateMachineCatalog::everyLiveStateHangsUp_data()
{
    QTest::addColumn<QString>("name");
    for (const QString &name : StateMachineCatalog::names())
        QTest::newRow(qPrintable(name)) << name;
}

void TestStateMachineCatalog::everyLiveStateHangsUp()
{
    // SPEC §4/§5: a hang-up is possible from every state; final states have no way out.
    QFETCH(QString, name);
    const std::optional<CallStateTable> table = StateMachineCatalog::table(name);
    QVERIFY(table);
    QVERIFY(table->hasState(table->initialState()));
    for (const QString &state : table->states()) {
        if (table->isFinal(state)) {
            QVERIFY2(table->events(state).isEmpty(), qPrintable(state));
            continue;
        }
        QVERIFY2(!table->next(state, CallEvents::hangup()).isEmpty(), qPrintable(state));
    }
}

void TestStateMachineCatalog::dotOfEachApplication_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("vm-record") << u"vm-record"_s
                               << QStringList { u"digraph \"vm-record\" {"_s, u"\"__start\" -> \"greeting\";"_s,
                                      u"\"greeting\" -> \"recording\" [label=\"dtmf#\"];"_s,
                                      u"\"recording\" -> \"recording\" [label=\"dtmf*\"];"_s,
                                      u"\"reviewing\" -> \"recording\" [label=\"dtmf*\"];"_s,
                                      u"\"reviewing\" -> \"ending\" [label=\"dtmf#\"];"_s,
                                      u"\"ending\" [peripheries=2];"_s, u"\"hung-up\" [peripheries=2];"_s };
    QTest::newRow("vm-playback") << u"vm-playback"_s
                                 << QStringList { u"digraph \"vm-playback\" {"_s, u"\"__start\" -> \"preamble\";"_s,
                                        u"\"preamble\" -> \"empty\" [label=\"mailboxEmpty\"];"_s,
                                        u"\"listening\" -> \"preamble\" [label=\"dtmf4\"];"_s,
                                        u"\"listening\" -> \"preamble\" [label=\"dtmf6\"];"_s,
                                        u"\"listening\" -> \"preamble\" [label=\"dtmf*\"];"_s,
                                        u"\"empty\" -> \"ending\" [label=\"playbackFinished\"];"_s };
}

void TestStateMachineCatalog::dotOfEachApplication()
{
    QFETCH(QString, name);
    QFETCH(QStringList, expected);
    const QString dot = stateMachineDot(name);
    QCOMPARE(dot, StateMachineCatalog::dot(name));
    QVERIFY(dot.endsWith(u"}\n"_s));
    for (const QString &line : expected)
        QVERIFY2(dot.contains(line), qPrintable(line));
    const std::optional<CallStateTable> table = StateMachineCatalog::table(name);
    QVERIFY(table);
    // One edge per transition plus the start arrow.
    QCOMPARE(int(dot.count(u" -> "_s)), int(table->transitions().size()) + 1);
}

void TestStateMachineCatalog::unknownName()
{
    QVERIFY(stateMachineDot(u"no-such-app"_s).isEmpty());
    QVERIFY(!StateMachineCatalog::table(u"no-such-app"_s));
}

QTEST_GUILESS_MAIN(TestStateMachineCatalog)
#include "TestStateMachineCatalog.moc"

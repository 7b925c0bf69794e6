// The voicemail recording application under load against the simulator: a hundred callers in
// the same steps at once, each through greeting, recording and reviewing to a stored message,
// nothing left behind. (A suite of its own: the longest of the recording application's cases runs
// beside the others.)

#include "support/AppTestBed.h"

#include "core/apps/StasisApplicationHost.h"
#include "core/voicemail/VoicemailStore.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr int s_timeout = 15000; // safety net for every wait (wall ms); never a measurement

const QString s_app = u"vm-record"_s;

} // namespace

// Waits until the channel records, and gives the name.
#define WAIT_RECORDING(bed, id, name)                                                                                  \
    QTRY_VERIFY_WITH_TIMEOUT(!((name) = (bed).liveRecordingOf(id)).isEmpty(), s_timeout)
#define WAIT_STATE(bed, id, expected)                                                                                  \
    QTRY_VERIFY2_WITH_TIMEOUT((bed).state(id) == (expected), qPrintable((bed).states(id).join(u" > ")), s_timeout)

class TestVoicemailLoad final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hundredConcurrentCallers();
};

void TestVoicemailLoad::hundredConcurrentCallers()
{
    constexpr int callers = 100;
    AppTestBed::Options options;
    options.record.maxDurationSeconds = 0; // however long the test takes, # ends the recordings
    AppTestBed bed(options);
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(bed.start());
    QStringList ids;
    for (int i = 0; i < callers; ++i) {
        const QString id = bed.placeCall(s_app, u"box%1"_s.arg(i % 10));
        QVERIFY(!id.isEmpty());
        ids.append(id);
    }
    QTRY_COMPARE_WITH_TIMEOUT(bed.liveCalls(), callers, s_timeout);
    // Every caller hears the greeting to its end, records, stops with #, accepts with #. (The
    // presses reach the callers one after the other, so no step depends on when a key lands.)
    for (const QString &id : std::as_const(ids)) {
        QString live;
        WAIT_RECORDING(bed, id, live);
    }
    for (const QString &id : std::as_const(ids))
        QVERIFY(bed.press(id, u"#"_s));
    for (const QString &id : std::as_const(ids))
        WAIT_STATE(bed, id, u"reviewing"_s);
    for (const QString &id : std::as_const(ids))
        QVERIFY(bed.press(id, u"#"_s));
    for (const QString &id : std::as_const(ids))
        QTRY_VERIFY_WITH_TIMEOUT(bed.hasEnded(id), s_timeout);
    QTRY_COMPARE_WITH_TIMEOUT(bed.liveCalls(), 0, s_timeout);
    QTRY_COMPARE_WITH_TIMEOUT(bed.subscriptionCount(), bed.baselineSubscriptions(), s_timeout);
    for (const QString &id : std::as_const(ids))
        QCOMPARE(bed.states(id), (QStringList { u"greeting"_s, u"recording"_s, u"reviewing"_s, u"ending"_s }));
    QCOMPARE(bed.stored().size(), callers);
    QTRY_COMPARE_WITH_TIMEOUT(bed.host()->voicemail()->totalCount(), callers, s_timeout);
    QCOMPARE(bed.liveChannels(), 0);
}

QTEST_GUILESS_MAIN(TestVoicemailLoad)
#include "TestVoicemailLoad.moc"

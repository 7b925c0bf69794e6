#include "support/AppTestBed.h"
#include "support/SoundsFixture.h"

#include "core/apps/StasisApplicationHost.h"
#include "core/ari/AriConnection.h"
#include "core/ari/AriEventStream.h"
#include "core/voicemail/VoicemailMetadata.h"
#include "core/voicemail/VoicemailStore.h"
#include "sim/engine/SimFaultPlan.h"
#include "sim/SimServer.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

constexpr int s_timeout = 15000; // safety net for every wait (wall ms); never a measurement

// The rows of the metadata file, read through a connection of its own.
QHash<QString, VoicemailMetadataRow> rowsIn(const QString &file)
{
    VoicemailMetadata reader;
    QString error;
    if (!reader.open(file, &error)) {
        qWarning().noquote() << error;
        return {};
    }
    return reader.readAll();
}

} // namespace

// SPEC VM-1 against the simulator: a message recorded by vm-record carries its caller's caller id,
// received time and duration, kept in the SQLite file across a restart of the service; the
// metadata follows Asterisk's stored recordings at start and after a reconnect.
class TestVoicemailMetadata final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recordedMessageKeepsItsCallerAcrossRestarts();
    void reconciledWithTheStoredRecordings();
};

void TestVoicemailMetadata::recordedMessageKeepsItsCallerAcrossRestarts()
{
    QTemporaryDir state;
    QVERIFY(state.isValid());
    AppTestBed::Options options;
    options.metadataFile = state.filePath(u"voicemail.sqlite"_s);
    AppTestBed bed(options);
    QVERIFY(bed.sounds().addStandardSet());
    QVERIFY(bed.start());

    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    const QString name = bed.leaveMessage(u"305"_s, uR"("Alice Example" <2001>)"_s);
    QVERIFY(!name.isEmpty());
    VoicemailStore *store = bed.host()->voicemail();
    QTRY_VERIFY_WITH_TIMEOUT(store->contains(name), s_timeout);
    VoicemailMessage message = *store->message(name);
    QCOMPARE(message.callerName, u"Alice Example"_s);
    QCOMPARE(message.callerNumber, u"2001"_s);
    QVERIFY(!message.heard);
    QVERIFY2(message.receivedMs >= before - 1000, qPrintable(QString::number(message.receivedMs - before)));
    QTRY_VERIFY_WITH_TIMEOUT(store->message(name)->durationSeconds.has_value(), s_timeout);
    QCOMPARE(store->newCount(u"305"_s), 1);
    QCOMPARE(store->oldCount(u"305"_s), 0);

    // In the file, as written when the message was stored.
    const QHash<QString, VoicemailMetadataRow> rows = rowsIn(options.metadataFile);
    QCOMPARE(rows.size(), 1);
    const VoicemailMetadataRow row = rows.value(name);
    QCOMPARE(row.callerName, u"Alice Example"_s);
    QCOMPARE(row.callerNumber, u"2001"_s);
    QCOMPARE(row.receivedMs, message.receivedMs);
    QCOMPARE(row.durationSeconds, store->message(name)->durationSeconds);
    QVERIFY(!row.heard);

    // A new service on the same file knows who called (the server has no idea).
    QVERIFY(bed.restartCore());
    store = bed.host()->voicemail();
    QVERIFY(store->contains(name));
    message = *store->message(name);
    QCOMPARE(message.callerName, u"Alice Example"_s);
    QCOMPARE(message.callerNumber, u"2001"_s);
    QCOMPARE(message.receivedMs, row.receivedMs);
    QCOMPARE(message.durationSeconds, row.durationSeconds);
}

void TestVoicemailMetadata::reconciledWithTheStoredRecordings()
{
    QTemporaryDir state;
    QVERIFY(state.isValid());
    AppTestBed::Options options;
    options.metadataFile = state.filePath(u"voicemail.sqlite"_s);
    AppTestBed bed(options);
    QVERIFY(bed.sounds().addStandardSet());
    // Stored before the service ever saw it: shown without caller id, and given a row.
    const QString foreign = u"voicemail/306/1796574506000"_s;
    QVERIFY(bed.storeMessage(foreign));
    QVERIFY(bed.start());
    VoicemailStore *store = bed.host()->voicemail();
    QVERIFY(store->contains(foreign));
    QVERIFY(store->message(foreign)->callerName.isEmpty());
    QVERIFY(store->message(foreign)->callerNumber.isEmpty());
    QCOMPARE(store->message(foreign)->receivedMs, 1796574506000);
    QVERIFY(rowsIn(options.metadataFile).contains(foreign));

    const QString recorded = bed.leaveMessage(u"305"_s, u"2002"_s);
    QVERIFY(!recorded.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(store->contains(recorded), s_timeout);
    QCOMPARE(store->message(recorded)->callerNumber, u"2002"_s);
    QCOMPARE(rowsIn(options.metadataFile).size(), 2);

    // Deleted behind the service's back; the next reconnect drops its metadata.
    QVERIFY(bed.deleteElsewhere(recorded));
    QVERIFY(store->contains(recorded)); // nobody said so yet
    QSignalSpy recovered(bed.host(), &StasisApplicationHost::recovered);
    bed.sim()->faults()->dropEventSocketsNow();
    QTRY_VERIFY_WITH_TIMEOUT(!recovered.isEmpty() && recovered.constLast().constFirst().toBool(), s_timeout);
    QTRY_VERIFY_WITH_TIMEOUT(!store->contains(recorded), s_timeout);
    QVERIFY(!store->metadataOf(recorded));
    QHash<QString, VoicemailMetadataRow> rows = rowsIn(options.metadataFile);
    QCOMPARE(rows.keys(), QStringList { foreign });

    // Deleted while the service was away: dropped at start.
    QVERIFY(bed.deleteElsewhere(foreign));
    QVERIFY(bed.restartCore());
    QVERIFY(!bed.host()->voicemail()->contains(foreign));
    QVERIFY(rowsIn(options.metadataFile).isEmpty());
}

QTEST_GUILESS_MAIN(TestVoicemailMetadata)
#include "TestVoicemailMetadata.moc"

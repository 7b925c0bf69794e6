// A recording larger than what a desk may leave unread (`[service] desk_queue_kib`, 4 MiB by
// default) saved through the service (SPEC SV-2, RB-3): the file's frames pass the limit like the
// snapshot does, so the desk is not dropped in the middle of it and the file arrives whole.
#include "support/ServiceRig.h"
#include "support/SimFixture.h"

#include "core/models/MailboxesModel.h"
#include "core/service/RemoteSupervisor.h"
#include "core/service/SupervisorService.h"
#include "core/supervisor/SupervisorBackend.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestServiceFileSave final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recordingLargerThanTheDeskQueueArrivesWhole();
};

void TestServiceFileSave::recordingLargerThanTheDeskQueueArrivesWhole()
{
    const QString name = u"voicemail/305/1411503204"_s;
    constexpr int ms = 600000; // 10 minutes of 8 kHz 16-bit audio: 44 + 9,600,000 bytes
    SimFixture sim(20.0);
    QVERIFY(sim.addMessage(name, ms));
    QVERIFY(sim.start());
    ServiceRig rig(&sim);
    QVERIFY(rig.start());
    QTRY_COMPARE(rig.backend()->mailboxes()->messageCount(), 1);
    auto desk = rig.attach(u"watcher"_s, u"look"_s);
    QTRY_COMPARE(desk->state(), RemoteSupervisor::State::Attached);
    QSignalSpy finished(desk.get(), &SupervisorAccess::operationFinished);
    QTemporaryDir directory;
    const QString path = directory.filePath(u"message.wav"_s);
    desk->saveRecording(name, path);
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
    QVERIFY2(finished.at(0).at(2).toBool(), qPrintable(finished.at(0).at(3).toString()));
    QCOMPARE(QFileInfo(path).size(), 44 + qint64(ms) * 16);
    QVERIFY(44 + qint64(ms) * 16 > 4 * 1024 * 1024);
    QCOMPARE(desk->attachCount(), 1); // never dropped and re-attached
    QCOMPARE(rig.service()->attachedDesks(), 1);
}

QTEST_MAIN(TestServiceFileSave)
#include "TestServiceFileSave.moc"

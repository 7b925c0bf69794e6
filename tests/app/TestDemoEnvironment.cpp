#include "app/DemoEnvironment.h"

#include "core/config/SupervisorSettings.h"
#include "core/models/MailboxesModel.h"
#include "core/supervisor/SupervisorBackend.h"
#include "core/supervisor/SupervisorOptions.h"

#include <QSet>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

// The demo's mailboxes (SPEC SV-7, VM-1): the messages it seeds come with who left them, so a new
// user sees callers, not "unknown caller", and new and old messages, as the window shows them.
class TestDemoEnvironment final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void seededMessagesShowTheirCallers();
};

void TestDemoEnvironment::seededMessagesShowTheirCallers()
{
    DemoEnvironment demo(20.0);
    QString error;
    QVERIFY2(demo.start(&error), qPrintable(error));
    // What --demo does with the settings.
    SupervisorSettings settings;
    settings.setServer(demo.ariUrl(), demo.user(), demo.password());
    settings.setStateDir(demo.stateDir());
    SupervisorOptions options;
    options.clockRate = demo.speed();
    SupervisorBackend backend(settings, options);
    backend.open();

    const MailboxesModel *model = backend.mailboxes();
    QTRY_COMPARE(model->messageCount(), 10);
    QSet<QString> callers;
    int heard = 0;
    for (int box = 0; box < model->rowCount(); ++box) {
        const QModelIndex mailbox = model->index(box, 0);
        for (int row = 0; row < model->rowCount(mailbox); ++row) {
            const QModelIndex message = model->index(row, MailboxesModel::CallerColumn, mailbox);
            const QString caller = message.data().toString();
            QVERIFY2(!caller.isEmpty() && caller != u"unknown caller"_s,
                qPrintable(message.data(MailboxesModel::RecordingNameRole).toString()));
            callers.insert(caller);
            heard += message.data(MailboxesModel::HeardRole).toBool() ? 1 : 0;
        }
    }
    QCOMPARE(callers.size(), 10); // ten different people
    QVERIFY(callers.contains(u"Margaret Collins (2014)"_s)); // a colleague: name and extension
    QVERIFY(callers.contains(u"+44 20 7946 0321"_s)); // an outside caller: the number alone
    QCOMPARE(heard, 3);
    QCOMPARE(model->mailboxIndex(u"305"_s, MailboxesModel::CallerColumn).data().toString(), u"2 new, 2 old"_s);
    QCOMPARE(model->mailboxIndex(u"100"_s, MailboxesModel::CallerColumn).data().toString(), u"2 new, 1 old"_s);
    QCOMPARE(model->mailboxIndex(u"30"_s, MailboxesModel::CallerColumn).data().toString(), u"2 new, 0 old"_s);
    QCOMPARE(model->mailboxIndex(u"101"_s, MailboxesModel::CallerColumn).data().toString(), u"1 new, 0 old"_s);
}

QTEST_GUILESS_MAIN(TestDemoEnvironment)
#include "TestDemoEnvironment.moc"

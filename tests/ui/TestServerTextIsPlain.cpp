#include "support/SimFixture.h"

#include "core/models/ConnectionStatus.h"
#include "core/supervisor/SupervisorBackend.h"
#include "core/supervisor/SupervisorOptions.h"
#include "core/voicemail/ListenStatus.h"
#include "ui/ConnectionStatusBar.h"
#include "ui/ListenPanel.h"
#include "ui/MailboxesView.h"

#include <QLabel>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// Text a hostile server (or caller) could send: markup that would hide, restyle or link if read
// as rich text.
const QString s_markup = u"<b>bold</b><img src=\"file:///etc/passwd\"><a href=\"http://example.invalid\">x</a>"_s;

} // namespace

// Labels that show server-supplied text show it as plain text (SPEC RB-3): every character is
// drawn, nothing is interpreted as markup.
class TestServerTextIsPlain final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void connectionStatusBar();
    void mailboxesViewMessage();
    void listenPanelStatus();

private:
    // The label shows `text` character for character: plain format, and as wide as the plain text.
    static void verifyShownVerbatim(QLabel *label, const QString &text);
};

void TestServerTextIsPlain::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestServerTextIsPlain::verifyShownVerbatim(QLabel *label, const QString &text)
{
    QVERIFY(label);
    QVERIFY2(label->text().contains(text), qPrintable(label->text()));
    QCOMPARE(label->textFormat(), Qt::PlainText);
    // Read as markup, the tags would take no room: drawn as text, they do.
    label->setWordWrap(false);
    QVERIFY(label->sizeHint().width() >= label->fontMetrics().horizontalAdvance(text));
}

void TestServerTextIsPlain::connectionStatusBar()
{
    ConnectionStatus status;
    status.setServer(u"http://127.0.0.1:8088/"_s + s_markup);
    status.setAsteriskVersion(s_markup);
    status.setLastError(s_markup);
    ConnectionStatusBar bar(&status);
    verifyShownVerbatim(bar.findChild<QLabel *>(u"asteriskVersion"_s), s_markup);
    verifyShownVerbatim(bar.findChild<QLabel *>(u"connectionServer"_s), s_markup);
    verifyShownVerbatim(bar.findChild<QLabel *>(u"connectionError"_s), s_markup);
}

void TestServerTextIsPlain::mailboxesViewMessage()
{
    SimFixture sim;
    QVERIFY(sim.start());
    std::unique_ptr<SupervisorBackend> backend = sim.makeBackend(u"PJSIP/1001"_s, SupervisorOptions());
    QVERIFY(backend);
    MailboxesView view(backend.get());
    // The server's answer to a failed save, as the core reports it.
    Q_EMIT backend->operationFinished(u"save"_s, u"voicemail/305/1"_s, false, s_markup);
    verifyShownVerbatim(view.findChild<QLabel *>(u"mailboxesMessage"_s), s_markup);
}

void TestServerTextIsPlain::listenPanelStatus()
{
    SimFixture sim;
    QVERIFY(sim.start());
    std::unique_ptr<SupervisorBackend> backend = sim.makeBackend(u"PJSIP/1001"_s, SupervisorOptions());
    QVERIFY(backend);
    ListenPanel panel(backend.get());
    ListenStatus status;
    status.state = ListenStatus::State::Failed;
    status.endpoint = u"PJSIP/1001"_s;
    status.error = s_markup; // e.g. the reason of a failed originate, from the server
    Q_EMIT backend->listenStatusChanged(status);
    verifyShownVerbatim(panel.findChild<QLabel *>(u"listenStatus"_s), s_markup);
}

QTEST_MAIN(TestServerTextIsPlain)
#include "TestServerTextIsPlain.moc"

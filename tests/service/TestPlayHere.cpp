// SPEC VM-4 (Play here) and VM-2 (heard): the window plays a voicemail message on this
// computer's audio output with the controls of listening on a phone, driven here with real mouse
// clicks on a desk attached to the service (as in the demo) and once all-in-one. The output is one
// that consumes the samples at the real rate and discards them; positions are what it consumed.
// Played past heard_percent (80 %) or to its end, the message is heard: on the service, on the
// desk, and on the phone's lamp (the simulator's /mailboxes). A viewer's desk plays but marks
// nothing. A file that is not 16-bit PCM WAV, and a missing audio device, are clear errors.
#include "support/DiscardingAudioOutput.h"
#include "support/ServiceRig.h"
#include "support/SimFixture.h"

#include "core/models/MailboxesFilterModel.h"
#include "core/models/MailboxesModel.h"
#include "core/service/RemoteSupervisor.h"
#include "core/service/SupervisorService.h"
#include "core/supervisor/SupervisorBackend.h"
#include "core/supervisor/SupervisorOptions.h"
#include "ui/MailboxesView.h"
#include "ui/MessagePlayer.h"
#include "ui/PlayHerePanel.h"
#include "ui/SpeakerAudioOutput.h"

#include <QElapsedTimer>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QToolButton>
#include <QTreeView>
#include <QtEndian>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

const QString s_long = u"voicemail/305/1796574506000"_s; // 12 s, alone in mailbox 305
const QString s_short = u"voicemail/42/1796574507000"_s; // 1.5 s
const QString s_garbage = u"voicemail/77/1796574508000"_s; // a .wav that is no WAV
const QString s_mulaw = u"voicemail/77/1796574509000"_s; // a µ-law WAV
constexpr qint64 s_longMs = 12000;

using State = MessagePlayer::State;

// A WAV file whose samples are µ-law (format 7, 8 bits), as Asterisk writes for wav49's cousins.
QByteArray muLawWav(int ms)
{
    QByteArray file = SimFixture::wavFile(ms);
    qToLittleEndian<quint16>(7, file.data() + 20); // format tag
    qToLittleEndian<quint32>(8000, file.data() + 28); // byte rate
    qToLittleEndian<quint16>(1, file.data() + 32); // block align
    qToLittleEndian<quint16>(8, file.data() + 34); // bits per sample
    return file;
}

} // namespace

class TestPlayHere final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void controlsFollowWhatWasPlayed();
    void viewerPlaysWithoutMarkingHeard();
    void unplayableFileIsRefusedClearly_data();
    void unplayableFileIsRefusedClearly();
    void missingAudioDeviceIsReportedClearly();
    void allInOnePlaysFromAsterisk();

private:
    void openView(SupervisorAccess *access);
    void selectMessage(const QString &recordingName);
    void click(QAbstractButton *button);
    DiscardingAudioOutput *output() const;
    bool lampIs(const QString &mailbox, int newMessages, int oldMessages);
    static bool heardIn(const SupervisorAccess &access, const QString &recordingName);
    static bool passedThrough(const QSignalSpy &states, State state);

    std::unique_ptr<SimFixture> m_sim;
    std::unique_ptr<ServiceRig> m_rig;
    std::unique_ptr<SupervisorAccess> m_access;
    std::unique_ptr<MailboxesView> m_view;
    MessagePlayer *m_player = nullptr;
    PlayHerePanel *m_panel = nullptr;
};

void TestPlayHere::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setApplicationName(u"TestPlayHere"_s);
}

void TestPlayHere::init()
{
    m_sim = std::make_unique<SimFixture>(20.0);
    QVERIFY(m_sim->addMessage(s_long, static_cast<int>(s_longMs)));
    QVERIFY(m_sim->addMessage(s_short, 1500));
    QVERIFY(m_sim->addRecordingFile(s_garbage, u"wav"_s, QByteArray("this is not a sound file at all")));
    QVERIFY(m_sim->addRecordingFile(s_mulaw, u"wav"_s, muLawWav(2000)));
    QVERIFY(m_sim->start());
}

void TestPlayHere::cleanup()
{
    m_view.reset();
    m_access.reset();
    m_rig.reset();
    m_sim.reset();
}

void TestPlayHere::openView(SupervisorAccess *access)
{
    m_view = std::make_unique<MailboxesView>(access);
    m_view->resize(1000, 700);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    QTRY_COMPARE(access->mailboxes()->messageCount(), 4);
    m_panel = m_view->playHerePanel();
    m_player = m_panel->player();
    m_player->setOutputFactory([] { return std::make_unique<DiscardingAudioOutput>(); });
    QVERIFY(!m_panel->isVisible()); // until something plays
}

void TestPlayHere::selectMessage(const QString &recordingName)
{
    QTreeView *tree = m_view->tree();
    const QModelIndex index = m_view->filter()->mapFromSource(m_access->mailboxes()->messageIndex(recordingName));
    QVERIFY(index.isValid());
    tree->expand(index.parent());
    tree->scrollTo(index);
    QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(index).center());
    QCOMPARE(m_view->selectedRecording(), recordingName);
}

void TestPlayHere::click(QAbstractButton *button)
{
    QVERIFY(button->isVisible());
    QVERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
}

DiscardingAudioOutput *TestPlayHere::output() const
{
    return qobject_cast<DiscardingAudioOutput *>(m_player->output());
}

bool TestPlayHere::lampIs(const QString &mailbox, int newMessages, int oldMessages)
{
    int status = 0;
    const QJsonObject lamp = m_sim->request("GET", u"/ari/mailboxes/"_s + mailbox, {}, &status).toObject();
    return status == 200 && lamp.value("new_messages"_L1).toInt(-1) == newMessages
        && lamp.value("old_messages"_L1).toInt(-1) == oldMessages;
}

bool TestPlayHere::heardIn(const SupervisorAccess &access, const QString &recordingName)
{
    return access.mailboxes()->messageIndex(recordingName).data(MailboxesModel::HeardRole).toBool();
}

// Whether the player went through `state`: a state that lasts less than a busy machine may take
// between two looks is recorded as it happens rather than sampled.
bool TestPlayHere::passedThrough(const QSignalSpy &states, State state)
{
    return std::any_of(states.cbegin(), states.cend(),
        [state](const QList<QVariant> &arguments) { return arguments.at(0).value<State>() == state; });
}

void TestPlayHere::controlsFollowWhatWasPlayed()
{
    m_rig = std::make_unique<ServiceRig>(m_sim.get());
    QVERIFY(m_rig->start());
    auto desk = m_rig->attach();
    RemoteSupervisor *remote = desk.get();
    m_access = std::move(desk);
    remote->open();
    QTRY_COMPARE(remote->state(), RemoteSupervisor::State::Attached);
    QCOMPARE(m_access->heardPercent(), 80); // the service's, from its welcome
    openView(m_access.get());
    QTRY_VERIFY(lampIs(u"305@default"_s, 1, 0));

    selectMessage(s_long);
    auto *playHere = m_view->findChild<QPushButton *>(u"playHereButton"_s);
    QSignalSpy states(m_player, &MessagePlayer::stateChanged);
    click(playHere);
    QTRY_VERIFY(passedThrough(states, State::Playing));
    QCOMPARE(m_player->state(), State::Playing); // (12 s: no machine is that slow to look)
    QVERIFY(m_panel->isVisible());
    QCOMPARE(m_player->recordingName(), s_long);
    QCOMPARE(m_player->durationMs(), s_longMs);
    QVERIFY(output());
    QCOMPARE(output()->sampleRate(), 8000);
    QCOMPARE(output()->channels(), 1);
    QVERIFY(m_panel->controls().back->isEnabled());
    QVERIFY(m_panel->controls().forward->isEnabled());
    QVERIFY(m_panel->controls().pause->isEnabled());
    QCOMPARE(m_panel->controls().status->text(), s_long + u" on this computer: playing"_s);

    // The position is what the output consumed, and the progress bar shows it.
    QTRY_VERIFY(m_player->positionMs() >= 600);
    QCOMPARE(m_player->positionMs(), output()->processedUs() / 1000);
    QTRY_VERIFY(m_panel->controls().progress->value() >= 50);
    QVERIFY(m_panel->controls().progress->text().endsWith(u" / 0:12"_s));

    // Pause: the output is suspended and nothing more is consumed; Resume goes on.
    click(m_panel->controls().pause);
    QCOMPARE(m_player->state(), State::Paused);
    QVERIFY(output()->isSuspended());
    QCOMPARE(m_panel->controls().pause->text(), u"Resume"_s);
    QVERIFY(!m_panel->controls().forward->isEnabled());
    QVERIFY(!m_panel->controls().back->isEnabled());
    const qint64 pausedAt = m_player->positionMs();
    const qint64 consumed = output()->consumedBytes();
    QTest::qWait(300); // (nothing may move meanwhile)
    QCOMPARE(output()->consumedBytes(), consumed);
    QCOMPARE(m_player->positionMs(), pausedAt);
    click(m_panel->controls().pause);
    QCOMPARE(m_player->state(), State::Playing);
    QVERIFY(output()->isRunning());
    QCOMPARE(m_panel->controls().pause->text(), u"Pause"_s);
    QTRY_VERIFY(m_player->positionMs() > pausedAt);

    // Forward and back move by the service's skip_ms (5 s here), the phone's own; the output starts
    // again from there. From the start,
    // so that one skip stays short of the heard share however long this machine took so far.
    // (The output may consume a little between the reading and the click: at most the time that
    // passed, which bounds the position from above.)
    const qint64 skip = m_rig->backend()->skipMs();
    QCOMPARE(m_access->skipMs(), skip); // the desk's, from the service's welcome
    QElapsedTimer clicking;
    click(m_panel->controls().restart);
    clicking.start();
    const qint64 beforeForward = m_player->positionMs();
    click(m_panel->controls().forward);
    const qint64 afterForward = m_player->positionMs();
    QVERIFY2(afterForward >= beforeForward + skip - 1 && afterForward <= beforeForward + skip + 1 + clicking.elapsed(),
        qPrintable(u"%1 → %2"_s.arg(beforeForward).arg(afterForward)));
    QVERIFY2(afterForward < s_longMs * 80 / 100, qPrintable(QString::number(afterForward))); // not yet heard
    clicking.restart();
    const qint64 beforeBack = m_player->positionMs();
    click(m_panel->controls().back);
    const qint64 afterBack = m_player->positionMs();
    QVERIFY2(afterBack >= beforeBack - skip - 1 && afterBack <= beforeBack - skip + 1 + clicking.elapsed(),
        qPrintable(u"%1 → %2"_s.arg(beforeBack).arg(afterBack)));
    click(m_panel->controls().restart);
    QVERIFY(m_player->positionMs() < 500);
    QCOMPARE(m_player->state(), State::Playing);
    // Nothing so far counts as heard.
    QVERIFY(!heardIn(*m_rig->backend(), s_long));
    QVERIFY(!heardIn(*m_access, s_long));

    // Past 80 % (two skips from the start: 10 s of 12) the message is heard: on the service,
    // which stores it and turns the lamp off, and on this desk.
    click(m_panel->controls().forward);
    click(m_panel->controls().forward);
    QVERIFY(m_player->positionMs() >= 10000);
    QTRY_VERIFY(heardIn(*m_rig->backend(), s_long));
    QTRY_VERIFY(heardIn(*m_access, s_long));
    QVERIFY(!m_access->mailboxes()->messageIndex(s_long).data(MailboxesModel::IsNewRole).toBool()); // not bold
    QTRY_VERIFY(lampIs(u"305@default"_s, 0, 1));

    // To the end: finished, the bar full; Restart would play it again, Stop hides the panel.
    QTRY_COMPARE(m_player->state(), State::Finished);
    QCOMPARE(m_player->positionMs(), s_longMs);
    QCOMPARE(m_panel->controls().progress->value(), 1000);
    QCOMPARE(m_panel->controls().progress->text(), u"0:12 / 0:12"_s);
    QVERIFY(!m_panel->controls().pause->isEnabled());
    QVERIFY(m_panel->controls().restart->isEnabled());
    click(m_panel->controls().stop);
    QCOMPARE(m_player->state(), State::Idle);
    QVERIFY(!m_panel->isVisible());
    QVERIFY(!m_player->output());
}

void TestPlayHere::viewerPlaysWithoutMarkingHeard()
{
    m_rig = std::make_unique<ServiceRig>(m_sim.get());
    QVERIFY(m_rig->start());
    QSignalSpy refused(m_rig->service(), &SupervisorService::actionRefused);
    auto desk = m_rig->attach(u"watcher"_s, u"look"_s);
    RemoteSupervisor *remote = desk.get();
    m_access = std::move(desk);
    remote->open();
    QTRY_COMPARE(remote->state(), RemoteSupervisor::State::Attached);
    QVERIFY(!m_access->canAct());
    openView(m_access.get());

    selectMessage(s_short);
    QVERIFY(!m_view->findChild<QPushButton *>(u"listenButton"_s)->isEnabled()); // a phone call is an action
    QSignalSpy states(m_player, &MessagePlayer::stateChanged);
    click(m_view->findChild<QPushButton *>(u"playHereButton"_s)); // playing here is not
    // 1.5 s: a loaded machine may look only once it is over, so what it went through is recorded.
    QTRY_COMPARE(m_player->state(), State::Finished);
    QVERIFY(passedThrough(states, State::Playing));
    QCOMPARE(m_player->positionMs(), qint64(1500));
    // Played to its end, yet still new: a viewer's desk changes nothing, and asked nothing.
    QVERIFY(!heardIn(*m_rig->backend(), s_short));
    QVERIFY(!heardIn(*m_access, s_short));
    QVERIFY(lampIs(u"42@default"_s, 1, 0));
    QCOMPARE(refused.size(), 0);
}

void TestPlayHere::unplayableFileIsRefusedClearly_data()
{
    QTest::addColumn<QString>("recording");
    QTest::addColumn<QString>("reason");
    QTest::newRow("not a WAV file") << s_garbage << u"not a WAV file (no RIFF/WAVE header)"_s;
    QTest::newRow("µ-law WAV") << s_mulaw << u"it is \u00b5-law audio, not PCM"_s;
}

void TestPlayHere::unplayableFileIsRefusedClearly()
{
    QFETCH(QString, recording);
    QFETCH(QString, reason);
    m_rig = std::make_unique<ServiceRig>(m_sim.get());
    QVERIFY(m_rig->start());
    m_access = m_rig->attach();
    m_access->open();
    openView(m_access.get());

    selectMessage(recording);
    QTest::ignoreMessage(QtWarningMsg,
        QRegularExpression(u"^Cannot play "_s + QRegularExpression::escape(recording + u" here: "_s + reason)));
    click(m_view->findChild<QPushButton *>(u"playHereButton"_s));
    QTRY_COMPARE(m_player->state(), State::Failed);
    const QString text = m_panel->controls().status->text();
    QVERIFY2(text.startsWith(u"Cannot play "_s + recording + u" here: "_s + reason), qPrintable(text));
    QVERIFY2(text.contains(u"Only 16-bit PCM WAV plays here"_s), qPrintable(text));
    QVERIFY(m_panel->isVisible());
    QVERIFY(!m_player->output()); // nothing was started
    QVERIFY(!m_panel->controls().pause->isEnabled());
    QVERIFY(!m_panel->controls().restart->isEnabled());
    click(m_panel->controls().stop);
    QVERIFY(!m_panel->isVisible());
}

void TestPlayHere::missingAudioDeviceIsReportedClearly()
{
    m_rig = std::make_unique<ServiceRig>(m_sim.get());
    QVERIFY(m_rig->start());
    m_access = m_rig->attach();
    m_access->open();
    openView(m_access.get());
    // The real output, on a device that is not there (what a machine without sound has).
    m_player->setOutputFactory([] { return std::make_unique<SpeakerAudioOutput>("no-such-device"); });

    selectMessage(s_short);
    QTest::ignoreMessage(QtWarningMsg, "the audio output no-such-device is not there");
    QTest::ignoreMessage(
        QtWarningMsg, qPrintable(u"Cannot play %1 here: the audio output no-such-device is not there."_s.arg(s_short)));
    click(m_view->findChild<QPushButton *>(u"playHereButton"_s));
    QTRY_COMPARE(m_player->state(), State::Failed);
    QCOMPARE(m_panel->controls().status->text(),
        u"Cannot play %1 here: the audio output no-such-device is not there."_s.arg(s_short));
    QVERIFY(m_panel->controls().restart->isEnabled()); // the file is fine: trying again makes sense
    QVERIFY(!heardIn(*m_rig->backend(), s_short));
}

void TestPlayHere::allInOnePlaysFromAsterisk()
{
    SupervisorOptions options;
    options.clockRate = m_sim->speed();
    std::unique_ptr<SupervisorBackend> backend = m_sim->makeBackend(u"PJSIP/1001"_s, options);
    QVERIFY(backend);
    SupervisorBackend *local = backend.get();
    m_access = std::move(backend);
    QCOMPARE(m_access->heardPercent(), 80);
    openView(m_access.get());

    selectMessage(s_long);
    QSignalSpy states(m_player, &MessagePlayer::stateChanged);
    click(m_view->findChild<QPushButton *>(u"playHereButton"_s));
    QTRY_VERIFY(passedThrough(states, State::Playing));
    QCOMPARE(m_player->state(), State::Playing);
    QCOMPARE(m_player->durationMs(), s_longMs);
    // From the start, two skips reach 10 s of 12 whenever this machine got here.
    click(m_panel->controls().restart);
    click(m_panel->controls().forward);
    click(m_panel->controls().forward);
    QTRY_VERIFY(heardIn(*local, s_long));
    QTRY_VERIFY(lampIs(u"305@default"_s, 0, 1));
    click(m_panel->controls().stop);
    QCOMPARE(m_player->state(), State::Idle);
}

QTEST_MAIN(TestPlayHere)
#include "TestPlayHere.moc"

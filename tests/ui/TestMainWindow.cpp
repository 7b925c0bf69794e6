#include "support/SimFixture.h"

#include "core/models/CallsModel.h"
#include "core/models/ConnectionStatus.h"
#include "core/models/EventLogFilterModel.h"
#include "core/models/EventLogModel.h"
#include "core/models/MailboxesFilterModel.h"
#include "core/models/MailboxesModel.h"
#include "core/models/PlaybacksModel.h"
#include "core/supervisor/SupervisorBackend.h"
#include "core/supervisor/SupervisorOptions.h"
#include "ui/EventLogView.h"
#include "ui/ListenPanel.h"
#include "ui/MailboxesView.h"
#include "ui/MainWindow.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QGroupBox>
#include <QHeaderView>
#include <QHelpEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QToolButton>
#include <QToolTip>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace {

const QString s_first = u"voicemail/305/1411503204"_s; // 20 s
const QString s_second = u"voicemail/305/1411503300"_s; // 12 s
const QString s_other = u"voicemail/30/1411503100"_s; // 3 s
const QString s_endpoint = u"PJSIP/1001"_s;

} // namespace

// The window against the simulator: real buttons are clicked and their effect is read from the
// simulator's control API and ARI.
class TestMainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void connectionStatusIsShown();
    void everyInteractiveWidgetIsNamed();
    void mailboxesAndButtonStates();
    void listenPauseResumeForward();
    void listenStopHangsUp();
    void listenToABusyPhone();
    void deleteAsksFirst();
    void saveDownloadsTheFile();
    void callsAndEventLog();
    void geometryIsRemembered();
    void mnemonicsAreUniqueOnEveryTab();
    void smallWindowKeepsEveryColumnInSight();
    void countsFollowTheFilter();
    void alertsInTheTitleAndBanner();

private:
    QTreeView *tree() const;
    MailboxesView *mailboxesView() const;
    void selectMessage(const QString &recordingName);
    void clickRow(const QModelIndex &index);
    template <typename T> T *child(const QString &name) const;

    std::unique_ptr<SimFixture> m_sim;
    std::unique_ptr<SupervisorBackend> m_backend;
    std::unique_ptr<MainWindow> m_window;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"ari-supervisor-tests"_s);
    QCoreApplication::setApplicationName(u"TestMainWindow"_s);
}

void TestMainWindow::init()
{
    QSettings().clear();
    // At 10× a late timer of the simulator (a loaded machine) costs little simulated time.
    m_sim = std::make_unique<SimFixture>(10.0);
    QVERIFY(m_sim->addMessage(s_first, 20000));
    QVERIFY(m_sim->addMessage(s_second, 12000));
    QVERIFY(m_sim->addMessage(s_other, 3000));
    QVERIFY(m_sim->start());
    // The supervisor's phone answers (other technologies than Local exist once configured).
    QVERIFY(m_sim->setEndpointBehaviour(u"PJSIP"_s, u"1001"_s, u"answer"_s));
    SupervisorOptions options;
    options.clockRate = m_sim->speed();
    options.eventLogBatchMs = 10;
    m_backend = m_sim->makeBackend(s_endpoint, options);
    QVERIFY(m_backend);
    m_window = std::make_unique<MainWindow>(m_backend.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_COMPARE(m_backend->connectionStatus()->state(), ConnectionStatus::State::Connected);
    QTRY_COMPARE(m_backend->mailboxes()->messageCount(), 3);
    // The core runs on its own thread (SPEC AR-7): the models here are fed through queued signals.
    QVERIFY(m_backend->coreThread() != QThread::currentThread());
    QVERIFY(m_backend->coreThread()->isRunning());
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    m_backend.reset();
    m_sim.reset();
}

template <typename T> T *TestMainWindow::child(const QString &name) const
{
    T *found = m_window->findChild<T *>(name);
    if (!found)
        qWarning().noquote() << "no child" << name;
    return found;
}

QTreeView *TestMainWindow::tree() const
{
    return child<QTreeView>(u"mailboxesTree"_s);
}

MailboxesView *TestMainWindow::mailboxesView() const
{
    return child<MailboxesView>(u"mailboxesView"_s);
}

void TestMainWindow::selectMessage(const QString &recordingName)
{
    MailboxesView *view = mailboxesView();
    const QModelIndex source = m_backend->mailboxes()->messageIndex(recordingName);
    QVERIFY(source.isValid());
    const QModelIndex index = view->filter()->mapFromSource(source);
    tree()->expand(index.parent());
    clickRow(index);
    QCOMPARE(view->selectedRecording(), recordingName);
}

void TestMainWindow::clickRow(const QModelIndex &index)
{
    // With the mouse, as a user does: the view's current index changes before its selection.
    tree()->scrollTo(index);
    QTest::mouseClick(tree()->viewport(), Qt::LeftButton, {}, tree()->visualRect(index).center());
}

void TestMainWindow::connectionStatusIsShown()
{
    QLabel *state = child<QLabel>(u"connectionState"_s);
    QLabel *server = child<QLabel>(u"connectionServer"_s);
    QLabel *version = child<QLabel>(u"asteriskVersion"_s);
    QVERIFY(state && server && version);
    QVERIFY(state->text().contains(u"connected"_s));
    QCOMPARE(server->text(), m_sim->ariUrl());
    const QString expectedVersion
        = m_sim->request("GET", u"/ari/asterisk/info"_s).toObject()[u"system"_s][u"version"_s].toString();
    QVERIFY(!expectedVersion.isEmpty());
    QTRY_COMPARE(version->text(), expectedVersion);
    // The status strip is outside the tabs: visible whichever view is shown.
    for (int tab = 0; tab < 5; ++tab) {
        m_window->showTab(static_cast<MainWindow::Tab>(tab));
        QVERIFY(state->isVisible());
    }
    QVERIFY(!m_window->windowTitle().contains(u"asterisk:asterisk"_s));
    QVERIFY(!server->text().contains(u"asterisk@"_s));
    QVERIFY(!m_window->windowIcon().isNull());
}

void TestMainWindow::everyInteractiveWidgetIsNamed()
{
    const QList<QWidget *> widgets = m_window->findChildren<QWidget *>();
    int interactive = 0;
    for (QWidget *widget : widgets) {
        const bool isInteractive = qobject_cast<QAbstractButton *>(widget) || qobject_cast<QLineEdit *>(widget)
            || qobject_cast<QComboBox *>(widget) || qobject_cast<QAbstractItemView *>(widget);
        // Qt's own parts (tab bar scroll buttons, line edit clear buttons, header views) are not ours.
        if (!isInteractive || widget->objectName().startsWith(u"qt_"_s) || widget->inherits("QHeaderView")
            || widget->parent()->inherits("QTabBar") || widget->parent()->inherits("QLineEdit")
            || widget->parent()->inherits("QComboBox") || widget->parent()->inherits("QAbstractItemView")
            || widget->inherits("QComboBoxListView"))
            continue;
        ++interactive;
        QVERIFY2(!widget->objectName().isEmpty(), widget->metaObject()->className());
        QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(widget->objectName()));
    }
    QVERIFY(interactive >= 15);
    // Shortcuts of the common actions.
    QCOMPARE(child<QPushButton>(u"listenButton"_s)->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_L));
    QCOMPARE(child<QPushButton>(u"deleteButton"_s)->shortcut(), QKeySequence(QKeySequence::Delete));
    QCOMPARE(child<QToolButton>(u"listenPause"_s)->defaultAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_Space));
    // Ctrl+5 shows the event log.
    QTest::keyClick(m_window.get(), Qt::Key_5, Qt::ControlModifier);
    QCOMPARE(child<QTabWidget>(u"tabs"_s)->currentWidget()->objectName(), u"eventLogView"_s);
}

void TestMainWindow::mailboxesAndButtonStates()
{
    m_window->showTab(MainWindow::Tab::Mailboxes);
    QTreeView *view = tree();
    QCOMPARE(view->model()->rowCount(), 2);
    QCOMPARE(view->model()->index(0, 0).data().toString(), u"30"_s);
    QCOMPARE(view->model()->index(1, 0).data().toString(), u"305"_s);
    auto *listen = child<QPushButton>(u"listenButton"_s);
    auto *save = child<QPushButton>(u"saveButton"_s);
    auto *remove = child<QPushButton>(u"deleteButton"_s);
    QVERIFY(!listen->isEnabled() && !save->isEnabled() && !remove->isEnabled());
    clickRow(view->model()->index(1, 0)); // a mailbox, not a message
    QVERIFY(!listen->isEnabled() && !save->isEnabled() && !remove->isEnabled());
    // One click on a message enables its three actions at once.
    selectMessage(s_second);
    QVERIFY(listen->isEnabled() && save->isEnabled() && remove->isEnabled());
    // Back to the mailbox: off again.
    clickRow(view->model()->index(1, 0));
    QVERIFY(!listen->isEnabled() && !save->isEnabled() && !remove->isEnabled());
    selectMessage(s_second);
    // The length of the selected message is read from its file.
    QTRY_COMPARE(m_backend->mailboxes()
                     ->messageIndex(s_second, MailboxesModel::DurationColumn)
                     .data(MailboxesModel::DurationMsRole)
                     .toLongLong(),
        12000);
    // Listening controls are off while nothing plays.
    for (const QString &name :
        { u"listenPause"_s, u"listenBack"_s, u"listenForward"_s, u"listenRestart"_s, u"listenStop"_s })
        QVERIFY2(!child<QToolButton>(name)->isEnabled(), qPrintable(name));
    // Filtering by mailbox.
    auto *filter = child<QLineEdit>(u"mailboxFilter"_s);
    QTest::keyClicks(filter, u"305"_s);
    QCOMPARE(view->model()->rowCount(), 1);
    QCOMPARE(view->model()->index(0, 0).data().toString(), u"305"_s);
    filter->clear();
    QCOMPARE(view->model()->rowCount(), 2);
}

void TestMainWindow::listenPauseResumeForward()
{
    m_window->showTab(MainWindow::Tab::Mailboxes);
    selectMessage(s_first);
    QTest::mouseClick(child<QPushButton>(u"listenButton"_s), Qt::LeftButton);

    // A call to the supervisor's phone, answered, playing the message.
    QTRY_COMPARE(m_backend->listenStatus().state, ListenStatus::State::Playing);
    const QString channelId = m_backend->listenStatus().channelId;
    QCOMPARE(m_sim->channelsNamed(s_endpoint).size(), 1);
    QCOMPARE(m_sim->channelsNamed(s_endpoint).at(0)[u"id"_s].toString(), channelId);
    QJsonArray playing = m_sim->playbacks();
    QCOMPARE(playing.size(), 1);
    QCOMPARE(playing.at(0)[u"media_uri"_s].toString(), u"recording:"_s + s_first);
    QCOMPARE(playing.at(0)[u"target_uri"_s].toString(), u"channel:"_s + channelId);
    auto *pause = child<QToolButton>(u"listenPause"_s);
    QVERIFY(pause->isEnabled());
    QVERIFY(child<QToolButton>(u"listenForward"_s)->isEnabled());

    // Pause: the simulator's playback is paused; the button offers Resume.
    QTest::mouseClick(pause, Qt::LeftButton);
    QTRY_COMPARE(m_sim->playbacks().at(0)[u"state"_s].toString(), u"paused"_s);
    QCOMPARE(pause->defaultAction()->text(), u"Resume"_s);
    QVERIFY(!child<QToolButton>(u"listenForward"_s)->isEnabled());
    // The estimate stands still while paused.
    auto *progress = child<QProgressBar>(u"listenProgress"_s);
    QTRY_COMPARE(m_backend->listenStatus().playback.running, false);
    const qint64 pausedAt = m_backend->listenStatus().playback.positionAt(m_backend->now());
    QCOMPARE(m_backend->listenStatus().playback.positionAt(m_backend->now() + 5000), pausedAt);
    // SPEC VM-2: paused early, the message is still new.
    QVERIFY(pausedAt < 16000);
    QVERIFY(m_backend->mailboxes()->messageIndex(s_first).data(MailboxesModel::IsNewRole).toBool());

    // Resume, then skip forward once: the message plays 5 s less than its 20 s.
    QTest::mouseClick(pause, Qt::LeftButton);
    QTRY_COMPARE(m_sim->playbacks().at(0)[u"state"_s].toString(), u"playing"_s);
    QTRY_VERIFY(child<QToolButton>(u"listenForward"_s)->isEnabled());
    QTest::mouseClick(child<QToolButton>(u"listenForward"_s), Qt::LeftButton);
    QTRY_VERIFY(m_backend->listenStatus().playback.positionAt(m_backend->now()) >= 5000);
    // The Playbacks view shows it with a known length.
    const int row = m_backend->playbacks()->rowOf(m_backend->listenStatus().playback.id);
    QVERIFY(row >= 0);
    QCOMPARE(m_backend->playbacks()->index(row, 0).data(PlaybacksModel::DurationMsRole).toLongLong(), 20000);
    QVERIFY(progress->value() > 0);

    QTRY_COMPARE_WITH_TIMEOUT(m_backend->listenStatus().state, ListenStatus::State::Finished, 10000);
    QCOMPARE(progress->value(), 1000);
    // Played to its end: heard (SPEC VM-2).
    QTRY_VERIFY(m_backend->mailboxes()->messageIndex(s_first).data(MailboxesModel::HeardRole).toBool());
    const QJsonArray heard = m_sim->heard(channelId);
    QCOMPARE(heard.size(), 1);
    QCOMPARE(heard.at(0)[u"end"_s].toString(), u"finished"_s);
    const qint64 heardMs = heard.at(0)[u"heardMs"_s].toInteger();
    // 20 s less the 5 s skipped, in simulated ms. The end comes when the simulator's timer fires,
    // a little late on a busy machine (×10 in simulated time): never earlier than 15 s, and one
    // skip is worth 5 s, so anything under 17.5 s shows exactly one skip took effect.
    QVERIFY2(heardMs >= 15000 - 20 && heardMs < 17500, qPrintable(QString::number(heardMs)));
    // Finished: the call stays up, Restart plays again.
    QVERIFY(child<QToolButton>(u"listenRestart"_s)->isEnabled());
    QVERIFY(!pause->isEnabled());
    QTest::mouseClick(child<QToolButton>(u"listenRestart"_s), Qt::LeftButton);
    QTRY_COMPARE(m_backend->listenStatus().state, ListenStatus::State::Playing);
    QTRY_COMPARE(m_sim->heard(channelId).size(), 2);
}

void TestMainWindow::listenStopHangsUp()
{
    m_window->showTab(MainWindow::Tab::Mailboxes);
    selectMessage(s_other);
    QTest::mouseClick(child<QPushButton>(u"listenButton"_s), Qt::LeftButton);
    QTRY_COMPARE(m_backend->listenStatus().state, ListenStatus::State::Playing);
    const QString channelId = m_backend->listenStatus().channelId;
    // The listening call is one of the live calls.
    QTRY_VERIFY(m_backend->calls()->rowOf(channelId) >= 0);
    QTest::mouseClick(child<QToolButton>(u"listenStop"_s), Qt::LeftButton);
    QTRY_COMPARE(m_sim->channelsNamed(s_endpoint).size(), 0);
    QCOMPARE(m_backend->listenStatus().state, ListenStatus::State::Idle);
    QTRY_COMPARE(m_backend->calls()->rowOf(channelId), -1);
    QTRY_COMPARE(m_backend->playbacks()->rowCount(), 0);
    QVERIFY(!child<QToolButton>(u"listenStop"_s)->isEnabled());
}

void TestMainWindow::listenToABusyPhone()
{
    QVERIFY(m_sim->setEndpointBehaviour(u"PJSIP"_s, u"1001"_s, u"busy"_s));
    m_window->showTab(MainWindow::Tab::Mailboxes);
    selectMessage(s_other);
    QTest::mouseClick(child<QPushButton>(u"listenButton"_s), Qt::LeftButton);
    QTRY_COMPARE(m_backend->listenStatus().state, ListenStatus::State::Failed);
    QTRY_VERIFY(child<QLabel>(u"listenStatus"_s)->text().contains(u"busy"_s));
    QVERIFY(!m_backend->listenStatus().hasCall());
    QCOMPARE(m_sim->playbacks().size(), 0);
    // Listen is still offered: the phone may be free next time.
    QVERIFY(child<QPushButton>(u"listenButton"_s)->isEnabled());
}

void TestMainWindow::deleteAsksFirst()
{
    m_window->showTab(MainWindow::Tab::Mailboxes);
    selectMessage(s_first);
    auto *remove = child<QPushButton>(u"deleteButton"_s);

    // Cancel: nothing happens.
    QTest::mouseClick(remove, Qt::LeftButton);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(u"deleteConfirmation"_s)) && box->isVisible());
    QTest::mouseClick(box->findChild<QPushButton *>(u"cancelDelete"_s), Qt::LeftButton);
    QTRY_VERIFY(!m_window->findChild<QMessageBox *>(u"deleteConfirmation"_s));
    QVERIFY(m_sim->storedRecordings().contains(s_first));
    QCOMPARE(m_backend->mailboxes()->messageCount(), 3);

    // Confirm: the recording is deleted on the server and leaves the tree.
    QTest::mouseClick(remove, Qt::LeftButton);
    QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(u"deleteConfirmation"_s)) && box->isVisible());
    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmDelete"_s), Qt::LeftButton);
    QTRY_VERIFY(!m_sim->storedRecordings().contains(s_first));
    QTRY_COMPARE(m_backend->mailboxes()->messageCount(), 2);
    QVERIFY(!m_backend->mailboxes()->messageIndex(s_first).isValid());
    QVERIFY(m_sim->storedRecordings().contains(s_second));
    QTRY_VERIFY(child<QLabel>(u"mailboxesMessage"_s)->text().contains(u"Deleted"_s));
    // The deleted message is no longer selected, and no other message is selected in its place.
    QCOMPARE(mailboxesView()->selectedRecording(), QString());
    QVERIFY(!tree()->currentIndex().isValid());
    QVERIFY(!remove->isEnabled());
    QVERIFY(!child<QPushButton>(u"listenButton"_s)->isEnabled());
}

void TestMainWindow::saveDownloadsTheFile()
{
    m_window->showTab(MainWindow::Tab::Mailboxes);
    selectMessage(s_other);
    QTest::mouseClick(child<QPushButton>(u"saveButton"_s), Qt::LeftButton);
    QFileDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<QFileDialog *>(u"saveDialog"_s)) && dialog->isVisible());
    QTemporaryDir target;
    QVERIFY(target.isValid());
    const QString path = target.filePath(u"saved.wav"_s);
    // Type the name and press the dialog's Save button, as a user would.
    auto *name = dialog->findChild<QLineEdit *>(u"fileNameEdit"_s);
    QVERIFY(name);
    name->setText(path);
    QTest::keyClick(name, Qt::Key_Return);
    QTRY_VERIFY(QFile::exists(path));
    QTRY_VERIFY(child<QLabel>(u"mailboxesMessage"_s)->text().contains(u"Saved"_s));
    QFile saved(path);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    const QByteArray bytes = saved.readAll();
    QVERIFY(bytes.startsWith("RIFF"));
    QCOMPARE(bytes.size(), 44 + 3000 * 16); // the 3 s message as stored
}

void TestMainWindow::callsAndEventLog()
{
    // A caller leaves a message: the call shows with its state; the new message appears.
    const QJsonObject caller = m_sim->placeCall(u"vm-record"_s, { u"42"_s });
    const QString channelId = caller[u"id"_s].toString();
    QVERIFY(!channelId.isEmpty());
    QTRY_VERIFY(m_backend->calls()->rowOf(channelId) >= 0);
    const int row = m_backend->calls()->rowOf(channelId);
    QCOMPARE(m_backend->calls()->index(row, CallsModel::ApplicationColumn).data(CallsModel::ApplicationRole).toString(),
        u"vm-record"_s);
    QTRY_VERIFY(!m_backend->calls()
                     ->index(m_backend->calls()->rowOf(channelId), CallsModel::StateColumn)
                     .data(CallsModel::StateRole)
                     .toString()
                     .isEmpty());
    const QString name = m_backend->calls()->partyName(channelId);
    QVERIFY(!name.isEmpty() && name != channelId);
    QVERIFY(m_sim->hangup(channelId));
    QTRY_COMPARE(m_backend->calls()->rowOf(channelId), -1);

    // The event log has the call's lines; the filter narrows them.
    m_window->showTab(MainWindow::Tab::EventLog);
    auto *view = child<EventLogView>(u"eventLogView"_s);
    QTRY_VERIFY(view->filter()->rowCount() > 0);
    // The call's lines name it as the calls view does (SPEC UX-2), not by its channel id.
    auto *text = child<QLineEdit>(u"eventLogFilterText"_s);
    QTest::keyClicks(text, name);
    QTRY_VERIFY(view->filter()->rowCount() > 0);
    for (int r = 0; r < view->filter()->rowCount(); ++r) {
        const QModelIndex index = view->filter()->index(r, EventLogModel::TextColumn);
        QVERIFY(index.data().toString().contains(name)
            || index.siblingAtColumn(EventLogModel::CategoryColumn).data().toString().contains(name));
    }
    text->clear();
    auto *level = child<QComboBox>(u"eventLogLevel"_s);
    level->setCurrentIndex(level->findData(int(EventLogEntry::Level::Error)));
    for (int r = 0; r < view->filter()->rowCount(); ++r)
        QCOMPARE(view->filter()->index(r, 0).data(EventLogModel::LevelRole).toInt(), int(EventLogEntry::Level::Error));
}

void TestMainWindow::geometryIsRemembered()
{
    m_window->resize(900, 640);
    m_window->showTab(MainWindow::Tab::Calls);
    m_window->close();
    m_window = std::make_unique<MainWindow>(m_backend.get());
    QCOMPARE(m_window->size(), QSize(900, 640));
    QCOMPARE(child<QTabWidget>(u"tabs"_s)->currentWidget()->objectName(), u"callsView"_s);
}

namespace {

// The letter after a single '&' ("E&xit" → 'x'), lower case; a null QChar when none.
QChar mnemonicOf(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != u'&')
            continue;
        if (text.at(i + 1) == u'&') {
            ++i; // "&&" is a literal ampersand
            continue;
        }
        return text.at(i + 1).toLower();
    }
    return {};
}

} // namespace

void TestMainWindow::mnemonicsAreUniqueOnEveryTab()
{
    auto *tabs = child<QTabWidget>(u"tabs"_s);
    QVERIFY(tabs);
    for (int tab = 0; tab < tabs->count(); ++tab) {
        tabs->setCurrentIndex(tab);
        QCoreApplication::processEvents();
        // Every Alt+letter live on this tab, with who owns it.
        QMultiHash<QChar, QString> owners;
        const auto add = [&owners](const QString &text, const QString &owner) {
            const QChar key = mnemonicOf(text);
            if (!key.isNull())
                owners.insert(key, owner + u" \""_s + text + u'"');
        };
        for (QAction *menu : m_window->menuBar()->actions())
            add(menu->text(), u"menu"_s);
        for (QTabBar *bar : m_window->findChildren<QTabBar *>()) {
            if (!bar->isVisible())
                continue;
            for (int i = 0; i < bar->count(); ++i)
                add(bar->tabText(i), u"tab"_s);
        }
        for (QWidget *widget : m_window->findChildren<QWidget *>()) {
            if (!widget->isVisible())
                continue;
            if (auto *button = qobject_cast<QAbstractButton *>(widget))
                add(button->text(), button->objectName());
            else if (auto *label = qobject_cast<QLabel *>(widget); label && label->buddy())
                add(label->text(), u"label"_s);
            else if (auto *box = qobject_cast<QGroupBox *>(widget))
                add(box->title(), u"group"_s);
        }
        QVERIFY2(owners.size() >= 7, qPrintable(QString::number(owners.size()))); // tabs and menus at least
        const QList<QChar> keys = owners.uniqueKeys();
        for (QChar key : keys) {
            const QStringList who = owners.values(key);
            QVERIFY2(who.size() == 1, qPrintable(u"Alt+%1 on tab %2: %3"_s.arg(key).arg(tab).arg(who.join(u", "_s))));
        }
    }
}

void TestMainWindow::smallWindowKeepsEveryColumnInSight()
{
    // A caller id far longer than its column: elided, the whole of it in the tooltip.
    const QString longName = u"0044207946000012345678901234567890123456789"_s;
    const QString channelId = m_sim->placeCall(u"vm-record"_s, { u"42"_s }, longName)[u"id"_s].toString();
    QVERIFY(!channelId.isEmpty());
    QTRY_VERIFY(m_backend->calls()->rowOf(channelId) >= 0);

    m_window->resize(800, 600);
    auto *tabs = child<QTabWidget>(u"tabs"_s);
    for (int tab = 0; tab < tabs->count(); ++tab) {
        tabs->setCurrentIndex(tab);
        QCoreApplication::processEvents();
        QVERIFY(m_window->width() <= 800 && m_window->height() <= 600);
        for (QAbstractItemView *view : tabs->currentWidget()->findChildren<QAbstractItemView *>()) {
            if (!view->isVisible() || view->inherits("QHeaderView"))
                continue;
            QHeaderView *header = nullptr;
            if (auto *table = qobject_cast<QTableView *>(view))
                header = table->horizontalHeader();
            else if (auto *tree = qobject_cast<QTreeView *>(view))
                header = tree->header();
            QVERIFY(header);
            const QString name = view->objectName();
            // Every column in sight at once: no horizontal scrolling, none squeezed to nothing.
            QVERIFY2(header->length() <= view->viewport()->width(),
                qPrintable(u"%1: %2 > %3"_s.arg(name).arg(header->length()).arg(view->viewport()->width())));
            for (int column = 0; column < header->count(); ++column) {
                if (header->isSectionHidden(column))
                    continue;
                QVERIFY2(header->sectionSize(column) >= view->fontMetrics().horizontalAdvance(u"000"_s),
                    qPrintable(u"%1 column %2: %3 px"_s.arg(name).arg(column).arg(header->sectionSize(column))));
            }
            // Sortable, except the event log, which stays in the order things happened.
            auto *table = qobject_cast<QTableView *>(view);
            auto *tree = qobject_cast<QTreeView *>(view);
            if (name != u"eventLogTable")
                QVERIFY2(table ? table->isSortingEnabled() : tree->isSortingEnabled(), qPrintable(name));
        }
    }

    // The caller's column of the calls table cannot hold the long name: the tooltip shows it whole.
    m_window->showTab(MainWindow::Tab::Calls);
    auto *calls = child<QTableView>(u"callsTable"_s);
    QModelIndex cell;
    for (int row = 0; row < calls->model()->rowCount(); ++row) {
        for (int column = 0; column < calls->model()->columnCount(); ++column) {
            if (calls->model()->index(row, column).data().toString().contains(longName))
                cell = calls->model()->index(row, column);
        }
    }
    QVERIFY(cell.isValid());
    QVERIFY(calls->visualRect(cell).width() < calls->fontMetrics().horizontalAdvance(longName));
    const QPoint at = calls->visualRect(cell).center();
    QHelpEvent help(QEvent::ToolTip, at, calls->viewport()->mapToGlobal(at));
    QCoreApplication::sendEvent(calls->viewport(), &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY2(QToolTip::text().contains(longName.toHtmlEscaped()), qPrintable(QToolTip::text()));
    QToolTip::hideText();
    QVERIFY(m_sim->hangup(channelId));
}

void TestMainWindow::countsFollowTheFilter()
{
    m_window->showTab(MainWindow::Tab::Mailboxes);
    auto *summary = child<QLabel>(u"mailboxesSummary"_s);
    auto *filter = child<QLineEdit>(u"mailboxFilter"_s);
    QCOMPARE(summary->text(), u"2 mailboxes, 3 messages"_s);
    QTest::keyClicks(filter, u"305"_s);
    QCOMPARE(summary->text(), u"1 mailbox shown, 2 messages"_s);
    // A delete while filtered: the figures follow at once.
    selectMessage(s_first);
    QTest::mouseClick(child<QPushButton>(u"deleteButton"_s), Qt::LeftButton);
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(u"deleteConfirmation"_s)) && box->isVisible());
    QTest::mouseClick(box->findChild<QPushButton *>(u"confirmDelete"_s), Qt::LeftButton);
    QTRY_COMPARE(summary->text(), u"1 mailbox shown, 1 message"_s);
    // Nothing matches: the summary says so.
    filter->clear();
    QTest::keyClicks(filter, u"999"_s);
    QCOMPARE(tree()->model()->rowCount(), 0);
    QVERIFY2(summary->text().startsWith(u"No mailbox matches \u201c999\u201d"_s), qPrintable(summary->text()));
    filter->clear();
    QCOMPARE(summary->text(), u"2 mailboxes, 2 messages"_s);

    // Calls: two callers, one matched by the filter.
    const QString first = m_sim->placeCall(u"vm-record"_s, { u"42"_s }, u"5550001"_s)[u"id"_s].toString();
    const QString second = m_sim->placeCall(u"vm-record"_s, { u"43"_s }, u"5550002"_s)[u"id"_s].toString();
    QTRY_VERIFY(m_backend->calls()->rowOf(first) >= 0 && m_backend->calls()->rowOf(second) >= 0);
    m_window->showTab(MainWindow::Tab::Calls);
    auto *count = child<QLabel>(u"callsCount"_s);
    auto *callsFilter = child<QLineEdit>(u"callsFilter"_s);
    QTRY_COMPARE(count->text(), u"2 live calls"_s);
    QTest::keyClicks(callsFilter, u"5550002"_s);
    QCOMPARE(count->text(), u"1 of 2 live calls"_s);
    QVERIFY(m_sim->hangup(second));
    QTRY_COMPARE(count->text(), u"No call matches \u201c5550002\u201d (1 live call)"_s);
    callsFilter->clear();
    QCOMPARE(count->text(), u"1 live call"_s);
    QVERIFY(m_sim->hangup(first));
    QTRY_COMPARE(count->text(), u"0 live calls"_s);

    // The event log's count, and its word for a filter that hides everything.
    m_window->showTab(MainWindow::Tab::EventLog);
    auto *lines = child<QLabel>(u"eventLogCount"_s);
    QTRY_VERIFY(!lines->text().startsWith(u"0 "_s));
    QTest::keyClicks(child<QLineEdit>(u"eventLogFilterText"_s), u"no line says this"_s);
    QVERIFY2(lines->text().startsWith(u"No line matches the filter"_s), qPrintable(lines->text()));
}

void TestMainWindow::alertsInTheTitleAndBanner()
{
    auto *banner = child<QLabel>(u"staleDataBanner"_s);
    QVERIFY(banner);
    QVERIFY(!banner->isVisible());
    // The three messages there before are new (nobody has heard them, SPEC VM-5); nobody waits.
    QTRY_COMPARE(m_window->newVoicemails(), 3);
    QCOMPARE(m_window->windowTitle(), u"3 new voicemails \u2014 ARI Supervisor"_s);
    // Heard, one is no longer new.
    m_backend->markHeard(s_other);
    QTRY_COMPARE(m_window->windowTitle(), u"2 new voicemails \u2014 ARI Supervisor"_s);

    // A caller waits in the queue (no agent).
    const QString waiting = m_sim->placeCall(u"queue"_s, { u"caller"_s })[u"id"_s].toString();
    QTRY_COMPARE(m_window->windowTitle(), u"1 caller waiting, 2 new voicemails \u2014 ARI Supervisor"_s);

    // A caller leaves a message in mailbox 42: skip the greeting, talk, stop, accept.
    const QString caller = m_sim->placeCall(u"vm-record"_s, { u"42"_s })[u"id"_s].toString();
    const auto recording = [this] { return !m_sim->state().value(u"liveRecordings"_s).toArray().isEmpty(); };
    QTRY_VERIFY(m_backend->calls()->rowOf(caller) >= 0);
    QVERIFY(m_sim->pressDtmf(caller, u"#"_s));
    QTRY_VERIFY_WITH_TIMEOUT(recording(), 10000);
    QUrlQuery talk;
    talk.addQueryItem(u"ms"_s, u"1500"_s);
    int status = 0;
    m_sim->request("POST", u"/sim/calls/"_s + caller + u"/talk"_s, talk, &status);
    QCOMPARE(status, 204);
    QTest::qWait(200); // 2 s of simulated time at 10x
    QVERIFY(m_sim->pressDtmf(caller, u"#"_s));
    QTRY_VERIFY_WITH_TIMEOUT(!recording(), 10000);
    QVERIFY(m_sim->pressDtmf(caller, u"#"_s));
    QTRY_COMPARE_WITH_TIMEOUT(m_backend->mailboxes()->messageCount(), 4, 10000);
    QTRY_COMPARE(m_window->newVoicemails(), 3);
    QCOMPARE(m_window->windowTitle(), u"1 caller waiting, 3 new voicemails \u2014 ARI Supervisor"_s);
    QVERIFY(m_sim->hangup(waiting));
    QTRY_COMPARE(m_window->windowTitle(), u"3 new voicemails \u2014 ARI Supervisor"_s);

    // Not connected: the banner says the data may be stale.
    m_backend->close();
    QTRY_VERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(u"may be stale"_s), qPrintable(banner->text()));
}

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"

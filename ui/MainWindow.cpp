#include "ui/MainWindow.h"

#include "core/config/ConnectionProfileStore.h"
#include "core/config/WaitThresholds.h"
#include "core/models/CallCentreSummary.h"
#include "core/models/ConnectionStatus.h"
#include "core/supervisor/SupervisorAccess.h"
#include "ui/CallCentreFigures.h"
#include "ui/CallsView.h"
#include "ui/ConnectionStatusBar.h"
#include "ui/CountText.h"
#include "ui/DesktopAlerts.h"
#include "ui/EventLogView.h"
#include "ui/MailboxesView.h"
#include "ui/PlaybacksView.h"
#include "ui/QueuesView.h"
#include "ui/SettingsDialog.h"

#include <algorithm>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QIcon>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QSettings>
#include <QShortcut>
#include <QStackedWidget>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

// Resources of a static library are registered by hand, outside any namespace.
static void initSupervisorResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace {

constexpr QLatin1StringView s_settingsGroup("mainWindow");

} // namespace

MainWindow::MainWindow(SupervisorAccess *backend, QWidget *parent)
    : QMainWindow(parent)
    , m_backend(backend)
{
    initSupervisorResources();
    setObjectName(u"mainWindow"_s);
    m_titleBase = tr("ARI Supervisor");
    setWindowTitle(m_titleBase);
    setWindowIcon(QIcon(u":/icons/ari-supervisor.svg"_s));

    m_pages = new QStackedWidget(this);
    m_pages->setObjectName(u"pages"_s);
    auto *central = new QWidget(m_pages);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 4);
    m_statusBar = new ConnectionStatusBar(m_backend->connectionStatus(), central);
    layout->addWidget(m_statusBar);
    // One banner for stale data, whatever the cause (SPEC UX-5, SV-5), over the window and the
    // wallboard alike.
    auto *frame = new QWidget(this);
    m_banner = new QLabel(frame);
    m_banner->setObjectName(u"staleDataBanner"_s);
    m_banner->setAccessibleName(tr("Connection warning"));
    m_banner->setTextFormat(Qt::PlainText);
    m_banner->setAlignment(Qt::AlignCenter);
    m_banner->setWordWrap(true);
    m_banner->setStyleSheet(u"background: #fff3cd; color: #5d4200; padding: 4px; font-weight: bold;"_s);
    m_banner->hide();
    layout->addWidget(new CallCentreFigures(m_backend->summary(), CallCentreFigures::Style::Header, central));

    m_tabs = new QTabWidget(central);
    m_tabs->setObjectName(u"tabs"_s);
    m_tabs->setAccessibleName(tr("Views"));
    m_tabs->setDocumentMode(true);
    layout->addWidget(m_tabs, 1);
    m_pages->addWidget(central);
    m_wallboard = new CallCentreFigures(m_backend->summary(), CallCentreFigures::Style::Wallboard, m_pages);
    m_pages->addWidget(m_wallboard);
    auto *frameLayout = new QVBoxLayout(frame);
    frameLayout->setContentsMargins(0, 0, 0, 0);
    frameLayout->setSpacing(0);
    frameLayout->addWidget(m_banner);
    frameLayout->addWidget(m_pages, 1);
    setCentralWidget(frame);

    m_tabs->addTab(new MailboxesView(m_backend, m_tabs), tr("&Mailboxes"));
    // Mnemonics: the tab bar's are live on every tab, so no view uses M, Y, Q, C, G, F or V.
    m_tabs->addTab(new PlaybacksView(m_backend->playbacks(), m_tabs), tr("Pla&ybacks"));
    m_tabs->addTab(new QueuesView(m_backend, m_tabs), tr("&Queues"));
    m_tabs->addTab(new CallsView(m_backend->calls(), m_tabs), tr("&Calls"));
    m_tabs->addTab(new EventLogView(m_backend->eventLog(), m_tabs), tr("Event lo&g"));

    // Ctrl+1 … Ctrl+5 switch views; F11 shows the wallboard; Ctrl+, opens the settings; Ctrl+Q quits.
    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->setObjectName(u"viewMenu"_s);
    for (int i = 0; i < m_tabs->count(); ++i) {
        QAction *action = viewMenu->addAction(m_tabs->tabText(i).remove(u'&'));
        action->setObjectName(u"showTab%1"_s.arg(i + 1));
        action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
        connect(action, &QAction::triggered, m_tabs, [this, i] { m_tabs->setCurrentIndex(i); });
    }
    viewMenu->addSeparator();
    QAction *wallboard = viewMenu->addAction(tr("&Wallboard"));
    wallboard->setObjectName(u"showWallboard"_s);
    wallboard->setShortcut(QKeySequence(Qt::Key_F11));
    // The shortcut must work with the menu bar hidden (on the wallboard) too.
    wallboard->setShortcutContext(Qt::ApplicationShortcut);
    addAction(wallboard);
    connect(wallboard, &QAction::triggered, this, [this] {
        if (isWallboardShown())
            leaveWallboard();
        else
            showWallboard();
    });
    auto *leave = new QShortcut(QKeySequence(Qt::Key_Escape), m_wallboard);
    leave->setObjectName(u"leaveWallboard"_s);
    leave->setContext(Qt::WindowShortcut);
    connect(leave, &QShortcut::activated, this, &MainWindow::leaveWallboard);
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->setObjectName(u"fileMenu"_s);
    QAction *settingsAction = fileMenu->addAction(tr("&Settings…"));
    settingsAction->setObjectName(u"settingsAction"_s);
    settingsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    connect(settingsAction, &QAction::triggered, this, [this] {
        QSettings settings;
        ConnectionProfileStore store(&settings, ConnectionProfileStore::defaultPasswordDirectory());
        SettingsDialog dialog(&store, this);
        connect(&dialog, &SettingsDialog::thresholdsSaved, this, &MainWindow::applyThresholds);
        dialog.exec();
    });
    QAction *quit = fileMenu->addAction(tr("&Quit"));
    quit->setObjectName(u"quitAction"_s);
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);
    menuBar()->insertMenu(viewMenu->menuAction(), fileMenu);

    // Alerts: the title (and tray) count waiting callers and new voicemails (not heard yet, every
    // mailbox's "N new" summed, as the wallboard's figure); the banner.
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(windowIcon(), this);
        m_tray->setObjectName(u"trayIcon"_s);
        connect(m_tray, &QSystemTrayIcon::activated, this, [this] {
            showNormal();
            raise();
            activateWindow();
        });
        m_tray->show();
    }
    m_alerts = new DesktopAlerts(
        m_backend,
        [this](const QString &title, const QString &message) {
            if (m_tray)
                m_tray->showMessage(title, message, QSystemTrayIcon::Information, 10000);
        },
        this);
    m_staleTimer.setSingleShot(true);
    connect(&m_staleTimer, &QTimer::timeout, this, &MainWindow::updateBanner);
    ConnectionStatus *status = m_backend->connectionStatus();
    connect(status, &ConnectionStatus::changed, this, &MainWindow::updateBanner);
    connect(m_backend->summary(), &CallCentreSummary::changed, this, &MainWindow::updateTitle);
    updateBanner();
    updateTitle();
    connect(m_backend, &SupervisorAccess::accessChanged, this, &MainWindow::showAvailability);
    showAvailability();

    QSettings settings;
    applyThresholds(WaitThresholds::load(settings));

    resize(1100, 700);
    restoreWindowState();
}

void MainWindow::applyThresholds(const WaitThresholds &thresholds)
{
    m_backend->summary()->setWaitThresholds(
        static_cast<qint64>(thresholds.warningSeconds) * 1000, static_cast<qint64>(thresholds.alertSeconds) * 1000);
    m_backend->summary()->setAbandonedThresholds(thresholds.abandonedWarningPercent, thresholds.abandonedAlertPercent);
}

void MainWindow::setStaleAfterMs(int ms)
{
    m_staleAfterMs = std::max(0, ms);
    updateBanner();
}

void MainWindow::updateBanner()
{
    // The most relevant reason: a desk away from its service knows nothing of Asterisk either.
    QString reason;
    const ConnectionStatus *status = m_backend->connectionStatus();
    if (!m_backend->isAvailable())
        reason = m_backend->availabilityText();
    else if (status->state() != ConnectionStatus::State::Connected)
        reason = tr("Not connected to Asterisk (%1)").arg(status->stateText());
    if (reason.isEmpty()) {
        m_staleSince = {};
        m_staleTimer.stop();
        m_banner->hide();
        return;
    }
    const QDateTime now = QDateTime::currentDateTime();
    if (!m_staleSince.isValid())
        m_staleSince = now;
    m_banner->setText(tr("%1: the data shown may be stale (no update since %2)")
                          .arg(reason, QLocale().toString(m_staleSince.time(), QLocale::LongFormat)));
    const qint64 waited = m_staleSince.msecsTo(now);
    if (waited >= m_staleAfterMs) {
        m_banner->show();
        return;
    }
    m_banner->hide();
    m_staleTimer.start(static_cast<int>(m_staleAfterMs - waited));
}

void MainWindow::setTitleBase(const QString &title)
{
    m_titleBase = title;
    updateTitle();
}

void MainWindow::updateTitle()
{
    QStringList counts;
    const int waiting = m_backend->summary()->callersWaiting();
    if (waiting > 0)
        counts << countText(waiting, tr("caller waiting"), tr("callers waiting"));
    const int voicemails = newVoicemails();
    if (voicemails > 0)
        counts << countText(voicemails, tr("new voicemail"), tr("new voicemails"));
    setWindowTitle(counts.isEmpty() ? m_titleBase : counts.join(u", "_s) + u" \u2014 "_s + m_titleBase);
    if (m_tray)
        m_tray->setToolTip(windowTitle());
}

MainWindow::~MainWindow() = default;

int MainWindow::newVoicemails() const
{
    return m_backend->summary()->unheardVoicemails();
}

void MainWindow::showWallboard()
{
    if (isWallboardShown())
        return;
    m_stateBeforeWallboard = windowState();
    m_pages->setCurrentWidget(m_wallboard);
    menuBar()->hide();
    showFullScreen();
    m_wallboard->setFocus();
}

void MainWindow::leaveWallboard()
{
    if (!isWallboardShown())
        return;
    m_pages->setCurrentIndex(0);
    menuBar()->show();
    setWindowState(m_stateBeforeWallboard);
    m_tabs->setFocus();
}

bool MainWindow::isWallboardShown() const
{
    return m_pages->currentWidget() == m_wallboard;
}

void MainWindow::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(static_cast<int>(tab));
}

QWidget *MainWindow::tabWidget(Tab tab) const
{
    return m_tabs->widget(static_cast<int>(tab));
}

void MainWindow::showAvailability()
{
    const bool available = m_backend->isAvailable();
    m_statusBar->setEnabled(available);
    m_tabs->setEnabled(available);
    updateBanner();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveWindowState();
    QMainWindow::closeEvent(event);
}

void MainWindow::restoreWindowState()
{
    QSettings settings;
    settings.beginGroup(s_settingsGroup);
    const QByteArray geometry = settings.value(u"geometry"_s).toByteArray();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    const int tab = settings.value(u"tab"_s, 0).toInt();
    if (tab >= 0 && tab < m_tabs->count())
        m_tabs->setCurrentIndex(tab);
}

void MainWindow::saveWindowState() const
{
    QSettings settings;
    settings.beginGroup(s_settingsGroup);
    settings.setValue(u"geometry"_s, saveGeometry());
    settings.setValue(u"tab"_s, m_tabs->currentIndex());
}

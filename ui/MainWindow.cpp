#include "ui/MainWindow.h"

#include "core/supervisor/SupervisorAccess.h"
#include "ui/CallsView.h"
#include "ui/ConnectionStatusBar.h"
#include "ui/EventLogView.h"
#include "ui/MailboxesView.h"
#include "ui/PlaybacksView.h"
#include "ui/QueuesView.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QIcon>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
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
    setWindowTitle(tr("ARI Supervisor"));
    setWindowIcon(QIcon(u":/icons/ari-supervisor.svg"_s));

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 4);
    m_statusBar = new ConnectionStatusBar(m_backend->connectionStatus(), central);
    layout->addWidget(m_statusBar);
    // An attached desk away from its service: says so, and greys the views (SPEC SV-5).
    m_availability = new QLabel(central);
    m_availability->setObjectName(u"availabilityBanner"_s);
    m_availability->setAlignment(Qt::AlignCenter);
    m_availability->setStyleSheet(u"QLabel { background: #fff3cd; color: #664d03; padding: 4px; }"_s);
    layout->addWidget(m_availability);

    m_tabs = new QTabWidget(central);
    m_tabs->setObjectName(u"tabs"_s);
    m_tabs->setAccessibleName(tr("Views"));
    m_tabs->setDocumentMode(true);
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);

    m_tabs->addTab(new MailboxesView(m_backend, m_tabs), tr("&Mailboxes"));
    m_tabs->addTab(new PlaybacksView(m_backend->playbacks(), m_tabs), tr("&Playbacks"));
    m_tabs->addTab(new QueuesView(m_backend, m_tabs), tr("&Queues"));
    m_tabs->addTab(new CallsView(m_backend->calls(), m_tabs), tr("&Calls"));
    m_tabs->addTab(new EventLogView(m_backend->eventLog(), m_tabs), tr("&Event log"));

    // Ctrl+1 … Ctrl+5 switch views; Ctrl+Q quits.
    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->setObjectName(u"viewMenu"_s);
    for (int i = 0; i < m_tabs->count(); ++i) {
        QAction *action = viewMenu->addAction(m_tabs->tabText(i).remove(u'&'));
        action->setObjectName(u"showTab%1"_s.arg(i + 1));
        action->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + i)));
        connect(action, &QAction::triggered, m_tabs, [this, i] { m_tabs->setCurrentIndex(i); });
    }
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->setObjectName(u"fileMenu"_s);
    QAction *quit = fileMenu->addAction(tr("&Quit"));
    quit->setObjectName(u"quitAction"_s);
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &QWidget::close);
    menuBar()->insertMenu(viewMenu->menuAction(), fileMenu);

    connect(m_backend, &SupervisorAccess::accessChanged, this, &MainWindow::showAvailability);
    showAvailability();

    resize(1100, 700);
    restoreWindowState();
}

MainWindow::~MainWindow() = default;

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
    m_availability->setText(m_backend->availabilityText());
    m_availability->setVisible(!available);
    m_statusBar->setEnabled(available);
    m_tabs->setEnabled(available);
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

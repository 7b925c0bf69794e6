#pragma once

#include <QDateTime>
#include <QMainWindow>
#include <QTimer>

class CallCentreFigures;
class ConnectionStatusBar;
class DesktopAlerts;
class QLabel;
class QStackedWidget;
class QSystemTrayIcon;
class EventLogView;
class PlaybacksView;
class QTabWidget;
class SupervisorAccess;
struct WaitThresholds;

// The supervisor's window: the connection status always on top (SPEC UI-1), and one tab each for
// mailboxes (UI-2), playbacks (UI-3), queues (UI-4), calls (UI-5) and the event log (UI-6).
// Views and buttons only: every action goes to the SupervisorAccess, which queues it to the
// core. Geometry and the current tab are remembered (QSettings group "mainWindow").
// The call centre's figures are always in sight over the tabs, and F11 (or View > Wallboard) shows
// them in large type on the whole screen until Esc (SPEC UX-3).
// Alerts (SPEC UX-5): the title (and the tray icon's tooltip, where there is a tray) counts the
// callers waiting and the voicemails that arrived since the window opened; desktop notifications
// (DesktopAlerts, through the tray) tell of long waits, new voicemails and a lost connection; one
// banner says the data may be stale once it has not been refreshed for a moment (the connection
// to Asterisk, or an attached desk's service, lost), with the most relevant reason.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    enum class Tab { Mailboxes, Playbacks, Queues, Calls, EventLog };

    explicit MainWindow(SupervisorAccess *backend, QWidget *parent = nullptr);
    ~MainWindow() override;

    void showTab(Tab tab);
    QWidget *tabWidget(Tab tab) const;
    // The voicemails the title counts: those not heard yet (SPEC UX-5, VM-5).
    int newVoicemails() const;

    // The wall screen view (SPEC UX-3): full screen, the menu hidden, until leaveWallboard().
    void showWallboard();
    void leaveWallboard();
    bool isWallboardShown() const;

    DesktopAlerts *desktopAlerts() const { return m_alerts; }
    // The waits from which the figures turn orange and red (and the desktop is notified).
    void applyThresholds(const WaitThresholds &thresholds);
    // What the title says after the counts ("ARI Supervisor"; the demo says so).
    void setTitleBase(const QString &title);
    // How long the data may go without updates before the banner says so (default 2 s).
    void setStaleAfterMs(int ms);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void restoreWindowState();
    void saveWindowState() const;
    void updateBanner();
    void updateTitle();
    void showAvailability();

    SupervisorAccess *m_backend;
    ConnectionStatusBar *m_statusBar = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_banner = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    QStackedWidget *m_pages = nullptr;
    CallCentreFigures *m_wallboard = nullptr;
    Qt::WindowStates m_stateBeforeWallboard;
    DesktopAlerts *m_alerts = nullptr;
    QString m_titleBase;
    QDateTime m_staleSince; // invalid while the data is live
    int m_staleAfterMs = 2000;
    QTimer m_staleTimer;
};

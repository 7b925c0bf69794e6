#pragma once

#include <QMainWindow>

class ConnectionStatusBar;
class EventLogView;
class PlaybacksView;
class QLabel;
class QTabWidget;
class SupervisorAccess;

// The supervisor's window: the connection status always on top (SPEC UI-1), and one tab each for
// mailboxes (UI-2), playbacks (UI-3), queues (UI-4), calls (UI-5) and the event log (UI-6).
// Views and buttons only: every action goes to the SupervisorAccess, which queues it to the
// core. Geometry and the current tab are remembered (QSettings group "mainWindow").
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

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void restoreWindowState();
    void saveWindowState() const;
    void showAvailability();

    SupervisorAccess *m_backend;
    ConnectionStatusBar *m_statusBar = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_availability = nullptr;
};

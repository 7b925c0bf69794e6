#pragma once

#include "core/voicemail/ListenStatus.h"

#include <QTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;
class SupervisorAccess;

// The on-screen controls of the supervisor's listening call (SPEC UI-2): pause/resume, back,
// forward, restart, stop, and a progress bar. Only buttons that make sense in the call's state
// are enabled. All logic is in the core's ListenSession; this only shows its status.
class ListenPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ListenPanel)

public:
    explicit ListenPanel(SupervisorAccess *backend, QWidget *parent = nullptr);
    ~ListenPanel() override;

    QToolButton *pauseButton() const { return m_pause; }
    QToolButton *backButton() const { return m_back; }
    QToolButton *forwardButton() const { return m_forward; }
    QToolButton *restartButton() const { return m_restart; }
    QToolButton *stopButton() const { return m_stop; }
    QProgressBar *progressBar() const { return m_progress; }

private:
    void showStatus(const ListenStatus &status);
    void updateProgress();

    SupervisorAccess *m_backend;
    ListenStatus m_status;
    QLabel *m_label = nullptr;
    QToolButton *m_pause = nullptr;
    QToolButton *m_back = nullptr;
    QToolButton *m_forward = nullptr;
    QToolButton *m_restart = nullptr;
    QToolButton *m_stop = nullptr;
    QProgressBar *m_progress = nullptr;
    QTimer m_tick;
};

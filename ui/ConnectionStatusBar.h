#pragma once

#include <QWidget>

class ConnectionStatus;
class QLabel;

// The connection at a glance, always visible at the top of the window (SPEC UI-1): server,
// Asterisk version, state (with a coloured mark) and the last error.
class ConnectionStatusBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionStatusBar)

public:
    explicit ConnectionStatusBar(ConnectionStatus *status, QWidget *parent = nullptr);
    ~ConnectionStatusBar() override;

private:
    void update();

    ConnectionStatus *m_status;
    QLabel *m_server = nullptr;
    QLabel *m_version = nullptr;
    QLabel *m_state = nullptr;
    QLabel *m_error = nullptr;
};

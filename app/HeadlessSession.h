#pragma once

#include "core/config/SupervisorSettings.h"

#include <QObject>

class AriConnection;

// `ari-supervisor --no-gui`: the core with no widgets. Connects, logs the connection's state and
// the Asterisk version, runs the Stasis applications and logs one line per call transition.
class HeadlessSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeadlessSession)

public:
    explicit HeadlessSession(const SupervisorSettings &settings, QObject *parent = nullptr);
    ~HeadlessSession() override;

    AriConnection *connection() const { return m_connection; }

public Q_SLOTS:
    void start();
    void stop();

private:
    SupervisorSettings m_settings;
    AriConnection *m_connection = nullptr; // child
};

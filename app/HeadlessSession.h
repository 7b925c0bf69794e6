#pragma once

#include "core/config/SupervisorSettings.h"
#include "core/supervisor/SupervisorOptions.h"

#include <QObject>

class SupervisorCore;

// `ari-supervisor --no-gui`: the same core as the window, with no widgets, on the main thread of
// a QCoreApplication. Logs what SessionLog says.
class HeadlessSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HeadlessSession)

public:
    HeadlessSession(const SupervisorSettings &settings, const SupervisorOptions &options, QObject *parent = nullptr);
    ~HeadlessSession() override;

    SupervisorCore *core() const { return m_core; }

public Q_SLOTS:
    void start();
    void stop();

Q_SIGNALS:
    // The event stream is connected (and the applications registered).
    void connected();

private:
    SupervisorSettings m_settings;
    SupervisorCore *m_core = nullptr; // child
};

#pragma once

#include "core/config/SupervisorSettings.h"
#include "core/supervisor/SupervisorOptions.h"

#include <QObject>

class SupervisorCore;
struct CallInfo;

// `ari-supervisor --no-gui`: the same core as the window, with no widgets, on the main thread of
// a QCoreApplication. Logs one line per call transition (channel, application, from → to, cause:
// fields of the JSON line, SPEC HL-1, OP-4). A call's end is its last transition's line (to a
// final state); only a call that ends otherwise (found gone after a reconnect, the supervisor's
// listening call) gets an "ended" line. The connection's facts are logged where they happen.
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
    bool endedInFinalState(const CallInfo &info) const;

    SupervisorSettings m_settings;
    SupervisorCore *m_core = nullptr; // child
};

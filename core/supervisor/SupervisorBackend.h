#pragma once

#include "core/config/SupervisorSettings.h"
#include "core/queue/QueueCallAction.h"
#include "core/supervisor/SupervisorAccess.h"
#include "core/supervisor/SupervisorOptions.h"
#include "core/voicemail/ListenStatus.h"

#include <QHash>
#include <QByteArray>
#include <QLatin1StringView>
#include <QThread>

#include <functional>

class SupervisorCore;

// The all-in-one SupervisorAccess (GUI threading: see docs/architecture.md). It owns
// - the SupervisorCore (ARI connection, applications, trackers), on a dedicated thread of its own
//   unless options.ownThread is false;
// - the item models the window shows, on the caller's (GUI) thread, fed from the core only
//   through queued signals that carry values;
// - thread-safe entry points: every action slot below only queues a call to the core.
// Nothing here blocks on the network or on the core thread, except the destructor, which stops
// the core thread.
class SupervisorBackend final : public SupervisorAccess
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SupervisorBackend)

public:
    explicit SupervisorBackend(
        const SupervisorSettings &settings, const SupervisorOptions &options = {}, QObject *parent = nullptr);
    ~SupervisorBackend() override;

    const SupervisorSettings &settings() const { return m_settings; }
    const SupervisorOptions &options() const { return m_options; }

    QString supervisorEndpoint() const override { return m_settings.supervisorEndpoint(); }
    int heardPercent() const override { return m_settings.heardPercent(); }
    int skipMs() const override { return m_settings.skipMs(); }

    // Every change applied to the models, as it is applied: its kind ("call.add", …; see
    // docs/supervisor-protocol.md) and its arguments as the text of a JSON array (UTF-8). Called on
    // this object's thread right after the model changed, so a snapshot of the models followed by
    // the changes observed from then on reproduces them exactly (the supervisor service's fan-out).
    // Unset: nothing is encoded.
    using ChangeObserver = std::function<void(QLatin1StringView kind, const QByteArray &arguments)>;
    void setChangeObserver(ChangeObserver observer) { m_changeObserver = std::move(observer); }

    // Fetches a stored recording's file into a temporary file; `done` runs on this object's thread
    // with its path (`done` owns the file: it removes it) or the error. The service streams it to a
    // desk.
    using FileCallback = std::function<void(bool ok, const QString &filePath, const QString &error)>;
    void fetchRecording(const QString &recordingName, FileCallback done);

    // The core, for code that runs on the core thread (tests with ownThread = false, the
    // application host). Never call its functions from the GUI thread when it has its own.
    SupervisorCore *core() const { return m_core; }
    QThread *coreThread() const;

public Q_SLOTS:
    void open() override;
    void close() override;
    void listen(const QString &recordingName) override;
    void listenTogglePause() override;
    void listenForward() override;
    void listenReverse() override;
    void listenRestart() override;
    void listenStop() override;
    void deleteRecording(const QString &recordingName) override;
    void restoreRecording(const QString &trashName) override;
    void saveRecording(const QString &recordingName, const QString &filePath) override;
    void downloadRecording(const QString &recordingName, const QString &filePath) override;
    void markHeard(const QString &recordingName) override;
    void requestDurations(const QStringList &recordingNames) override;
    void queueAction(const QString &bridgeId, QueueCallAction::Kind kind) override;
    void monitorCall(const QString &bridgeId, QueueMonitorMode mode) override;
    // The same on behalf of `user` (a desk's, for the service): the views and the logs name them.
    void monitorCallAs(const QString &bridgeId, QueueMonitorMode mode, const QString &user);

private:
    template <typename Function> void onCore(Function function);
    // Connects a core signal to `apply` (which changes a model) and reports the change.
    template <typename... Args, typename Apply>
    void follow(void (SupervisorCore::*signal)(Args...), QLatin1StringView kind, Apply apply);

    SupervisorSettings m_settings;
    SupervisorOptions m_options;
    QThread m_thread;
    SupervisorCore *m_core = nullptr; // deleted by the destructor after the thread stopped
    ChangeObserver m_changeObserver;
    QHash<quint64, FileCallback> m_fetches; // by tag
    quint64 m_nextFetch = 1;
};

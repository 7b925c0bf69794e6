#pragma once

#include "core/ari/AriSubscription.h"
#include "core/queue/QueueMonitorMode.h"

#include <QLoggingCategory>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

class AriEvent;
class AriEventRouter;
class AriResult;
class AriRestClient;
class QueueState;
class StasisServerSnapshot;

Q_DECLARE_LOGGING_CATEGORY(lcQueueMonitor)

// The supervisor's phone on a call in progress of the queue (SPEC UX-4): listen in, whisper, barge.
//
// The phone (setting supervisor/endpoint) is called into the supervisor's own Stasis application
// (Stasis arguments "monitor"); once it is answered it joins the call:
// - listen in: a snoop channel on the agent's channel with spy=both, whisper=none (it hears what
//   the agent says and what the agent hears, i.e. the caller; it sends nothing back), put in a
//   mixing bridge of its own with the phone: the supervisor hears both, nobody hears the supervisor;
// - whisper: the same snoop with whisper=out: what the phone says goes to what the agent's channel
//   sends to the agent's phone (the "out" direction), so the agent hears the supervisor and the
//   caller, who gets what the agent's phone sends ("in"), does not;
// - barge: the phone joins the call's own bridge: everyone hears everyone.
// Snoop channels enter the same application (Stasis arguments "snoop") a moment after the request
// is answered; the bridge is made when they do. Switching from one mode or call to another keeps
// the phone's call up and rebuilds only the rest.
//
// It ends (the snoop hung up, its bridge destroyed, the phone hung up) when the supervisor hangs
// up, when stop() is called, when the call in progress ends (its pair leaves the QueueState) or
// when the snoop channel goes (the agent's channel hung up). The QueueState's pair shows who is on
// the call and how (setPairMonitor), so every view and every desk sees it.
//
// One phone, one call at a time. Every request of a session (the phone's call, the snoop, the
// bridges and their teardown) goes on one ordering key of the monitor's, so an undoing request
// never overtakes the one it undoes. Lives on the core thread.
class QueueCallMonitor final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueCallMonitor)

public:
    // The Stasis arguments of the phone's channel and of the snoop channels.
    static QString phoneArgument() { return QStringLiteral("monitor"); }
    static QString snoopArgument() { return QStringLiteral("snoop"); }
    // Why the phone cannot be called now (the voicemail listening call has it); empty when it can.
    using BusyCheck = std::function<QString()>;

    QueueCallMonitor(AriRestClient *rest, AriEventRouter *router, QueueState *state, QObject *parent = nullptr);
    ~QueueCallMonitor() override;

    void setEndpoint(const QString &endpoint) { m_endpoint = endpoint; }
    void setApplication(const QString &application) { m_application = application; }
    void setBusyCheck(BusyCheck check) { m_busy = std::move(check); }

    // The phone is called or on a call.
    bool isActive() const { return !m_phoneId.isEmpty(); }
    QString bridgeId() const { return m_bridgeId; }
    QueueMonitorMode mode() const { return m_mode; }
    QString phoneChannelId() const { return m_phoneId; }
    QString snoopChannelId() const { return m_snoopId; }

public Q_SLOTS:
    // The supervisor's phone joins the call in progress of `bridgeId` as `mode` asks (None: stop()).
    // `by`: who asked (a desk's user), for the logs and the views.
    void start(const QString &bridgeId, QueueMonitorMode mode, const QString &by);
    void stop(const QString &by);
    // A (re)connect's read of the server's channels begins: the phone and snoop of this moment
    // are the ones its answer can judge (one made later may be missing from it).
    void serverReadStarted();
    // After every (re)connect (SPEC CN-5): our phone or snoop gone ends the session; our phone
    // found in the application though its answer was missed is taken as answered, our snoop
    // found there with no bridge yet is connected; channels
    // of this kind in the application that are not ours, and bridges of ours no session uses, were
    // left by an earlier run of the service and go.
    void recover(const StasisServerSnapshot &snapshot);

Q_SIGNALS:
    // The phone is on its way to `bridgeId` as `mode` (a new session or a switch).
    void monitorStarted(const QString &bridgeId, QueueMonitorMode mode, const QString &by);
    void monitorEnded(const QString &bridgeId, const QString &reason);
    // The phone answered (its channel entered the application).
    void phoneAnswered(const QString &channelId);
    // The answer to the start() requests since the last answer: the phone is up and on its way
    // into `bridgeId` as `mode` (a failure to get there is a monitorFailed()). A start() is
    // answered by one or the other: at once when it is refused or the phone is up already, else
    // once the phone answers or the attempt ends.
    void monitorReady(const QString &bridgeId, QueueMonitorMode mode);
    // A request that could not be carried out, or a session that broke, and why.
    void monitorFailed(const QString &message);

private:
    void originate();
    // The phone answered (its StasisStart, or found in the application after a reconnect).
    void phoneUp();
    void arrange();
    bool inApplication(const StasisServerSnapshot &snapshot, const QString &channelId) const;
    // Undoes the current arrangement (snoop, its bridge, the phone in the call's bridge);
    // `phoneStays`: the phone's call goes on (a switch).
    void dismantle(bool phoneStays);
    void onPhoneEvent(const AriEvent &event);
    void onSnoopEvent(const AriEvent &event);
    void connectSnoop();
    void end(const QString &reason, bool hangUpPhone);
    void refuse(const QString &message);
    void abandon(const QString &message);
    QString who(const QString &by) const;

    QPointer<AriRestClient> m_rest;
    QPointer<AriEventRouter> m_router;
    QPointer<QueueState> m_state;
    QString m_endpoint;
    QString m_application;
    BusyCheck m_busy;
    QString m_bridgeId; // the call in progress
    QString m_agentId;
    QueueMonitorMode m_mode = QueueMonitorMode::None;
    QString m_by;
    QString m_phoneId;
    bool m_phoneUp = false;
    AriSubscriptionPtr m_phoneSubscription;
    QString m_snoopId;
    AriSubscriptionPtr m_snoopSubscription;
    QString m_mixingBridgeId; // the phone and the snoop channel
    bool m_barging = false;
    quint64 m_arrangement = 0; // answers of a superseded arrangement are ignored
    bool m_awaitingReady = false; // a start() waits for the phone to answer (monitorReady())
    QString m_phoneMade; // the last phone and snoop whose creation was answered
    QString m_snoopMade;
    QString m_phoneAtServerRead; // the phone and snoop when the server's channels were asked for
    QString m_snoopAtServerRead;
};

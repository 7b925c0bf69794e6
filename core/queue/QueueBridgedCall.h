#pragma once

#include "core/ari/AriSubscription.h"
#include "core/queue/QueueCallActions.h"

#include <QObject>
#include <QString>

#include <functional>

class AriEventRouter;
class AriRestClient;

// One call in progress of the queue (SPEC Q-4 … Q-6): an agent and a caller in a mixing bridge
// with a client-chosen id, and the call's actions (QueueCallActions). start() creates the bridge
// and adds both channels; end() ends it once: a recording still running is stopped (kept), the
// bridge is destroyed (without waiting for BridgeDestroyed, which Asterisk does not always send),
// and the owner is told why, to send the caller and the agent on; done() follows once every
// request of the call has been answered. A bridge destroyed by someone else ends the call too.
//
// Every request goes out under the agent's channel id, in order with the agent's own requests:
// the bridge exists before anything is recorded on it, and it is gone before the agent hears
// music on hold again.
class QueueBridgedCall final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueBridgedCall)

public:
    enum class EndReason {
        AgentHungUp,
        CallerHungUp,
        EndedByAgent, // the agent's #
        EndedBySupervisor, // the supervisor's End call
        BridgeFailed, // the bridge could not be made
        BridgeGone, // destroyed by someone else
    };
    Q_ENUM(EndReason)
    static QString reasonText(EndReason reason);

    using EndHandler = std::function<void(QueueBridgedCall *call, EndReason reason)>;

    QueueBridgedCall(const QueueCallActions::Settings &settings, AriRestClient *rest, AriEventRouter *router,
        EndHandler onEnded, QObject *parent = nullptr);
    ~QueueBridgedCall() override;

    const QString &bridgeId() const { return m_actions->bridgeId(); }
    const QString &agentChannelId() const { return m_actions->agentChannelId(); }
    const QString &callerChannelId() const { return m_actions->callerChannelId(); }
    QueueCallActions *actions() const { return m_actions; }
    // Both channels are in the bridge (the server accepted them).
    bool isConnected() const { return m_connected; }
    bool isEnded() const { return m_ended; }

    void start();
    // Takes over a bridge of ours found on the server with both channels in it (SPEC CN-5: after
    // a restart of the service): connected at once, nothing is created; a recording in progress
    // on it is looked for (QueueCallActions::adoptRecording).
    void adopt();
    void end(EndReason reason);

Q_SIGNALS:
    void connected();
    // After end(): every request of the call has been answered (the bridge's destruction, a
    // recording's stop); the object may go.
    void done();

private:
    void checkDone();
    void destroyBridge(int attempt);
    void watchBridge();

    AriRestClient *m_rest = nullptr;
    AriEventRouter *m_router = nullptr;
    EndHandler m_onEnded;
    QueueCallActions *m_actions = nullptr; // child
    AriSubscriptionPtr m_bridgeSubscription;
    bool m_started = false;
    bool m_connected = false;
    bool m_ended = false;
    bool m_destroyAnswered = false;
    bool m_actionsIdle = false;
};

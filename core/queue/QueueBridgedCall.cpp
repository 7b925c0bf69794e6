#include "core/queue/QueueBridgedCall.h"

#include "core/ari/AriEvent.h"
#include "core/ari/AriEventRouter.h"
#include "core/ari/AriOperations.h"
#include "core/ari/AriReply.h"
#include "core/ari/AriRestClient.h"
#include "core/ari/AriResult.h"
#include "core/queue/QueueLogging.h"

#include <QTimer>

namespace {
// A bridge whose destruction failed is destroyed again 1, 2 and 4 s later.
constexpr int s_destroyAttempts = 4;
constexpr int s_destroyRetryMs = 1000;
} // namespace

using namespace Qt::StringLiterals;

QString QueueBridgedCall::reasonText(EndReason reason)
{
    switch (reason) {
    case EndReason::AgentHungUp:
        return u"the agent hung up"_s;
    case EndReason::CallerHungUp:
        return u"the caller hung up"_s;
    case EndReason::EndedByAgent:
        return u"the agent ended the call"_s;
    case EndReason::EndedBySupervisor:
        return u"the supervisor ended the call"_s;
    case EndReason::BridgeFailed:
        return u"the bridge could not be made"_s;
    case EndReason::BridgeGone:
        return u"the bridge was destroyed"_s;
    }
    return {};
}

QueueBridgedCall::QueueBridgedCall(const QueueCallActions::Settings &settings, AriRestClient *rest,
    AriEventRouter *router, EndHandler onEnded, QObject *parent)
    : QObject(parent)
    , m_rest(rest)
    , m_router(router)
    , m_onEnded(std::move(onEnded))
{
    m_actions = new QueueCallActions(
        settings, rest, router,
        [this](QueueCallActions::Origin origin) {
            end(origin == QueueCallActions::Origin::AgentKey ? EndReason::EndedByAgent : EndReason::EndedBySupervisor);
        },
        this);
    connect(m_actions, &QueueCallActions::idle, this, [this] {
        m_actionsIdle = true;
        checkDone();
    });
}

QueueBridgedCall::~QueueBridgedCall() = default;

void QueueBridgedCall::start()
{
    if (m_started || m_ended)
        return;
    m_started = true;
    const QString id = bridgeId();
    const QString lane = agentChannelId();
    watchBridge();

    // QueueApp logs the match; the calls' transitions log the connection and the end.
    qCDebug(lcQueue).noquote() << id << ": connecting agent" << agentChannelId() << "and caller" << callerChannelId();
    m_rest->send(AriOperations::createBridge(u"mixing"_s, id, u"queue"_s), lane)
        ->then(this, [this](const AriResult &result) {
            if (result.isOk() || m_ended)
                return;
            qCWarning(lcQueue).noquote() << bridgeId() << ": creating the bridge failed:" << result.describe();
            end(EndReason::BridgeFailed);
        });
    // Sent at once: the ordering key puts it after the creation.
    m_rest->send(AriOperations::addChannel(id, { callerChannelId(), agentChannelId() }), lane)
        ->then(this, [this](const AriResult &result) {
            if (m_ended)
                return;
            if (result.isOk()) {
                m_connected = true;
                qCDebug(lcQueue).noquote() << bridgeId() << ": agent and caller connected";
                Q_EMIT connected();
                return;
            }
            // A channel that left meanwhile ends the call through its hang-up; a bridge that
            // could not be made through the creation's answer.
            qCInfo(lcQueue).noquote() << bridgeId() << ": adding the channels ->" << result.describe();
        });
}

void QueueBridgedCall::watchBridge()
{
    m_bridgeSubscription = m_router->onBridge(bridgeId(), [this](const AriEvent &event) {
        if (event.type() != AriEvent::Type::BridgeDestroyed || m_ended)
            return;
        qCWarning(lcQueue).noquote() << bridgeId() << ": bridge destroyed while the call was in progress";
        end(EndReason::BridgeGone);
    });
}

void QueueBridgedCall::adopt()
{
    if (m_started || m_ended)
        return;
    m_started = true;
    m_connected = true;
    watchBridge();
    qCInfo(lcQueue).noquote() << bridgeId() << ": adopted: agent" << agentChannelId() << "and caller"
                              << callerChannelId() << "are connected";
    m_actions->adoptRecording();
    Q_EMIT connected();
}

void QueueBridgedCall::destroyBridge(int attempt)
{
    const QString id = bridgeId();
    m_rest->send(AriOperations::destroyBridge(id), agentChannelId())
        ->then(this, [this, id, attempt](const AriResult &result) {
            if (result.status() == AriResult::Status::HttpError && result.httpStatus() == 404) {
                qCDebug(lcQueue).noquote() << id << ": bridge already gone";
            } else if (!result.isOk() && attempt + 1 < s_destroyAttempts) {
                // An empty bridge left behind would stay on the server for good: once more, later.
                qCWarning(lcQueue).noquote()
                    << id << ": destroying the bridge failed:" << result.describe() << "- trying again";
                QTimer::singleShot(s_destroyRetryMs << attempt, this, [this, attempt] { destroyBridge(attempt + 1); });
                return;
            } else if (!result.isOk()) {
                qCWarning(lcQueue).noquote() << id << ": destroying the bridge failed:" << result.describe();
            }
            m_destroyAnswered = true;
            checkDone();
        });
}

void QueueBridgedCall::end(EndReason reason)
{
    if (m_ended)
        return;
    m_ended = true;
    m_bridgeSubscription.reset();
    qCDebug(lcQueue).noquote() << bridgeId() << ": call ends:" << reasonText(reason);
    m_actions->finish();
    if (m_started) {
        destroyBridge(0);
    } else {
        m_destroyAnswered = true;
    }
    if (m_onEnded)
        m_onEnded(this, reason);
    checkDone();
}

void QueueBridgedCall::checkDone()
{
    if (m_ended && m_destroyAnswered && m_actionsIdle)
        Q_EMIT done();
}

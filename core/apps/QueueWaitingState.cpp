#include "core/apps/QueueWaitingState.h"

#include "core/apps/QueueApp.h"
#include "core/apps/QueueCall.h"
#include "core/ari/AriOperations.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

QueueWaitingState::QueueWaitingState(QueueCall &call, CallStateMachine &machine)
    : CallState(machine)
    , m_call(call)
{
}

void QueueWaitingState::enter()
{
    QueueApp &app = m_call.app();
    // A playback stopped any music on hold, and it does not come back by itself: start it (again).
    requestDetached(AriOperations::startMoh(channelId(), app.options().mohClass));
    if (m_call.isAgent()) {
        app.agentWaiting(m_call);
        return;
    }
    const QDateTime now = QDateTime::currentDateTimeUtc();
    after(app.options().announcementIntervalMs, [this] { post(QueueCall::Events::announce(), u"announcement due"_s); });
    app.callerWaiting(m_call, now);
}

void QueueWaitingState::resynced()
{
    requestDetached(AriOperations::startMoh(channelId(), m_call.app().options().mohClass));
}

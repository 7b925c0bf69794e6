#include "core/calls/CallEndingState.h"

#include "core/ari/AriOperations.h"
#include "core/ari/AriResult.h"
#include "core/calls/CallStateMachine.h"

CallEndingState::CallEndingState(CallStateMachine &machine)
    : CallState(machine)
{
}

void CallEndingState::enter()
{
    qCDebug(lcCalls).noquote() << channelId() << machine().application() << ": hanging up";
    hangUp();
}

void CallEndingState::resynced()
{
    // Still here after the stream came back: the hang-up asked before did not take.
    hangUp();
}

void CallEndingState::hangUp()
{
    requestUntilAnswered(AriOperations::hangup(channelId(), QStringLiteral("normal")), [this](const AriResult &result) {
        // Done, or gone already (its StasisEnd, or the 404, ends the call).
        if (!result.isOk() && !result.isHttpError(404))
            qCWarning(lcCalls).noquote() << channelId() << machine().application()
                                         << ": hanging up failed:" << result.describe();
    });
}

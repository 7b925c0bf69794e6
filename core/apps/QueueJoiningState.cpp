#include "core/apps/QueueJoiningState.h"

#include "core/apps/QueueCall.h"
#include "core/ari/AriOperations.h"
#include "core/ari/AriResult.h"
#include "core/queue/QueueLogging.h"

using namespace Qt::StringLiterals;

QueueJoiningState::QueueJoiningState(QueueCall &call, CallStateMachine &machine)
    : CallState(machine)
    , m_call(call)
{
}

void QueueJoiningState::enter()
{
    request(AriOperations::answer(channelId()), [this](const AriResult &result) {
        if (result.isOk()) {
            post(m_call.isAgent() ? QueueCall::Events::agent() : QueueCall::Events::caller(),
                u"answered, joins as %1"_s.arg(QueueCall::roleName(m_call.role())));
            return;
        }
        if (result.status() == AriResult::Status::HttpError && result.httpStatus() == 404) {
            // Gone already: its hang-up (or StasisEnd) ends the call.
            qCDebug(lcQueue).noquote() << channelId() << ": answering ->" << result.describe();
            return;
        }
        qCWarning(lcQueue).noquote() << channelId() << ": answering failed:" << result.describe();
        post(QueueCall::Events::answerFailed(), u"answer failed: %1"_s.arg(result.describe()));
    });
}

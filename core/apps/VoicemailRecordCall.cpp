#include "core/apps/VoicemailRecordCall.h"

#include "core/apps/VoicemailGreetingState.h"
#include "core/apps/VoicemailRecordApp.h"
#include "core/apps/VoicemailRecordingState.h"
#include "core/apps/VoicemailReviewingState.h"
#include "core/ari/AriOperations.h"
#include "core/calls/CallEndingState.h"
#include "core/calls/CallHungUpState.h"

VoicemailRecordCall::VoicemailRecordCall(VoicemailRecordApp &app, const CallEnvironment &environment,
    const Channel &channel, const QStringList &args, const QString &mailbox)
    : StasisCall(app.stateTable(), environment, app, channel, args, app.name())
    , m_app(app)
    , m_mailbox(mailbox)
    , m_recordingName(app.newRecordingName(mailbox))
{
}

VoicemailRecordCall::~VoicemailRecordCall() = default;

std::unique_ptr<CallState> VoicemailRecordCall::createState(const QString &name, CallStateMachine &machine)
{
    if (name == States::greeting())
        return std::make_unique<VoicemailGreetingState>(*this, machine);
    if (name == States::recording())
        return std::make_unique<VoicemailRecordingState>(*this, machine);
    if (name == States::reviewing())
        return std::make_unique<VoicemailReviewingState>(*this, machine);
    if (name == States::ending())
        return std::make_unique<CallEndingState>(machine);
    if (name == States::hungUp())
        return std::make_unique<CallHungUpState>(machine);
    return nullptr;
}

void VoicemailRecordCall::renameRecording()
{
    m_recordingName = m_app.newRecordingName(m_mailbox);
}

const VoicemailRecordOptions &VoicemailRecordCall::options() const
{
    return m_app.options();
}

VoicemailStore *VoicemailRecordCall::store() const
{
    return m_app.store();
}

void VoicemailRecordCall::onBegin()
{
    // SPEC VR-1: the mailbox was validated before the call was made; answer, then greet.
    machine().sendDetached(AriOperations::answer(channelId()));
}

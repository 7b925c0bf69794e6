#include "core/apps/VoicemailReviewingState.h"

#include "core/apps/StasisApplication.h"
#include "core/apps/VoicemailRecordCall.h"
#include "core/ari/AriResult.h"
#include "core/calls/CallEvents.h"
#include "core/voicemail/VoicemailStore.h"

using namespace Qt::StringLiterals;

VoicemailReviewingState::VoicemailReviewingState(VoicemailRecordCall &call, CallStateMachine &machine)
    : CallMediaState(call, machine)
    , m_call(call)
{
}

void VoicemailReviewingState::enter()
{
    acceptKeys();
    setBusy(true); // keys wait until we know there is something to review
    const QString name = m_call.recordingName();
    m_call.store()->confirm(
        name, channelId(), machine().environment().context, guarded([this, name](bool exists, const AriResult &result) {
            if (!exists) {
                qCInfo(lcApps).noquote() << u"%1: nothing stored under %2 (%3), recording again"_s.arg(
                    channelId(), name, result.describe());
                post(VoicemailRecordCall::recordingMissingEvent(), u"no message stored"_s);
                return;
            }
            play(u"recording:"_s + name, {}, [](const QString &) {
                // Played to its end: the caller stays in reviewing and decides with # or *.
            });
            setBusy(false); // may hand over waiting keys: last
        }));
}

CallState::KeyResult VoicemailReviewingState::onKey(QChar digit)
{
    if (digit == u'#') {
        stopPlayback();
        post(CallEvents::dtmf(digit), u"caller pressed #: message accepted"_s);
        return KeyResult::Handled;
    }
    if (digit != u'*')
        return CallMediaState::onKey(digit);
    stopPlayback();
    setBusy(true);
    const QString name = m_call.recordingName();
    m_call.store()->deleteMessage(
        name, channelId(), machine().environment().context, guarded([this, name](const AriResult &result) {
            if (result.isOk() || result.httpStatus() == 404) {
                post(CallEvents::dtmf(u'*'), u"caller pressed *: message deleted"_s);
                return;
            }
            qCWarning(lcApps).noquote() << channelId() << ": deleting" << name << "failed:" << result.describe()
                                        << "- staying in reviewing";
            setBusy(false);
        }));
    return KeyResult::Handled;
}

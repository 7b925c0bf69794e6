#include "core/apps/VoicemailEmptyState.h"

#include "core/apps/VoicemailPlaybackApp.h"
#include "core/apps/VoicemailPlaybackCall.h"
#include "core/calls/CallEvents.h"

using namespace Qt::StringLiterals;

VoicemailEmptyState::VoicemailEmptyState(VoicemailPlaybackCall &call, CallStateMachine &machine)
    : CallMediaState(call, machine)
    , m_call(call)
{
}

void VoicemailEmptyState::enter()
{
    const QString sound = m_call.options().noMoreSound;
    checkSound(sound, [this, sound](bool available, const QString &language) {
        if (!available) {
            post(CallEvents::soundMissing(), u"sound %1 unavailable"_s.arg(sound));
            return;
        }
        AriOperations::PlayOptions options;
        options.lang = language;
        play(u"sound:"_s + sound, options,
            [this](const QString &how) { post(CallEvents::playbackFinished(), u"no more messages (%1)"_s.arg(how)); });
    });
}

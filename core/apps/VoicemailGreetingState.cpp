#include "core/apps/VoicemailGreetingState.h"

#include "core/apps/VoicemailRecordApp.h"
#include "core/apps/VoicemailRecordCall.h"
#include "core/calls/CallEvents.h"

using namespace Qt::StringLiterals;

VoicemailGreetingState::VoicemailGreetingState(VoicemailRecordCall &call, CallStateMachine &machine)
    : CallMediaState(call, machine)
    , m_call(call)
{
}

void VoicemailGreetingState::enter()
{
    acceptKeys();
    const QString sound = m_call.options().greetingSound;
    checkSound(sound, [this, sound](bool available, const QString &language) {
        if (!available) {
            post(CallEvents::soundMissing(), u"greeting sound %1 unavailable"_s.arg(sound));
            return;
        }
        AriOperations::PlayOptions options;
        options.lang = language;
        play(u"sound:"_s + sound, options,
            [this](const QString &how) { post(CallEvents::playbackFinished(), u"greeting %1"_s.arg(how)); });
    });
}

CallState::KeyResult VoicemailGreetingState::onKey(QChar digit)
{
    if (digit != u'#')
        return CallMediaState::onKey(digit);
    stopPlayback();
    post(CallEvents::dtmf(digit), u"caller pressed # during the greeting"_s);
    return KeyResult::Handled;
}

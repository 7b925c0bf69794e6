#include "core/apps/VoicemailPreambleState.h"

#include "core/apps/StasisApplication.h"
#include "core/apps/VoicemailPlaybackApp.h"
#include "core/apps/VoicemailPlaybackCall.h"
#include "core/ari/AriResult.h"
#include "core/calls/CallEvents.h"
#include "core/voicemail/VoicemailStore.h"

using namespace Qt::StringLiterals;

VoicemailPreambleState::VoicemailPreambleState(VoicemailPlaybackCall &call, CallStateMachine &machine)
    : CallMediaState(call, machine)
    , m_call(call)
{
}

void VoicemailPreambleState::enter()
{
    acceptKeys();
    setBusy(true); // keys wait until we know which message is announced
    if (m_call.isListed()) {
        proceed();
        return;
    }
    VoicemailStore *store = m_call.store();
    if (store->isLoaded()) {
        // The store is kept current (events, our own writes and deletes, the reconcile after a
        // reconnect): no need to read every stored recording for one mailbox.
        takeMessages();
        proceed();
        return;
    }
    store->refresh(machine().environment().context, guarded([this](bool ok) {
        if (!ok) {
            qCWarning(lcApps).noquote() << channelId() << ": could not read the stored messages;"
                                        << "using what is known";
        }
        takeMessages();
        proceed();
    }));
}

void VoicemailPreambleState::takeMessages()
{
    m_call.setMessages(m_call.store()->messages(m_call.mailbox()));
    qCDebug(lcApps).noquote() << channelId() << ": mailbox" << m_call.mailbox() << "has" << m_call.size()
                              << "message(s)";
}

void VoicemailPreambleState::proceed()
{
    m_call.dropDeleted();
    if (m_call.isEmpty()) {
        post(VoicemailPlaybackCall::mailboxEmptyEvent(), u"no messages left"_s);
        return;
    }
    const VoicemailPlaybackCall::Entry entry = m_call.current();
    // Do not announce a message deleted elsewhere: ask the server (this also updates the store).
    m_call.store()->confirm(entry.name, channelId(), machine().environment().context,
        guarded([this, entry](bool exists, const AriResult &result) {
            if (!exists && result.status() == AriResult::Status::HttpError && result.httpStatus() == 404) {
                qCInfo(lcApps).noquote() << u"%1: message %2 (%3) was deleted elsewhere, skipped"_s.arg(
                    channelId(), QString::number(entry.number), entry.name);
                m_call.remove(entry.name);
                proceed();
                return;
            }
            if (exists)
                m_call.setConfirmed(entry.name);
            const QString sound = m_call.options().messageSound;
            checkSound(sound, [this, sound](bool available, const QString &language) {
                if (!available) {
                    post(CallEvents::soundMissing(), u"announcement sound %1 unavailable"_s.arg(sound));
                    return;
                }
                announce(language);
                setBusy(false); // may hand over waiting keys: last
            });
        }));
}

void VoicemailPreambleState::announce(const QString &language)
{
    const int number = m_call.current().number;
    AriOperations::PlayOptions options;
    options.lang = language;
    play(u"sound:"_s + m_call.options().messageSound, options, [this, number, options](const QString &) {
        play(u"number:%1"_s.arg(number), options, [this, number](const QString &) {
            post(CallEvents::playbackFinished(), u"message %1 announced"_s.arg(number));
        });
    });
}

CallState::KeyResult VoicemailPreambleState::onKey(QChar digit)
{
    if (digit == u'#') {
        stopPlayback();
        post(CallEvents::dtmf(digit), u"caller pressed # during the announcement"_s);
        return KeyResult::Handled;
    }
    static constexpr QStringView listeningKeys = u"123456*";
    if (listeningKeys.contains(digit))
        return KeyResult::Deferred;
    return CallMediaState::onKey(digit);
}

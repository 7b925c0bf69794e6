#include "core/apps/VoicemailListeningState.h"

#include "core/apps/StasisApplication.h"
#include "core/apps/VoicemailPlaybackApp.h"
#include "core/apps/VoicemailPlaybackCall.h"
#include "core/ari/AriResult.h"
#include "core/calls/CallEvents.h"
#include "core/playback/PlaybackTracker.h"
#include "core/voicemail/HeardRule.h"
#include "core/voicemail/VoicemailStore.h"

using namespace Qt::StringLiterals;
using Operation = AriOperations::PlaybackOperation;

VoicemailListeningState::VoicemailListeningState(VoicemailPlaybackCall &call, CallStateMachine &machine)
    : CallMediaState(call, machine)
    , m_call(call)
{
}

void VoicemailListeningState::enter()
{
    acceptKeys();
    if (m_call.isEmpty()) {
        post(VoicemailPlaybackCall::messageGoneEvent(), u"no messages left"_s);
        return;
    }
    setBusy(true); // keys wait until the message plays
    m_name = m_call.current().name;
    m_number = m_call.current().number;
    // Never play from a dead name (Asterisk would start a playback that never finishes): the
    // announcement has just checked it, and the store says whether it was deleted since.
    if (m_call.isConfirmed(m_name) && m_call.store()->contains(m_name)) {
        startMessage();
        return;
    }
    m_call.store()->confirm(
        m_name, channelId(), machine().environment().context, guarded([this](bool exists, const AriResult &result) {
            if (!exists && result.isHttpError(404)) {
                qCInfo(lcApps).noquote() << u"%1: message %2 (%3) was deleted elsewhere, skipped"_s.arg(
                    channelId(), QString::number(m_number), m_name);
                m_call.remove(m_name);
                post(VoicemailPlaybackCall::messageGoneEvent(), u"message %1 deleted elsewhere"_s.arg(m_number));
                return;
            }
            startMessage();
        }));
}

void VoicemailListeningState::exit()
{
    noteHeardSoFar(); // left for another message, the end of the call, a hang-up
    CallMediaState::exit();
}

void VoicemailListeningState::noteHeardSoFar()
{
    const VoicemailPlaybackOptions &options = m_call.options();
    if (!options.playbacks || !isPlaying() || m_name.isEmpty() || !options.playbacks->contains(playbackId()))
        return;
    const PlaybackInfo playback = options.playbacks->playback(playbackId());
    const qint64 position = playback.positionAt(options.playbacks->now());
    if (!HeardRule::isHeard(position, playback.durationMs, options.heardPercent))
        return;
    qCDebug(lcApps).noquote() << channelId() << ": message" << m_number << "heard up to" << position << "of"
                              << playback.durationMs << "ms";
    m_call.store()->markHeard(m_name);
}

void VoicemailListeningState::startMessage()
{
    m_paused = false;
    // Keys wait until the message plays: a control operation on a playback still queued would be
    // refused (409).
    setBusy(true);
    AriOperations::PlayOptions options;
    options.skipms = m_call.options().skipMs;
    play(
        u"recording:"_s + m_name, options,
        [this, name = m_name](const QString &how) {
            m_paused = false;
            if (how == u"done"_s)
                m_call.store()->markHeard(name); // SPEC VM-2: played to its end
            qCDebug(lcApps).noquote() << channelId() << ": message" << m_number << "played (" << how
                                      << "), staying in listening";
            setBusy(false); // may hand over waiting keys: last
        },
        [this] { setBusy(false); });
}

void VoicemailListeningState::restart()
{
    if (!isPlaying()) {
        startMessage(); // it had played to its end: play it again from the start
        return;
    }
    if (m_paused) {
        controlPlayback(Operation::Unpause);
        m_paused = false;
    }
    const QString id = playbackId();
    controlPlayback(Operation::Restart, [this, id](const AriResult &result) {
        // The playback ended just before the restart reached it: start the message again.
        if (result.isHttpError(404) && (!isPlaying() || playbackId() == id))
            startMessage();
    });
}

void VoicemailListeningState::deleteMessage()
{
    stopPlayback();
    setBusy(true); // keys wait for the server's answer
    const QString name = m_name;
    const int number = m_number;
    // Into the trash (SPEC VM-3).
    m_call.store()->trashMessage(
        name, machine().environment().context, guarded([this, name, number](const AriResult &result) {
            if (result.isOk() || result.isHttpError(404)) {
                m_call.removeAndGoOn(name); // the next message becomes current
                post(CallEvents::dtmf(u'*'), u"caller deleted message %1"_s.arg(number));
                return;
            }
            qCWarning(lcApps).noquote() << u"%1: deleting message %2 (%3) failed: %4 - going on to the next one"_s.arg(
                channelId(), QString::number(number), name, result.describe());
            m_call.next();
            post(CallEvents::dtmf(u'*'), u"deleting message %1 failed"_s.arg(number));
        }));
}

CallState::KeyResult VoicemailListeningState::onKey(QChar digit)
{
    if (digit != u'*') // (a message deleted is not heard)
        noteHeardSoFar(); // where the playback was before the key moves, pauses or leaves it
    switch (digit.unicode()) {
    case u'1':
        controlPlayback(Operation::Reverse);
        break;
    case u'3':
        controlPlayback(Operation::Forward);
        break;
    case u'2':
        if (!isPlaying())
            break;
        controlPlayback(m_paused ? Operation::Unpause : Operation::Pause);
        m_paused = !m_paused;
        break;
    case u'5':
        restart();
        break;
    case u'4':
        m_call.previous();
        post(CallEvents::dtmf(digit), u"caller pressed 4: previous message"_s);
        break;
    case u'6':
        m_call.next();
        post(CallEvents::dtmf(digit), u"caller pressed 6: next message"_s);
        break;
    case u'*':
        deleteMessage();
        break;
    case u'#':
        post(CallEvents::dtmf(digit), u"caller pressed #"_s);
        break;
    default:
        return CallMediaState::onKey(digit);
    }
    return KeyResult::Handled;
}

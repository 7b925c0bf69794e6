#include "core/apps/VoicemailRecordingState.h"

#include "core/apps/StasisApplication.h"
#include "core/apps/VoicemailRecordApp.h"
#include "core/apps/VoicemailRecordCall.h"
#include "core/ari/AriOperations.h"
#include "core/ari/AriResult.h"
#include "core/ari/model/LiveRecording.h"
#include "core/calls/CallEvents.h"
#include "core/voicemail/VoicemailStore.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
constexpr int s_maxRenames = 5;
constexpr int s_endCheckMs = 1000; // how long RecordingFinished may take after a stop before we ask

} // namespace

VoicemailRecordingState::VoicemailRecordingState(VoicemailRecordCall &call, CallStateMachine &machine)
    : CallState(machine)
    , m_call(call)
{
}

void VoicemailRecordingState::enter()
{
    acceptKeys();
    setBusy(true); // keys wait until the recording has started
    // The previous take went to the trash meanwhile (a supervisor deleted it while the caller
    // reviewed it): the new take gets a name of its own, never the one of a message in the trash.
    if (m_call.store()->isInTrash(VoicemailMessage::trashNameOf(m_call.recordingName())))
        m_call.renameRecording();
    subscribeRecordingEvents();
    startRecording();
}

void VoicemailRecordingState::subscribeRecordingEvents()
{
    unsubscribe(m_recordingSubscription);
    m_recordingSubscription
        = subscribeRecording(m_call.recordingName(), [this](const AriEvent &event) { onRecordingEvent(event); });
}

void VoicemailRecordingState::startRecording()
{
    const VoicemailRecordOptions &options = m_call.options();
    AriOperations::RecordOptions record;
    record.name = m_call.recordingName();
    record.format = options.format;
    record.beep = options.beep;
    record.ifExists = u"fail"_s;
    if (options.maxDurationSeconds > 0)
        record.maxDurationSeconds = options.maxDurationSeconds;
    if (options.maxSilenceSeconds > 0)
        record.maxSilenceSeconds = options.maxSilenceSeconds;
    // SPEC VM-1: the message will carry this call's caller id.
    m_call.store()->expectMessage(record.name, m_call.channel().callerName, m_call.channel().callerNumber);
    request(AriOperations::record(channelId(), record), [this](const AriResult &result) {
        if (result.isOk()) {
            m_started = true;
            m_call.setNameEstablished();
            qCDebug(lcApps).noquote() << channelId() << ": recording" << m_call.recordingName();
            setBusy(false);
            return;
        }
        if (result.isHttpError(409)) {
            if (!m_call.nameEstablished() && m_renames < s_maxRenames) {
                // Someone else's message has this name: never overwrite it, take another.
                ++m_renames;
                const QString taken = m_call.recordingName();
                m_call.store()->forgetExpected(taken); // the caller id is not that message's
                m_call.renameRecording();
                qCInfo(lcApps).noquote() << channelId() << ": message name" << taken << "is taken, using"
                                         << m_call.recordingName();
                subscribeRecordingEvents();
                startRecording();
                return;
            }
            if (m_call.nameEstablished() && m_retries < m_call.options().rerecordRetries) {
                // Asterisk has not released the previous recording of this name yet.
                ++m_retries;
                after(m_call.options().rerecordRetryDelayMs, [this] { startRecording(); });
                return;
            }
        }
        qCWarning(lcApps).noquote() << channelId() << ": recording" << m_call.recordingName()
                                    << "could not start:" << result.describe();
        post(CallEvents::recordingFailed(), u"record failed: %1"_s.arg(result.describe()));
    });
}

void VoicemailRecordingState::onRecordingEvent(const AriEvent &event)
{
    if (event.type() == AriEvent::Type::RecordingFailed) {
        const QString cause = event.recording().cause;
        qCWarning(lcApps).noquote() << channelId() << ": recording" << m_call.recordingName() << "failed"
                                    << (cause.isEmpty() ? QString() : u"(%1)"_s.arg(cause));
        post(CallEvents::recordingFailed(), u"recording failed"_s);
        return;
    }
    if (event.type() != AriEvent::Type::RecordingFinished)
        return;
    if (!m_started && m_operation == Operation::None) {
        // The end of an earlier recording of this name, before ours has started: not ours.
        return;
    }
    if (m_finished)
        return; // taken as finished already, on the server's word
    m_finished = true;
    if (m_operation == Operation::None) {
        post(CallEvents::recordingFinished(), u"recording ended by itself"_s);
        return;
    }
    finishOperation();
}

void VoicemailRecordingState::resynced()
{
    if (!m_started || m_finished)
        return;
    // A recording that ended meanwhile, left unnoticed, would keep the caller in silence until a
    // key or a hang-up.
    askWhetherEnded(u"ended while the event stream was down"_s, false);
}

void VoicemailRecordingState::askWhetherEnded(const QString &why, bool keepAsking, int round)
{
    // Asked until the server says.
    requestUntilAnswered(
        AriOperations::getLive(m_call.recordingName()), [this, why, keepAsking, round](const AriResult &result) {
            if (m_finished)
                return;
            // Gone from the live recordings, or listed as over: it has ended.
            const QString state = result.isOk() ? LiveRecording::fromJson(result.json().toObject()).state : QString();
            const bool ended
                = result.isHttpError(404) || state == u"done"_s || state == u"canceled"_s || state == u"failed"_s;
            if (!ended) {
                // Asked again while this state lasts (after() runs nothing once it is left), at most
                // every 8 s.
                if (keepAsking) {
                    after(s_endCheckMs << std::min(round, 3),
                        [this, why, round] { askWhetherEnded(why, true, round + 1); });
                }
                return;
            }
            qCInfo(lcApps).noquote() << channelId() << ": recording" << m_call.recordingName() << why;
            m_finished = true;
            if (m_operation == Operation::None)
                post(CallEvents::recordingFinished(), u"recording "_s + why);
            else
                finishOperation();
        });
}

CallState::KeyResult VoicemailRecordingState::onKey(QChar digit)
{
    if ((digit != u'#' && digit != u'*') || m_operation != Operation::None)
        return CallState::onKey(digit);
    m_operation = digit == u'#' ? Operation::Stop : Operation::Cancel;
    setBusy(true);
    const QString name = m_call.recordingName();
    const AriRequest operation
        = m_operation == Operation::Stop ? AriOperations::stopLive(name) : AriOperations::cancelLive(name);
    // Asked again after a failure that says nothing (a 5xx, the socket gone): only the server's
    // answer tells whether the recording still runs (a 404: it had ended), and a discard taken
    // for done while the take records on would make the next take's name clash with it.
    requestUntilAnswered(operation, [this](const AriResult &result) {
        m_operationAnswered = true;
        m_operationOk = result.isOk();
        if (!m_operationOk) {
            qCDebug(lcApps).noquote() << channelId() << ":" << (m_operation == Operation::Stop ? "stop" : "cancel")
                                      << "of" << m_call.recordingName() << "->" << result.describe()
                                      << "(it had ended already)";
        }
        finishOperation();
        if (m_operationOk && !m_finished) {
            // Asterisk ends a recording it was asked to stop with RecordingFinished; one stopped
            // while it waited for a playback to end may never have started, and the stream may
            // lose the event: the server's word then.
            after(s_endCheckMs, [this] {
                if (!m_finished)
                    askWhetherEnded(u"ended without RecordingFinished (stopped before it began?)"_s, true);
            });
        }
    });
    return KeyResult::Handled;
}

void VoicemailRecordingState::finishOperation()
{
    if (!m_operationAnswered)
        return;
    if (m_operationOk && !m_finished)
        return; // wait for RecordingFinished
    if (m_operation == Operation::Stop) {
        post(CallEvents::dtmf(u'#'), u"caller pressed #: message recorded"_s);
        return;
    }
    if (!m_operationOk) {
        // The recording had ended (and was stored) before the cancel reached it: discard it. The
        // delete goes out before the next record of this call.
        m_call.store()->deleteMessage(m_call.recordingName(), channelId(), nullptr, {});
    } else {
        m_call.store()->forgetExpected(m_call.recordingName());
    }
    post(CallEvents::dtmf(u'*'), u"caller pressed *: recording discarded"_s);
}

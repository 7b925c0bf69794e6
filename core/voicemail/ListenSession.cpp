#include "core/voicemail/ListenSession.h"

#include "core/apps/StasisServerSnapshot.h"
#include "core/ari/AriEvent.h"
#include "core/ari/AriEventRouter.h"
#include "core/ari/AriIds.h"
#include "core/ari/AriReply.h"
#include "core/ari/AriRestClient.h"
#include "core/ari/model/Playback.h"
#include "core/playback/PlaybackTracker.h"

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcListenSession, "supervisor.voicemail.listen")

namespace {

QString hangupReason(int cause)
{
    switch (cause) {
    case 17:
        return ListenSession::tr("the supervisor's phone is busy");
    case 18:
    case 19:
        return ListenSession::tr("the supervisor's phone did not answer");
    case 0:
    case 16:
    case 32:
        return ListenSession::tr("the call ended");
    default:
        return ListenSession::tr("the call ended (cause %1)").arg(cause);
    }
}

} // namespace

ListenSession::ListenSession(AriRestClient *rest, AriEventRouter *router, PlaybackTracker *tracker, QObject *parent)
    : QObject(parent)
    , m_rest(rest)
    , m_router(router)
    , m_tracker(tracker)
{
    if (m_tracker) {
        connect(m_tracker, &PlaybackTracker::playbackChanged, this, &ListenSession::onPlaybackChanged);
    }
}

ListenSession::~ListenSession() = default;

void ListenSession::setEndpoint(const QString &endpoint)
{
    m_status.endpoint = endpoint;
}

void ListenSession::setApplication(const QString &application)
{
    m_application = application;
}

void ListenSession::setSkipMs(int skipMs)
{
    m_skipMs = std::max(0, skipMs);
}

void ListenSession::listen(const QString &recordingName)
{
    if (recordingName.isEmpty())
        return;
    m_status.recordingName = recordingName;
    m_status.error.clear();
    if (m_status.endpoint.isEmpty()) {
        fail(tr("No supervisor endpoint is set (setting supervisor/endpoint, e.g. PJSIP/1001)."));
        return;
    }
    if (m_answered) {
        stopPlayback();
        play();
    } else if (m_status.hasCall()) {
        publish(); // still ringing: the new message plays once answered
    } else if (const QString busy = m_busy ? m_busy() : QString(); !busy.isEmpty()) {
        fail(tr("The supervisor's phone %1 is busy: %2.").arg(m_status.endpoint, busy));
    } else {
        originate();
    }
}

void ListenSession::originate()
{
    if (!m_rest || !m_router)
        return;
    const QString channelId = AriIds::make(u"listen"_s);
    m_status.channelId = channelId;
    m_status.playback = {};
    m_answered = false;
    m_channelSubscription = m_router->onChannel(channelId, [this](const AriEvent &event) { onChannelEvent(event); });
    AriOperations::OriginateOptions options;
    options.endpoint = m_status.endpoint;
    options.app = m_application;
    options.appArgs = u"listen"_s;
    options.channelId = channelId;
    options.callerId = u"Voicemail"_s;
    options.timeout = 30;
    qCInfo(lcListenSession).noquote() << "calling" << m_status.endpoint << "to play" << m_status.recordingName;
    setState(State::Calling);
    m_rest->send(AriOperations::originate(options), channelId)->then(this, [this, channelId](const AriResult &result) {
        if (result.isOk() || m_status.channelId != channelId)
            return;
        m_channelSubscription.reset();
        m_status.channelId.clear();
        fail(tr("Calling %1 failed: %2").arg(m_status.endpoint, result.describe()));
    });
}

void ListenSession::play()
{
    if (!m_rest || !m_answered)
        return;
    const quint64 serial = ++m_playSerial;
    const QString name = m_status.recordingName;
    m_status.playback = {};
    setState(State::Starting);
    // A recording that does not exist would be accepted by Asterisk and then never finish:
    // check first.
    m_rest->send(AriOperations::getStored(name), m_status.channelId)
        ->then(this, [this, serial, name](const AriResult &result) {
            if (serial != m_playSerial || !m_answered)
                return;
            if (!result.isOk()) {
                fail(result.httpStatus() == 404 ? tr("The message %1 no longer exists.").arg(name)
                                                : tr("Cannot read %1: %2").arg(name, result.describe()));
                return;
            }
            startPlayback();
        });
}

void ListenSession::startPlayback()
{
    const QString playbackId = AriIds::make(u"listen"_s);
    m_status.playback = {};
    m_status.playback.id = playbackId;
    m_playbackSubscription
        = m_router->onPlayback(playbackId, [this](const AriEvent &event) { onPlaybackEvent(event); });
    AriOperations::PlayOptions options;
    options.playbackId = playbackId;
    options.skipms = m_skipMs;
    const quint64 serial = m_playSerial;
    m_rest
        ->send(AriOperations::play(m_status.channelId, { u"recording:"_s + m_status.recordingName }, options),
            m_status.channelId)
        ->then(this, [this, serial](const AriResult &result) {
            if (result.isOk() || serial != m_playSerial)
                return;
            m_playbackSubscription.reset();
            m_status.playback = {};
            fail(tr("Playing %1 failed: %2").arg(m_status.recordingName, result.describe()));
        });
    if (m_tracker && m_tracker->contains(playbackId))
        m_status.playback = m_tracker->playback(playbackId);
    publish();
}

void ListenSession::stopPlayback()
{
    ++m_playSerial;
    m_playbackSubscription.reset();
    const QString playbackId = m_status.playback.id;
    m_status.playback = {};
    const bool active
        = m_status.state == State::Playing || m_status.state == State::Paused || m_status.state == State::Starting;
    if (!playbackId.isEmpty() && active && m_rest)
        m_rest->send(AriOperations::stopPlayback(playbackId), m_status.channelId); // 404 if it just ended: fine
}

void ListenSession::control(AriOperations::PlaybackOperation operation)
{
    if (!m_rest || m_status.playback.id.isEmpty())
        return;
    m_rest->send(AriOperations::controlPlayback(m_status.playback.id, operation), m_status.channelId);
}

void ListenSession::pause()
{
    if (m_status.state != State::Playing)
        return;
    control(AriOperations::PlaybackOperation::Pause);
    setState(State::Paused);
}

void ListenSession::resume()
{
    if (m_status.state != State::Paused)
        return;
    control(AriOperations::PlaybackOperation::Unpause);
    setState(State::Playing);
}

void ListenSession::togglePause()
{
    if (m_status.state == State::Paused)
        resume();
    else
        pause();
}

void ListenSession::forward()
{
    if (m_status.state == State::Playing)
        control(AriOperations::PlaybackOperation::Forward);
}

void ListenSession::reverse()
{
    if (m_status.state == State::Playing)
        control(AriOperations::PlaybackOperation::Reverse);
}

void ListenSession::restart()
{
    switch (m_status.state) {
    case State::Paused:
        control(AriOperations::PlaybackOperation::Unpause);
        control(AriOperations::PlaybackOperation::Restart);
        setState(State::Playing);
        break;
    case State::Playing:
        control(AriOperations::PlaybackOperation::Restart);
        break;
    case State::Finished:
        play();
        break;
    case State::Failed:
        if (m_answered && !m_status.recordingName.isEmpty())
            play();
        break;
    default:
        break;
    }
}

void ListenSession::stop()
{
    if (!m_status.hasCall()) {
        if (m_status.state != State::Idle) {
            m_status.error.clear();
            setState(State::Idle);
        }
        return;
    }
    stopPlayback();
    const QString channelId = m_status.channelId;
    m_channelSubscription.reset();
    m_status.channelId.clear();
    m_answered = false;
    if (m_rest)
        m_rest->send(AriOperations::hangup(channelId), channelId); // 404 if already gone: fine
    m_status.error.clear();
    setState(State::Idle);
}

void ListenSession::onRecordingDeleted(const QString &recordingName)
{
    if (recordingName != m_status.recordingName)
        return;
    const bool active = m_status.state == State::Playing || m_status.state == State::Paused
        || m_status.state == State::Starting || m_status.state == State::Finished;
    if (!active)
        return;
    stopPlayback();
    fail(tr("The message %1 was deleted.").arg(recordingName));
}

void ListenSession::onChannelEvent(const AriEvent &event)
{
    switch (event.type()) {
    case AriEvent::Type::StasisStart:
        if (m_answered)
            return;
        m_answered = true;
        qCInfo(lcListenSession).noquote() << "answered on" << m_status.endpoint;
        play();
        break;
    case AriEvent::Type::ChannelHangupRequest:
    case AriEvent::Type::StasisEnd:
    case AriEvent::Type::ChannelDestroyed:
        callEnded(hangupReason(event.type() == AriEvent::Type::StasisEnd ? 16 : event.cause()));
        break;
    default:
        break;
    }
}

void ListenSession::onPlaybackEvent(const AriEvent &event)
{
    if (event.playbackId() != m_status.playback.id)
        return;
    switch (event.type()) {
    case AriEvent::Type::PlaybackStarted:
        if (m_status.state == State::Starting)
            setState(State::Playing);
        break;
    case AriEvent::Type::PlaybackFinished: {
        m_playbackSubscription.reset();
        const Playback playback = event.playback();
        if (playback.state == u"failed") {
            m_status.playback = {};
            fail(tr("Asterisk could not play %1.").arg(m_status.recordingName));
            return;
        }
        // Show the bar full: the message has played to its end.
        m_status.playback.running = false;
        m_status.playback.state = u"done"_s;
        if (m_status.playback.isDurationKnown())
            m_status.playback.positionMs = m_status.playback.durationMs;
        setState(State::Finished);
        break;
    }
    default:
        break;
    }
}

void ListenSession::onPlaybackChanged(const PlaybackInfo &info)
{
    if (info.id.isEmpty() || info.id != m_status.playback.id || m_status.state == State::Finished)
        return;
    m_status.playback = info;
    publish();
}

void ListenSession::serverReadStarted()
{
    m_callAtServerRead = m_status.channelId;
}

void ListenSession::recover(const StasisServerSnapshot &snapshot)
{
    // A ringing call is not in the application yet, but the server has its channel. A call
    // started after the read began may be missing from it: it is not judged by this read.
    const bool judged = m_status.hasCall() && m_status.channelId == m_callAtServerRead;
    m_callAtServerRead.clear();
    if (judged && !snapshot.liveChannelIds().contains(m_status.channelId))
        callEnded(tr("the call ended while the connection to Asterisk was down"));
    if (!m_rest || m_application.isEmpty())
        return;
    const QList<StasisFoundChannel> found = snapshot.channelsIn(m_application);
    for (const StasisFoundChannel &channel : found) {
        const QString channelId = channel.channel.id;
        if (channelId == m_status.channelId || m_foreignRoles.contains(channel.args.value(0)))
            continue;
        qCWarning(lcListenSession).noquote()
            << "channel" << channelId << "found in the listening application" << m_application
            << "with no listening session here (left by an earlier run of the service): hanging up";
        m_rest->send(AriOperations::hangup(channelId, u"normal"_s), channelId)
            ->then(this, [channelId](const AriResult &result) {
                if (!result.isOk())
                    qCInfo(lcListenSession).noquote() << "hanging up" << channelId << "->" << result.describe();
            });
    }
}

void ListenSession::callEnded(const QString &reason)
{
    if (!m_status.hasCall())
        return;
    const bool wasPlaying = m_answered;
    ++m_playSerial;
    m_playbackSubscription.reset();
    m_channelSubscription.reset();
    m_status.channelId.clear();
    m_status.playback = {};
    m_answered = false;
    qCInfo(lcListenSession).noquote() << "listening call ended:" << reason;
    if (!wasPlaying) {
        fail(tr("Calling %1: %2.").arg(m_status.endpoint, reason));
        return;
    }
    m_status.error.clear();
    setState(State::Idle);
}

void ListenSession::fail(const QString &message)
{
    qCWarning(lcListenSession).noquote() << message;
    m_status.error = message;
    setState(State::Failed);
}

void ListenSession::setState(State state)
{
    m_status.state = state;
    publish();
}

void ListenSession::publish()
{
    Q_EMIT statusChanged(m_status);
}

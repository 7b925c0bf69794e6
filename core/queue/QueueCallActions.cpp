#include "core/queue/QueueCallActions.h"

#include "core/ari/AriEvent.h"
#include "core/ari/AriEventRouter.h"
#include "core/ari/AriIds.h"
#include "core/ari/AriOperations.h"
#include "core/ari/AriReply.h"
#include "core/ari/AriRestClient.h"
#include "core/ari/AriResult.h"
#include "core/ari/model/LiveRecording.h"
#include "core/queue/QueueLogging.h"

#include <QJsonObject>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

constexpr std::array s_kinds { QueueCallAction::Kind::Record, QueueCallAction::Kind::Pause,
    QueueCallAction::Kind::Resume, QueueCallAction::Kind::Stop, QueueCallAction::Kind::Discard,
    QueueCallAction::Kind::EndCall, QueueCallAction::Kind::Announce };

} // namespace

QueueCallActions::QueueCallActions(
    const Settings &settings, AriRestClient *rest, AriEventRouter *router, EndHandler onEnd, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_rest(rest)
    , m_router(router)
    , m_onEnd(std::move(onEnd))
{
    for (const QueueCallAction::Kind kind : s_kinds)
        m_actions[std::size_t(kind)] = new QueueCallAction(kind, this);
    refresh();
}

QueueCallActions::~QueueCallActions() = default;

QString QueueCallActions::recordingNameFor(const QString &bridgeId, int number)
{
    return u"queue/"_s + bridgeId + u'/' + QString::number(number);
}

QString QueueCallActions::originName(Origin origin)
{
    return origin == Origin::AgentKey ? u"agent key"_s : u"supervisor"_s;
}

bool QueueCallActions::isRecording() const
{
    return m_recording == QueueRecordingState::Starting || m_recording == QueueRecordingState::Recording
        || m_recording == QueueRecordingState::Paused;
}

bool QueueCallActions::canRecord() const
{
    return !m_finished && m_recording == QueueRecordingState::None;
}

bool QueueCallActions::canPause() const
{
    return !m_finished && m_recording == QueueRecordingState::Recording;
}

bool QueueCallActions::canResume() const
{
    return !m_finished && m_recording == QueueRecordingState::Paused;
}

bool QueueCallActions::canStop() const
{
    return !m_finished && (m_recording == QueueRecordingState::Recording || m_recording == QueueRecordingState::Paused);
}

bool QueueCallActions::canDiscard() const
{
    return canStop();
}

bool QueueCallActions::canEnd() const
{
    return !m_finished;
}

bool QueueCallActions::canAnnounce() const
{
    return !m_finished;
}

bool QueueCallActions::isAllowed(QueueCallAction::Kind kind) const
{
    switch (kind) {
    case QueueCallAction::Kind::Record:
        return canRecord();
    case QueueCallAction::Kind::Pause:
        return canPause();
    case QueueCallAction::Kind::Resume:
        return canResume();
    case QueueCallAction::Kind::Stop:
        return canStop();
    case QueueCallAction::Kind::Discard:
        return canDiscard();
    case QueueCallAction::Kind::EndCall:
        return canEnd();
    case QueueCallAction::Kind::Announce:
        return canAnnounce();
    }
    return false;
}

QueueCallAction *QueueCallActions::action(QueueCallAction::Kind kind) const
{
    return m_actions[std::size_t(kind)];
}

QList<QueueCallAction *> QueueCallActions::actions() const
{
    return QList<QueueCallAction *>(m_actions.begin(), m_actions.end());
}

QString QueueCallActions::opName(Op op)
{
    switch (op) {
    case Op::Record:
        return u"record"_s;
    case Op::Pause:
        return u"pause"_s;
    case Op::Resume:
        return u"resume"_s;
    case Op::TogglePause:
        return u"pause/resume"_s;
    case Op::Stop:
        return u"stop"_s;
    case Op::Discard:
        return u"discard"_s;
    case Op::EndCall:
        return u"end call"_s;
    case Op::Announce:
        return u"announce"_s;
    case Op::Check:
        return u"check"_s;
    }
    return {};
}

void QueueCallActions::perform(QueueCallAction::Kind kind, Origin origin)
{
    switch (kind) {
    case QueueCallAction::Kind::Record:
        enqueue({ Op::Record, origin, {} });
        return;
    case QueueCallAction::Kind::Pause:
        enqueue({ Op::Pause, origin, {} });
        return;
    case QueueCallAction::Kind::Resume:
        enqueue({ Op::Resume, origin, {} });
        return;
    case QueueCallAction::Kind::Stop:
        enqueue({ Op::Stop, origin, {} });
        return;
    case QueueCallAction::Kind::Discard:
        enqueue({ Op::Discard, origin, {} });
        return;
    case QueueCallAction::Kind::EndCall:
        enqueue({ Op::EndCall, origin, {} });
        return;
    case QueueCallAction::Kind::Announce:
        enqueue({ Op::Announce, origin, m_settings.announceMedia });
        return;
    }
}

bool QueueCallActions::handleKey(QChar digit)
{
    switch (digit.unicode()) {
    case u'0':
        enqueue({ Op::Record, Origin::AgentKey, {} });
        return true;
    case u'5':
        enqueue({ Op::TogglePause, Origin::AgentKey, {} });
        return true;
    case u'7':
        enqueue({ Op::Stop, Origin::AgentKey, {} });
        return true;
    case u'9':
        enqueue({ Op::Discard, Origin::AgentKey, {} });
        return true;
    case u'#':
        enqueue({ Op::EndCall, Origin::AgentKey, {} });
        return true;
    default:
        qCInfo(lcQueue).noquote() << m_settings.bridgeId << ": agent key" << digit
                                  << "means nothing in a call, ignored";
        Q_EMIT actionIgnored(u"key "_s + digit, Origin::AgentKey, u"no action on this key"_s);
        return false;
    }
}

void QueueCallActions::announceMedia(const QString &media)
{
    enqueue({ Op::Announce, Origin::Supervisor, media.isEmpty() ? m_settings.announceMedia : media });
}

void QueueCallActions::checkRecording()
{
    if (!m_finished)
        enqueue({ Op::Check, Origin::Supervisor, {} });
}

void QueueCallActions::enqueue(Command command)
{
    if (m_finished) {
        ignore(command.op, command.origin, u"the call has ended"_s);
        return;
    }
    m_waiting.append(std::move(command));
    pump();
}

void QueueCallActions::pump()
{
    if (m_pumping)
        return;
    m_pumping = true;
    while (!m_busy && !m_finished && !m_waiting.isEmpty()) {
        const Command command = m_waiting.takeFirst();
        execute(command);
    }
    m_pumping = false;
}

void QueueCallActions::execute(const Command &command)
{
    switch (command.op) {
    case Op::Record:
        if (isRecording() || m_recording == QueueRecordingState::Stopping) {
            ignore(command.op, command.origin, u"already recording (%1)"_s.arg(m_recordingName));
            return;
        }
        startRecording(command.origin, 1);
        return;
    case Op::Pause:
    case Op::Resume:
    case Op::TogglePause: {
        const bool pause = command.op == Op::Pause
            || (command.op == Op::TogglePause && m_recording == QueueRecordingState::Recording);
        if (pause && m_recording != QueueRecordingState::Recording) {
            ignore(command.op, command.origin,
                m_recording == QueueRecordingState::Paused ? u"already paused"_s : u"no recording"_s);
            return;
        }
        if (!pause && m_recording != QueueRecordingState::Paused) {
            ignore(command.op, command.origin,
                m_recording == QueueRecordingState::Recording ? u"not paused"_s : u"no recording"_s);
            return;
        }
        pauseRecording(pause, command.origin);
        return;
    }
    case Op::Stop:
    case Op::Discard:
        if (!canStop()) {
            ignore(command.op, command.origin, u"no recording"_s);
            return;
        }
        if (command.op == Op::Stop)
            stopRecording(command.origin);
        else
            discardRecording(command.origin);
        return;
    case Op::EndCall:
        qCInfo(lcQueue).noquote() << m_settings.bridgeId << ": call ended by" << originName(command.origin);
        if (m_onEnd)
            m_onEnd(command.origin);
        return;
    case Op::Announce:
        startAnnouncement(command.media, command.origin);
        return;
    case Op::Check:
        if (m_recording == QueueRecordingState::Recording || m_recording == QueueRecordingState::Paused)
            askRecordingState(0);
        return;
    }
}

void QueueCallActions::ignore(Op op, Origin origin, const QString &reason)
{
    qCInfo(lcQueue).noquote() << m_settings.bridgeId << ':' << opName(op) << "from" << originName(origin)
                              << "does nothing:" << reason;
    Q_EMIT actionIgnored(opName(op), origin, reason);
}

void QueueCallActions::request(const AriRequest &request, ResultHandler handler, const QString &orderingKey)
{
    ++m_outstanding;
    const QString key = orderingKey.isEmpty() ? m_settings.agentChannelId : orderingKey;
    m_rest->send(request, key)->then(this, [this, handler = std::move(handler)](const AriResult &result) {
        --m_outstanding;
        handler(result);
        if (m_finished && m_outstanding == 0)
            Q_EMIT idle();
    });
}

void QueueCallActions::sendDetached(const AriRequest &request, const QString &orderingKey)
{
    const QString what = request.describe();
    const QString bridgeId = m_settings.bridgeId;
    this->request(
        request,
        [bridgeId, what](const AriResult &result) {
            if (!result.isOk())
                qCInfo(lcQueue).noquote() << bridgeId << ':' << what << "->" << result.describe();
        },
        orderingKey);
}

void QueueCallActions::done()
{
    m_busy = false;
    refresh();
    pump();
}

void QueueCallActions::adoptRecording()
{
    if (m_busy || m_finished)
        return;
    m_busy = true;
    probeRecording(1);
}

void QueueCallActions::probeRecording(int number)
{
    // Names are numbered from 1 per bridge: the first one neither live nor stored ends the search.
    const QString name = recordingNameFor(m_settings.bridgeId, number);
    request(AriOperations::getLive(name), [this, name, number](const AriResult &live) {
        if (m_finished)
            return;
        if (live.isOk()) {
            const QString state = live.json().toObject().value(u"state"_s).toString();
            if (state == u"recording"_s || state == u"paused"_s || state == u"queued"_s) {
                m_nextNumber = number + 1;
                m_recordingName = name;
                m_recordingSubscription
                    = m_router->onRecording(name, [this](const AriEvent &event) { onRecordingEvent(event); });
                setRecording(state == u"paused"_s ? QueueRecordingState::Paused : QueueRecordingState::Recording);
                qCInfo(lcQueue).noquote()
                    << m_settings.bridgeId << ": recording" << name << "found in progress (" << state << ')';
                Q_EMIT recordingStarted(name);
                done();
                return;
            }
        }
        request(AriOperations::getStored(name), [this, name, number](const AriResult &stored) {
            if (m_finished)
                return;
            if (stored.isOk() && number < m_settings.recordNameAttempts * 8) {
                noteStored(name);
                probeRecording(number + 1);
                return;
            }
            m_nextNumber = number;
            done();
        });
    });
}

void QueueCallActions::startRecording(Origin origin, int attempt)
{
    const QString name = recordingNameFor(m_settings.bridgeId, m_nextNumber++);
    m_recordingName = name;
    m_recordingSubscription = m_router->onRecording(name, [this](const AriEvent &event) { onRecordingEvent(event); });
    setRecording(QueueRecordingState::Starting);
    m_busy = true;

    AriOperations::RecordOptions options;
    options.name = name;
    options.format = m_settings.recordingFormat;
    options.ifExists = u"fail"_s;
    request(AriOperations::recordBridge(m_settings.bridgeId, options),
        [this, name, origin, attempt](const AriResult &result) {
            if (m_finished || m_recordingName != name)
                return;
            if (result.isOk()) {
                if (m_recording == QueueRecordingState::Starting)
                    setRecording(QueueRecordingState::Recording);
                qCInfo(lcQueue).noquote()
                    << u"%1: recording %2 started by %3"_s.arg(m_settings.bridgeId, name, originName(origin));
                Q_EMIT recordingStarted(name);
                // The beep goes to the caller only: a playback on the caller's channel.
                AriOperations::PlayOptions play;
                play.playbackId = AriIds::make(u"beep"_s);
                sendDetached(AriOperations::play(m_settings.callerChannelId, { m_settings.beepMedia }, play),
                    m_settings.callerChannelId);
                done();
                return;
            }
            m_recordingSubscription.reset();
            if (result.isHttpError(409) && attempt < m_settings.recordNameAttempts) {
                qCInfo(lcQueue).noquote()
                    << m_settings.bridgeId << ": recording name" << name << "is taken, trying the next one";
                startRecording(origin, attempt + 1);
                return;
            }
            qCWarning(lcQueue).noquote() << m_settings.bridgeId << ": recording" << name
                                         << "could not start:" << result.describe();
            setRecording(QueueRecordingState::None);
            Q_EMIT recordingFailed(name, result.describe());
            done();
        });
}

void QueueCallActions::pauseRecording(bool pause, Origin origin)
{
    const QString name = m_recordingName;
    m_busy = true;
    const AriRequest request = pause ? AriOperations::pauseLive(name) : AriOperations::unpauseLive(name);
    this->request(request, [this, name, pause, origin](const AriResult &result) {
        if (m_finished || m_recordingName != name)
            return;
        if (result.isOk()) {
            if (isRecording())
                setRecording(pause ? QueueRecordingState::Paused : QueueRecordingState::Recording);
            qCInfo(lcQueue).noquote() << m_settings.bridgeId << ": recording" << name << (pause ? "paused" : "resumed")
                                      << "by" << originName(origin);
        } else if (result.isHttpError(404)) {
            qCInfo(lcQueue).noquote() << m_settings.bridgeId << ": recording" << name << "had ended already";
            recordingEnded();
        } else {
            qCWarning(lcQueue).noquote() << m_settings.bridgeId << ':' << (pause ? "pausing" : "resuming") << name
                                         << "failed:" << result.describe();
            if (!result.isConclusive()) {
                // It may have been done all the same: the server's word decides.
                askRecordingState(0);
                return;
            }
        }
        done();
    });
}

void QueueCallActions::askRecordingState(int attempt, std::function<void()> onGone)
{
    constexpr int attempts = 4;
    constexpr int firstRetryMs = 1000;
    const QString name = m_recordingName;
    m_busy = true;
    request(AriOperations::getLive(name), [this, name, attempt, onGone](const AriResult &live) {
        if (m_finished || m_recordingName != name)
            return;
        if (!live.isConclusive() && attempt + 1 < attempts) {
            qCInfo(lcQueue).noquote() << m_settings.bridgeId << ": asking how" << name
                                      << "stands failed:" << live.describe() << "- asking again";
            QTimer::singleShot(firstRetryMs << attempt, this, [this, name, attempt, onGone] {
                if (!m_finished && m_recordingName == name)
                    askRecordingState(attempt + 1, onGone);
            });
            return;
        }
        if (m_recording == QueueRecordingState::None) {
            done(); // its end came meanwhile (RecordingFinished): nothing left to learn
            return;
        }
        const QString state = live.isOk() ? live.json().toObject().value(u"state"_s).toString() : QString();
        if (state == u"paused"_s || state == u"recording"_s || state == u"queued"_s) {
            const QueueRecordingState now
                = state == u"paused"_s ? QueueRecordingState::Paused : QueueRecordingState::Recording;
            if (now != m_recording) {
                qCInfo(lcQueue).noquote() << m_settings.bridgeId << ": recording" << name << "is" << state
                                          << "on the server; the call follows";
            }
            setRecording(now);
        } else if (live.isHttpError(404) || (live.isOk() && !state.isEmpty())) {
            // Gone from the live ones (or done, failed, canceled): it has ended.
            qCInfo(lcQueue).noquote() << m_settings.bridgeId << ": recording" << name << "has ended on the server";
            if (onGone) {
                onGone();
                return;
            }
            recordingEnded();
        } else {
            qCWarning(lcQueue).noquote() << m_settings.bridgeId << ": how" << name
                                         << "stands could not be learned:" << live.describe();
            if (m_recording == QueueRecordingState::Stopping)
                setRecording(QueueRecordingState::Recording); // as before; asked again after a reconnect
        }
        done();
    });
}

void QueueCallActions::stopRecording(Origin origin)
{
    const QString name = m_recordingName;
    m_busy = true;
    setRecording(QueueRecordingState::Stopping);
    request(AriOperations::stopLive(name), [this, name, origin](const AriResult &result) {
        // Reported even when the call has ended meanwhile: what was kept is a fact.
        if (result.isOk() || result.isHttpError(404)) {
            // 404: it had ended by itself already, and was kept.
            qCInfo(lcQueue).noquote() << u"%1: recording %2 stopped and kept (%3)"_s.arg(m_settings.bridgeId, name,
                                                                                          originName(origin));
            if (!m_finished) {
                recordingEnded();
            } else {
                noteStored(name);
            }
        } else {
            qCWarning(lcQueue).noquote() << m_settings.bridgeId << ": stopping" << name
                                         << "failed:" << result.describe();
            if (!m_finished) {
                if (!result.isConclusive()) {
                    // It may have stopped all the same: the server's word decides (meanwhile the
                    // call stays "stopping", and an end of the recording is this stop's).
                    askRecordingState(0);
                    return;
                }
                setRecording(QueueRecordingState::Recording);
            }
        }
        if (!m_finished)
            done();
    });
}

void QueueCallActions::discardRecording(Origin origin)
{
    const QString name = m_recordingName;
    m_busy = true;
    setRecording(QueueRecordingState::Stopping);
    const auto discarded = [this, name] {
        m_stored.removeAll(name);
        if (!m_finished) {
            m_recordingSubscription.reset();
            setRecording(QueueRecordingState::None);
        }
        Q_EMIT recordingDiscarded(name);
        if (!m_finished)
            done();
    };
    request(AriOperations::cancelLive(name), [this, name, origin, discarded](const AriResult &result) {
        if (result.isOk()) {
            qCInfo(lcQueue).noquote() << u"%1: recording %2 discarded (%3)"_s.arg(m_settings.bridgeId, name,
                                                                                 originName(origin));
            discarded();
            return;
        }
        // It ended (and was stored) before the cancel reached it: delete what was stored.
        const auto deleteStored = [this, name, discarded] {
            request(AriOperations::deleteStored(name), [this, name, discarded](const AriResult &deleted) {
                if (!deleted.isOk() && !deleted.isHttpError(404)) {
                    qCWarning(lcQueue).noquote()
                        << m_settings.bridgeId << ": deleting" << name << "failed:" << deleted.describe();
                }
                discarded();
            });
        };
        if (result.isHttpError(404)) {
            deleteStored();
            return;
        }
        qCWarning(lcQueue).noquote() << m_settings.bridgeId << ": discarding" << name << "failed:" << result.describe();
        if (!m_finished) {
            if (!result.isConclusive()) {
                // It may have been cancelled all the same: the server's word decides (meanwhile
                // the call stays "stopping"), and a recording that is gone is deleted if it was
                // stored.
                askRecordingState(0, deleteStored);
                return;
            }
            setRecording(QueueRecordingState::Recording);
            done();
        }
    });
}

void QueueCallActions::onRecordingEvent(const AriEvent &event)
{
    if (m_finished || event.recordingName() != m_recordingName)
        return;
    if (event.type() == AriEvent::Type::RecordingFailed) {
        const QString cause = event.recording().cause;
        qCWarning(lcQueue).noquote() << m_settings.bridgeId << ": recording" << m_recordingName << "failed"
                                     << (cause.isEmpty() ? QString() : u"(%1)"_s.arg(cause));
        m_recordingSubscription.reset();
        setRecording(QueueRecordingState::None);
        Q_EMIT recordingFailed(m_recordingName, cause.isEmpty() ? u"recording failed"_s : cause);
        return;
    }
    if (event.type() != AriEvent::Type::RecordingFinished)
        return;
    // The end of a stop or a discard of ours is handled with its answer; before the record
    // request is answered nothing has started yet.
    if (m_recording == QueueRecordingState::Recording || m_recording == QueueRecordingState::Paused) {
        qCInfo(lcQueue).noquote() << m_settings.bridgeId << ": recording" << m_recordingName << "ended by itself";
        recordingEnded();
    }
}

void QueueCallActions::recordingEnded()
{
    m_recordingSubscription.reset();
    setRecording(QueueRecordingState::None);
    noteStored(m_recordingName);
}

void QueueCallActions::noteStored(const QString &name)
{
    if (!m_stored.contains(name))
        m_stored.append(name);
    Q_EMIT recordingStored(name);
}

void QueueCallActions::startAnnouncement(const QString &media, Origin origin)
{
    if (!m_announcementId.isEmpty()) {
        qCInfo(lcQueue).noquote() << m_settings.bridgeId << ": announcement" << m_announcementId
                                  << "replaced by a new one";
        sendDetached(AriOperations::stopPlayback(m_announcementId), m_settings.agentChannelId);
        clearAnnouncement();
    }
    const QString id = AriIds::make(u"announce"_s);
    m_announcementId = id;
    m_announcementSubscription = m_router->onPlayback(id, [this, id](const AriEvent &event) {
        if (event.type() == AriEvent::Type::PlaybackFinished && m_announcementId == id) {
            clearAnnouncement();
            refresh();
        }
    });
    AriOperations::PlayOptions options;
    options.playbackId = id;
    qCInfo(lcQueue).noquote() << u"%1: announcing %2 to the call (%3)"_s.arg(m_settings.bridgeId, media,
                                                                              originName(origin));
    request(AriOperations::playOnBridge(m_settings.bridgeId, { media }, options),
        [this, id, media](const AriResult &result) {
            if (result.isOk() || m_announcementId != id)
                return;
            qCWarning(lcQueue).noquote() << m_settings.bridgeId << ": announcing" << media
                                         << "failed:" << result.describe();
            clearAnnouncement();
            refresh();
        });
    Q_EMIT announcementStarted(media);
    refresh();
}

void QueueCallActions::clearAnnouncement()
{
    m_announcementId.clear();
    m_announcementSubscription.reset();
}

void QueueCallActions::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    for (const Command &command : std::as_const(m_waiting)) {
        if (command.op != Op::Check) // an internal step, not somebody's action
            ignore(command.op, command.origin, u"the call has ended"_s);
    }
    m_waiting.clear();
    if (isRecording()) {
        // A recording still running when the call ends is stopped and kept (SPEC Q-5). The stop
        // goes out after a record request still on its way (same ordering key).
        const QString name = m_recordingName;
        qCInfo(lcQueue).noquote() << m_settings.bridgeId << ": call ended while recording:" << name
                                  << "is stopped and kept";
        sendDetached(AriOperations::stopLive(name), m_settings.agentChannelId);
        m_recording = QueueRecordingState::None;
        noteStored(name);
    }
    // A stop or a discard on its way reports its outcome when its answer comes.
    m_recordingSubscription.reset();
    clearAnnouncement();
    refresh();
    Q_EMIT finished();
    if (m_outstanding == 0)
        Q_EMIT idle();
}

void QueueCallActions::setRecording(QueueRecordingState state)
{
    if (m_recording == state)
        return;
    m_recording = state;
    refresh();
}

quint32 QueueCallActions::flags() const
{
    quint32 flags = quint32(m_recording);
    quint32 bit = 8;
    for (const bool value : { isAnnouncing(), m_finished, canRecord(), canPause(), canResume(), canStop(), canDiscard(),
             canEnd(), canAnnounce() }) {
        if (value)
            flags |= bit;
        bit <<= 1;
    }
    return flags;
}

void QueueCallActions::refresh()
{
    for (const QueueCallAction::Kind kind : s_kinds)
        m_actions[std::size_t(kind)]->setEnabled(isAllowed(kind));
    const quint32 now = flags();
    if (now == m_reportedFlags && m_recordingName == m_reportedName)
        return;
    m_reportedFlags = now;
    m_reportedName = m_recordingName;
    Q_EMIT stateChanged();
}

#include "sim/engine/SimPlayback.h"

#include "sim/engine/SimBridge.h"
#include "sim/engine/SimChannel.h"
#include "sim/engine/SimEngine.h"
#include "sim/engine/SimHeardLog.h"
#include "sim/engine/SimLogging.h"

using namespace Qt::StringLiterals;

SimPlayback::SimPlayback(SimEngine *engine, const QString &id, const QStringList &media,
                         const QString &language, SimChannel *channel, SimBridge *bridge,
                         qint64 skipMs, qint64 offsetMs, QObject *parent)
    : SimMediaTask(parent)
    , m_engine(engine)
    , m_id(id)
    , m_media(media)
    , m_language(language)
    , m_channel(channel)
    , m_bridge(bridge)
    , m_skipMs(skipMs > 0 ? skipMs : 3000)
    , m_offsetMs(qMax<qint64>(0, offsetMs))
    , m_timer(engine->clock())
{
    if (channel) {
        m_targetUri = u"channel:"_s + channel->id();
        m_heardKey = channel->heardKey();
    } else if (bridge) {
        m_targetUri = u"bridge:"_s + bridge->id();
        m_heardKey = bridge->heardKey();
    }
    SimHeardLog *log = m_engine->heardLog(m_heardKey);
    for (const QString &uri : m_media)
        m_heardEntries.append(log->addMedia(m_id, uri, m_language));
    connect(&m_timer, &SimTimer::timeout, this, &SimPlayback::onTimeout);
}

SimPlayback::~SimPlayback() = default;

std::optional<SimPlayback::Operation> SimPlayback::parseOperation(const QString &text)
{
    if (text == u"restart"_s)
        return Operation::Restart;
    if (text == u"pause"_s)
        return Operation::Pause;
    if (text == u"unpause"_s)
        return Operation::Unpause;
    if (text == u"reverse"_s)
        return Operation::Reverse;
    if (text == u"forward"_s)
        return Operation::Forward;
    return std::nullopt;
}

SimChannel *SimPlayback::channel() const
{
    return m_channel.data();
}

SimBridge *SimPlayback::bridge() const
{
    return m_bridge.data();
}

QString SimPlayback::stateText() const
{
    switch (m_state) {
    case State::Queued: return u"queued"_s;
    case State::Playing: return u"playing"_s;
    case State::Paused: return u"paused"_s;
    case State::Continuing: return u"continuing"_s;
    case State::Failed: return u"failed"_s;
    case State::Done:
    case State::Cancelled: return u"done"_s;
    }
    return u"done"_s;
}

QJsonObject SimPlayback::toJson() const
{
    const int index = qBound(0, m_index, static_cast<int>(m_media.size()) - 1);
    QJsonObject json{{u"id"_s, m_id},
                     {u"media_uri"_s, m_media.value(index)},
                     {u"target_uri"_s, m_targetUri},
                     {u"language"_s, m_language},
                     {u"state"_s, stateText()}};
    if (index + 1 < m_media.size())
        json.insert(u"next_media_uri"_s, m_media.at(index + 1));
    return json;
}

qint64 SimPlayback::positionMs() const
{
    return m_basePositionMs + m_timer.elapsedMs();
}

void SimPlayback::publish(SimEvents::Type type)
{
    m_engine->publishPlaybackEvent(this, type);
}

void SimPlayback::begin()
{
    if (m_state == State::Cancelled) {
        // Asterisk publishes the cancelled playback once when its turn comes.
        endRemaining(0, SimHeardLog::End::Stopped);
        publish(SimEvents::PlaybackFinished);
        markFinished();
        return;
    }
    m_index = 0;
    startItem();
}

void SimPlayback::startItem()
{
    SimHeardLog *log = m_engine->heardLog(m_heardKey);
    for (;;) {
        if (m_index >= m_media.size()) {
            // The last media "never ends": Asterisk forgets the playback without a final event.
            qCInfo(lcSim) << "playback" << m_id << "vanished:" << m_resolution.reason;
            markFinished();
            return;
        }
        m_state = State::Playing;
        if (m_channel)
            m_engine->stopMusicOnHold(m_channel.data());
        log = m_engine->heardLog(m_heardKey);
        log->start(m_heardEntries.value(m_index, -1), m_engine->nowMs());
        publish(SimEvents::PlaybackStarted);
        m_resolution = m_engine->media().resolve(m_media.at(m_index), m_language);
        switch (m_resolution.outcome) {
        case MediaResolver::Outcome::NeverEnds:
            log->finish(m_heardEntries.value(m_index, -1), m_engine->nowMs(), SimHeardLog::End::Failed);
            ++m_index;
            continue;
        case MediaResolver::Outcome::Continuous:
            m_basePositionMs = 0;
            return;
        case MediaResolver::Outcome::Fails:
            m_basePositionMs = 0;
            m_timer.start(m_resolution.durationMs);
            return;
        case MediaResolver::Outcome::Plays: {
            const qint64 offset = m_index == 0 ? qMin(m_offsetMs, m_resolution.durationMs) : 0;
            m_basePositionMs = offset;
            m_timer.start(m_resolution.durationMs - offset);
            return;
        }
        }
        return;
    }
}

void SimPlayback::onTimeout()
{
    endItem(m_resolution.outcome == MediaResolver::Outcome::Fails);
}

void SimPlayback::endItem(bool failed)
{
    SimHeardLog *log = m_engine->heardLog(m_heardKey);
    log->finish(m_heardEntries.value(m_index, -1), m_engine->nowMs(),
                failed ? SimHeardLog::End::Failed : SimHeardLog::End::Finished);
    if (m_index + 1 < m_media.size()) {
        m_state = State::Continuing;
        publish(SimEvents::PlaybackContinuing);
        ++m_index;
        startItem();
        return;
    }
    m_state = failed ? State::Failed : State::Done;
    publish(SimEvents::PlaybackFinished);
    markFinished();
}

void SimPlayback::endRemaining(int fromIndex, SimHeardLog::End end)
{
    SimHeardLog *log = m_engine->heardLog(m_heardKey);
    for (int i = fromIndex; i < m_heardEntries.size(); ++i)
        log->finish(m_heardEntries.at(i), m_engine->nowMs(), end);
}

void SimPlayback::stop()
{
    switch (m_state) {
    case State::Queued:
        m_state = State::Cancelled;
        return;
    case State::Playing:
    case State::Paused:
    case State::Continuing:
        m_timer.stop();
        endRemaining(m_index, SimHeardLog::End::Stopped);
        m_state = State::Done;
        publish(SimEvents::PlaybackFinished);
        markFinished();
        return;
    case State::Done:
    case State::Failed:
    case State::Cancelled:
        return;
    }
}

void SimPlayback::seek(qint64 positionMs)
{
    if (m_resolution.outcome != MediaResolver::Outcome::Plays)
        return;
    const bool paused = m_timer.isPaused();
    m_basePositionMs = qBound<qint64>(0, positionMs, m_resolution.durationMs);
    m_timer.start(m_resolution.durationMs - m_basePositionMs);
    if (paused)
        m_timer.pause();
}

SimPlayback::ControlResult SimPlayback::control(Operation operation)
{
    switch (m_state) {
    case State::Queued:
        return operation == Operation::Restart ? ControlResult::Ok : ControlResult::NotPlaying;
    case State::Playing:
    case State::Continuing:
        switch (operation) {
        case Operation::Restart:
            seek(0);
            return ControlResult::Ok;
        case Operation::Pause:
            m_state = State::Paused;
            m_timer.pause();
            m_engine->heardLog(m_heardKey)->pause(m_heardEntries.value(m_index, -1), m_engine->nowMs());
            return ControlResult::Ok;
        case Operation::Unpause:
            return ControlResult::Ok;
        case Operation::Reverse:
            seek(qMax<qint64>(0, positionMs() - m_skipMs));
            return ControlResult::Ok;
        case Operation::Forward:
            if (positionMs() + m_skipMs < m_resolution.durationMs)
                seek(positionMs() + m_skipMs);
            return ControlResult::Ok;
        }
        return ControlResult::Ok;
    case State::Paused:
        if (operation == Operation::Pause)
            return ControlResult::Ok;
        if (operation == Operation::Unpause) {
            m_state = State::Playing;
            m_timer.resume();
            m_engine->heardLog(m_heardKey)->resume(m_heardEntries.value(m_index, -1), m_engine->nowMs());
            publish(SimEvents::PlaybackStarted);
            return ControlResult::Ok;
        }
        return ControlResult::NotPlaying;
    case State::Done:
    case State::Failed:
    case State::Cancelled:
        return ControlResult::NotPlaying;
    }
    return ControlResult::NotPlaying;
}

void SimPlayback::abortRunning()
{
    if (isFinished())
        return;
    m_timer.stop();
    endRemaining(m_index, SimHeardLog::End::Failed);
    m_state = State::Failed;
    publish(SimEvents::PlaybackFinished);
    markFinished();
}

void SimPlayback::abortWaiting()
{
    if (isFinished())
        return;
    m_timer.stop();
    endRemaining(0, SimHeardLog::End::Stopped);
    markFinished();
}

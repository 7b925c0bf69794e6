#include "sim/engine/SimLiveRecording.h"

#include "sim/media/RecordingStore.h"
#include "sim/engine/SimBridge.h"
#include "sim/engine/SimChannel.h"
#include "sim/engine/SimEngine.h"
#include "sim/engine/SimLogging.h"
#include "sim/media/SoundCatalogue.h"

using namespace Qt::StringLiterals;

namespace {
// The simulator's own limit: a recording nobody stops ends after one hour of recorded audio (at
// high clock speeds an unbounded recording would fill the disk within minutes).
constexpr qint64 s_maxRecordingMs = qint64(3600) * 1000;
} // namespace

std::optional<SimLiveRecording::Termination> SimLiveRecording::parseTermination(const QString &text)
{
    if (text.isEmpty() || text == u"none"_s)
        return Termination::None;
    if (text == u"any"_s)
        return Termination::Any;
    if (text == u"*"_s)
        return Termination::Star;
    if (text == u"#"_s)
        return Termination::Hash;
    return std::nullopt;
}

std::optional<SimLiveRecording::IfExists> SimLiveRecording::parseIfExists(const QString &text)
{
    if (text.isEmpty() || text == u"fail"_s)
        return IfExists::Fail;
    if (text == u"overwrite"_s)
        return IfExists::Overwrite;
    if (text == u"append"_s)
        return IfExists::Append;
    return std::nullopt;
}

SimLiveRecording::SimLiveRecording(SimEngine *engine, const Options &options, SimChannel *channel,
                                   SimBridge *bridge, QObject *parent)
    : SimMediaTask(parent)
    , m_engine(engine)
    , m_options(options)
    , m_channel(channel)
    , m_bridge(bridge)
    , m_maxDurationTimer(engine->clock())
    , m_silenceTimer(engine->clock())
{
    if (channel)
        m_targetUri = u"channel:"_s + channel->id();
    else if (bridge)
        m_targetUri = u"bridge:"_s + bridge->id();
    connect(&m_maxDurationTimer, &SimTimer::timeout, this, [this] { finish(true); });
    connect(&m_silenceTimer, &SimTimer::timeout, this, [this] {
        m_endedBySilence = true;
        finish(true);
    });
}

SimLiveRecording::~SimLiveRecording() = default;

qint64 SimLiveRecording::limitMs() const
{
    return m_options.maxDurationMs > 0 ? qMin(m_options.maxDurationMs, s_maxRecordingMs) : s_maxRecordingMs;
}

SimChannel *SimLiveRecording::channel() const
{
    return m_channel.data();
}

SimBridge *SimLiveRecording::bridge() const
{
    return m_bridge.data();
}

QString SimLiveRecording::stateText() const
{
    switch (m_state) {
    case State::Queued: return u"queued"_s;
    case State::Recording: return u"recording"_s;
    case State::Paused: return u"paused"_s;
    case State::Done: return u"done"_s;
    case State::Failed: return u"failed"_s;
    }
    return u"done"_s;
}

QJsonObject SimLiveRecording::toJson() const
{
    return QJsonObject{{u"name"_s, m_options.name},
                       {u"format"_s, m_options.format},
                       {u"state"_s, stateText()},
                       {u"target_uri"_s, m_targetUri}};
}

void SimLiveRecording::openStretch(qint64 fromMs)
{
    m_openSinceMs = fromMs;
}

void SimLiveRecording::closeStretch(qint64 atMs)
{
    if (m_openSinceMs < 0)
        return;
    if (atMs > m_openSinceMs)
        m_stretches.append(Stretch{m_openSinceMs, atMs, m_muted});
    m_openSinceMs = -1;
}

void SimLiveRecording::begin()
{
    if (isFinished())
        return;
    const qint64 now = m_engine->nowMs();
    qint64 beepMs = 0;
    if (m_options.beep) {
        beepMs = m_engine->sounds().durationMs(u"beep"_s, u"en"_s);
        if (beepMs < 0)
            beepMs = 0;
    }
    m_state = State::Recording;
    m_engine->publishRecordingEvent(this, SimEvents::RecordingStarted, toJson());
    openStretch(now + beepMs);
    m_maxDurationTimer.start(beepMs + limitMs());
    if (m_channel && m_options.maxSilenceMs > 0) {
        connect(m_channel.data(), &SimChannel::talkingChanged, this, &SimLiveRecording::onTalkingChanged);
        if (!m_channel->isTalking())
            armSilenceTimer(now + beepMs);
    }
}

void SimLiveRecording::armSilenceTimer(qint64 silentSinceMs)
{
    if (m_options.maxSilenceMs <= 0 || m_state != State::Recording)
        return;
    const qint64 now = m_engine->nowMs();
    m_silenceTimer.start(silentSinceMs + m_options.maxSilenceMs - now);
}

void SimLiveRecording::onTalkingChanged(bool talking)
{
    if (m_state != State::Recording)
        return;
    if (talking)
        m_silenceTimer.stop();
    else
        armSilenceTimer(m_engine->nowMs());
}

bool SimLiveRecording::pause()
{
    if (m_state == State::Queued || isFinished())
        return false;
    if (m_state == State::Paused)
        return true;
    const qint64 now = m_engine->nowMs();
    closeStretch(now);
    m_state = State::Paused;
    m_maxDurationTimer.pause();
    m_silenceTimer.stop();
    return true;
}

bool SimLiveRecording::unpause()
{
    if (m_state == State::Queued || isFinished())
        return false;
    if (m_state != State::Paused)
        return true;
    const qint64 now = m_engine->nowMs();
    m_state = State::Recording;
    openStretch(now);
    m_maxDurationTimer.resume();
    if (m_channel && m_options.maxSilenceMs > 0 && !m_channel->isTalking())
        armSilenceTimer(now);
    return true;
}

bool SimLiveRecording::mute()
{
    if (m_state == State::Queued || isFinished())
        return false;
    if (m_muted)
        return true;
    const qint64 now = m_engine->nowMs();
    const bool open = m_openSinceMs >= 0;
    const qint64 from = qMax(now, m_openSinceMs);
    closeStretch(now);
    m_muted = true;
    if (open)
        openStretch(from);
    return true;
}

bool SimLiveRecording::unmute()
{
    if (m_state == State::Queued || isFinished())
        return false;
    if (!m_muted)
        return true;
    const qint64 now = m_engine->nowMs();
    const bool open = m_openSinceMs >= 0;
    const qint64 from = qMax(now, m_openSinceMs);
    closeStretch(now);
    m_muted = false;
    if (open)
        openStretch(from);
    return true;
}

void SimLiveRecording::onDtmf(const QString &digit)
{
    if (m_state != State::Recording && m_state != State::Paused)
        return;
    bool ends = false;
    switch (m_options.terminateOn) {
    case Termination::None: break;
    case Termination::Any: ends = true; break;
    case Termination::Star: ends = digit == u"*"_s; break;
    case Termination::Hash: ends = digit == u"#"_s; break;
    }
    if (ends)
        finish(true);
}

void SimLiveRecording::stop()
{
    if (isFinished())
        return;
    if (m_state == State::Queued) {
        abortWaiting();
        return;
    }
    finish(true);
}

void SimLiveRecording::cancel()
{
    if (isFinished())
        return;
    if (m_state == State::Queued) {
        abortWaiting();
        return;
    }
    finish(false);
}

void SimLiveRecording::abortRunning()
{
    if (isFinished())
        return;
    finish(true);
}

void SimLiveRecording::abortWaiting()
{
    if (isFinished())
        return;
    m_state = State::Done;
    markFinished();
}

QList<WavFile::Segment> SimLiveRecording::buildSegments(qint64 *talkingMs, qint64 *silentMs) const
{
    QList<WavFile::Segment> segments;
    const auto append = [&segments](qint64 ms, bool audible) {
        if (ms <= 0)
            return;
        if (!segments.isEmpty() && segments.last().audible == audible)
            segments.last().ms += ms;
        else
            segments.append(WavFile::Segment{ms, audible});
    };
    const QList<SimChannel::Interval> talk = m_engine->audibleIntervals(m_channel.data());
    for (const Stretch &stretch : m_stretches) {
        if (stretch.muted) {
            append(stretch.endMs - stretch.startMs, false);
            continue;
        }
        if (!m_channel) {
            // A bridge carries the conversation of its members: audible throughout.
            append(stretch.endMs - stretch.startMs, true);
            continue;
        }
        qint64 cursor = stretch.startMs;
        for (const SimChannel::Interval &interval : talk) {
            if (interval.endMs <= cursor || interval.startMs >= stretch.endMs)
                continue;
            const qint64 from = qMax(interval.startMs, cursor);
            const qint64 to = qMin(interval.endMs, stretch.endMs);
            append(from - cursor, false);
            append(to - from, true);
            cursor = to;
        }
        append(stretch.endMs - cursor, false);
    }
    // A recording ended by maxDurationSeconds is exactly that long (the timer may fire late).
    qint64 total = 0;
    for (const WavFile::Segment &segment : std::as_const(segments))
        total += segment.ms;
    qint64 excess = total - limitMs();
    while (excess > 0 && !segments.isEmpty()) {
        const qint64 cut = qMin(excess, segments.last().ms);
        segments.last().ms -= cut;
        excess -= cut;
        if (segments.last().ms == 0)
            segments.removeLast();
    }
    // Cut the trailing silence that made maxSilenceSeconds end the recording.
    if (m_endedBySilence && !segments.isEmpty() && !segments.last().audible)
        segments.removeLast();
    qint64 talking = 0;
    qint64 silent = 0;
    for (const WavFile::Segment &segment : segments)
        (segment.audible ? talking : silent) += segment.ms;
    *talkingMs = talking;
    *silentMs = silent;
    return segments;
}

void SimLiveRecording::finish(bool keep)
{
    if (isFinished() || m_state == State::Queued)
        return;
    const qint64 now = m_engine->nowMs();
    m_maxDurationTimer.stop();
    m_silenceTimer.stop();
    if (m_channel)
        disconnect(m_channel.data(), &SimChannel::talkingChanged, this, nullptr);
    closeStretch(now);

    qint64 talkingMs = 0;
    qint64 silentMs = 0;
    const QList<WavFile::Segment> segments = buildSegments(&talkingMs, &silentMs);
    qint64 durationMs = talkingMs + silentMs;

    QJsonObject json = toJson();
    bool failed = false;
    if (keep) {
        RecordingStore &store = m_engine->recordings();
        QString error;
        RecordingStore::Status status;
        if (m_options.ifExists == IfExists::Append && store.exists(m_options.name)) {
            const qint64 previous = qMax<qint64>(0, store.durationMs(m_options.name));
            status = store.append(m_options.name, m_options.format, segments, &error);
            durationMs += previous;
        } else {
            status = store.write(m_options.name, m_options.format, segments, &error);
        }
        if (status != RecordingStore::Status::Ok) {
            failed = true;
            qCWarning(lcSim) << "recording" << m_options.name << "could not be stored:"
                             << RecordingStore::statusText(status) << error;
            json.insert(u"cause"_s, error.isEmpty() ? RecordingStore::statusText(status) : error);
        }
    }
    m_state = failed ? State::Failed : State::Done;
    json.insert(u"state"_s, stateText());
    if (!failed) {
        json.insert(u"duration"_s, static_cast<int>(durationMs / 1000));
        if (m_options.maxSilenceMs > 0) {
            json.insert(u"talking_duration"_s, static_cast<int>(talkingMs / 1000));
            json.insert(u"silence_duration"_s, static_cast<int>(silentMs / 1000));
        }
    }
    qCInfo(lcSim) << "recording" << m_options.name << (keep ? "stored" : "discarded") << durationMs << "ms";
    m_engine->publishRecordingEvent(this, failed ? SimEvents::RecordingFailed : SimEvents::RecordingFinished,
                                    json);
    markFinished();
}

#include "core/playback/PlaybackTracker.h"

#include "core/ari/AriEvent.h"
#include "core/ari/AriOperations.h"
#include "core/ari/AriReply.h"
#include "core/ari/AriRequest.h"
#include "core/ari/AriRestClient.h"
#include "core/ari/AriResult.h"
#include "core/ari/model/Playback.h"
#include "core/playback/MediaDurations.h"
#include "core/playback/SteadyClock.h"

#include <QUrl>

#include <algorithm>
#include <chrono>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcPlaybackTracker, "supervisor.playback.tracker")

namespace {

constexpr QLatin1StringView s_queued("queued");
constexpr QLatin1StringView s_playing("playing");
constexpr QLatin1StringView s_paused("paused");
constexpr QLatin1StringView s_continuing("continuing");
constexpr int s_defaultSkipMs = 3000; // ARI's default for skipms

// The decoded segments of a request path ("/channels/a%2Fb/play" → ["channels", "a/b", "play"]).
// Views into the path where a segment has no escape (most of them); a decoded segment is kept in
// `decoded`, and its view points into that string's characters (which stay where they are when the
// list grows), so a path without escapes allocates nothing there.
QList<QStringView> pathSegments(const QString &path, QStringList &decoded)
{
    QList<QStringView> segments = QStringView(path).split(u'/', Qt::SkipEmptyParts);
    for (QStringView &segment : segments) {
        if (segment.contains(u'%')) {
            decoded.append(QUrl::fromPercentEncoding(segment.toUtf8()));
            segment = decoded.constLast();
        }
    }
    return segments;
}

QString queryValue(const AriRequest &request, const QString &key)
{
    const QStringList values = request.query.allQueryItemValues(key, QUrl::FullyDecoded);
    return values.isEmpty() ? QString() : values.constLast(); // Asterisk uses the last one
}

} // namespace

bool PlaybackTracker::mayConcernPlaybacks(const AriRequest &request)
{
    // The rest (most requests) need not be read.
    const QString &operation = request.operation;
    return operation.isEmpty() || operation == u"play" || operation == u"playWithId" || operation == u"control"
        || operation == u"deleteStored" || operation == u"copyStored";
}

PlaybackTracker::PlaybackTracker(MediaDurations *durations, QObject *parent)
    : QObject(parent)
    , m_durations(durations)
    , m_clock(&steadyClockMs)
{
    if (m_durations)
        connect(m_durations, &MediaDurations::durationKnown, this, &PlaybackTracker::onDurationKnown);
}

PlaybackTracker::~PlaybackTracker() = default;

void PlaybackTracker::setClock(Clock clock)
{
    m_clock = clock ? std::move(clock) : Clock(&steadyClockMs);
}

void PlaybackTracker::setRestClient(AriRestClient *rest)
{
    m_rest = rest;
}

PlaybackInfoList PlaybackTracker::playbacks() const
{
    return PlaybackInfoList(m_playbacks.cbegin(), m_playbacks.cend());
}

void PlaybackTracker::onRequestSent(const AriRequest &request)
{
    if (!mayConcernPlaybacks(request))
        return;
    QStringList decoded;
    const QList<QStringView> segments = pathSegments(request.path, decoded);
    if (segments.size() < 2)
        return;
    const QStringView resource = segments.at(0);
    if (request.method == AriRequest::Method::Post && segments.size() >= 3 && segments.at(2) == u"play"
        && (resource == u"channels" || resource == u"bridges")) {
        const QLatin1StringView kind = resource == u"channels" ? "channel:"_L1 : "bridge:"_L1;
        const QString playbackId
            = segments.size() >= 4 ? segments.at(3).toString() : queryValue(request, u"playbackId"_s);
        onPlayRequest(request, kind + segments.at(1), playbackId);
        return;
    }
    if (resource == u"playbacks" && request.method == AriRequest::Method::Post && segments.size() == 3
        && segments.at(2) == u"control") {
        onControlRequest(segments.at(1).toString(), queryValue(request, u"operation"_s));
        return;
    }
    if (resource == u"recordings" && segments.size() >= 3 && segments.at(1) == u"stored" && m_durations) {
        // A deleted recording, or one copied over: its length must be read again.
        if (request.method == AriRequest::Method::Delete)
            m_durations->forget(u"recording:"_s + segments.at(2));
        else if (request.method == AriRequest::Method::Post && segments.size() == 4 && segments.at(3) == u"copy")
            m_durations->forget(u"recording:"_s + queryValue(request, u"destinationRecordingName"_s));
    }
}

void PlaybackTracker::onRequestFailed(const AriRequest &request, const AriResult &)
{
    if (request.method != AriRequest::Method::Post || !mayConcernPlaybacks(request))
        return;
    QStringList decoded;
    const QList<QStringView> segments = pathSegments(request.path, decoded);
    if (segments.size() < 3 || segments.at(2) != u"play")
        return;
    const QString playbackId
        = segments.size() >= 4 ? segments.at(3).toString() : queryValue(request, u"playbackId"_s);
    const auto it = m_playbacks.constFind(playbackId);
    // A play that failed never starts; one that did start is left to its events.
    if (it != m_playbacks.cend() && it->state == s_queued)
        remove(playbackId);
    m_requests.remove(playbackId);
}

void PlaybackTracker::onPlayRequest(const AriRequest &request, const QString &targetUri, const QString &playbackId)
{
    if (playbackId.isEmpty())
        return; // the server picks the id; PlaybackStarted will introduce it with ARI's defaults
    // The query read once (four of its values are wanted; Asterisk takes the last of a repeated one).
    QString skipText;
    QString offsetText;
    QString mediaText;
    QString language;
    const auto items = request.query.queryItems(QUrl::FullyDecoded);
    for (const auto &[name, value] : items) {
        if (name == u"skipms")
            skipText = value;
        else if (name == u"offsetms")
            offsetText = value;
        else if (name == u"media")
            mediaText = value;
        else if (name == u"lang")
            language = value;
    }
    PlayRequest play;
    bool ok = false;
    const int skip = skipText.toInt(&ok);
    play.skipMs = ok && skip >= 0 ? skip : s_defaultSkipMs;
    const qint64 offset = offsetText.toLongLong(&ok);
    play.offsetMs = ok && offset > 0 ? offset : 0;
    m_requests.insert(playbackId, play);

    if (m_playbacks.contains(playbackId))
        return; // an id used again while in use: its events tell what happens
    PlaybackInfo info;
    info.id = playbackId;
    info.targetUri = targetUri;
    const QList<QStringView> media = QStringView(mediaText).split(u',', Qt::SkipEmptyParts);
    info.mediaUri = media.value(0).toString();
    info.nextMediaUri = media.value(1).toString();
    info.language = language;
    info.state = s_queued;
    info.skipMs = play.skipMs;
    info.positionMs = play.offsetMs;
    info.anchorMs = now();
    m_byTarget[targetUri].insert(playbackId);
    m_playbacks.insert(playbackId, info);
    emitChanged(info);
}

void PlaybackTracker::onControlRequest(const QString &playbackId, const QString &operation)
{
    const auto it = m_playbacks.find(playbackId);
    if (it == m_playbacks.end())
        return;
    PlaybackInfo &info = *it;
    const qint64 t = now();
    const bool playing = info.state == s_playing;
    if (operation == u"pause") {
        if (!playing)
            return;
        freeze(info, t);
        info.state = s_paused;
    } else if (operation == u"unpause") {
        if (info.state != s_paused)
            return;
        info.anchorMs = t;
        info.running = true;
        info.state = s_playing;
    } else if (operation == u"restart") {
        if (!playing)
            return;
        info.positionMs = 0;
        info.anchorMs = t;
    } else if (operation == u"forward") {
        if (!playing)
            return;
        const qint64 position = info.positionAt(t);
        if (info.isDurationKnown() && position + info.skipMs > info.durationMs)
            return; // Asterisk ignores a skip past the end
        info.positionMs = position + info.skipMs;
        info.anchorMs = t;
    } else if (operation == u"reverse") {
        if (!playing)
            return;
        info.positionMs = std::max<qint64>(0, info.positionAt(t) - info.skipMs);
        info.anchorMs = t;
    } else {
        return; // refused by the server (400)
    }
    emitChanged(info);
}

void PlaybackTracker::onEvent(const AriEvent &event)
{
    switch (event.type()) {
    case AriEvent::Type::PlaybackStarted:
        onStarted(event);
        break;
    case AriEvent::Type::PlaybackContinuing:
        onContinuing(event);
        break;
    case AriEvent::Type::PlaybackFinished:
        remove(event.playbackId());
        break;
    case AriEvent::Type::StasisEnd:
    case AriEvent::Type::ChannelDestroyed:
        if (!event.channelId().isEmpty())
            removeTarget(u"channel:"_s + event.channelId());
        break;
    case AriEvent::Type::BridgeDestroyed:
        if (!event.bridgeId().isEmpty())
            removeTarget(u"bridge:"_s + event.bridgeId());
        break;
    case AriEvent::Type::RecordingFinished:
        // A recording made again under the same name (a re-record) has a new length.
        if (m_durations && !event.recordingName().isEmpty())
            m_durations->forget(u"recording:"_s + event.recordingName());
        break;
    default:
        break;
    }
}

void PlaybackTracker::onStarted(const AriEvent &event)
{
    const Playback playback = event.playback();
    if (!playback.isValid())
        return;
    const qint64 t = now();
    auto it = m_playbacks.find(playback.id);
    if (it == m_playbacks.end()) {
        // Not announced by a request: started by another client, or with a server-chosen id.
        PlaybackInfo info;
        info.id = playback.id;
        info.targetUri = playback.targetUri;
        info.skipMs = s_defaultSkipMs;
        m_byTarget[info.targetUri].insert(info.id);
        it = m_playbacks.insert(playback.id, info);
    }
    PlaybackInfo &info = *it;
    const bool firstStart = info.state.isEmpty() || info.state == s_queued;
    const bool nextItem = !firstStart && (info.state == s_continuing || playback.mediaUri != info.mediaUri);
    if (firstStart || nextItem) {
        qint64 offset = 0;
        if (firstStart) {
            const PlayRequest play = m_requests.take(info.id);
            offset = play.offsetMs;
            if (info.state.isEmpty())
                info.skipMs = play.skipMs;
        }
        if (!playback.targetUri.isEmpty() && playback.targetUri != info.targetUri) {
            m_byTarget[info.targetUri].remove(info.id);
            info.targetUri = playback.targetUri;
            m_byTarget[info.targetUri].insert(info.id);
        }
        if (info.mediaUri != playback.mediaUri && m_waitingForDuration.contains(info.mediaUri))
            m_waitingForDuration[info.mediaUri].remove(info.id);
        info.mediaUri = playback.mediaUri;
        info.nextMediaUri = playback.nextMediaUri;
        if (!playback.language.isEmpty())
            info.language = playback.language;
        info.positionMs = offset;
        info.anchorMs = t;
        info.running = true;
        info.state = s_playing;
        resolveDuration(info);
    } else if (info.state == s_paused) {
        // Asterisk announces an unpause with PlaybackStarted.
        info.anchorMs = t;
        info.running = true;
        info.state = s_playing;
    } else {
        return; // already playing this item
    }
    emitChanged(info);
}

void PlaybackTracker::onContinuing(const AriEvent &event)
{
    const Playback playback = event.playback();
    const auto it = m_playbacks.find(playback.id);
    if (it == m_playbacks.end())
        return;
    PlaybackInfo &info = *it;
    freeze(info, now());
    if (info.isDurationKnown())
        info.positionMs = info.durationMs; // this item has played to its end
    info.state = s_continuing;
    info.nextMediaUri = playback.nextMediaUri;
    emitChanged(info);
}

void PlaybackTracker::verifyAll()
{
    if (!m_rest)
        return;
    const QStringList ids = m_playbacks.keys();
    for (const QString &id : ids) {
        m_rest->send(AriOperations::getPlayback(id))->then(this, [this, id](const AriResult &result) {
            if (!result.isOk() && result.status() == AriResult::Status::HttpError && result.httpStatus() == 404) {
                qCInfo(lcPlaybackTracker).noquote() << "playback" << id << "ended while the connection was down";
                remove(id);
            }
        });
    }
}

void PlaybackTracker::clear()
{
    m_playbacks.clear();
    m_requests.clear();
    m_byTarget.clear();
    m_waitingForDuration.clear();
    Q_EMIT cleared();
}

void PlaybackTracker::remove(const QString &playbackId)
{
    const auto it = m_playbacks.find(playbackId);
    m_requests.remove(playbackId);
    if (it == m_playbacks.end())
        return;
    const PlaybackInfo info = *it;
    m_playbacks.erase(it);
    const auto target = m_byTarget.find(info.targetUri);
    if (target != m_byTarget.end()) {
        target->remove(playbackId);
        if (target->isEmpty())
            m_byTarget.erase(target);
    }
    const auto waiting = m_waitingForDuration.find(info.mediaUri);
    if (waiting != m_waitingForDuration.end()) {
        waiting->remove(playbackId);
        if (waiting->isEmpty())
            m_waitingForDuration.erase(waiting);
    }
    Q_EMIT playbackRemoved(playbackId);
}

void PlaybackTracker::removeTarget(const QString &targetUri)
{
    const QSet<QString> ids = m_byTarget.take(targetUri);
    for (const QString &id : ids) {
        m_byTarget.insert(targetUri, { id }); // remove() cleans the index entry again
        remove(id);
    }
}

void PlaybackTracker::resolveDuration(PlaybackInfo &info)
{
    info.durationMs = -1;
    if (!m_durations)
        return;
    info.durationMs = m_durations->lookup(info.mediaUri, info.language);
    if (info.durationMs < 0 && m_durations->isPending(info.mediaUri))
        m_waitingForDuration[info.mediaUri].insert(info.id);
}

void PlaybackTracker::onDurationKnown(const QString &mediaUri, qint64 durationMs)
{
    const QSet<QString> ids = m_waitingForDuration.take(mediaUri);
    for (const QString &id : ids) {
        const auto it = m_playbacks.find(id);
        if (it == m_playbacks.end() || it->mediaUri != mediaUri)
            continue;
        it->durationMs = durationMs;
        emitChanged(*it);
    }
}

void PlaybackTracker::freeze(PlaybackInfo &info, qint64 t) const
{
    info.positionMs = info.positionAt(t);
    info.anchorMs = t;
    info.running = false;
}

void PlaybackTracker::emitChanged(const PlaybackInfo &info)
{
    Q_EMIT playbackChanged(info);
}

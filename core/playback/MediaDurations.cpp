#include "core/playback/MediaDurations.h"

#include "core/ari/AriOperations.h"
#include "core/ari/AriReply.h"
#include "core/ari/AriRestClient.h"
#include "core/playback/AudioDuration.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcMediaDurations, "supervisor.playback.durations")

namespace {

constexpr QLatin1StringView s_recordingScheme("recording:");
constexpr QLatin1StringView s_soundScheme("sound:");

const QStringList &soundExtensions()
{
    static const QStringList extensions{u"wav"_s, u"gsm"_s, u"sln"_s, u"slin"_s, u"ulaw"_s, u"alaw"_s, u"g722"_s};
    return extensions;
}

// A sound id may hold '/' (digits/1) but may not climb out of the directory.
bool isSafeSoundId(const QString &id)
{
    if (id.isEmpty() || id.startsWith(u'/'))
        return false;
    const QStringList parts = id.split(u'/');
    for (const QString &part : parts) {
        if (part.isEmpty() || part == u"." || part == u"..")
            return false;
    }
    return true;
}

qint64 probe(const QString &stem)
{
    for (const QString &ext : soundExtensions()) {
        const QString path = stem + u'.' + ext;
        if (QFileInfo::exists(path))
            return AudioDuration::fromFile(path);
    }
    return -1;
}

} // namespace

MediaDurations::MediaDurations(AriRestClient *rest, QObject *parent)
    : QObject(parent)
    , m_rest(rest)
{
}

MediaDurations::~MediaDurations() = default;

void MediaDurations::setSoundsDirectory(const QString &directory)
{
    if (directory == m_soundsDirectory)
        return;
    m_soundsDirectory = directory;
    // Sound lengths came from the old directory.
    for (auto it = m_cache.begin(); it != m_cache.end();) {
        if (it.key().startsWith(s_soundScheme))
            it = m_cache.erase(it);
        else
            ++it;
    }
}

qint64 MediaDurations::lookup(const QString &mediaUri, const QString &language)
{
    if (mediaUri.startsWith(s_recordingScheme)) {
        const auto cached = m_cache.constFind(mediaUri);
        if (cached != m_cache.cend())
            return *cached;
        if (!m_downloads.contains(mediaUri))
            download(mediaUri, mediaUri.mid(s_recordingScheme.size()));
        return -1;
    }
    if (!mediaUri.startsWith(s_soundScheme))
        return -1;
    const QString key = mediaUri + u'|' + language;
    const auto cached = m_cache.constFind(key);
    if (cached != m_cache.cend())
        return *cached;
    const qint64 duration = soundDuration(mediaUri.mid(s_soundScheme.size()), language);
    m_cache.insert(key, duration);
    return duration;
}

void MediaDurations::forget(const QString &mediaUri)
{
    m_cache.remove(mediaUri);
    m_downloads.remove(mediaUri); // a reply still in flight is now stale and will be dropped
}

qint64 MediaDurations::soundDuration(const QString &soundId, const QString &language) const
{
    if (soundId.startsWith(u'/')) {
        // An absolute path (as for music files): Asterisk adds the extension itself.
        if (soundId.contains(u"/../"_s) || soundId.endsWith(u"/.."_s))
            return -1;
        return probe(soundId);
    }
    if (m_soundsDirectory.isEmpty() || !isSafeSoundId(soundId))
        return -1;
    const QDir dir(m_soundsDirectory);
    QStringList languages;
    if (!language.isEmpty()) {
        languages << language;
        const qsizetype underscore = language.indexOf(u'_');
        if (underscore > 0)
            languages << language.left(underscore);
    }
    if (!languages.contains(u"en"_s))
        languages << u"en"_s;
    for (const QString &lang : std::as_const(languages)) {
        const qint64 duration = probe(dir.filePath(lang + u'/' + soundId));
        if (duration >= 0)
            return duration;
    }
    return probe(dir.filePath(soundId));
}

void MediaDurations::download(const QString &mediaUri, const QString &recordingName)
{
    if (!m_rest || recordingName.isEmpty()) {
        m_cache.insert(mediaUri, -1);
        return;
    }
    const quint64 generation = ++m_generation;
    m_downloads.insert(mediaUri, generation);
    m_rest->send(AriOperations::getStoredFile(recordingName))
        ->then(this, [this, mediaUri, generation](const AriResult &result) {
            const auto it = m_downloads.constFind(mediaUri);
            if (it == m_downloads.cend() || *it != generation)
                return; // forgotten meanwhile
            m_downloads.remove(mediaUri);
            qint64 duration = -1;
            if (result.isOk()) {
                duration = AudioDuration::fromWav(result.body());
                if (duration < 0)
                    qCWarning(lcMediaDurations).noquote() << "cannot read the length of" << mediaUri
                                                          << "(not a WAV file?)";
            } else {
                qCInfo(lcMediaDurations).noquote() << "length of" << mediaUri << "unknown:" << result.describe();
            }
            m_cache.insert(mediaUri, duration);
            Q_EMIT durationKnown(mediaUri, duration);
        });
}

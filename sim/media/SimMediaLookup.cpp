#include "sim/media/SimMediaLookup.h"

#include <QFileInfo>
#include <QStringList>

#include "sim/media/SoundCatalogue.h"

using namespace Qt::StringLiterals;

SimMediaLookup::SimMediaLookup(const MediaResolver *resolver)
    : m_resolver(resolver)
{
}

qint64 SimMediaLookup::absoluteSoundDurationMs(const QString &basePath)
{
    static const QStringList extensions{u"wav"_s, u"sln"_s, u"gsm"_s, u"ulaw"_s, u"alaw"_s, u"g722"_s,
                                        u"wav16"_s, u"sln16"_s, u"WAV"_s, u"wav49"_s};
    for (const QString &extension : extensions) {
        const QString path = basePath + u'.' + extension;
        if (!QFileInfo(path).isFile())
            continue;
        const qint64 duration = SoundCatalogue::fileDurationMs(path, extension);
        if (duration >= 0)
            return duration;
    }
    return -1;
}

MediaResolver::Resolution SimMediaLookup::resolve(const QString &mediaUri, const QString &language) const
{
    if (mediaUri.startsWith(u"sound:/"_s)) {
        MediaResolver::Resolution resolution;
        resolution.scheme = u"sound"_s;
        resolution.target = mediaUri.mid(6);
        const bool hostile = resolution.target.contains(u'\0') || resolution.target.contains(u"/../"_s);
        const qint64 duration = hostile ? -1 : absoluteSoundDurationMs(resolution.target);
        if (duration < 0) {
            resolution.outcome = MediaResolver::Outcome::Fails;
            resolution.reason = u"no playable file for "_s + resolution.target;
            return resolution;
        }
        resolution.outcome = MediaResolver::Outcome::Plays;
        resolution.durationMs = duration;
        resolution.parts.append(MediaResolver::Part{resolution.target, QString(), duration});
        return resolution;
    }
    return m_resolver->resolve(mediaUri, language);
}

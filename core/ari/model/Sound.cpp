#include "core/ari/model/Sound.h"

using namespace Qt::StringLiterals;

namespace {

bool hasLanguage(const QList<FormatLang> &formats, const QString &language)
{
    for (const FormatLang &format : formats) {
        if (format.language == language)
            return true;
    }
    return false;
}

} // namespace

Sound Sound::fromJson(const QJsonObject &object)
{
    Sound sound;
    sound.id = object.value("id"_L1).toString();
    sound.text = object.value("text"_L1).toString();
    const QJsonArray formats = object.value("formats"_L1).toArray();
    sound.formats.reserve(formats.size());
    for (const QJsonValue &entry : formats) {
        const QJsonObject format = entry.toObject();
        sound.formats.append(FormatLang{format.value("format"_L1).toString(),
                                        format.value("language"_L1).toString()});
    }
    return sound;
}

QList<Sound> Sound::listFromJson(const QJsonArray &array)
{
    QList<Sound> list;
    list.reserve(array.size());
    for (const QJsonValue &entry : array) {
        if (entry.isObject())
            list.append(fromJson(entry.toObject()));
    }
    return list;
}

QString Sound::playableLanguageFor(const QString &channelLanguage) const
{
    if (channelLanguage.isEmpty())
        return {};
    if (hasLanguage(formats, channelLanguage))
        return channelLanguage;
    // A regional language ("en_US") falls back to its base language ("en"), which is what
    // Asterisk itself would look for in the sounds directory.
    const qsizetype separator = channelLanguage.indexOf(u'_');
    if (separator <= 0)
        return {};
    const QString base = channelLanguage.left(separator);
    if (hasLanguage(formats, base))
        return base;
    return {};
}

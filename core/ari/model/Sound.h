#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

// ARI FormatLangPair and Sound (sounds.json).
struct FormatLang
{
    QString format;   // gsm, slin, ...
    QString language; // en, en_US, fr, ...
};

struct Sound
{
    QString id;
    QString text;
    QList<FormatLang> formats;

    static Sound fromJson(const QJsonObject &object);
    static QList<Sound> listFromJson(const QJsonArray &array);

    // The language to pass as `lang` when playing this sound on a channel whose language is
    // `channelLanguage`: the language itself when the sound has it, else its base language
    // ("en" for "en_US") when the sound has that, else empty (not available). SPEC VR-2.
    QString playableLanguageFor(const QString &channelLanguage) const;
};

#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

// ARI StoredRecording: a name ("voicemail/305/1411503204") and a format ("wav").
struct StoredRecording
{
    QString name;
    QString format;

    static StoredRecording fromJson(const QJsonObject &object);
    static QList<StoredRecording> listFromJson(const QJsonArray &array);
};

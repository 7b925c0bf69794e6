#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

// ARI Application (applications.json).
struct Application
{
    QString name;
    QStringList channelIds;
    QStringList bridgeIds;
    QStringList endpointIds;
    QStringList deviceNames;

    static Application fromJson(const QJsonObject &object);
    static QList<Application> listFromJson(const QJsonArray &array);
};

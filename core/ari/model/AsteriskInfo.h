#pragma once

#include <QJsonObject>
#include <QString>

// ARI AsteriskInfo (asterisk.json): the parts the supervisor shows.
struct AsteriskInfo
{
    QString version;     // system.version, e.g. "22.10.1"
    QString entityId;    // system.entity_id
    QString systemName;  // config.name
    QString buildOs;     // build.os
    QJsonObject raw;

    static AsteriskInfo fromJson(const QJsonObject &object);
};

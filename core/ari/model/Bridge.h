#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

// ARI Bridge (bridges.json "Bridge").
struct Bridge
{
    QString id;
    QString technology;
    QString bridgeType;  // mixing, holding
    QString bridgeClass; // stasis
    QString creator;
    QString name;
    QStringList channels;

    static Bridge fromJson(const QJsonObject &object);
    bool isValid() const { return !id.isEmpty(); }
};

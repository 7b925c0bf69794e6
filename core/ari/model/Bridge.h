#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

class JsonObjectView;

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
    // The same from any JSON object (an event's part is read from the parsed frame itself).
    static Bridge read(const JsonObjectView &object);
    bool isValid() const { return !id.isEmpty(); }
    friend bool operator==(const Bridge &, const Bridge &) = default;
};

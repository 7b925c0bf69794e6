#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

class JsonObjectView;

// ARI Channel (channels.json "Channel"). Fields the product uses; fromJson tolerates missing ones.
struct Channel
{
    QString id;
    QString name;
    QString state; // Down, Rsrvd, OffHook, Dialing, Ring, Ringing, Up, Busy, ...
    QString callerName;
    QString callerNumber;
    QString connectedName;
    QString connectedNumber;
    QString accountcode;
    QString dialplanContext;
    QString dialplanExten;
    qint64 dialplanPriority = 0;
    QDateTime creationtime;
    QString language;

    static Channel fromJson(const QJsonObject &object);
    // The same from any JSON object (an event's part is read from the parsed frame itself).
    static Channel read(const JsonObjectView &object);
    bool isValid() const { return !id.isEmpty(); }
    friend bool operator==(const Channel &, const Channel &) = default;
};

#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

// The data models of ARI as Asterisk 22 declares them in its Swagger listings: the objects the
// REST operations return (Channel, Bridge, Playback …) and the messages of the event WebSocket
// (Message, Event and one model per event type the simulator publishes, see SimEvents). Each
// model has a home listing — the one Asterisk puts it in ("Channel" in channels.json,
// "StasisStart" in events.json) — and models refer to each other by name across listings
// (StasisStart.channel is a Channel), as in Asterisk.
class SimModels
{
public:
    struct Property
    {
        QString name;
        QString type;            // "string", "List[string]", "Channel" …
        bool required = false;
        QString description;
        QStringList allowableValues = {};
    };

    struct Model
    {
        QString id;
        QString listing;         // home listing: "channels", "events" …
        QString description;
        QList<Property> properties;
        QString discriminator = {};
        QStringList subTypes = {};
    };

    // Every model the simulator documents.
    static const QList<Model> &all();
    // The models whose home is `listing`, in declaration order.
    static QList<const Model *> inListing(const QString &listing);
    // The Swagger 1.1 JSON of a model.
    static QJsonObject toJson(const Model &model);
};

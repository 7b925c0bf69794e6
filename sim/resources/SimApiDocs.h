#pragma once

#include <QJsonObject>
#include <QString>

class SimRouter;

// The simulator's description of its own REST API in Swagger 1.1, served like Asterisk's under
// /ari/api-docs: resources.json lists one listing per resource ("/api-docs/channels.{format}"),
// and each listing (/ari/api-docs/channels.json) gives the operations of that resource, generated
// from the route table the server dispatches with — an operation is documented exactly when it
// exists — and the models whose home is that listing (SimModels: Channel in channels.json, the
// event models in events.json), as Asterisk puts them.
class SimApiDocs
{
public:
    // `basePath`: "http://127.0.0.1:8088/ari" (Asterisk uses the Host the client asked for).
    static QJsonObject resourceList(const SimRouter &router, const QString &basePath);
    // std::nullopt-like: an empty object when the resource is unknown.
    static QJsonObject listing(const SimRouter &router, const QString &resource,
                               const QString &basePath);
    static QString resourceDescription(const QString &resource);

private:
    static QJsonObject models(const QString &resource);
};

#pragma once

#include <QJsonObject>
#include <QString>

class SimEngine;
class SimRouter;

// /ari/applications: the registered Stasis applications (those with a connected event socket),
// their subscriptions (channel:, bridge:, endpoint:, deviceState: event sources) and event
// filters.
class SimApplicationsResource
{
public:
    explicit SimApplicationsResource(SimEngine *engine);
    void registerRoutes(SimRouter &router);

    // The Application JSON of a registered application.
    QJsonObject applicationJson(const QString &name) const;

private:
    SimEngine *m_engine = nullptr;
};

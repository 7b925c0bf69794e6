#pragma once

#include <QList>
#include <QString>

#include <optional>

#include "sim/http/SimHttpResponse.h"

class SimBridge;
class SimChannel;
class SimEngine;
class SimHttpRequest;
class SimRouter;

// /ari/bridges: create (with or without id), list, get, destroy, add/remove channels, play,
// record and music on hold, with Asterisk's statuses (400 unknown channel, 422 not in Stasis or
// not in this bridge, 409 "Bridge isn't playing music", ...).
class SimBridgesResource
{
public:
    explicit SimBridgesResource(SimEngine *engine);
    void registerRoutes(SimRouter &router);

private:
    struct Lookup
    {
        SimBridge *bridge = nullptr;
        std::optional<SimHttpResponse> error;
    };
    struct ChannelsLookup
    {
        QList<SimChannel *> channels;
        std::optional<SimHttpResponse> error;
    };

    Lookup findBridge(const SimHttpRequest &request) const;
    ChannelsLookup findChannels(const SimHttpRequest &request) const;
    SimHttpResponse create(const SimHttpRequest &request, const QString &bridgeId);
    SimHttpResponse addChannel(const SimHttpRequest &request);
    SimHttpResponse removeChannel(const SimHttpRequest &request);
    SimHttpResponse play(const SimHttpRequest &request, const QString &playbackId);
    SimHttpResponse record(const SimHttpRequest &request);

    SimEngine *m_engine = nullptr;
};

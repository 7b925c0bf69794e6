#pragma once

#include <QString>

#include <optional>

#include "sim/http/SimHttpResponse.h"

class SimChannel;
class SimEngine;
class SimHttpRequest;
class SimRouter;

// /ari/channels: list, get, originate (with or without id), create + dial, hang-up, answer, ring,
// progress, DTMF, mute, hold, music on hold, silence, play, record and channel variables, with
// Asterisk's validation order and error messages (404 Channel not found, 409 not in Stasis,
// 412 invalid state, ...).
class SimChannelsResource
{
public:
    explicit SimChannelsResource(SimEngine *engine);
    void registerRoutes(SimRouter &router);

private:
    struct Lookup
    {
        SimChannel *channel = nullptr;
        std::optional<SimHttpResponse> error;
    };

    // Asterisk's find_control(): 404 when the channel does not exist, 409 when it is not in Stasis.
    Lookup findControl(const SimHttpRequest &request) const;
    // Asterisk's channel_state_invalid(): 412 for Down, Rsrvd and Ringing channels.
    static std::optional<SimHttpResponse> checkState(const SimChannel *channel);

    SimHttpResponse originate(const SimHttpRequest &request, const QString &channelId);
    SimHttpResponse create(const SimHttpRequest &request);
    SimHttpResponse hangup(const SimHttpRequest &request);
    SimHttpResponse play(const SimHttpRequest &request, const QString &playbackId);
    SimHttpResponse record(const SimHttpRequest &request);
    SimHttpResponse getVariable(const SimHttpRequest &request);
    SimHttpResponse setVariable(const SimHttpRequest &request);
    SimHttpResponse dtmf(const SimHttpRequest &request);
    SimHttpResponse mute(const SimHttpRequest &request);
    SimHttpResponse dial(const SimHttpRequest &request);
    SimHttpResponse snoop(const SimHttpRequest &request, const QString &snoopId);
    // A control operation that only needs a channel in Stasis in a valid state.
    template<typename Action>
    SimHttpResponse simple(const SimHttpRequest &request, Action action);

    SimEngine *m_engine = nullptr;
};

#pragma once

class SimEngine;
class SimRouter;

// /ari/playbacks: get, stop and control one playback (Asterisk's operation table: pause,
// unpause, restart, reverse, forward; 409 "Can only <op> while media is playing").
class SimPlaybacksResource
{
public:
    explicit SimPlaybacksResource(SimEngine *engine);
    void registerRoutes(SimRouter &router);

private:
    SimEngine *m_engine = nullptr;
};

#pragma once

class SimEngine;
class SimRouter;

// /ari/recordings: stored recordings (list, get, delete, copy, file download) and live ones (get,
// stop, cancel, pause/unpause, mute/unmute). Names with '/' are only reachable as %2F.
class SimRecordingsResource
{
public:
    explicit SimRecordingsResource(SimEngine *engine);
    void registerRoutes(SimRouter &router);

private:
    SimEngine *m_engine = nullptr;
};

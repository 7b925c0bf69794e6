#pragma once

class SimEngine;
class SimRouter;

// /ari/sounds: the sound catalogue (list with lang/format filters, one sound). Sound ids with a
// '/' are reachable only as %2F ("digits%2F1"), like in Asterisk.
class SimSoundsResource
{
public:
    explicit SimSoundsResource(SimEngine *engine);
    void registerRoutes(SimRouter &router);

private:
    SimEngine *m_engine = nullptr;
};

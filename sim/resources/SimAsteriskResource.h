#pragma once

class SimEngine;
class SimRouter;

// /ari/asterisk: GET /asterisk/info (the shape of Asterisk 22's, `only` filter) and
// GET /asterisk/ping.
class SimAsteriskResource
{
public:
    explicit SimAsteriskResource(SimEngine *engine);
    void registerRoutes(SimRouter &router);

private:
    SimEngine *m_engine = nullptr;
};

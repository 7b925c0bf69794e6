#pragma once

class SimEngine;
class SimRouter;

// /ari/deviceStates: the state of any device (GET), and the "Stasis:<name>" devices ARI controls
// (list, PUT to set, DELETE), with Asterisk's status codes: a device outside the "Stasis:" scheme
// → 409, "Stasis:" without a name → 404, a state Asterisk does not know → 500.
class SimDeviceStatesResource
{
public:
    explicit SimDeviceStatesResource(SimEngine *engine);
    void registerRoutes(SimRouter &router);

private:
    SimEngine *m_engine = nullptr;
};

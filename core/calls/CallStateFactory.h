#pragma once

#include <QString>

#include <memory>

class CallState;
class CallStateMachine;

// Makes the state object for a state name, each time the call enters that state (so a state's
// subscriptions and data live exactly as long as the call stays in it). Implemented by a call.
class CallStateFactory
{
public:
    virtual ~CallStateFactory();
    virtual std::unique_ptr<CallState> createState(const QString &name, CallStateMachine &machine) = 0;
    // A request the call made on its own channel was answered 404 "Channel not found": the channel
    // is gone although no StasisEnd said so (it ended while nobody listened, or the server lost
    // it). `why` names the request. By default nothing happens.
    virtual void channelGone(const QString &why);

protected:
    CallStateFactory() = default;
    CallStateFactory(const CallStateFactory &) = default;
    CallStateFactory &operator=(const CallStateFactory &) = default;
};

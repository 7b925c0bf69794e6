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

protected:
    CallStateFactory() = default;
    CallStateFactory(const CallStateFactory &) = default;
    CallStateFactory &operator=(const CallStateFactory &) = default;
};

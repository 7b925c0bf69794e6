#include "core/voicemail/ListenStatus.h"

#include <QCoreApplication>

QString ListenStatus::stateName(State state)
{
    switch (state) {
    case State::Idle:
        return QCoreApplication::translate("ListenStatus", "idle");
    case State::Calling:
        return QCoreApplication::translate("ListenStatus", "calling");
    case State::Starting:
        return QCoreApplication::translate("ListenStatus", "starting");
    case State::Playing:
        return QCoreApplication::translate("ListenStatus", "playing");
    case State::Paused:
        return QCoreApplication::translate("ListenStatus", "paused");
    case State::Finished:
        return QCoreApplication::translate("ListenStatus", "finished");
    case State::Failed:
        return QCoreApplication::translate("ListenStatus", "failed");
    }
    return {};
}

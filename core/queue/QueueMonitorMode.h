#pragma once

#include <QString>

#include <optional>

// How the supervisor's phone takes part in a call in progress (SPEC UX-4).
enum class QueueMonitorMode {
    None, // not at all
    Listen, // hears the agent and the caller; nobody hears the supervisor
    Whisper, // hears both; the agent hears the supervisor, the caller does not
    Barge, // in the call's bridge: everyone hears everyone
};

// "", "listen", "whisper", "barge" (the protocol's names).
QString queueMonitorModeName(QueueMonitorMode mode);
// The inverse for "listen", "whisper", "barge"; nullopt for anything else.
std::optional<QueueMonitorMode> queueMonitorModeFrom(const QString &name);
// "listening in", "whispering", "barging in" (for people).
QString queueMonitorModeText(QueueMonitorMode mode);

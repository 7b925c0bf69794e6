#pragma once

#include <QLoggingCategory>

// Logging category of the simulator's media layer (clock, timers, sounds, recordings):
// "supervisor.sim.media".
Q_DECLARE_LOGGING_CATEGORY(lcSimMedia)

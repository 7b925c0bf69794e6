#pragma once

#include <QLoggingCategory>

// Logging category of the simulator's engine, HTTP server and event stream: "supervisor.sim".
Q_DECLARE_LOGGING_CATEGORY(lcSim)

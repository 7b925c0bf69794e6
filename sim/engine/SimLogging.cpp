#include "sim/engine/SimLogging.h"

Q_LOGGING_CATEGORY(lcSim, "supervisor.sim")

#include "sim/SimLogging.h"

Q_LOGGING_CATEGORY(lcSim, "supervisor.sim")

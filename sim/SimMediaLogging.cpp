#include "sim/SimMediaLogging.h"

Q_LOGGING_CATEGORY(lcSimMedia, "supervisor.sim.media")

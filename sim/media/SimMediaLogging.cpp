#include "sim/media/SimMediaLogging.h"

Q_LOGGING_CATEGORY(lcSimMedia, "supervisor.sim.media")

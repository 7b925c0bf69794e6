#include "core/queue/QueueLogging.h"

Q_LOGGING_CATEGORY(lcQueue, "supervisor.queue")

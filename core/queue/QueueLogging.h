#pragma once

#include <QLoggingCategory>

// The call queue: matching, bridges, recordings and the supervisor's actions on bridged calls.
Q_DECLARE_LOGGING_CATEGORY(lcQueue)

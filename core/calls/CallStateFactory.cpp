#include "core/calls/CallStateFactory.h"

CallStateFactory::~CallStateFactory() = default;

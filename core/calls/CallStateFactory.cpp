#include "core/calls/CallStateFactory.h"

CallStateFactory::~CallStateFactory() = default;

void CallStateFactory::channelGone(const QString &) { }

#include "core/ari/AriRestTransport.h"

AriRestTransport::~AriRestTransport() = default;

#include "moc_AriRestTransport.cpp"

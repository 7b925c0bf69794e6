#pragma once

#include <QJsonObject>

class SupervisorAccess;

// Every model of a SupervisorAccess as one JSON object (the `snapshot` message of the supervisor
// protocol, docs/supervisor-protocol.md): the connection's state, mailboxes and messages, calls,
// playbacks, the queue's agents, callers and pairs, the listening call and the last `logTail` lines
// of the event log. Two accesses whose models hold the same rows give equal snapshots.
namespace SupervisorSnapshot {

QJsonObject capture(const SupervisorAccess &access, int logTail);

} // namespace SupervisorSnapshot

#pragma once

#include "core/calls/CallStateTable.h"

#include <QString>
#include <QStringList>

#include <optional>

// The state tables of the product's applications, by kind ("vm-record", "vm-playback", "queue"),
// for `--print-state-machine NAME` (SPEC SM-2) and for views that draw them.
namespace StateMachineCatalog {

QStringList names();
std::optional<CallStateTable> table(const QString &name);
// Graphviz DOT text of the named table; empty for an unknown name.
QString dot(const QString &name);

} // namespace StateMachineCatalog

// The same as StateMachineCatalog::dot(): what `ari-supervisor --print-state-machine NAME` prints.
QString stateMachineDot(const QString &appName);

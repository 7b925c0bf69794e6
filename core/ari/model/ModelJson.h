#pragma once

#include <QDateTime>
#include <QJsonValue>
#include <QStringList>

#include <optional>

// Small readers shared by the ARI models. Each one tolerates a missing or mistyped value and
// returns an empty result instead of failing: ARI objects are read field by field.
namespace ModelJson {
// An array of strings; non-string entries are read as empty strings, a non-array as an empty list.
QStringList stringList(const QJsonValue &value);
// An ARI date ("2026-11-26T07:01:08.681+0000"); invalid QDateTime when absent or unreadable.
QDateTime dateTime(const QJsonValue &value);
// An integer that ARI sends only sometimes (durations of a live recording).
std::optional<int> optionalInt(const QJsonValue &value);
} // namespace ModelJson

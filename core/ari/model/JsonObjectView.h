#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QLatin1StringView>
#include <QString>
#include <QStringList>

#include <optional>

// A read-only view of one JSON object, whichever parser produced it: a QJsonObject (REST answers,
// tests) or a node of a frame parsed by AriEvent (rapidjson). The ARI models read themselves
// through it, so each reader is written once. Every member reads as QJsonValue's to…() would read
// it: a missing or mistyped member gives an empty string, 0, false, an empty list or object.
class JsonObjectView
{
public:
    JsonObjectView() = default;
    explicit JsonObjectView(const QJsonObject &object);
    // A rapidjson::Value of a parsed tree (void here, so that only the two files that parse with
    // rapidjson include it); it must outlive the view. A null pointer or a node that is not an
    // object reads as an empty object.
    static JsonObjectView ofTreeNode(const void *node);

    JsonObjectView object(QLatin1StringView name) const;
    QString string(QLatin1StringView name) const;
    QByteArray utf8(QLatin1StringView name) const; // a string member as UTF-8
    int toInt(QLatin1StringView name) const;       // an integral number that fits in an int, else 0
    qint64 toInteger(QLatin1StringView name) const;
    bool toBool(QLatin1StringView name) const;
    std::optional<int> optionalInt(QLatin1StringView name) const; // any number (as toInt), else none
    QStringList stringList(QLatin1StringView name) const;         // non-string entries read as ""
    QDateTime dateTime(QLatin1StringView name) const;             // an ARI date, else invalid
    // The object itself, or one member, as Qt's JSON types (built on each call).
    QJsonObject toObject() const;
    QJsonValue value(QLatin1StringView name) const;

private:
    QJsonObject m_object;
    const void *m_node = nullptr;
};

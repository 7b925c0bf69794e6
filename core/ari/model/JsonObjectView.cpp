#include "core/ari/model/JsonObjectView.h"

#include "core/ari/model/ModelJson.h"

#include <QJsonArray>

#include <rapidjson/document.h>

#include <cmath>
#include <cstring>
#include <limits>

using namespace Qt::StringLiterals;

namespace {

using Node = rapidjson::Value;

// Values nested deeper than this are converted to Qt's types as null (toObject(), value()).
constexpr int s_maxConvertedDepth = 256;

const Node *nodeOf(const void *node)
{
    return static_cast<const Node *>(node);
}

// The member of an object node, or nullptr. Of duplicate names the last counts, as QJsonDocument
// reads them.
const Node *member(const Node *object, QLatin1StringView name)
{
    if (!object || !object->IsObject())
        return nullptr;
    // From the last member back: the first match is the last of its name.
    const auto length = rapidjson::SizeType(name.size());
    for (auto it = object->MemberEnd(); it != object->MemberBegin();) {
        --it;
        if (it->name.GetStringLength() == length && std::memcmp(it->name.GetString(), name.data(), length) == 0)
            return &it->value;
    }
    return nullptr;
}

QString stringOf(const Node *node)
{
    if (!node || !node->IsString())
        return {};
    return QString::fromUtf8(node->GetString(), qsizetype(node->GetStringLength()));
}

// A number as QJsonValue::toInteger() reads it: integers that fit in 64 bits, and doubles with an
// integral value in range.
std::optional<qint64> integerOf(const Node *node)
{
    if (!node || !node->IsNumber())
        return std::nullopt;
    if (node->IsInt64())
        return node->GetInt64();
    const double number = node->GetDouble();
    if (std::isfinite(number) && number == std::trunc(number) && number >= -0x1p63 && number < 0x1p63)
        return qint64(number);
    return std::nullopt;
}

int intOf(const Node *node)
{
    const std::optional<qint64> integer = integerOf(node);
    if (!integer || *integer < std::numeric_limits<int>::min() || *integer > std::numeric_limits<int>::max())
        return 0;
    return int(*integer);
}

QJsonValue toQJson(const Node &node, int depth)
{
    switch (node.GetType()) {
    case rapidjson::kNullType:
        return QJsonValue(QJsonValue::Null);
    case rapidjson::kFalseType:
        return false;
    case rapidjson::kTrueType:
        return true;
    case rapidjson::kStringType:
        return stringOf(&node);
    case rapidjson::kNumberType:
        // QJsonDocument keeps the integers that fit in 64 bits as integers, other numbers as doubles.
        if (node.IsInt64())
            return QJsonValue(qint64(node.GetInt64()));
        return node.GetDouble();
    case rapidjson::kArrayType: {
        if (depth >= s_maxConvertedDepth)
            return QJsonValue(QJsonValue::Null);
        QJsonArray array;
        for (const Node &entry : node.GetArray())
            array.append(toQJson(entry, depth + 1));
        return array;
    }
    case rapidjson::kObjectType: {
        if (depth >= s_maxConvertedDepth)
            return QJsonValue(QJsonValue::Null);
        QJsonObject object;
        for (auto it = node.MemberBegin(); it != node.MemberEnd(); ++it)
            object.insert(stringOf(&it->name), toQJson(it->value, depth + 1));
        return object;
    }
    }
    return QJsonValue(QJsonValue::Null);
}

} // namespace

JsonObjectView::JsonObjectView(const QJsonObject &object)
    : m_object(object)
{
}

JsonObjectView JsonObjectView::ofTreeNode(const void *node)
{
    JsonObjectView view;
    if (node && nodeOf(node)->IsObject())
        view.m_node = node;
    return view;
}

JsonObjectView JsonObjectView::object(QLatin1StringView name) const
{
    if (m_node)
        return ofTreeNode(member(nodeOf(m_node), name));
    return JsonObjectView(m_object.value(name).toObject());
}

QString JsonObjectView::string(QLatin1StringView name) const
{
    if (m_node)
        return stringOf(member(nodeOf(m_node), name));
    return m_object.value(name).toString();
}

QByteArray JsonObjectView::utf8(QLatin1StringView name) const
{
    if (m_node) {
        const Node *found = member(nodeOf(m_node), name);
        if (!found || !found->IsString())
            return {};
        const QByteArray text(found->GetString(), qsizetype(found->GetStringLength()));
        // Invalid sequences (only in text that did not come from the event socket) as string() reads them.
        if (!QUtf8StringView(text).isValidUtf8())
            return QString::fromUtf8(text).toUtf8();
        return text;
    }
    return m_object.value(name).toString().toUtf8();
}

int JsonObjectView::toInt(QLatin1StringView name) const
{
    if (m_node)
        return intOf(member(nodeOf(m_node), name));
    return m_object.value(name).toInt();
}

qint64 JsonObjectView::toInteger(QLatin1StringView name) const
{
    if (m_node)
        return integerOf(member(nodeOf(m_node), name)).value_or(0);
    return m_object.value(name).toInteger();
}

bool JsonObjectView::toBool(QLatin1StringView name) const
{
    if (m_node) {
        const Node *found = member(nodeOf(m_node), name);
        return found && found->IsBool() && found->GetBool();
    }
    return m_object.value(name).toBool();
}

std::optional<int> JsonObjectView::optionalInt(QLatin1StringView name) const
{
    if (m_node) {
        const Node *found = member(nodeOf(m_node), name);
        if (!found || !found->IsNumber())
            return std::nullopt;
        return intOf(found);
    }
    return ModelJson::optionalInt(m_object.value(name));
}

QStringList JsonObjectView::stringList(QLatin1StringView name) const
{
    if (!m_node)
        return ModelJson::stringList(m_object.value(name));
    QStringList list;
    const Node *found = member(nodeOf(m_node), name);
    if (!found || !found->IsArray())
        return list;
    list.reserve(qsizetype(found->Size()));
    for (const Node &entry : found->GetArray())
        list.append(stringOf(&entry));
    return list;
}

QDateTime JsonObjectView::dateTime(QLatin1StringView name) const
{
    if (m_node)
        return ModelJson::dateTime(QJsonValue(string(name)));
    return ModelJson::dateTime(m_object.value(name));
}

QJsonObject JsonObjectView::toObject() const
{
    if (m_node)
        return toQJson(*nodeOf(m_node), 0).toObject();
    return m_object;
}

QJsonValue JsonObjectView::value(QLatin1StringView name) const
{
    if (m_node) {
        const Node *found = member(nodeOf(m_node), name);
        return found ? toQJson(*found, 0) : QJsonValue(QJsonValue::Undefined);
    }
    return m_object.value(name);
}

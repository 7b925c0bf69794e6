#include "sim/http/SimRouter.h"

using namespace Qt::StringLiterals;

namespace {

bool isPlaceholder(const QString &segment)
{
    return segment.size() > 2 && segment.startsWith(u'{') && segment.endsWith(u'}');
}

// Literal segments earlier in the path rank higher: compare position by position.
bool moreSpecific(const QStringList &a, const QStringList &b)
{
    for (qsizetype i = 0; i < a.size() && i < b.size(); ++i) {
        const bool aLiteral = !isPlaceholder(a.at(i));
        const bool bLiteral = !isPlaceholder(b.at(i));
        if (aLiteral != bLiteral)
            return aLiteral;
    }
    return false;
}

} // namespace

SimRouter::Param SimRouter::pathParam(const QString &name, const QString &description)
{
    return Param{name, ParamType::Path, u"string"_s, true, false, description};
}

SimRouter::Param SimRouter::queryParam(const QString &name, const QString &dataType, bool required,
                                       const QString &description, const QString &defaultValue,
                                       const QStringList &allowableValues)
{
    return Param{name, ParamType::Query, dataType, required, false, description, allowableValues, defaultValue};
}

SimRouter::Param SimRouter::multiQueryParam(const QString &name, bool required, const QString &description)
{
    return Param{name, ParamType::Query, u"string"_s, required, true, description};
}

SimRouter::Param SimRouter::bodyParam(const QString &name, const QString &dataType, bool required,
                                      const QString &description)
{
    return Param{name, ParamType::Body, dataType, required, false, description};
}

void SimRouter::add(Route route)
{
    const QStringList parts = route.pattern.split(u'/', Qt::SkipEmptyParts);
    route.segments = parts;
    m_routes.append(std::move(route));
}

bool SimRouter::segmentsMatch(const QStringList &pattern, const QStringList &segments,
                              QHash<QString, QString> *params)
{
    if (pattern.size() != segments.size())
        return false;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QString &expected = pattern.at(i);
        if (isPlaceholder(expected)) {
            if (segments.at(i).isEmpty())
                return false;
            if (params)
                params->insert(expected.mid(1, expected.size() - 2), segments.at(i));
        } else if (expected != segments.at(i)) {
            return false;
        }
    }
    return true;
}

SimRouter::Match SimRouter::match(const QString &method, const QStringList &segments) const
{
    Match result;
    const QStringList *best = nullptr;
    for (const Route &route : m_routes) {
        if (!segmentsMatch(route.segments, segments, nullptr))
            continue;
        if (!best || moreSpecific(route.segments, *best))
            best = &route.segments;
    }
    if (!best)
        return result;
    result.pathFound = true;
    for (const Route &route : m_routes) {
        if (route.segments != *best)
            continue;
        if (!result.allowedMethods.contains(route.method))
            result.allowedMethods.append(route.method);
        if (route.method == method && !result.route) {
            result.route = &route;
            segmentsMatch(route.segments, segments, &result.pathParams);
        }
    }
    return result;
}

QStringList SimRouter::resources() const
{
    QStringList result;
    for (const Route &route : m_routes) {
        if (!result.contains(route.resource))
            result.append(route.resource);
    }
    return result;
}

QByteArray SimRouter::allowHeader(const QStringList &methods)
{
    QByteArray header = QByteArrayLiteral("OPTIONS");
    for (const char *name : {"GET", "POST", "PUT", "DELETE"}) {
        if (methods.contains(QLatin1StringView(name)))
            header += ',' + QByteArray(name);
    }
    return header;
}

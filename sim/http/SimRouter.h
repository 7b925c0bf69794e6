#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

#include "sim/http/SimHttpRequest.h"
#include "sim/http/SimHttpResponse.h"

// The simulator's route table: one entry per (method, path pattern), with everything needed both
// to dispatch a request and to describe the operation in the Swagger listings under
// /ari/api-docs (one source for both, see SimApiDocs).
//
// Patterns are written relative to /ari ("/channels/{channelId}/play"). A {placeholder} matches
// one decoded path segment, which may contain '/' when the client sent %2F. When several patterns
// match a path, the one with a literal segment earliest wins ("/channels/create" before
// "/channels/{channelId}"), like Asterisk's handler tree; a method that the winning pattern does
// not have gives 405.
class SimRouter
{
public:
    enum class ParamType { Path, Query, Body };

    struct Param
    {
        QString name;
        ParamType type = ParamType::Query;
        QString dataType = QStringLiteral("string");
        bool required = false;
        bool allowMultiple = false;
        QString description;
        QStringList allowableValues = {};
        QString defaultValue = {};
    };

    struct ErrorDoc
    {
        int code = 0;
        QString reason;
    };

    using Handler = std::function<SimHttpResponse(const SimHttpRequest &)>;

    struct Route
    {
        QString method;          // "GET", "POST", "PUT", "DELETE"
        QString pattern;         // "/channels/{channelId}"
        QString resource;        // listing it belongs to: "channels"
        QString nickname;        // Swagger operation nickname: "get"
        QString summary;
        QString responseClass = QStringLiteral("void");
        QList<Param> params = {};
        QList<ErrorDoc> errors = {};
        Handler handler = {};
        bool webSocket = false;  // documented upgrade route (/events), dispatched elsewhere
        QStringList segments = {}; // filled by add()
    };

    struct Match
    {
        const Route *route = nullptr;      // the route to run (nullptr when none)
        QHash<QString, QString> pathParams;
        bool pathFound = false;            // some pattern matches the path
        QStringList allowedMethods;        // methods of the matching pattern ("GET","POST")
    };

    // Parameter descriptions for the route table.
    static Param pathParam(const QString &name, const QString &description);
    static Param queryParam(const QString &name, const QString &dataType, bool required,
                            const QString &description, const QString &defaultValue = {},
                            const QStringList &allowableValues = {});
    static Param multiQueryParam(const QString &name, bool required, const QString &description);
    static Param bodyParam(const QString &name, const QString &dataType, bool required,
                           const QString &description);

    void add(Route route);
    // `segments` are the decoded segments below /ari.
    Match match(const QString &method, const QStringList &segments) const;
    const QList<Route> &routes() const { return m_routes; }
    // Resources in registration order.
    QStringList resources() const;

    // "OPTIONS,GET,POST": Asterisk's Allow header for a set of methods.
    static QByteArray allowHeader(const QStringList &methods);

private:
    static bool segmentsMatch(const QStringList &pattern, const QStringList &segments,
                              QHash<QString, QString> *params);

    QList<Route> m_routes;
};

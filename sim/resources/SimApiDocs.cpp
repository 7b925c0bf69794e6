#include "sim/resources/SimApiDocs.h"

#include <QJsonArray>

#include "sim/resources/SimModels.h"
#include "sim/http/SimRouter.h"

using namespace Qt::StringLiterals;

namespace {

const QString s_apiVersion = u"10.0.0"_s;

QString paramTypeName(SimRouter::ParamType type)
{
    switch (type) {
    case SimRouter::ParamType::Path: return u"path"_s;
    case SimRouter::ParamType::Body: return u"body"_s;
    case SimRouter::ParamType::Query: break;
    }
    return u"query"_s;
}

} // namespace

QString SimApiDocs::resourceDescription(const QString &resource)
{
    if (resource == u"asterisk"_s)
        return u"Asterisk resources"_s;
    if (resource == u"endpoints"_s)
        return u"Endpoint resources"_s;
    if (resource == u"channels"_s)
        return u"Channel resources"_s;
    if (resource == u"bridges"_s)
        return u"Bridge resources"_s;
    if (resource == u"recordings"_s)
        return u"Recording resources"_s;
    if (resource == u"sounds"_s)
        return u"Sound resources"_s;
    if (resource == u"playbacks"_s)
        return u"Playback control resources"_s;
    if (resource == u"deviceStates"_s)
        return u"Device state resources"_s;
    if (resource == u"mailboxes"_s)
        return u"Mailboxes resources"_s;
    if (resource == u"events"_s)
        return u"WebSocket resource"_s;
    if (resource == u"applications"_s)
        return u"Stasis application resources"_s;
    return resource;
}

QJsonObject SimApiDocs::resourceList(const SimRouter &router, const QString &basePath)
{
    QJsonArray apis;
    const QStringList resources = router.resources();
    for (const QString &resource : resources) {
        apis.append(QJsonObject{{u"path"_s, QString(u"/api-docs/"_s + resource + u".{format}"_s)},
                                {u"description"_s, resourceDescription(resource)}});
    }
    return QJsonObject{{u"apiVersion"_s, s_apiVersion},
                       {u"swaggerVersion"_s, u"1.1"_s},
                       {u"basePath"_s, basePath},
                       {u"apis"_s, apis}};
}

QJsonObject SimApiDocs::models(const QString &resource)
{
    QJsonObject result;
    const QList<const SimModels::Model *> models = SimModels::inListing(resource);
    for (const SimModels::Model *model : models)
        result.insert(model->id, SimModels::toJson(*model));
    return result;
}

QJsonObject SimApiDocs::listing(const SimRouter &router, const QString &resource,
                                const QString &basePath)
{
    if (!router.resources().contains(resource))
        return {};
    QStringList paths;
    QHash<QString, QJsonArray> operations;
    for (const SimRouter::Route &route : router.routes()) {
        if (route.resource != resource)
            continue;
        if (!paths.contains(route.pattern))
            paths.append(route.pattern);
        QJsonArray parameters;
        for (const SimRouter::Param &param : route.params) {
            QJsonObject p{{u"name"_s, param.name},
                          {u"description"_s, param.description},
                          {u"paramType"_s, paramTypeName(param.type)},
                          {u"required"_s, param.required},
                          {u"allowMultiple"_s, param.allowMultiple},
                          {u"dataType"_s, param.dataType}};
            if (!param.defaultValue.isEmpty())
                p.insert(u"defaultValue"_s, param.defaultValue);
            if (!param.allowableValues.isEmpty()) {
                p.insert(u"allowableValues"_s,
                         QJsonObject{{u"valueType"_s, u"LIST"_s},
                                     {u"values"_s, QJsonArray::fromStringList(param.allowableValues)}});
            }
            parameters.append(p);
        }
        QJsonArray errors;
        for (const SimRouter::ErrorDoc &error : route.errors)
            errors.append(QJsonObject{{u"code"_s, error.code}, {u"reason"_s, error.reason}});
        QJsonObject operation{{u"httpMethod"_s, route.method},
                              {u"summary"_s, route.summary},
                              {u"nickname"_s, route.nickname},
                              {u"responseClass"_s, route.responseClass},
                              {u"parameters"_s, parameters},
                              {u"errorResponses"_s, errors}};
        if (route.webSocket)
            operation.insert(u"upgrade"_s, u"websocket"_s);
        operations[route.pattern].append(operation);
    }
    QJsonArray apis;
    for (const QString &path : paths) {
        apis.append(QJsonObject{{u"path"_s, path},
                                {u"description"_s, resourceDescription(resource)},
                                {u"operations"_s, operations.value(path)}});
    }
    return QJsonObject{{u"apiVersion"_s, s_apiVersion},
                       {u"swaggerVersion"_s, u"1.1"_s},
                       {u"basePath"_s, basePath},
                       {u"resourcePath"_s, QString(u"/api-docs/"_s + resource + u".{format}"_s)},
                       {u"apis"_s, apis},
                       {u"models"_s, models(resource)}};
}

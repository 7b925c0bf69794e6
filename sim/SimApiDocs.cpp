#include "sim/SimApiDocs.h"

#include <QJsonArray>
#include <QRegularExpression>

#include "sim/SimRouter.h"

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

QJsonObject property(const QString &type, bool required, const QString &description)
{
    QJsonObject result{{u"type"_s, type}, {u"required"_s, required}};
    if (!description.isEmpty())
        result.insert(u"description"_s, description);
    return result;
}

// The model types the operations return, with their properties.
QJsonObject modelDefinition(const QString &name)
{
    QJsonObject props;
    if (name == u"Channel"_s) {
        props = {{u"id"_s, property(u"string"_s, true, u"Unique identifier of the channel."_s)},
                 {u"name"_s, property(u"string"_s, true, u"Name of the channel."_s)},
                 {u"state"_s, property(u"string"_s, true, {})},
                 {u"protocol_id"_s, property(u"string"_s, true, {})},
                 {u"caller"_s, property(u"CallerID"_s, true, {})},
                 {u"connected"_s, property(u"CallerID"_s, true, {})},
                 {u"accountcode"_s, property(u"string"_s, true, {})},
                 {u"dialplan"_s, property(u"DialplanCEP"_s, true, {})},
                 {u"creationtime"_s, property(u"Date"_s, true, {})},
                 {u"language"_s, property(u"string"_s, true, {})}};
    } else if (name == u"CallerID"_s) {
        props = {{u"name"_s, property(u"string"_s, true, {})},
                 {u"number"_s, property(u"string"_s, true, {})}};
    } else if (name == u"DialplanCEP"_s) {
        props = {{u"context"_s, property(u"string"_s, true, {})},
                 {u"exten"_s, property(u"string"_s, true, {})},
                 {u"priority"_s, property(u"long"_s, true, {})},
                 {u"app_name"_s, property(u"string"_s, true, {})},
                 {u"app_data"_s, property(u"string"_s, true, {})}};
    } else if (name == u"Bridge"_s) {
        props = {{u"id"_s, property(u"string"_s, true, {})},
                 {u"technology"_s, property(u"string"_s, true, {})},
                 {u"bridge_type"_s, property(u"string"_s, true, {})},
                 {u"bridge_class"_s, property(u"string"_s, true, {})},
                 {u"creator"_s, property(u"string"_s, true, {})},
                 {u"name"_s, property(u"string"_s, true, {})},
                 {u"channels"_s, property(u"List[string]"_s, true, {})},
                 {u"creationtime"_s, property(u"Date"_s, true, {})},
                 {u"video_mode"_s, property(u"string"_s, false, {})}};
    } else if (name == u"Playback"_s) {
        props = {{u"id"_s, property(u"string"_s, true, {})},
                 {u"media_uri"_s, property(u"string"_s, true, {})},
                 {u"next_media_uri"_s, property(u"string"_s, false, {})},
                 {u"target_uri"_s, property(u"string"_s, true, {})},
                 {u"language"_s, property(u"string"_s, false, {})},
                 {u"state"_s, property(u"string"_s, true, {})}};
    } else if (name == u"LiveRecording"_s) {
        props = {{u"name"_s, property(u"string"_s, true, {})},
                 {u"format"_s, property(u"string"_s, true, {})},
                 {u"target_uri"_s, property(u"string"_s, true, {})},
                 {u"state"_s, property(u"string"_s, true, {})},
                 {u"duration"_s, property(u"int"_s, false, {})},
                 {u"talking_duration"_s, property(u"int"_s, false, {})},
                 {u"silence_duration"_s, property(u"int"_s, false, {})},
                 {u"cause"_s, property(u"string"_s, false, {})}};
    } else if (name == u"StoredRecording"_s) {
        props = {{u"name"_s, property(u"string"_s, true, {})},
                 {u"format"_s, property(u"string"_s, true, {})}};
    } else if (name == u"Sound"_s) {
        props = {{u"id"_s, property(u"string"_s, true, {})},
                 {u"text"_s, property(u"string"_s, false, {})},
                 {u"formats"_s, property(u"List[FormatLangPair]"_s, true, {})}};
    } else if (name == u"FormatLangPair"_s) {
        props = {{u"language"_s, property(u"string"_s, true, {})},
                 {u"format"_s, property(u"string"_s, true, {})}};
    } else if (name == u"Application"_s) {
        props = {{u"name"_s, property(u"string"_s, true, {})},
                 {u"channel_ids"_s, property(u"List[string]"_s, true, {})},
                 {u"bridge_ids"_s, property(u"List[string]"_s, true, {})},
                 {u"endpoint_ids"_s, property(u"List[string]"_s, true, {})},
                 {u"device_names"_s, property(u"List[string]"_s, true, {})},
                 {u"events_allowed"_s, property(u"List[object]"_s, true, {})},
                 {u"events_disallowed"_s, property(u"List[object]"_s, true, {})}};
    } else if (name == u"AsteriskInfo"_s) {
        props = {{u"build"_s, property(u"object"_s, false, {})},
                 {u"system"_s, property(u"object"_s, false, {})},
                 {u"config"_s, property(u"object"_s, false, {})},
                 {u"status"_s, property(u"object"_s, false, {})}};
    } else if (name == u"AsteriskPing"_s) {
        props = {{u"asterisk_id"_s, property(u"string"_s, true, {})},
                 {u"ping"_s, property(u"string"_s, true, {})},
                 {u"timestamp"_s, property(u"string"_s, true, {})}};
    } else if (name == u"Variable"_s) {
        props = {{u"value"_s, property(u"string"_s, true, {})}};
    } else if (name == u"Message"_s) {
        props = {{u"type"_s, property(u"string"_s, true, {})},
                 {u"asterisk_id"_s, property(u"string"_s, false, {})}};
    } else {
        return {};
    }
    return QJsonObject{{u"id"_s, name}, {u"properties"_s, props}};
}

// "List[Channel]" → "Channel"; also the types referenced by a model's properties.
void collectModel(const QString &typeName, QStringList *names)
{
    static const QRegularExpression listPattern(u"^List\\[(.+)\\]$"_s);
    QString name = typeName;
    const QRegularExpressionMatch m = listPattern.match(name);
    if (m.hasMatch())
        name = m.captured(1);
    if (names->contains(name) || modelDefinition(name).isEmpty())
        return;
    names->append(name);
    const QJsonObject props = modelDefinition(name).value(u"properties"_s).toObject();
    for (auto it = props.constBegin(); it != props.constEnd(); ++it)
        collectModel(it.value().toObject().value(u"type"_s).toString(), names);
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

QJsonObject SimApiDocs::models(const QStringList &classes)
{
    QStringList names;
    for (const QString &name : classes)
        collectModel(name, &names);
    QJsonObject result;
    for (const QString &name : names)
        result.insert(name, modelDefinition(name));
    return result;
}

QJsonObject SimApiDocs::listing(const SimRouter &router, const QString &resource,
                                const QString &basePath)
{
    if (!router.resources().contains(resource))
        return {};
    QStringList paths;
    QHash<QString, QJsonArray> operations;
    QStringList responseClasses;
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
        responseClasses.append(route.responseClass);
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
                       {u"models"_s, models(responseClasses)}};
}

// /ari/api-docs: the Swagger 1.1 description generated from the route table. Every documented
// operation must be dispatched (never "Resource not found"/405), and the listings have the shape
// ARI clients that build their methods from it expect.
//
// Models, as Asterisk 22 declares them: each in its home listing (Channel in channels.json,
// DeviceState in deviceStates.json, Message/Event and the event models in events.json), referring
// to each other by name. Clients such as the Node "ari-client" look every incoming event's "type"
// up in the models of events.json and turn properties typed Channel, Bridge, Playback,
// LiveRecording or DeviceState into objects, so events.json must declare every event type the
// simulator publishes. Facts of Asterisk 22.10.1's events.json used below:
//   Message {discriminator "type", subTypes [MissingParams, Event]; type: string required,
//            asterisk_id: string}
//   Event {subTypes [... every event ...]; application: string required, timestamp: Date required}
//   StasisStart {args: List[string] required, channel: Channel required, replace_channel: Channel}
//   PlaybackFinished {playback: Playback required}
//   RecordingFinished {recording: LiveRecording required}
//   ChannelEnteredBridge {bridge: Bridge required, channel: Channel}
//   DeviceStateChanged {device_state: DeviceState required}
// and of deviceStates.json: DeviceState {name: string required, state: string required, one of
// UNKNOWN NOT_INUSE INUSE BUSY INVALID UNAVAILABLE RINGING RINGINUSE ONHOLD}.
// Operation parameters are checked against tests/data/ari-operations.tsv (taken from Asterisk's
// Swagger files).

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include "support/EventCollector.h"
#include "support/SimTestHarness.h"
#include "sim/engine/SimEvents.h"

using namespace Qt::StringLiterals;

namespace {

const QStringList s_listings{u"asterisk"_s, u"channels"_s, u"bridges"_s, u"recordings"_s, u"sounds"_s,
                             u"playbacks"_s, u"deviceStates"_s, u"mailboxes"_s, u"events"_s,
                             u"applications"_s};

bool isPrimitive(const QString &type)
{
    static const QStringList primitives{u"void"_s, u"string"_s, u"int"_s, u"long"_s, u"double"_s,
                                        u"boolean"_s, u"Date"_s, u"object"_s, u"binary"_s, u"containers"_s};
    return primitives.contains(type);
}

QString elementType(const QString &type)
{
    static const QRegularExpression list(u"^List\\[(.+)\\]$"_s);
    const QRegularExpressionMatch match = list.match(type);
    return match.hasMatch() ? match.captured(1) : type;
}

} // namespace

class TestSimServerApiDocs final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void resourceList();
    void listingShape_data();
    void listingShape();
    void operationsTheApplicationsUse_data();
    void operationsTheApplicationsUse();
    void everyDocumentedOperationIsDispatched();
    void unknownListing();
    void parametersAsAsteriskDocuments();
    void deviceStatesListing();

    void messageAndEvent();
    void aModelForEveryPublishedEventType();
    void modelsLiveWhereAsteriskPutsThem_data();
    void modelsLiveWhereAsteriskPutsThem();
    void everyReferencedModelIsDeclared();
    void eventPropertiesAsAsteriskDeclares_data();
    void eventPropertiesAsAsteriskDeclares();
    void eventsOfARunMatchTheirModels();

private:
    QJsonObject listing(const QString &resource);
    // Every model of every listing by id, and the listings declaring it.
    QHash<QString, QJsonObject> allModels(QHash<QString, QStringList> *declaredIn = nullptr);
    // `value` against the declared `type` (a primitive, List[...] or a model); problems are
    // appended with `where`.
    static void checkValue(const QHash<QString, QJsonObject> &models, const QJsonValue &value,
                           const QString &type, const QString &where, QStringList *problems);
    // An object against the union of the properties of `modelIds` (an event: its model, Event
    // and Message): required properties present, nothing undeclared, every value of its type.
    static void checkObject(const QHash<QString, QJsonObject> &models, const QJsonObject &object,
                            const QStringList &modelIds, const QString &where, QStringList *problems);

    std::unique_ptr<SimTestHarness> m_sim;
};

void TestSimServerApiDocs::initTestCase()
{
    SimTestHarness::Options options;
    options.speed = 100;
    m_sim = std::make_unique<SimTestHarness>(options);
    QVERIFY(m_sim->start());
}

void TestSimServerApiDocs::cleanupTestCase()
{
    m_sim.reset();
}

QJsonObject TestSimServerApiDocs::listing(const QString &resource)
{
    const RestReply reply = m_sim->get(u"/api-docs/"_s + resource + u".json"_s);
    return reply.status == 200 ? reply.object() : QJsonObject();
}

void TestSimServerApiDocs::resourceList()
{
    const RestReply reply = m_sim->get(u"/api-docs/resources.json"_s);
    QCOMPARE(reply.status, 200);
    const QJsonObject list = reply.object();
    QCOMPARE(list.value("swaggerVersion"_L1).toString(), u"1.1"_s);
    QCOMPARE(list.value("basePath"_L1).toString(), m_sim->baseUrl().toString() + u"/ari"_s);
    QStringList paths;
    for (const QJsonValue &api : list.value("apis"_L1).toArray()) {
        paths.append(api.toObject().value("path"_L1).toString());
        QVERIFY(!api.toObject().value("description"_L1).toString().isEmpty());
    }
    for (const QString &resource : s_listings)
        QVERIFY2(paths.contains(u"/api-docs/"_s + resource + u".{format}"_s), qPrintable(resource));
    // Only what the simulator implements is described.
    QVERIFY(!paths.contains(u"/api-docs/endpoints.{format}"_s));
    // The control API is not part of ARI.
    for (const QString &path : std::as_const(paths))
        QVERIFY(!path.contains(u"sim"_s));
}

void TestSimServerApiDocs::listingShape_data()
{
    QTest::addColumn<QString>("resource");
    for (const QString &resource : s_listings)
        QTest::newRow(qPrintable(resource)) << resource;
}

void TestSimServerApiDocs::listingShape()
{
    QFETCH(QString, resource);
    const QJsonObject doc = listing(resource);
    QVERIFY(!doc.isEmpty());
    QCOMPARE(doc.value("swaggerVersion"_L1).toString(), u"1.1"_s);
    QCOMPARE(doc.value("resourcePath"_L1).toString(), u"/api-docs/"_s + resource + u".{format}"_s);
    QVERIFY(doc.value("models"_L1).isObject());
    const QJsonArray apis = doc.value("apis"_L1).toArray();
    QVERIFY(!apis.isEmpty());
    for (const QJsonValue &apiValue : apis) {
        const QJsonObject api = apiValue.toObject();
        const QString path = api.value("path"_L1).toString();
        QVERIFY(path.startsWith(u'/'));
        const QJsonArray operations = api.value("operations"_L1).toArray();
        QVERIFY(!operations.isEmpty());
        static const QRegularExpression placeholder(u"\\{(\\w+)\\}"_s);
        QStringList pathParams;
        for (auto it = placeholder.globalMatch(path); it.hasNext();)
            pathParams.append(it.next().captured(1));
        for (const QJsonValue &operationValue : operations) {
            const QJsonObject operation = operationValue.toObject();
            QVERIFY(QStringList({u"GET"_s, u"POST"_s, u"PUT"_s, u"DELETE"_s})
                        .contains(operation.value("httpMethod"_L1).toString()));
            QVERIFY(!operation.value("nickname"_L1).toString().isEmpty());
            QVERIFY(!operation.value("responseClass"_L1).toString().isEmpty());
            // Every placeholder of the path is a required path parameter.
            QStringList documented;
            for (const QJsonValue &parameter : operation.value("parameters"_L1).toArray()) {
                const QJsonObject p = parameter.toObject();
                QVERIFY(QStringList({u"path"_s, u"query"_s, u"body"_s}).contains(p.value("paramType"_L1).toString()));
                if (p.value("paramType"_L1).toString() == "path"_L1) {
                    QVERIFY(p.value("required"_L1).toBool());
                    documented.append(p.value("name"_L1).toString());
                }
            }
            documented.sort();
            QStringList expected = pathParams;
            expected.sort();
            QCOMPARE(documented, expected);
        }
    }
}

void TestSimServerApiDocs::operationsTheApplicationsUse_data()
{
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("nickname");
    QTest::newRow("originate") << u"channels"_s << u"/channels"_s << u"POST"_s << u"originate"_s;
    QTest::newRow("play") << u"channels"_s << u"/channels/{channelId}/play/{playbackId}"_s << u"POST"_s << u"playWithId"_s;
    QTest::newRow("record") << u"channels"_s << u"/channels/{channelId}/record"_s << u"POST"_s << u"record"_s;
    QTest::newRow("variable") << u"channels"_s << u"/channels/{channelId}/variable"_s << u"GET"_s << u"getChannelVar"_s;
    QTest::newRow("addChannel") << u"bridges"_s << u"/bridges/{bridgeId}/addChannel"_s << u"POST"_s << u"addChannel"_s;
    QTest::newRow("bridge moh") << u"bridges"_s << u"/bridges/{bridgeId}/moh"_s << u"DELETE"_s << u"stopMoh"_s;
    QTest::newRow("control") << u"playbacks"_s << u"/playbacks/{playbackId}/control"_s << u"POST"_s << u"control"_s;
    QTest::newRow("copy") << u"recordings"_s << u"/recordings/stored/{recordingName}/copy"_s << u"POST"_s << u"copyStored"_s;
    QTest::newRow("unpause") << u"recordings"_s << u"/recordings/live/{recordingName}/pause"_s << u"DELETE"_s << u"unpause"_s;
    QTest::newRow("events") << u"events"_s << u"/events"_s << u"GET"_s << u"eventWebsocket"_s;
    QTest::newRow("subscribe") << u"applications"_s << u"/applications/{applicationName}/subscription"_s << u"POST"_s
                               << u"subscribe"_s;
}

void TestSimServerApiDocs::operationsTheApplicationsUse()
{
    QFETCH(QString, resource);
    QFETCH(QString, path);
    QFETCH(QString, method);
    QFETCH(QString, nickname);
    const QJsonObject doc = listing(resource);
    QJsonObject found;
    for (const QJsonValue &api : doc.value("apis"_L1).toArray()) {
        if (api.toObject().value("path"_L1).toString() != path)
            continue;
        for (const QJsonValue &operation : api.toObject().value("operations"_L1).toArray()) {
            if (operation.toObject().value("httpMethod"_L1).toString() == method)
                found = operation.toObject();
        }
    }
    QVERIFY2(!found.isEmpty(), qPrintable(method + u' ' + path));
    QCOMPARE(found.value("nickname"_L1).toString(), nickname);
}

void TestSimServerApiDocs::everyDocumentedOperationIsDispatched()
{
    const QJsonArray resources = m_sim->get(u"/api-docs/resources.json"_s).object().value("apis"_L1).toArray();
    int checked = 0;
    for (const QJsonValue &resourceValue : resources) {
        const QString resource = resourceValue.toObject().value("path"_L1).toString().section(u'/', 2, 2).section(u'.', 0, 0);
        const QJsonObject doc = listing(resource);
        QVERIFY2(!doc.isEmpty(), qPrintable(resource));
        for (const QJsonValue &apiValue : doc.value("apis"_L1).toArray()) {
            QString path = apiValue.toObject().value("path"_L1).toString();
            path.replace(QRegularExpression(u"\\{\\w+\\}"_s), u"no-such-id"_s);
            for (const QJsonValue &operation : apiValue.toObject().value("operations"_L1).toArray()) {
                const QByteArray method = operation.toObject().value("httpMethod"_L1).toString().toLatin1();
                const RestReply reply = m_sim->ari(method, path);
                const QString where = QString::fromLatin1(method) + u' ' + path + u": "_s + QString::fromUtf8(reply.describe());
                QVERIFY2(reply.status != 0, qPrintable(where));
                QVERIFY2(reply.status != 405, qPrintable(where));
                QVERIFY2(!(reply.status == 404 && reply.message() == "Resource not found"_L1), qPrintable(where));
                ++checked;
            }
        }
    }
    QVERIFY2(checked >= 60, qPrintable(QString::number(checked)));
}

void TestSimServerApiDocs::unknownListing()
{
    const RestReply reply = m_sim->get(u"/api-docs/endpoints.json"_s);
    QCOMPARE(reply.status, 404);
    QCOMPARE(m_sim->get(u"/api-docs/resources.json"_s, QUrlQuery{}).status, 200);
    QCOMPARE(m_sim->ari("GET", u"/api-docs/resources.json"_s, {}, SimTestHarness::Auth::none()).status, 401);
}

QHash<QString, QJsonObject> TestSimServerApiDocs::allModels(QHash<QString, QStringList> *declaredIn)
{
    QHash<QString, QJsonObject> result;
    for (const QString &resource : s_listings) {
        const QJsonObject models = listing(resource).value("models"_L1).toObject();
        for (auto it = models.constBegin(); it != models.constEnd(); ++it) {
            result.insert(it.key(), it.value().toObject());
            if (declaredIn)
                (*declaredIn)[it.key()].append(resource);
        }
    }
    return result;
}

void TestSimServerApiDocs::checkValue(const QHash<QString, QJsonObject> &models, const QJsonValue &value,
                                      const QString &type, const QString &where, QStringList *problems)
{
    const QString element = elementType(type);
    if (element != type) {
        if (!value.isArray()) {
            problems->append(where + u" is not a list"_s);
            return;
        }
        const QJsonArray items = value.toArray();
        for (qsizetype i = 0; i < items.size(); ++i)
            checkValue(models, items.at(i), element, where + u'[' + QString::number(i) + u']', problems);
        return;
    }
    bool ok = true;
    if (type == "string"_L1 || type == "Date"_L1)
        ok = value.isString();
    else if (type == "int"_L1 || type == "long"_L1 || type == "double"_L1)
        ok = value.isDouble();
    else if (type == "boolean"_L1)
        ok = value.isBool();
    else if (type == "object"_L1)
        ok = value.isObject();
    else if (!models.contains(type))
        ok = false;
    else if (!value.isObject())
        ok = false;
    else
        checkObject(models, value.toObject(), {type}, where, problems);
    if (!ok)
        problems->append(where + u" is not a "_s + type);
}

void TestSimServerApiDocs::checkObject(const QHash<QString, QJsonObject> &models, const QJsonObject &object,
                                       const QStringList &modelIds, const QString &where, QStringList *problems)
{
    QJsonObject properties;
    for (const QString &id : modelIds) {
        if (!models.contains(id)) {
            problems->append(where + u": no model "_s + id);
            return;
        }
        const QJsonObject declared = models.value(id).value("properties"_L1).toObject();
        for (auto it = declared.constBegin(); it != declared.constEnd(); ++it)
            properties.insert(it.key(), it.value());
    }
    for (auto it = properties.constBegin(); it != properties.constEnd(); ++it) {
        if (it.value().toObject().value("required"_L1).toBool() && !object.contains(it.key()))
            problems->append(where + u'.' + it.key() + u" (required) is missing"_s);
    }
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString path = where + u'.' + it.key();
        if (!properties.contains(it.key())) {
            problems->append(path + u" is not declared in "_s + modelIds.join(u'/'));
            continue;
        }
        checkValue(models, it.value(), properties.value(it.key()).toObject().value("type"_L1).toString(), path,
                   problems);
    }
}

void TestSimServerApiDocs::parametersAsAsteriskDocuments()
{
    // Every parameter Asterisk documents for an operation the simulator has is documented by the
    // simulator too, with the same kind, type, multiplicity and allowed values (clients such as
    // ari-client only send documented parameters).
    QFile file(QStringLiteral(SUPERVISOR_TEST_DATA_DIR "/ari-operations.tsv"));
    QVERIFY2(file.open(QIODevice::ReadOnly | QIODevice::Text), qPrintable(file.fileName()));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
    const auto list = [](const QString &text) { return text.split(u',', Qt::SkipEmptyParts); };
    QStringList missingOperations;
    int checked = 0;
    for (const QString &line : lines) {
        if (line.startsWith(u'#') || line.startsWith(u"resource\t"_s))
            continue;
        const QStringList f = line.split(u'\t');
        QCOMPARE(f.size(), 10);
        const QString resource = f.at(0);
        const QString where = f.at(2) + u' ' + f.at(3);
        QJsonObject operation;
        for (const QJsonValue &api : listing(resource).value("apis"_L1).toArray()) {
            if (api.toObject().value("path"_L1).toString() != f.at(3))
                continue;
            for (const QJsonValue &candidate : api.toObject().value("operations"_L1).toArray()) {
                if (candidate.toObject().value("httpMethod"_L1).toString() == f.at(2))
                    operation = candidate.toObject();
            }
        }
        if (operation.isEmpty()) {
            missingOperations.append(where);
            continue;
        }
        QCOMPARE(operation.value("nickname"_L1).toString(), f.at(1));
        QHash<QString, QJsonObject> parameters;
        for (const QJsonValue &parameter : operation.value("parameters"_L1).toArray())
            parameters.insert(parameter.toObject().value("name"_L1).toString(), parameter.toObject());
        const QStringList required = list(f.at(4));
        QStringList query = required;
        query.append(list(f.at(5)));
        for (const QString &name : std::as_const(query)) {
            const QJsonObject p = parameters.value(name);
            QVERIFY2(!p.isEmpty(), qPrintable(where + u": "_s + name + u" not documented"_s));
            QVERIFY2(p.value("paramType"_L1).toString() == "query"_L1
                         && p.value("required"_L1).toBool() == required.contains(name)
                         && p.value("allowMultiple"_L1).toBool() == list(f.at(6)).contains(name),
                     qPrintable(where + u": "_s + name));
        }
        for (const QString &name : list(f.at(7))) {
            QVERIFY2(parameters.contains(name), qPrintable(where + u": body "_s + name + u" not documented"_s));
            QCOMPARE(parameters.value(name).value("paramType"_L1).toString(), u"body"_s);
        }
        for (const QString &typed : list(f.at(8))) {
            const QString name = typed.section(u':', 0, 0);
            QVERIFY2(parameters.value(name).value("dataType"_L1).toString() == typed.section(u':', 1),
                     qPrintable(where + u": "_s + typed));
        }
        for (const QString &allowed : f.at(9).split(u';', Qt::SkipEmptyParts)) {
            const QString name = allowed.section(u'=', 0, 0);
            const QJsonArray values = parameters.value(name).value("allowableValues"_L1).toObject().value("values"_L1).toArray();
            QStringList documented;
            for (const QJsonValue &value : values)
                documented.append(value.toString());
            QVERIFY2(documented == allowed.section(u'=', 1).split(u'|'),
                     qPrintable(where + u": "_s + name + u" allows "_s + documented.join(u'|')));
        }
        ++checked;
    }
    // The global variables of the asterisk resource are not simulated (sim/README.md).
    QCOMPARE(missingOperations, QStringList{u"GET /asterisk/variable"_s});
    QVERIFY2(checked >= 45, qPrintable(QString::number(checked)));
}

void TestSimServerApiDocs::deviceStatesListing()
{
    const QJsonObject doc = listing(u"deviceStates"_s);
    QHash<QString, QJsonObject> operations;
    for (const QJsonValue &api : doc.value("apis"_L1).toArray()) {
        for (const QJsonValue &operation : api.toObject().value("operations"_L1).toArray()) {
            const QString key = operation.toObject().value("httpMethod"_L1).toString() + u' '
                + api.toObject().value("path"_L1).toString();
            operations.insert(key, operation.toObject());
        }
    }
    QStringList keys = operations.keys();
    keys.sort();
    QCOMPARE(keys, (QStringList{u"DELETE /deviceStates/{deviceName}"_s, u"GET /deviceStates"_s,
                                u"GET /deviceStates/{deviceName}"_s, u"PUT /deviceStates/{deviceName}"_s}));
    QCOMPARE(operations.value(u"GET /deviceStates"_s).value("nickname"_L1).toString(), u"list"_s);
    QCOMPARE(operations.value(u"GET /deviceStates"_s).value("responseClass"_L1).toString(), u"List[DeviceState]"_s);
    QCOMPARE(operations.value(u"GET /deviceStates/{deviceName}"_s).value("nickname"_L1).toString(), u"get"_s);
    QCOMPARE(operations.value(u"GET /deviceStates/{deviceName}"_s).value("responseClass"_L1).toString(),
             u"DeviceState"_s);
    const QJsonObject update = operations.value(u"PUT /deviceStates/{deviceName}"_s);
    QCOMPARE(update.value("nickname"_L1).toString(), u"update"_s);
    QJsonObject deviceState;
    for (const QJsonValue &parameter : update.value("parameters"_L1).toArray()) {
        if (parameter.toObject().value("name"_L1).toString() == "deviceState"_L1)
            deviceState = parameter.toObject();
    }
    QCOMPARE(deviceState.value("paramType"_L1).toString(), u"query"_s);
    QVERIFY(deviceState.value("required"_L1).toBool());
    QCOMPARE(deviceState.value("allowableValues"_L1).toObject().value("values"_L1).toArray(),
             (QJsonArray{u"NOT_INUSE"_s, u"INUSE"_s, u"BUSY"_s, u"INVALID"_s, u"UNAVAILABLE"_s, u"RINGING"_s,
                         u"RINGINUSE"_s, u"ONHOLD"_s}));
    for (const QString &key : {u"PUT /deviceStates/{deviceName}"_s, u"DELETE /deviceStates/{deviceName}"_s}) {
        QCOMPARE(operations.value(key).value("errorResponses"_L1).toArray(),
                 (QJsonArray{QJsonObject{{u"code"_s, 404}, {u"reason"_s, u"Device name is missing"_s}},
                             QJsonObject{{u"code"_s, 409}, {u"reason"_s, u"Uncontrolled device specified"_s}}}));
    }
    QCOMPARE(operations.value(u"DELETE /deviceStates/{deviceName}"_s).value("nickname"_L1).toString(), u"delete"_s);

    const QJsonObject model = doc.value("models"_L1).toObject().value("DeviceState"_L1).toObject();
    const QJsonObject properties = model.value("properties"_L1).toObject();
    QCOMPARE(properties.keys(), (QStringList{u"name"_s, u"state"_s}));
    QCOMPARE(properties.value("name"_L1).toObject().value("type"_L1).toString(), u"string"_s);
    QVERIFY(properties.value("name"_L1).toObject().value("required"_L1).toBool());
    QVERIFY(properties.value("state"_L1).toObject().value("required"_L1).toBool());
    QCOMPARE(properties.value("state"_L1).toObject().value("allowableValues"_L1).toObject().value("values"_L1).toArray(),
             (QJsonArray{u"UNKNOWN"_s, u"NOT_INUSE"_s, u"INUSE"_s, u"BUSY"_s, u"INVALID"_s, u"UNAVAILABLE"_s,
                         u"RINGING"_s, u"RINGINUSE"_s, u"ONHOLD"_s}));
}

void TestSimServerApiDocs::messageAndEvent()
{
    const QJsonObject models = listing(u"events"_s).value("models"_L1).toObject();
    const QJsonObject message = models.value("Message"_L1).toObject();
    QCOMPARE(message.value("id"_L1).toString(), u"Message"_s);
    QCOMPARE(message.value("discriminator"_L1).toString(), u"type"_s);
    QCOMPARE(message.value("subTypes"_L1).toArray(), (QJsonArray{u"MissingParams"_s, u"Event"_s}));
    const QJsonObject messageProperties = message.value("properties"_L1).toObject();
    QCOMPARE(messageProperties.keys(), (QStringList{u"asterisk_id"_s, u"type"_s}));
    QCOMPARE(messageProperties.value("type"_L1).toObject().value("type"_L1).toString(), u"string"_s);
    QVERIFY(messageProperties.value("type"_L1).toObject().value("required"_L1).toBool());
    QVERIFY(!messageProperties.value("asterisk_id"_L1).toObject().value("required"_L1).toBool());

    const QJsonObject missing = models.value("MissingParams"_L1).toObject().value("properties"_L1).toObject();
    QCOMPARE(missing.value("params"_L1).toObject().value("type"_L1).toString(), u"List[string]"_s);

    const QJsonObject event = models.value("Event"_L1).toObject();
    const QJsonObject eventProperties = event.value("properties"_L1).toObject();
    QCOMPARE(eventProperties.keys(), (QStringList{u"application"_s, u"timestamp"_s}));
    QCOMPARE(eventProperties.value("application"_L1).toObject().value("type"_L1).toString(), u"string"_s);
    QCOMPARE(eventProperties.value("timestamp"_L1).toObject().value("type"_L1).toString(), u"Date"_s);
    QVERIFY(eventProperties.value("application"_L1).toObject().value("required"_L1).toBool());
    QVERIFY(eventProperties.value("timestamp"_L1).toObject().value("required"_L1).toBool());

    // Every subtype named is declared, and every declared message model is reachable from
    // Message through the subtypes (nothing declared beside the hierarchy but the models the
    // events refer to).
    QStringList reachable{u"Message"_s};
    for (qsizetype i = 0; i < reachable.size(); ++i) {
        const QJsonObject model = models.value(reachable.at(i)).toObject();
        QVERIFY2(!model.isEmpty(), qPrintable(reachable.at(i) + u" is a subtype but not declared"_s));
        for (const QJsonValue &subType : model.value("subTypes"_L1).toArray())
            reachable.append(subType.toString());
    }
    for (auto it = models.constBegin(); it != models.constEnd(); ++it)
        QVERIFY2(reachable.contains(it.key()), qPrintable(it.key() + u" is not a subtype of Message"_s));
}

void TestSimServerApiDocs::aModelForEveryPublishedEventType()
{
    // SimEvents::Type is what the engine builds every event from: each of its values has a
    // model in events.json and is a subtype of Event, and nothing else is.
    const QJsonObject models = listing(u"events"_s).value("models"_L1).toObject();
    const QStringList published = SimEvents::names();
    QVERIFY(published.size() >= 20);
    for (const QString &type : published) {
        const QJsonObject model = models.value(type).toObject();
        QVERIFY2(!model.isEmpty(), qPrintable(type));
        QCOMPARE(model.value("id"_L1).toString(), type);
        QVERIFY2(!model.value("description"_L1).toString().isEmpty(), qPrintable(type));
    }
    QStringList subTypes;
    for (const QJsonValue &subType : models.value("Event"_L1).toObject().value("subTypes"_L1).toArray())
        subTypes.append(subType.toString());
    QStringList expected = published;
    expected.sort();
    subTypes.sort();
    QCOMPARE(subTypes, expected);
}

void TestSimServerApiDocs::modelsLiveWhereAsteriskPutsThem_data()
{
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("home");
    const QList<QPair<const char *, const char *>> rows{
        {"Channel", "channels"},         {"CallerID", "channels"},       {"DialplanCEP", "channels"},
        {"Bridge", "bridges"},           {"Playback", "playbacks"},      {"LiveRecording", "recordings"},
        {"StoredRecording", "recordings"}, {"Sound", "sounds"},          {"FormatLangPair", "sounds"},
        {"Application", "applications"}, {"AsteriskInfo", "asterisk"},  {"AsteriskPing", "asterisk"},
        {"Variable", "asterisk"},        {"DeviceState", "deviceStates"}, {"Message", "events"},
        {"MissingParams", "events"},     {"Event", "events"},            {"StasisStart", "events"},
        {"DeviceStateChanged", "events"}};
    for (const auto &[model, home] : rows)
        QTest::newRow(model) << QString::fromLatin1(model) << QString::fromLatin1(home);
}

void TestSimServerApiDocs::modelsLiveWhereAsteriskPutsThem()
{
    QFETCH(QString, model);
    QFETCH(QString, home);
    QHash<QString, QStringList> declaredIn;
    allModels(&declaredIn);
    QCOMPARE(declaredIn.value(model), QStringList{home});
}

void TestSimServerApiDocs::everyReferencedModelIsDeclared()
{
    QHash<QString, QStringList> declaredIn;
    const QHash<QString, QJsonObject> models = allModels(&declaredIn);
    for (auto it = declaredIn.constBegin(); it != declaredIn.constEnd(); ++it)
        QVERIFY2(it.value().size() == 1, qPrintable(it.key() + u" declared in "_s + it.value().join(u',')));
    QStringList references;
    for (auto it = models.constBegin(); it != models.constEnd(); ++it) {
        QCOMPARE(it.value().value("id"_L1).toString(), it.key());
        const QJsonObject properties = it.value().value("properties"_L1).toObject();
        for (auto p = properties.constBegin(); p != properties.constEnd(); ++p)
            references.append(it.key() + u'.' + p.key() + u'=' + p.value().toObject().value("type"_L1).toString());
    }
    for (const QString &resource : s_listings) {
        for (const QJsonValue &api : listing(resource).value("apis"_L1).toArray()) {
            for (const QJsonValue &operation : api.toObject().value("operations"_L1).toArray()) {
                references.append(resource + u':' + operation.toObject().value("nickname"_L1).toString() + u'='
                                  + operation.toObject().value("responseClass"_L1).toString());
            }
        }
    }
    QVERIFY(references.size() > 100);
    for (const QString &reference : std::as_const(references)) {
        const QString type = elementType(reference.section(u'=', 1));
        QVERIFY2(isPrimitive(type) || models.contains(type), qPrintable(reference));
    }
}

void TestSimServerApiDocs::eventPropertiesAsAsteriskDeclares_data()
{
    QTest::addColumn<QString>("event");
    QTest::addColumn<QStringList>("properties"); // name:type:required, every property of the model
    QTest::newRow("StasisStart") << u"StasisStart"_s
                                 << QStringList{u"args:List[string]:true"_s, u"channel:Channel:true"_s,
                                                u"replace_channel:Channel:false"_s};
    QTest::newRow("PlaybackFinished") << u"PlaybackFinished"_s << QStringList{u"playback:Playback:true"_s};
    QTest::newRow("RecordingFinished") << u"RecordingFinished"_s << QStringList{u"recording:LiveRecording:true"_s};
    QTest::newRow("ChannelEnteredBridge") << u"ChannelEnteredBridge"_s
                                          << QStringList{u"bridge:Bridge:true"_s, u"channel:Channel:false"_s};
    QTest::newRow("DeviceStateChanged") << u"DeviceStateChanged"_s << QStringList{u"device_state:DeviceState:true"_s};
}

void TestSimServerApiDocs::eventPropertiesAsAsteriskDeclares()
{
    QFETCH(QString, event);
    QFETCH(QStringList, properties);
    const QJsonObject declared =
        listing(u"events"_s).value("models"_L1).toObject().value(event).toObject().value("properties"_L1).toObject();
    QStringList actual;
    for (auto it = declared.constBegin(); it != declared.constEnd(); ++it) {
        const QJsonObject property = it.value().toObject();
        actual.append(it.key() + u':' + property.value("type"_L1).toString() + u':'
                      + (property.value("required"_L1).toBool() ? u"true"_s : u"false"_s));
    }
    actual.sort();
    properties.sort();
    QCOMPARE(actual, properties);
}

void TestSimServerApiDocs::eventsOfARunMatchTheirModels()
{
    // A run that makes the simulator publish every event type it has; each event received must
    // fit its model: its type declared, required properties present, no undeclared property, and
    // nested Channel/Bridge/Playback/LiveRecording/DeviceState objects fitting theirs.
    const QHash<QString, QJsonObject> models = allModels();
    auto all = m_sim->connectEvents(u"model-watch"_s, true);
    auto app = m_sim->connectEvents(u"model-app"_s);
    QVERIFY(all && app);

    const QString caller = m_sim->answeredCall(app.get(), u"model-app"_s, {u"7"_s});
    QVERIFY(!caller.isEmpty());
    const QString channelPath = u"/channels/"_s + caller;
    QCOMPARE(m_sim->post(channelPath + u"/variable"_s,
                         QUrlQuery{{u"variable"_s, u"COLOR"_s}, {u"value"_s, u"blue"_s}, {u"report_events"_s, u"true"_s}})
                 .status,
             204);
    QCOMPARE(m_sim->post(channelPath + u"/play/model-list"_s, QUrlQuery{{u"media"_s, u"sound:beep,sound:beep"_s}}).status,
             201);
    QVERIFY(!app->waitFor(u"PlaybackFinished"_s, EventCollector::forPlayback(u"model-list"_s)).isEmpty());
    QCOMPARE(m_sim->post(channelPath + u"/record"_s,
                         QUrlQuery{{u"name"_s, u"model-rec"_s}, {u"format"_s, u"wav"_s}, {u"maxDurationSeconds"_s, u"1"_s}})
                 .status,
             201);
    QVERIFY(!app->waitFor(u"RecordingFinished"_s, EventCollector::forRecording(u"model-rec"_s)).isEmpty());
    // A recording the store cannot write (a directory is in the way) fails.
    QVERIFY(QDir(m_sim->recordingsDir()).mkpath(u"model-blocked.wav"_s));
    QCOMPARE(m_sim->post(channelPath + u"/record"_s,
                         QUrlQuery{{u"name"_s, u"model-blocked"_s}, {u"format"_s, u"wav"_s},
                                   {u"maxDurationSeconds"_s, u"1"_s}, {u"ifExists"_s, u"overwrite"_s}})
                 .status,
             201);
    QVERIFY(!app->waitFor(u"RecordingFailed"_s, EventCollector::forRecording(u"model-blocked"_s)).isEmpty());
    QVERIFY(m_sim->pressDtmf(caller, u"5"_s));
    QVERIFY(!app->waitFor(u"ChannelDtmfReceived"_s).isEmpty());

    QVERIFY(m_sim->setEndpointBehaviour(u"PJSIP"_s, u"1001"_s, u"answer"_s));
    QCOMPARE(m_sim->post(u"/channels"_s, QUrlQuery{{u"endpoint"_s, u"PJSIP/1001"_s}, {u"app"_s, u"model-app"_s},
                                                   {u"channelId"_s, u"model-agent"_s}})
                 .status,
             200);
    QVERIFY(!app->waitFor(u"StasisStart"_s, EventCollector::forChannel(u"model-agent"_s)).isEmpty());
    QCOMPARE(m_sim->post(u"/bridges"_s, QUrlQuery{{u"bridgeId"_s, u"model-bridge"_s}}).status, 200);
    QUrlQuery members;
    members.addQueryItem(u"channel"_s, caller + u",model-agent"_s);
    QCOMPARE(m_sim->post(u"/bridges/model-bridge/addChannel"_s, members).status, 204);
    QVERIFY(app->waitForCount(u"ChannelEnteredBridge"_s, 2));
    QCOMPARE(m_sim->del(u"/bridges/model-bridge"_s).status, 204);
    QVERIFY(!all->waitFor(u"BridgeDestroyed"_s).isEmpty());
    QCOMPARE(m_sim->put(u"/deviceStates/Stasis:model-lamp"_s, QUrlQuery{{u"deviceState"_s, u"BUSY"_s}}).status, 204);
    QVERIFY(!all->waitFor(u"DeviceStateChanged"_s, [](const QJsonObject &event) {
                     return event.value("device_state"_L1).toObject().value("name"_L1) == "Stasis:model-lamp"_L1;
                 }).isEmpty());
    QCOMPARE(m_sim->del(u"/channels/model-agent"_s).status, 204);
    QVERIFY(m_sim->hangupCaller(caller));
    QVERIFY(!all->waitFor(u"ChannelDestroyed"_s, EventCollector::forChannel(caller)).isEmpty());
    auto newer = m_sim->connectEvents(u"model-app"_s);
    QVERIFY(newer);
    QVERIFY(!app->waitFor(u"ApplicationReplaced"_s).isEmpty());

    QSet<QString> seen;
    QStringList problems;
    QList<QJsonObject> events = all->events();
    events.append(app->events());
    for (const QJsonObject &event : std::as_const(events)) {
        const QString type = event.value("type"_L1).toString();
        seen.insert(type);
        checkObject(models, event, {type, u"Event"_s, u"Message"_s}, type, &problems);
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QStringList seenTypes = seen.values();
    seenTypes.sort();
    QStringList published = SimEvents::names();
    published.sort();
    QCOMPARE(seenTypes, published);
}

QTEST_GUILESS_MAIN(TestSimServerApiDocs)
#include "TestSimServerApiDocs.moc"

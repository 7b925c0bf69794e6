#include "sim/resources/SimDeviceStatesResource.h"

#include <QJsonArray>
#include <QJsonObject>

#include "sim/engine/SimEngine.h"
#include "sim/http/SimRouter.h"

using namespace Qt::StringLiterals;

namespace {

QJsonObject deviceStateJson(const QString &name, const QString &state)
{
    return QJsonObject{{u"name"_s, name}, {u"state"_s, state}};
}

SimHttpResponse resultResponse(SimEngine::DeviceStateResult result)
{
    switch (result) {
    case SimEngine::DeviceStateResult::Ok:
        return SimHttpResponse::noContent();
    case SimEngine::DeviceStateResult::NotControlled:
        return SimHttpResponse::error(409, u"Uncontrolled device specified"_s);
    case SimEngine::DeviceStateResult::MissingName:
        return SimHttpResponse::error(404, u"Device name is missing"_s);
    case SimEngine::DeviceStateResult::UnknownState:
        break;
    }
    return SimHttpResponse::error(500, u"Unknown device"_s);
}

} // namespace

SimDeviceStatesResource::SimDeviceStatesResource(SimEngine *engine)
    : m_engine(engine)
{
}

void SimDeviceStatesResource::registerRoutes(SimRouter &router)
{
    const SimRouter::Param name = SimRouter::pathParam(u"deviceName"_s, u"Name of the device"_s);
    const QList<SimRouter::ErrorDoc> controlErrors{{404, u"Device name is missing"_s},
                                                   {409, u"Uncontrolled device specified"_s}};

    router.add({u"GET"_s, u"/deviceStates"_s, u"deviceStates"_s, u"list"_s,
                u"List all ARI controlled device states."_s, u"List[DeviceState]"_s, {}, {},
                [this](const SimHttpRequest &) {
                    QJsonArray result;
                    const QList<QPair<QString, QString>> devices = m_engine->controlledDeviceStates();
                    for (const auto &[device, state] : devices)
                        result.append(deviceStateJson(device, state));
                    return SimHttpResponse::json(200, result);
                }});
    router.add({u"GET"_s, u"/deviceStates/{deviceName}"_s, u"deviceStates"_s, u"get"_s,
                u"Retrieve the current state of a device."_s, u"DeviceState"_s, {name}, {},
                [this](const SimHttpRequest &request) {
                    const QString device = request.pathParam(u"deviceName"_s);
                    return SimHttpResponse::json(200, deviceStateJson(device, m_engine->deviceState(device)));
                }});
    router.add({u"PUT"_s, u"/deviceStates/{deviceName}"_s, u"deviceStates"_s, u"update"_s,
                u"Change the state of a device controlled by ARI. (Note - implicitly creates the device state)."_s,
                u"void"_s,
                {name, SimRouter::queryParam(u"deviceState"_s, u"string"_s, true, u"Device state value"_s, {},
                                             {u"NOT_INUSE"_s, u"INUSE"_s, u"BUSY"_s, u"INVALID"_s, u"UNAVAILABLE"_s,
                                              u"RINGING"_s, u"RINGINUSE"_s, u"ONHOLD"_s})},
                controlErrors,
                [this](const SimHttpRequest &request) {
                    return resultResponse(m_engine->setControlledDeviceState(request.pathParam(u"deviceName"_s),
                                                                             request.param(u"deviceState"_s)));
                }});
    router.add({u"DELETE"_s, u"/deviceStates/{deviceName}"_s, u"deviceStates"_s, u"delete"_s,
                u"Destroy a device-state controlled by ARI."_s, u"void"_s, {name}, controlErrors,
                [this](const SimHttpRequest &request) {
                    return resultResponse(m_engine->deleteControlledDeviceState(request.pathParam(u"deviceName"_s)));
                }});
}

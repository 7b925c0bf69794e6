#include "sim/resources/SimRecordingsResource.h"

#include <QFile>

#include "sim/media/RecordingStore.h"
#include "sim/engine/SimEngine.h"
#include "sim/engine/SimLiveRecording.h"
#include "sim/engine/SimLogging.h"
#include "sim/http/SimRouter.h"

using namespace Qt::StringLiterals;

namespace {

SimHttpResponse recordingNotFound()
{
    return SimHttpResponse::error(404, u"Recording not found"_s);
}

} // namespace

SimRecordingsResource::SimRecordingsResource(SimEngine *engine)
    : m_engine(engine)
{
}

void SimRecordingsResource::registerRoutes(SimRouter &router)
{
    const SimRouter::Param name = SimRouter::pathParam(u"recordingName"_s, u"The name of the recording"_s);
    const QList<SimRouter::ErrorDoc> notFound{{404, u"Recording not found"_s}};

    router.add({u"GET"_s, u"/recordings/stored"_s, u"recordings"_s, u"listStored"_s,
                u"List recordings that are complete."_s, u"List[StoredRecording]"_s, {}, {},
                [this](const SimHttpRequest &) {
                    return SimHttpResponse::json(200, m_engine->recordings().listJson());
                }});
    router.add({u"GET"_s, u"/recordings/stored/{recordingName}"_s, u"recordings"_s, u"getStored"_s,
                u"Get a stored recording's details."_s, u"StoredRecording"_s, {name}, notFound,
                [this](const SimHttpRequest &request) {
                    const auto entry = m_engine->recordings().find(request.pathParam(u"recordingName"_s));
                    if (!entry)
                        return recordingNotFound();
                    return SimHttpResponse::json(200, RecordingStore::entryJson(*entry));
                }});
    router.add({u"DELETE"_s, u"/recordings/stored/{recordingName}"_s, u"recordings"_s, u"deleteStored"_s,
                u"Delete a stored recording."_s, u"void"_s, {name}, notFound,
                [this](const SimHttpRequest &request) {
                    switch (m_engine->recordings().remove(request.pathParam(u"recordingName"_s))) {
                    case RecordingStore::Status::Ok:
                        return SimHttpResponse::noContent();
                    case RecordingStore::Status::NotFound:
                    case RecordingStore::Status::InvalidName:
                        return recordingNotFound();
                    default:
                        return SimHttpResponse::error(500, u"Internal Server Error"_s);
                    }
                }});
    router.add({u"GET"_s, u"/recordings/stored/{recordingName}/file"_s, u"recordings"_s,
                u"getStoredFile"_s, u"Get the file associated with the stored recording."_s,
                u"binary"_s, {name},
                {{403, u"The recording file could not be opened"_s}, {404, u"Recording not found"_s}},
                [this](const SimHttpRequest &request) {
                    const auto entry = m_engine->recordings().find(request.pathParam(u"recordingName"_s));
                    if (!entry)
                        return recordingNotFound();
                    QFile file(entry->path);
                    if (!file.open(QIODevice::ReadOnly)) {
                        qCWarning(lcSim) << "cannot read recording file" << entry->path << file.errorString();
                        return SimHttpResponse::error(403, u"Could not open recording file"_s);
                    }
                    return SimHttpResponse::raw(200, RecordingStore::contentType(entry->format).toLatin1(),
                                                file.readAll());
                }});
    router.add({u"POST"_s, u"/recordings/stored/{recordingName}/copy"_s, u"recordings"_s,
                u"copyStored"_s, u"Copy a stored recording."_s, u"StoredRecording"_s,
                {name, SimRouter::queryParam(u"destinationRecordingName"_s, u"string"_s, true,
                                             u"The destination name of the recording"_s)},
                {{404, u"Recording not found"_s},
                 {409, u"A recording with the same name already exists on the system"_s}},
                [this](const SimHttpRequest &request) {
                    RecordingStore &store = m_engine->recordings();
                    const QString source = request.pathParam(u"recordingName"_s);
                    if (!store.exists(source))
                        return recordingNotFound();
                    const QString destination = request.param(u"destinationRecordingName"_s);
                    const auto normalized = RecordingStore::normalizeName(destination);
                    if (!normalized) {
                        return SimHttpResponse::error(400, u"Invalid destination recording name"_s,
                                                      QByteArrayLiteral("Bad request"));
                    }
                    switch (store.copy(source, *normalized)) {
                    case RecordingStore::Status::Ok: {
                        const auto entry = store.find(*normalized);
                        return entry ? SimHttpResponse::json(200, RecordingStore::entryJson(*entry))
                                     : SimHttpResponse::error(500, u"Internal Server Error"_s);
                    }
                    case RecordingStore::Status::AlreadyExists:
                        return SimHttpResponse::error(409, u"A recording with the same name already exists on the system"_s);
                    case RecordingStore::Status::NotFound:
                        return recordingNotFound();
                    case RecordingStore::Status::InvalidName:
                        return SimHttpResponse::error(400, u"Invalid destination recording name"_s,
                                                      QByteArrayLiteral("Bad request"));
                    default:
                        return SimHttpResponse::error(500, u"Internal Server Error"_s);
                    }
                }});

    const auto live = [this](const SimHttpRequest &request) -> SimLiveRecording * {
        const auto normalized = RecordingStore::normalizeName(request.pathParam(u"recordingName"_s));
        return normalized ? m_engine->liveRecording(*normalized) : nullptr;
    };
    router.add({u"GET"_s, u"/recordings/live/{recordingName}"_s, u"recordings"_s, u"getLive"_s,
                u"List live recordings."_s, u"LiveRecording"_s, {name}, notFound,
                [live](const SimHttpRequest &request) {
                    SimLiveRecording *recording = live(request);
                    return recording ? SimHttpResponse::json(200, recording->toJson()) : recordingNotFound();
                }});
    router.add({u"DELETE"_s, u"/recordings/live/{recordingName}"_s, u"recordings"_s, u"cancel"_s,
                u"Stop a live recording and discard it."_s, u"void"_s, {name}, notFound,
                [live](const SimHttpRequest &request) {
                    SimLiveRecording *recording = live(request);
                    if (!recording)
                        return recordingNotFound();
                    recording->cancel();
                    return SimHttpResponse::noContent();
                }});
    router.add({u"POST"_s, u"/recordings/live/{recordingName}/stop"_s, u"recordings"_s, u"stop"_s,
                u"Stop a live recording and store it."_s, u"void"_s, {name}, notFound,
                [live](const SimHttpRequest &request) {
                    SimLiveRecording *recording = live(request);
                    if (!recording)
                        return recordingNotFound();
                    recording->stop();
                    return SimHttpResponse::noContent();
                }});

    using Control = bool (SimLiveRecording::*)();
    const auto addControl = [&router, &name, live](const QString &method, const QString &path,
                                                   const QString &nickname, const QString &summary,
                                                   Control control) {
        router.add({method, path, u"recordings"_s, nickname, summary, u"void"_s, {name},
                    {{404, u"Recording not found"_s}, {409, u"Recording not in session"_s}},
                    [live, control](const SimHttpRequest &request) {
                        SimLiveRecording *recording = live(request);
                        if (!recording)
                            return recordingNotFound();
                        if (!(recording->*control)())
                            return SimHttpResponse::error(409, u"Recording not in session"_s);
                        return SimHttpResponse::noContent();
                    }});
    };
    addControl(u"POST"_s, u"/recordings/live/{recordingName}/pause"_s, u"pause"_s,
               u"Pause a live recording."_s, &SimLiveRecording::pause);
    addControl(u"DELETE"_s, u"/recordings/live/{recordingName}/pause"_s, u"unpause"_s,
               u"Unpause a live recording."_s, &SimLiveRecording::unpause);
    addControl(u"POST"_s, u"/recordings/live/{recordingName}/mute"_s, u"mute"_s,
               u"Mute a live recording."_s, &SimLiveRecording::mute);
    addControl(u"DELETE"_s, u"/recordings/live/{recordingName}/mute"_s, u"unmute"_s,
               u"Unmute a live recording."_s, &SimLiveRecording::unmute);
}

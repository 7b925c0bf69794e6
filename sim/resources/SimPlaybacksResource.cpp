#include "sim/resources/SimPlaybacksResource.h"

#include "sim/engine/SimEngine.h"
#include "sim/engine/SimPlayback.h"
#include "sim/http/SimRouter.h"

using namespace Qt::StringLiterals;

SimPlaybacksResource::SimPlaybacksResource(SimEngine *engine)
    : m_engine(engine)
{
}

void SimPlaybacksResource::registerRoutes(SimRouter &router)
{
    const SimRouter::Param id = SimRouter::pathParam(u"playbackId"_s, u"Playback's id"_s);
    router.add({u"GET"_s, u"/playbacks/{playbackId}"_s, u"playbacks"_s, u"get"_s,
                u"Get a playback's details."_s, u"Playback"_s, {id},
                {{404, u"The playback cannot be found"_s}},
                [this](const SimHttpRequest &request) {
                    SimPlayback *playback = m_engine->playback(request.pathParam(u"playbackId"_s));
                    if (!playback)
                        return SimHttpResponse::error(404, u"Playback not found"_s);
                    return SimHttpResponse::json(200, playback->toJson());
                }});
    router.add({u"DELETE"_s, u"/playbacks/{playbackId}"_s, u"playbacks"_s, u"stop"_s,
                u"Stop a playback."_s, u"void"_s, {id}, {{404, u"The playback cannot be found"_s}},
                [this](const SimHttpRequest &request) {
                    SimPlayback *playback = m_engine->playback(request.pathParam(u"playbackId"_s));
                    if (!playback)
                        return SimHttpResponse::error(404, u"Playback not found"_s);
                    playback->stop();
                    return SimHttpResponse::noContent();
                }});
    router.add({u"POST"_s, u"/playbacks/{playbackId}/control"_s, u"playbacks"_s, u"control"_s,
                u"Control a playback."_s, u"void"_s,
                {id, SimRouter::queryParam(u"operation"_s, u"string"_s, true, u"Operation to perform on the playback."_s,
                                           {}, {u"restart"_s, u"pause"_s, u"unpause"_s, u"reverse"_s, u"forward"_s})},
                {{400, u"The provided operation parameter was invalid"_s},
                 {404, u"The playback cannot be found"_s},
                 {409, u"The operation cannot be performed in the playback's current state"_s}},
                [this](const SimHttpRequest &request) {
                    SimPlayback *playback = m_engine->playback(request.pathParam(u"playbackId"_s));
                    if (!playback)
                        return SimHttpResponse::error(404, u"Playback not found"_s);
                    const QString operationText = request.param(u"operation"_s);
                    if (operationText.isEmpty())
                        return SimHttpResponse::error(400, u"Missing operation"_s);
                    const auto operation = SimPlayback::parseOperation(operationText);
                    if (!operation)
                        return SimHttpResponse::error(400, u"Invalid operation "_s + operationText);
                    if (playback->control(*operation) == SimPlayback::ControlResult::NotPlaying) {
                        return SimHttpResponse::error(
                            409, u"Can only "_s + operationText + u" while media is playing"_s);
                    }
                    return SimHttpResponse::noContent();
                }});
}

#include "sim/resources/SimSoundsResource.h"

#include <QJsonArray>

#include "sim/engine/SimEngine.h"
#include "sim/http/SimRouter.h"
#include "sim/media/SoundCatalogue.h"

using namespace Qt::StringLiterals;

SimSoundsResource::SimSoundsResource(SimEngine *engine)
    : m_engine(engine)
{
}

void SimSoundsResource::registerRoutes(SimRouter &router)
{
    router.add({u"GET"_s, u"/sounds"_s, u"sounds"_s, u"list"_s, u"List all sounds."_s, u"List[Sound]"_s,
                {SimRouter::queryParam(u"lang"_s, u"string"_s, false, u"Lookup sound for a specific language."_s),
                 SimRouter::queryParam(u"format"_s, u"string"_s, false, u"Lookup sound in a specific format."_s)},
                {},
                [this](const SimHttpRequest &request) {
                    const QJsonArray sounds = m_engine->sounds().list(request.param(u"lang"_s),
                                                                      request.param(u"format"_s));
                    if (sounds.isEmpty())
                        return SimHttpResponse::error(404, u"No sounds found that matched the query"_s);
                    return SimHttpResponse::json(200, sounds);
                }});
    router.add({u"GET"_s, u"/sounds/{soundId}"_s, u"sounds"_s, u"get"_s, u"Get a sound's details."_s,
                u"Sound"_s, {SimRouter::pathParam(u"soundId"_s, u"Sound's id"_s)},
                {{404, u"Sound not found"_s}},
                [this](const SimHttpRequest &request) {
                    const auto sound = m_engine->sounds().find(request.pathParam(u"soundId"_s));
                    if (!sound)
                        return SimHttpResponse::error(404, u"Sound not found"_s);
                    return SimHttpResponse::json(200, *sound);
                }});
}

#include "sim/resources/SimAsteriskResource.h"

#include <QJsonObject>
#include <QSysInfo>

#include "sim/engine/SimClock.h"
#include "sim/engine/SimEngine.h"
#include "sim/http/SimRouter.h"
#include "sim/engine/SimTimestamps.h"

using namespace Qt::StringLiterals;

namespace {
// The Asterisk version the simulator reproduces (that of the reference transcripts).
const QString s_asteriskVersion = u"22.10.1"_s;
} // namespace

SimAsteriskResource::SimAsteriskResource(SimEngine *engine)
    : m_engine(engine)
{
}

void SimAsteriskResource::registerRoutes(SimRouter &router)
{
    router.add({u"GET"_s, u"/asterisk/info"_s, u"asterisk"_s, u"getInfo"_s,
                u"Gets Asterisk system information."_s, u"AsteriskInfo"_s,
                {[] {
                    SimRouter::Param only = SimRouter::multiQueryParam(u"only"_s, false, u"Filter information returned"_s);
                    only.allowableValues = {u"build"_s, u"system"_s, u"config"_s, u"status"_s};
                    return only;
                }()},
                {},
                [this](const SimHttpRequest &request) {
                    const QString started = SimTimestamps::format(m_engine->clock()->startTime());
                    const QJsonObject all{
                        {u"build"_s, QJsonObject{{u"os"_s, QSysInfo::kernelType() == u"linux"_s ? u"Linux"_s : QSysInfo::kernelType()},
                                                 {u"kernel"_s, QSysInfo::kernelVersion()},
                                                 {u"machine"_s, QSysInfo::currentCpuArchitecture() == u"x86_64"_s
                                                                    ? u"x86_64"_s
                                                                    : QSysInfo::currentCpuArchitecture()},
                                                 {u"options"_s, u"OPTIONAL_API"_s},
                                                 {u"date"_s, QStringLiteral(__DATE__ " " __TIME__)},
                                                 {u"user"_s, u"ari-sim"_s}}},
                        {u"system"_s, QJsonObject{{u"version"_s, s_asteriskVersion},
                                                  {u"entity_id"_s, m_engine->asteriskId()}}},
                        {u"config"_s, QJsonObject{{u"name"_s, m_engine->systemName()},
                                                  {u"default_language"_s, u"en"_s},
                                                  {u"setid"_s, QJsonObject{{u"user"_s, QString()},
                                                                           {u"group"_s, QString()}}}}},
                        {u"status"_s, QJsonObject{{u"startup_time"_s, started},
                                                  {u"last_reload_time"_s, started}}},
                    };
                    const QStringList only = request.listParam(u"only"_s);
                    if (only.isEmpty())
                        return SimHttpResponse::json(200, all);
                    QJsonObject filtered;
                    for (const QString &section : only) {
                        if (all.contains(section))
                            filtered.insert(section, all.value(section));
                    }
                    return SimHttpResponse::json(200, filtered);
                }});
    router.add({u"GET"_s, u"/asterisk/ping"_s, u"asterisk"_s, u"ping"_s,
                u"Response pong message."_s, u"AsteriskPing"_s, {}, {},
                [this](const SimHttpRequest &) {
                    return SimHttpResponse::json(200, QJsonObject{{u"ping"_s, u"pong"_s},
                                                                  {u"timestamp"_s, m_engine->timestamp()},
                                                                  {u"asterisk_id"_s, m_engine->asteriskId()}});
                }});
}

#include "core/apps/StasisApplicationHost.h"

#include "core/apps/QueueApp.h"
#include "core/apps/StasisApplication.h"
#include "core/apps/VoicemailPlaybackApp.h"
#include "core/apps/VoicemailRecordApp.h"
#include "core/ari/AriEvent.h"
#include "core/ari/AriEventRouter.h"
#include "core/ari/AriOperations.h"
#include "core/ari/AriReply.h"
#include "core/ari/AriRestClient.h"
#include "core/ari/AriResult.h"
#include "core/calls/CallTracker.h"
#include "core/calls/SoundCatalog.h"
#include "core/voicemail/VoicemailStore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>

StasisApplicationHost::StasisApplicationHost(AriRestClient *rest, AriEventRouter *router, QObject *parent)
    : QObject(parent)
    , m_rest(rest)
    , m_router(router)
    , m_tracker(new CallTracker(this))
    , m_voicemail(new VoicemailStore(rest, router, this))
    , m_sounds(new SoundCatalog(rest, this))
{
    m_stasisStart
        = router->onType(AriEvent::Type::StasisStart, [this](const AriEvent &event) { onStasisStart(event); });
}

StasisApplicationHost::~StasisApplicationHost()
{
    // Applications (and their calls) go first: their calls refer to the tracker and the store.
    const QList<StasisApplication *> applications = m_ordered;
    m_applications.clear();
    m_ordered.clear();
    qDeleteAll(applications);
}

bool StasisApplicationHost::addApplication(StasisApplication *application)
{
    if (!application)
        return false;
    if (m_applications.contains(application->name())) {
        qCWarning(lcApps).noquote() << "an application named" << application->name()
                                    << "is already running; the second one is not added";
        application->setParent(this);
        application->deleteLater();
        return false;
    }
    application->setParent(this);
    application->setSoundCatalog(m_sounds);
    m_applications.insert(application->name(), application);
    m_ordered.append(application);
    return true;
}

VoicemailRecordApp *StasisApplicationHost::addVoicemailRecord(const VoicemailRecordOptions &options)
{
    auto *application = new VoicemailRecordApp(options, m_rest, m_router, m_tracker, m_voicemail, this);
    return addApplication(application) ? application : nullptr;
}

VoicemailPlaybackApp *StasisApplicationHost::addVoicemailPlayback(const VoicemailPlaybackOptions &options)
{
    auto *application = new VoicemailPlaybackApp(options, m_rest, m_router, m_tracker, m_voicemail, this);
    return addApplication(application) ? application : nullptr;
}

QueueApp *StasisApplicationHost::addQueue(const QueueOptions &options)
{
    auto *application = new QueueApp(options, m_rest, m_router, m_tracker, this);
    return addApplication(application) ? application : nullptr;
}

QStringList StasisApplicationHost::applicationNames() const
{
    QStringList names;
    for (const StasisApplication *application : m_ordered)
        names.append(application->name());
    return names;
}

int StasisApplicationHost::callCount() const
{
    int count = 0;
    for (const StasisApplication *application : m_ordered)
        count += application->callCount();
    return count;
}

void StasisApplicationHost::start()
{
    m_voicemail->refresh();
}

void StasisApplicationHost::resync()
{
    qCInfo(lcApps).noquote() << "event stream reconnected: checking live calls, stored messages and sounds";
    m_sounds->clear();
    m_voicemail->refresh();
    m_rest->send(AriOperations::listChannels())->then(this, [this](const AriResult &result) {
        if (!result.isOk() || !result.json().isArray()) {
            qCWarning(lcApps).noquote() << "listing the channels after a reconnect failed:"
                                        << (result.isOk() ? QStringLiteral("not a JSON array") : result.describe());
            return;
        }
        QSet<QString> live;
        const QJsonArray channels = result.json().toArray();
        for (const QJsonValue &channel : channels)
            live.insert(channel.toObject().value(QLatin1StringView("id")).toString());
        for (StasisApplication *application : std::as_const(m_ordered))
            application->reconcile(live);
    });
}

void StasisApplicationHost::onStasisStart(const AriEvent &event)
{
    const QString name = event.application();
    StasisApplication *target = m_applications.value(name);
    if (!target) {
        qCDebug(lcApps).noquote() << "StasisStart for application" << name << "which is not run here, ignored";
        return;
    }
    target->handleStasisStart(event);
}

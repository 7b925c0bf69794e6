#include "core/apps/StasisApplicationHost.h"

#include "core/apps/QueueApp.h"
#include "core/apps/StasisApplication.h"
#include "core/apps/StasisServerSnapshot.h"
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
#include "core/voicemail/MailboxLamps.h"
#include "core/voicemail/VoicemailStore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QTimer>

#include <memory>

StasisApplicationHost::StasisApplicationHost(AriRestClient *rest, AriEventRouter *router, QObject *parent)
    : QObject(parent)
    , m_rest(rest)
    , m_router(router)
    , m_tracker(new CallTracker(this))
    , m_voicemail(new VoicemailStore(rest, router, this))
    , m_lamps(new MailboxLamps(rest, m_voicemail, this))
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
    // With REST forced onto the event socket nothing can be asked before the socket is up: the
    // rebuild when it connects (onStreamState) loads the store then.
    if (m_rest->endpoint().restTransport != AriEndpoint::RestTransport::WebSocket)
        m_voicemail->refresh();
}

void StasisApplicationHost::onStreamState(AriEventStream::State state)
{
    const bool connected = state == AriEventStream::State::Connected;
    if (connected == m_streamConnected)
        return;
    m_streamConnected = connected;
    if (connected)
        resync();
}

void StasisApplicationHost::rebuildFailed()
{
    Q_EMIT recovered(false);
    if (!m_streamConnected || m_retryScheduled)
        return;
    // Still connected (the socket is fine, a request failed): try again soon, or calls that
    // entered meanwhile would never be adopted.
    m_retryScheduled = true;
    QTimer::singleShot(m_rebuildRetryMs, this, [this] {
        m_retryScheduled = false;
        if (m_streamConnected)
            resync();
    });
}

void StasisApplicationHost::resync()
{
    qCInfo(lcApps).noquote()
        << "event stream connected: reading the stored messages, channels and bridges; sounds are checked again";
    m_sounds->clear();
    m_voicemail->refresh();
    // The calls that exist now: only these can be judged by the answers.
    auto callsAtRequest = std::make_shared<QHash<QString, QSet<QString>>>();
    for (const StasisApplication *application : std::as_const(m_ordered)) {
        const QStringList ids = application->callIds();
        (*callsAtRequest)[application->name()] = QSet<QString>(ids.begin(), ids.end());
    }
    const quint64 rebuild = ++m_rebuild;
    const auto failed = [this](const char *what, const AriResult &result) {
        qCWarning(lcApps).noquote() << "rebuilding from the server: listing the" << what << "failed:"
                                    << (result.isOk() ? QStringLiteral("not a JSON array") : result.describe());
        rebuildFailed();
    };
    Q_EMIT serverReadStarted();
    m_rest->send(AriOperations::listChannels())
        ->then(this, [this, callsAtRequest, failed, rebuild](const AriResult &channels) {
            if (rebuild != m_rebuild)
                return; // a newer rebuild is under way
            const QJsonValue channelsJson = channels.json();
            if (!channelsJson.isArray()) {
                failed("channels", channels);
                return;
            }
            const QJsonArray channelList = channelsJson.toArray();
            m_rest->send(AriOperations::listBridges())
                ->then(this, [this, callsAtRequest, failed, channelList, rebuild](const AriResult &bridges) {
                    if (rebuild != m_rebuild)
                        return;
                    const QJsonValue bridgesJson = bridges.json();
                    if (!bridgesJson.isArray()) {
                        failed("bridges", bridges);
                        return;
                    }
                    const StasisServerSnapshot snapshot
                        = StasisServerSnapshot::fromJson(channelList, bridgesJson.toArray());
                    Q_EMIT serverRead(snapshot);
                    for (StasisApplication *application : std::as_const(m_ordered))
                        application->recover(snapshot, callsAtRequest->value(application->name()));
                    Q_EMIT recovered(true);
                });
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

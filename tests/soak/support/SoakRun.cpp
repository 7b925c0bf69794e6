#include "support/SoakRun.h"

#include "core/apps/QueueApp.h"
#include "core/apps/QueueCall.h"
#include "core/apps/StasisApplicationHost.h"
#include "core/apps/VoicemailRecordCall.h"
#include "core/ari/AriConnection.h"
#include "core/ari/AriEventRouter.h"
#include "core/ari/AriEventStream.h"
#include "core/calls/CallTracker.h"
#include "core/config/SupervisorSettings.h"
#include "core/models/ConnectionStatus.h"
#include "core/models/EventLogModel.h"
#include "core/queue/QueueState.h"
#include "core/service/RemoteSupervisor.h"
#include "core/service/ServiceSettings.h"
#include "core/service/ServiceUsers.h"
#include "core/service/SupervisorService.h"
#include "core/service/SupervisorSnapshot.h"
#include "core/supervisor/SupervisorBackend.h"
#include "core/supervisor/SupervisorCore.h"
#include "core/supervisor/SupervisorOptions.h"
#include "core/voicemail/VoicemailStore.h"
#include "sim/SimServer.h"
#include "sim/engine/SimFaultPlan.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcessEnvironment>
#include <QSet>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <utility>

using namespace Qt::StringLiterals;

namespace {

// Safety nets against a hang, never measurements: the applications get this long (wall time) to
// agree with the server, or to come back after a fault.
constexpr int s_agreeMs = 30000;
constexpr int s_recoverMs = 60000;
constexpr int s_requestMs = 20000;

const QString s_record = u"vm-record"_s;
const QString s_playback = u"vm-playback"_s;
const QString s_queue = u"queue"_s;
const QString s_supervisorPhone = u"PJSIP/1001"_s;

qint64 peakRssKb()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

// The Stasis application a channel of the simulator is in (its dialplan's `Stasis(app,args)`).
QString applicationOf(const QJsonObject &channel)
{
    const QJsonObject dialplan = channel.value("dialplan"_L1).toObject();
    if (dialplan.value("app_name"_L1).toString() != u"Stasis"_s)
        return {};
    return dialplan.value("app_data"_L1).toString().section(u',', 0, 0);
}

QString expectedPlace(const QString &state)
{
    using S = QueueCall::States;
    if (state == S::callerWaiting() || state == S::announcing())
        return u"caller queue"_s;
    if (state == S::agentWaiting())
        return u"agent queue"_s;
    if (state == S::callerBridged() || state == S::agentBridged())
        return u"bridge"_s;
    return u"nowhere"_s;
}

QString placeName(QueueState::Place place)
{
    switch (place) {
    case QueueState::Place::CallerQueue:
        return u"caller queue"_s;
    case QueueState::Place::AgentQueue:
        return u"agent queue"_s;
    case QueueState::Place::Bridge:
        return u"bridge"_s;
    case QueueState::Place::Gone:
        break;
    }
    return u"nowhere"_s;
}

} // namespace

SoakRun::SoakRun(const Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_random(options.seed)
{
    m_figures.seed = options.seed;
}

SoakRun::~SoakRun()
{
    m_desk.reset();
    m_service.reset();
    m_backend.reset();
    m_sim.reset();
}

QJsonValue SoakRun::control(const QByteArray &method, const QString &path, const QUrlQuery &query, int *status)
{
    QUrl url(m_sim->baseUrl().toString() + u"/sim"_s + path);
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Basic " + QByteArray("asterisk:asterisk").toBase64());
    QNetworkReply *reply = m_network.sendCustomRequest(request, method);
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(s_requestMs, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    QJsonValue result;
    int code = 0;
    if (reply->isFinished()) {
        code = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QJsonDocument document = QJsonDocument::fromJson(reply->readAll());
        result = document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    } else {
        reply->abort();
    }
    reply->deleteLater();
    if (status)
        *status = code;
    return result;
}

QJsonObject SoakRun::simState()
{
    return control("GET", u"/state"_s).toObject();
}

qsizetype SoakRun::pick(qsizetype size)
{
    return static_cast<qsizetype>(m_random.bounded(static_cast<quint32>(size)));
}

int SoakRun::live(Role role) const
{
    int count = 0;
    for (const Party &party : m_parties)
        count += party.role == role ? 1 : 0;
    return count;
}

bool SoakRun::start(QString *failure)
{
    if (!m_recordings.isValid()) {
        *failure = u"no temporary directory"_s;
        return false;
    }
    SimServer::Options simOptions;
    simOptions.speed = m_options.speed;
    simOptions.recordingsDir = m_recordings.filePath(u"recordings"_s);
    simOptions.soundsDir = m_recordings.filePath(u"no-sounds"_s); // the built-in catalogue
    m_sim = std::make_unique<SimServer>(simOptions);
    m_sim->setObserver({ [this](const SimHttpRequest &request) { m_ledger.onRequest(request); },
        [this](const QJsonObject &event) { m_ledger.onEvent(event); } });
    QString error;
    if (!m_sim->start(&error)) {
        *failure = u"the simulator did not start: "_s + error;
        return false;
    }
    int status = 0;
    control("PUT", u"/endpoints/"_s + s_supervisorPhone, QUrlQuery(u"behaviour=answer"_s), &status);

    // Announcements every second (the shortest the settings allow) so that they start and stop
    // all the time.
    const QString ini = m_recordings.filePath(u"soak.ini"_s);
    QFile file(ini);
    if (!file.open(QIODevice::WriteOnly) || file.write("[queue]\nannouncement_interval_ms=1000\n") < 0) {
        *failure = u"cannot write "_s + ini;
        return false;
    }
    file.close();
    SupervisorSettings settings;
    SupervisorSettings::Overrides overrides;
    overrides.url = m_sim->baseUrl().toString() + u"/ari"_s;
    overrides.user = u"asterisk"_s;
    overrides.supervisorEndpoint = s_supervisorPhone;
    QProcessEnvironment environment;
    environment.insert(u"ARI_PASSWORD"_s, u"asterisk"_s);
    if (!settings.load(ini, environment, overrides, &error)) {
        *failure = u"settings: "_s + error;
        return false;
    }
    SupervisorOptions options;
    options.ownThread = false; // the checks read the applications' state on this thread
    options.clockRate = m_options.speed;
    options.logAriEvents = false;
    options.eventLogBatchMs = 50;
    options.progressRefreshMs = 0;
    options.listenApplication = settings.listenApp();
    m_backend = std::make_unique<SupervisorBackend>(settings, options);
    ServiceSettings serviceSettings;
    serviceSettings.setListen(u"127.0.0.1:0"_s, &error);
    serviceSettings.setLoginDelayMs(10);
    ServiceUsers users;
    users.add(u"boss"_s, ServiceUsers::Role::Supervisor, u"s3cret"_s, 1000);
    m_service = std::make_unique<SupervisorService>(m_backend.get(), serviceSettings, users);
    if (!m_service->start(&error)) {
        *failure = u"the service did not start: "_s + error;
        return false;
    }

    // The core starts on the next turn of the event loop; follow its stream and rebuilds from then.
    SupervisorCore *core = m_backend->core();
    if (!QTest::qWaitFor([core] { return core->connection() != nullptr; }, s_requestMs)) {
        *failure = u"the core did not start"_s;
        return false;
    }
    AriEventStream *events = core->connection()->events();
    AriEventStream::Backoff backoff;
    backoff.initial = std::chrono::milliseconds(50);
    backoff.maximum = std::chrono::milliseconds(200);
    events->setBackoff(backoff);
    core->host()->setRebuildRetryDelay(100);
    connect(events, &AriEventStream::stateChanged, this, [this](AriEventStream::State state) {
        if (state == AriEventStream::State::Connected)
            ++m_connects;
    });
    connect(core->host(), &StasisApplicationHost::recovered, this, [this](bool ok) {
        if (ok) {
            m_recoveredAfter = m_connects;
            ++m_figures.recoveries;
        }
    });
    m_backend->open();
    if (!waitUntilRecovered(failure))
        return false;
    m_baselineSubscriptions = core->connection()->router()->subscriptionCount();

    RemoteSupervisor::Options deskOptions;
    deskOptions.url = QUrl(u"ws://127.0.0.1:%1"_s.arg(m_service->port()));
    deskOptions.user = u"boss"_s;
    deskOptions.password = u"s3cret"_s;
    deskOptions.firstRetryMs = 50;
    deskOptions.maxRetryMs = 500;
    m_desk = std::make_unique<RemoteSupervisor>(deskOptions);
    m_desk->open();
    if (!QTest::qWaitFor([this] { return m_desk->state() == RemoteSupervisor::State::Attached; }, s_requestMs)) {
        *failure = u"the desk did not attach"_s;
        return false;
    }
    return true;
}

bool SoakRun::waitUntilRecovered(QString *failure)
{
    SupervisorCore *core = m_backend->core();
    const bool recovered = QTest::qWaitFor(
        [&] {
            return core->connection()->events()->state() == AriEventStream::State::Connected && m_connects > 0
                && m_recoveredAfter == m_connects;
        },
        s_recoverMs);
    if (!recovered)
        *failure
            = u"the applications did not come back and rebuild from the server within %1 s"_s.arg(s_recoverMs / 1000);
    return recovered;
}

bool SoakRun::run(QString *failure)
{
    QElapsedTimer clock;
    clock.start();
    if (!start(failure))
        return false;
    while (m_placed < m_options.calls) {
        ++m_figures.steps;
        step();
        QString broken;
        if (!checkEveryStep(&broken)) {
            *failure = u"step %1: %2"_s.arg(m_figures.steps).arg(broken);
            finishFigures(clock.elapsed());
            return false;
        }
        if (m_figures.steps % m_options.checkpointEvery == 0 && !checkpoint(&broken)) {
            *failure = u"checkpoint after step %1: %2"_s.arg(m_figures.steps).arg(broken);
            finishFigures(clock.elapsed());
            return false;
        }
    }
    const bool drained = drain(failure);
    finishFigures(clock.elapsed());
    return drained;
}

void SoakRun::finishFigures(qint64 wallMs)
{
    m_figures.messagesKept = m_ledger.keptCount();
    m_figures.wallMs = wallMs;
    m_figures.peakRssKb = peakRssKb();
}

void SoakRun::step()
{
    forgetEndedChannels();
    const quint32 move = m_random.bounded(100);
    if (move < 22)
        placeCall();
    else if (move < 52)
        pressKeys();
    else if (move < 59)
        talk();
    else if (move < 71)
        hangUp();
    else if (move < 83)
        deskAction();
    else if (move < 85 && m_options.faults)
        injectFault();
    QTest::qWait(static_cast<int>(m_random.bounded(25)));
}

void SoakRun::forgetEndedChannels()
{
    const QStringList ended = m_ledger.takeEndedChannels();
    for (const QString &id : ended) {
        for (qsizetype i = 0; i < m_parties.size(); ++i) {
            if (m_parties.at(i).channelId == id) {
                m_parties.removeAt(i);
                break;
            }
        }
    }
}

void SoakRun::placeCall()
{
    if (m_parties.size() >= m_options.maxLive)
        return pressKeys();
    const quint32 draw = m_random.bounded(100);
    Role role = draw < 45 ? Role::QueueCaller
        : draw < 60       ? Role::QueueAgent
        : draw < 85       ? Role::Record
                          : Role::Playback;
    if (role == Role::QueueAgent && live(Role::QueueAgent) >= 3)
        role = Role::QueueCaller;
    const QString mailbox = u"30%1"_s.arg(1 + m_random.bounded(3));
    QUrlQuery query;
    switch (role) {
    case Role::QueueCaller:
        query.addQueryItem(u"app"_s, s_queue);
        query.addQueryItem(u"args"_s, u"caller"_s);
        break;
    case Role::QueueAgent:
        query.addQueryItem(u"app"_s, s_queue);
        query.addQueryItem(u"args"_s, u"agent"_s);
        break;
    case Role::Record:
        query.addQueryItem(u"app"_s, s_record);
        query.addQueryItem(u"args"_s, mailbox);
        break;
    case Role::Playback:
        query.addQueryItem(u"app"_s, s_playback);
        query.addQueryItem(u"args"_s, mailbox);
        break;
    }
    query.addQueryItem(u"callerId"_s, u"%22Soak%20%1%22%20%3C555%1%3E"_s.arg(m_placed + 1000));
    int status = 0;
    const QJsonObject reply = control("POST", u"/calls"_s, query, &status).toObject();
    if (status != 200)
        return; // the application is not registered while the server is away: try again later
    const QString id = reply.value("channel"_L1).toObject().value("id"_L1).toString();
    m_parties.append(Party { id, role });
    m_rank.insert(id, ++m_placed);
    ++m_figures.calls;
    switch (role) {
    case Role::QueueCaller:
        ++m_figures.queueCallers;
        break;
    case Role::QueueAgent:
        ++m_figures.queueAgents;
        break;
    case Role::Record:
        ++m_figures.recordCalls;
        break;
    case Role::Playback:
        ++m_figures.playbackCalls;
        break;
    }
}

void SoakRun::pressKeys()
{
    if (m_parties.isEmpty())
        return;
    const Party party = m_parties.at(pick(m_parties.size()));
    // Mostly the keys each application acts on, now and then any key.
    QString keys;
    switch (party.role) {
    case Role::QueueCaller:
        keys = u"0123456789*#"_s;
        break;
    case Role::QueueAgent:
        keys = u"0000555777999##1"_s;
        break;
    case Role::Record:
        keys = u"####***123"_s;
        break;
    case Role::Playback:
        keys = u"1234563456**#7"_s;
        break;
    }
    const bool burst = m_random.bounded(4) == 0;
    const int count = burst ? 2 + static_cast<int>(m_random.bounded(5)) : 1;
    QString digits;
    for (int i = 0; i < count; ++i)
        digits.append(keys.at(pick(keys.size())));
    QUrlQuery query;
    query.addQueryItem(u"dtmf"_s, QString::fromLatin1(QUrl::toPercentEncoding(digits)));
    // A burst comes faster than any prompt plays (simulated ms between keys).
    query.addQueryItem(u"between"_s, QString::number(burst ? m_random.bounded(40) : 100));
    int status = 0;
    control("POST", u"/calls/"_s + party.channelId + u"/dtmf"_s, query, &status);
    if (status == 204) {
        m_figures.keyPresses += count;
        m_figures.bursts += burst ? 1 : 0;
    }
}

void SoakRun::talk()
{
    QStringList recorders;
    for (const Party &party : std::as_const(m_parties)) {
        if (party.role == Role::Record)
            recorders.append(party.channelId);
    }
    if (recorders.isEmpty())
        return;
    QUrlQuery query;
    query.addQueryItem(u"ms"_s, QString::number(300 + m_random.bounded(3000)));
    control("POST", u"/calls/"_s + recorders.at(pick(recorders.size())) + u"/talk"_s, query);
}

void SoakRun::hangUp()
{
    if (m_parties.isEmpty())
        return;
    const qsizetype index = pick(m_parties.size());
    const QString id = m_parties.at(index).channelId;
    m_parties.removeAt(index);
    int status = 0;
    control("DELETE", u"/calls/"_s + id, {}, &status);
    m_figures.hangUps += status == 204 ? 1 : 0;
}

void SoakRun::deskAction()
{
    SupervisorCore *core = m_backend->core();
    const quint32 draw = m_random.bounded(100);
    ++m_figures.deskActions;
    if (draw < 45) {
        const QStringList bridges = core->queue()->state()->bridgeIds();
        if (bridges.isEmpty())
            return;
        // End call less often than the recording buttons.
        const auto kind = static_cast<QueueCallAction::Kind>(m_random.bounded(12) % 7);
        m_desk->queueAction(bridges.at(pick(bridges.size())), kind);
        return;
    }
    VoicemailStore *store = core->host()->voicemail();
    QStringList messages;
    for (const QString &mailbox : store->mailboxes()) {
        for (const VoicemailMessage &message : store->messages(mailbox))
            messages.append(message.name);
    }
    if (draw < 60) {
        if (!messages.isEmpty())
            m_desk->deleteRecording(messages.at(pick(messages.size())));
    } else if (draw < 75) {
        const QList<VoicemailMessage> trash = store->trash();
        if (!trash.isEmpty())
            m_desk->restoreRecording(trash.at(pick(trash.size())).name);
    } else if (draw < 85) {
        if (!messages.isEmpty())
            m_desk->listen(messages.at(pick(messages.size())));
    } else {
        switch (m_random.bounded(5)) {
        case 0:
            m_desk->listenTogglePause();
            break;
        case 1:
            m_desk->listenForward();
            break;
        case 2:
            m_desk->listenReverse();
            break;
        case 3:
            m_desk->listenRestart();
            break;
        default:
            m_desk->listenStop();
            break;
        }
    }
}

void SoakRun::injectFault()
{
    SimFaultPlan *faults = m_sim->faults();
    ++m_figures.faults;
    switch (m_random.bounded(14)) {
    case 0:
    case 1:
        faults->dropEventSocketsNow();
        break;
    case 2:
    case 3:
        faults->dropEventSocketsAfter(1 + static_cast<int>(m_random.bounded(30)));
        break;
    case 4:
        faults->refuseConnectionsFor(200 + m_random.bounded(3000));
        faults->dropEventSocketsNow();
        break;
    case 5:
    case 6:
    case 7:
        // A request of whatever call comes next fails: the call must cope.
        faults->failNextRequests(1 + static_cast<int>(m_random.bounded(3)), SimFaultPlan::RequestFault::ServerError);
        break;
    case 8:
    case 9:
        faults->failNextRequests(
            1 + static_cast<int>(m_random.bounded(3)), SimFaultPlan::RequestFault::Delay, 100 + m_random.bounded(3000));
        break;
    case 10:
        // Unanswered: the client's own timeout fails it.
        faults->failNextRequests(1, SimFaultPlan::RequestFault::NoAnswer);
        break;
    case 11:
        faults->failNextRequests(2, SimFaultPlan::RequestFault::ServerError);
        faults->dropEventSocketsNow(); // the rebuild's requests fail: it is tried again
        break;
    default:
        // Asterisk restarts: every channel is gone without an event.
        faults->restart(m_random.bounded(1500));
        m_ledger.onServerRestart();
        m_parties.clear();
        break;
    }
}

bool SoakRun::checkEveryStep(QString *failure)
{
    SupervisorCore *core = m_backend->core();
    StasisApplicationHost *host = core->host();
    CallTracker *tracker = host->tracker();
    qint64 &checks = m_figures.invariantChecks;
    QSet<QString> seen;
    for (const QString &name : { s_record, s_playback, s_queue }) {
        const StasisApplication *application = host->application(name);
        ++checks;
        if (tracker->count(name) != application->callCount()) {
            *failure = u"%1 has %2 calls, the call tracker %3"_s.arg(name)
                           .arg(application->callCount())
                           .arg(tracker->count(name));
            return false;
        }
        for (const QString &id : application->callIds()) {
            ++checks;
            if (seen.contains(id)) {
                *failure = id + u" is a call of two applications"_s;
                return false;
            }
            seen.insert(id);
            const std::optional<CallInfo> info = tracker->call(id);
            ++checks;
            if (!info || info->application != name) {
                *failure = id + u" is a call of "_s + name + u" the tracker does not know as one"_s;
                return false;
            }
        }
    }

    // The queue: nobody in two places, every entry a live call in the state its place means,
    // the callers waiting in the order they came in.
    const QueueApp *queue = core->queue();
    const QueueState *state = queue->state();
    QSet<QString> placed;
    const auto placeOnce = [&](const QString &id, const QString &where) {
        ++checks;
        if (placed.contains(id)) {
            *failure = id + u" is in two places of the queue (one of them "_s + where + u")"_s;
            return false;
        }
        placed.insert(id);
        return true;
    };
    qint64 previousRank = 0;
    for (const QString &id : state->callerIds()) {
        if (!placeOnce(id, u"the caller queue"_s))
            return false;
        const std::optional<CallInfo> info = tracker->call(id);
        ++checks;
        if (!queue->hasCall(id) || !info || expectedPlace(info->state) != u"caller queue"_s) {
            *failure = id + u" waits in the caller queue in state "_s + (info ? info->state : u"(no call)"_s);
            return false;
        }
        const qint64 rank = m_rank.value(id);
        ++checks;
        if (rank != 0 && rank < previousRank) {
            *failure = u"the callers wait out of order: "_s + state->callerIds().join(u", "_s);
            return false;
        }
        previousRank = std::max(previousRank, rank);
    }
    for (const QString &id : state->agentIds()) {
        if (!placeOnce(id, u"the agent queue"_s))
            return false;
        const std::optional<CallInfo> info = tracker->call(id);
        ++checks;
        if (!queue->hasCall(id) || !info || expectedPlace(info->state) != u"agent queue"_s) {
            *failure = id + u" waits in the agent queue in state "_s + (info ? info->state : u"(no call)"_s);
            return false;
        }
    }
    for (const QString &bridge : state->bridgeIds()) {
        const std::optional<QueueBridgedPair> pair = state->pair(bridge);
        if (!pair || !placeOnce(pair->callerChannelId, bridge) || !placeOnce(pair->agentChannelId, bridge))
            return false;
    }
    return true;
}

QString SoakRun::disagreement(const QJsonObject &simState)
{
    SupervisorCore *core = m_backend->core();
    StasisApplicationHost *host = core->host();
    CallTracker *tracker = host->tracker();
    qint64 &checks = m_figures.invariantChecks;

    // Every channel in our applications is exactly one call there, and every call a channel.
    QHash<QString, QString> serverChannels; // id → application
    for (const QJsonValue &value : simState.value("channels"_L1).toArray()) {
        const QJsonObject channel = value.toObject();
        const QString application = applicationOf(channel);
        if (application == s_record || application == s_playback || application == s_queue)
            serverChannels.insert(channel.value("id"_L1).toString(), application);
    }
    for (const QString &name : { s_record, s_playback, s_queue }) {
        for (const QString &id : host->application(name)->callIds()) {
            ++checks;
            if (serverChannels.value(id) != name)
                return u"the call %1 of %2 has no channel there on the server"_s.arg(id, name);
        }
    }
    for (auto it = serverChannels.cbegin(); it != serverChannels.cend(); ++it) {
        ++checks;
        if (!host->application(it.value())->hasCall(it.key()))
            return u"the channel %1 in %2 is no call of the application"_s.arg(it.key(), it.value());
    }

    // Each queue call is where its state says.
    const QueueApp *queue = core->queue();
    const QueueState *state = queue->state();
    for (const QString &id : queue->callIds()) {
        const std::optional<CallInfo> info = tracker->call(id);
        const QString expected = expectedPlace(info ? info->state : QString());
        const QString actual = placeName(state->placeOf(id));
        ++checks;
        if (expected != actual)
            return u"the queue call %1 in state %2 is in the %3"_s.arg(id, info ? info->state : QString(), actual);
    }

    // Recordings are what the calls believe.
    QHash<QString, QString> liveRecordings; // name → state
    QHash<QString, QString> recordingOfChannel;
    for (const QJsonValue &value : simState.value("liveRecordings"_L1).toArray()) {
        const QJsonObject recording = value.toObject();
        liveRecordings.insert(recording.value("name"_L1).toString(), recording.value("state"_L1).toString());
        const QString target = recording.value("target_uri"_L1).toString();
        if (target.startsWith(u"channel:"_s))
            recordingOfChannel.insert(target.mid(8), recording.value("state"_L1).toString());
    }
    QSet<QString> stored;
    for (const QJsonValue &value : simState.value("storedRecordings"_L1).toArray())
        stored.insert(value.toObject().value("name"_L1).toString());
    for (const QString &bridge : state->bridgeIds()) {
        const std::optional<QueueBridgedPair> pair = state->pair(bridge);
        const QString server = liveRecordings.value(pair->recordingName);
        ++checks;
        if (pair->recording == QueueRecordingState::Recording && server != u"recording"_s)
            return u"the call in %1 records %2, the server has it %3"_s.arg(bridge, pair->recordingName, server);
        ++checks;
        if (pair->recording == QueueRecordingState::Paused && server != u"paused"_s)
            return u"the call in %1 has %2 paused, the server has it %3"_s.arg(bridge, pair->recordingName, server);
        for (const QString &kept : pair->storedRecordings) {
            ++checks;
            if (!stored.contains(kept))
                return u"the call in %1 kept %2, the server has no such recording"_s.arg(bridge, kept);
        }
    }
    for (const QString &id : host->application(s_record)->callIds()) {
        const std::optional<CallInfo> info = tracker->call(id);
        ++checks;
        if (info && info->state == VoicemailRecordCall::States::recording()
            && recordingOfChannel.value(id) != u"recording"_s)
            return u"the vm-record call %1 is recording, the server records nothing of it"_s.arg(id);
    }

    // No message lost: each one recorded is stored (or in the trash) and known to the metadata;
    // and each stored message is one the store shows.
    const VoicemailStore *store = host->voicemail();
    for (const QString &name : m_ledger.keptMessages()) {
        const QString trashName = SoakLedger::trashNameOf(name);
        ++checks;
        if (!stored.contains(name) && !stored.contains(trashName))
            return u"the message %1 was recorded and is gone from the server (%2)"_s.arg(
                name, m_ledger.historyOf(name));
        ++checks;
        if (!store->contains(name) && !store->isInTrash(trashName))
            return u"the message %1 is stored and the voicemail store does not show it"_s.arg(name);
        ++checks;
        if (!store->metadataOf(stored.contains(name) ? name : trashName))
            return u"the message %1 has no metadata"_s.arg(name);
    }
    for (const QString &name : std::as_const(stored)) {
        ++checks;
        if (name.startsWith(u"voicemail/"_s) && store->contains(name) && store->isInTrash(SoakLedger::trashNameOf(name))
            && m_ledger.trashCopyIsOf(name))
            return u"the message %1 is shown both in its mailbox and in the trash"_s.arg(name);
        ++checks;
        if (name.startsWith(u"voicemail/"_s) && !store->contains(name))
            return u"the server stores %1, the voicemail store does not show it"_s.arg(name);
        ++checks;
        // (A copy left in the trash next to its message by a move that failed half-way is deleted
        // at the next reload; it is not shown.)
        if (name.startsWith(u"voicemail-trash/"_s) && !store->isInTrash(name)
            && !stored.contains(u"voicemail/"_s + name.mid(16)))
            return u"the server stores %1, the trash does not show it"_s.arg(name);
    }
    return {};
}

bool SoakRun::checkpoint(QString *failure)
{
    ++m_figures.checkpoints;
    // Faults still pending had their chance; the server comes back now.
    m_sim->faults()->clear();
    if (!waitUntilRecovered(failure))
        return false;
    QString last;
    const bool agreed = QTest::qWaitFor([&] { return (last = disagreement(simState())).isEmpty(); }, s_agreeMs);
    if (!agreed)
        *failure = last;
    return agreed;
}

bool SoakRun::drain(QString *failure)
{
    // Every caller and agent hangs up; the supervisor's listening call ends.
    m_sim->faults()->clear();
    m_desk->listenStop();
    if (!waitUntilRecovered(failure))
        return false;
    forgetEndedChannels();
    for (const Party &party : std::as_const(m_parties))
        control("DELETE", u"/calls/"_s + party.channelId);
    m_parties.clear();
    // Channels the driver no longer knew of (adopted after a fault) go too.
    for (const QJsonValue &value : simState().value("channels"_L1).toArray()) {
        const QJsonObject channel = value.toObject();
        const QString application = applicationOf(channel);
        if (application == s_record || application == s_playback || application == s_queue)
            control("DELETE", u"/calls/"_s + channel.value("id"_L1).toString());
    }

    SupervisorCore *core = m_backend->core();
    StasisApplicationHost *host = core->host();
    QString why;
    const bool ended = QTest::qWaitFor(
        [&] {
            if (host->tracker()->count() != 0)
                why = u"%1 calls still live: %2"_s.arg(host->tracker()->count())
                          .arg(host->application(s_record)->callIds().join(u' ') + u' '
                              + host->application(s_playback)->callIds().join(u' ') + u' '
                              + core->queue()->callIds().join(u' '));
            else if (core->queue()->closingCount() != 0)
                why = u"%1 queue calls still closing"_s.arg(core->queue()->closingCount());
            else if (core->connection()->router()->subscriptionCount() != m_baselineSubscriptions)
                why = u"%1 subscriptions, %2 at the start"_s.arg(core->connection()->router()->subscriptionCount())
                          .arg(m_baselineSubscriptions);
            else if (m_sim->liveChannelCount() != 0 || m_sim->liveBridgeCount() != 0)
                why = u"the server still has %1 channels and %2 bridges: %3"_s.arg(m_sim->liveChannelCount())
                          .arg(m_sim->liveBridgeCount())
                          .arg(QString::fromUtf8(
                              QJsonDocument(simState().value("bridges"_L1).toArray()).toJson(QJsonDocument::Compact)));
            else
                return true;
            return false;
        },
        s_agreeMs);
    m_figures.invariantChecks += 4;
    if (!ended) {
        *failure = u"after every caller hung up: "_s + why;
        return false;
    }
    QString last;
    if (!QTest::qWaitFor([&] { return (last = disagreement(simState())).isEmpty(); }, s_agreeMs)) {
        *failure = u"at the end: "_s + last;
        return false;
    }
    // The desk shows what the service shows.
    if (!QTest::qWaitFor([&] { return m_desk->sequence() == m_service->sequence(); }, s_agreeMs)) {
        *failure = u"the desk applied %1 changes of %2"_s.arg(m_desk->sequence()).arg(m_service->sequence());
        return false;
    }
    const int rows = m_desk->eventLog()->rowCount();
    ++m_figures.invariantChecks;
    if (SupervisorSnapshot::capture(*m_desk, rows) != SupervisorSnapshot::capture(*m_backend, rows)) {
        *failure = u"the desk's models differ from the service's"_s;
        return false;
    }
    return true;
}

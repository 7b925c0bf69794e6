// Measures how one headless supervisor carries thousands of concurrent calls, end to end.
//
// Topology: the ARI simulator (sim/SimServer: accelerated clock, seeded mailboxes in a temporary
// recordings directory) and the callers, who drive it through its control API over loopback
// HTTP, run on a thread of their own (the "far end"). The supervisor core (SupervisorCore: the
// ARI client and the vm-record, vm-playback and queue applications) runs on the main thread with
// the options `ari-supervisor --no-gui` uses, and talks ARI to the simulator over loopback HTTP
// and WebSocket. Nothing in core/ or sim/ knows it is being measured: the only hook is on this
// side, a timed forwarding of the event stream to the router in place of the direct connection.
//
// Phases: "place" (N calls at once, a mix of voicemail listeners, queue callers and queue agents,
// until every call is in its first state), "settle" (listeners hear their first message, callers
// and agents are matched), "keys" (rounds of DTMF from the control API: listeners go to the next
// message, agents in a call start and discard a recording; every key at once, or each at a
// random moment of --key-spread-ms), "hold" (a steady stretch of wall time), "hangup" (every
// caller hangs up, until nothing is left on either side).
//
// Prints one JSON object on standard output. Exits non-zero when the run did not complete or did
// not end cleanly. Not part of the test suite.

#include "app/HeadlessSession.h"
#include "app/LogOutput.h"
#include "core/apps/QueueApp.h"
#include "core/apps/StasisApplication.h"
#include "core/apps/StasisApplicationHost.h"
#include "core/ari/AriConnection.h"
#include "core/ari/AriEvent.h"
#include "core/ari/AriEventRouter.h"
#include "core/ari/AriEventStream.h"
#include "core/ari/AriRequest.h"
#include "core/ari/AriRestClient.h"
#include "core/ari/AriResult.h"
#include "core/calls/CallInfo.h"
#include "core/calls/CallTracker.h"
#include "core/config/SupervisorSettings.h"
#include "core/queue/QueueBridgedPair.h"
#include "core/queue/QueueCallActions.h"
#include "core/queue/QueueState.h"
#include "core/supervisor/SupervisorCore.h"
#include "core/supervisor/SupervisorOptions.h"
#include "core/voicemail/VoicemailStore.h"
#include "sim/SimServer.h"
#include "sim/http/SimHttpRequest.h"
#include "sim/media/WavFile.h"

#include "support/BenchMeasures.h"
#include "support/FarEnd.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QMap>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QProcessEnvironment>
#include <QSet>
#include <QSettings>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTextStream>
#include <QThread>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <ctime>
#include <functional>
#include <memory>
#include <random>

#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcBench, "supervisor.bench")

namespace {

constexpr int s_lagProbeMs = 20;
constexpr int s_cleanupGraceMs = 10000; // after the last call ended, for the last requests
constexpr int s_hangUpMinimumMs = 60000; // the hang-up phase gets at least this, even after a failure
constexpr int s_agentKeyGapMs = 2000; // simulated ms between an agent's 0 (record) and 9 (discard)

using namespace BenchMeasures;

enum class Kind { Listener, QueueCaller, QueueAgent };

struct Config
{
    int calls = 1000;
    int listeners = 0;
    int callers = 0;
    int agents = 0;
    QString mix;
    double speed = 10.0;
    quint32 seed = 1;
    int keyRounds = 1;
    int keySpreadMs = 0;
    int holdMs = 3000;
    int mailboxes = 20;
    int messagesPerMailbox = 3;
    int messageMs = 8000;
    int announceMs = 2000;
    int timeoutS = 600;
    bool logInfo = false;
    QString transport = QStringLiteral("auto"); // [ari] rest_transport of the supervisor
};

FarEnd::Options farEndOptions(const Config &config)
{
    FarEnd::Options options;
    options.speed = config.speed;
    options.mailboxes = config.mailboxes;
    options.messagesPerMailbox = config.messagesPerMailbox;
    options.messageMs = config.messageMs;
    return options;
}

// The supervisor side and the conductor of the run, on the main thread.
class ConcurrentCallsBench final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConcurrentCallsBench)

public:
    explicit ConcurrentCallsBench(const Config &config, QObject *parent = nullptr);
    ~ConcurrentCallsBench() override;

    // Runs every phase and returns the figures; *ok: the run completed and ended cleanly.
    QJsonObject run(bool *ok);

private:
    struct Call
    {
        Kind kind = Kind::Listener;
        QString mailbox;
        QString channelId;
        qint64 requestedNs = -1;
        qint64 firstStateNs = -1;
        int listeningEntries = 0;
    };

    struct TypeStats
    {
        qint64 count = 0;
        qint64 routeNs = 0;
        qint64 routeMaxNs = 0;
    };

    struct Snapshot
    {
        qint64 wallNs = 0;
        qint64 events = 0;
        qint64 routeNs = 0;
        qint64 clientCpuNs = 0; // the main thread
        qint64 clientSystemNs = 0; // the part of it spent in the kernel (system calls)
        qint64 farCpuNs = 0; // every thread of the far end
        qint64 processCpuNs = 0;
        qint64 restRequests = 0;
        qint64 restFailures = 0;
        qint64 logLines = 0;
        qint64 logWrites = 0;
    };

    // Whose call a REST request serves (see attribute()).
    enum class Owner { Listener, QueueCaller, QueueAgent, QueuePair, Unattributed };
    static constexpr int s_owners = 5;
    static QString ownerName(Owner owner);

    // Each phase keeps a stack frame of its own. Inlined into run() as one large function, GCC 12
    // at -O2 miscompiled them (in the hang-up phase a list's size was read before the list was
    // initialised, in a stack slot shared with an earlier temporary: the known class of GCC
    // stack-reuse bugs; -fstack-reuse=named_vars or -fno-strict-aliasing made it go away).
    Q_NEVER_INLINE bool startFarEnd(QString *error);
    Q_NEVER_INLINE bool startCore(QString *error);
    Q_NEVER_INLINE bool instrument(QString *error);
    Q_NEVER_INLINE bool placeCalls(QString *error);
    Q_NEVER_INLINE bool settle(QString *error);
    Q_NEVER_INLINE bool pressKeys(int round, QString *error);
    Q_NEVER_INLINE void hold();
    Q_NEVER_INLINE bool hangUpAll(QString *error);
    Q_NEVER_INLINE void stopAll();

    void onCallStarted(const CallInfo &info);
    void onTransition(const CallTransition &transition);
    void onPlaced(int index, const QString &channelId, int status, qint64 requestedNs);
    void onEvent(const AriEvent &event);
    void onRequestSent(const AriRequest &request);
    // After the run: each request of the request log counted by operation and owner, and its time
    // kept for the DTMF latency's split.
    Q_NEVER_INLINE void attributeRequests();
    void writeRequestLog();
    Owner attribute(const QString &path);
    qint64 farCpuNs() const;
    QJsonObject requestsPerCall() const;
    void onLagProbe();

    bool waitUntil(const std::function<bool()> &done);
    void waitFor(int ms);
    // Blocks until the far end's thread answers: only outside the measured phases.
    FarEnd::Counts farCounts();
    int applicationCalls() const;
    bool queueSettled() const;
    bool agentsIdle() const;
    Snapshot snapshot();
    void beginPhase();
    void endPhase(const QString &name, QJsonObject extra = {});
    Q_NEVER_INLINE QJsonObject endState();
    QJsonObject latencies() const;
    // p50/p99 of the far end's DTMF → request latencies; blocks on the far end's thread.
    QJsonObject dtmfLatencies();

    Config m_config;
    std::vector<Call> m_calls;
    QHash<QString, int> m_indexByChannel;
    QStringList m_listenerIds; // channel ids, from the control API's replies
    QThread m_farThread;
    std::unique_ptr<FarEnd> m_farEnd;
    QUrl m_baseUrl;
    int m_farTid = 0;
    QSet<int> m_farTids; // every thread made while the far end started (its own, its HTTP thread)
    QMap<int, ThreadCpu> m_threadsAtStart;
    FarEnd::Counts m_published; // the far end's latest counts
    QString m_playbackApp;
    QString m_queueApp;
    QTemporaryDir m_configDir;
    HeadlessSession *m_session = nullptr; // child: the core as `--no-gui` runs it, with its log lines
    SupervisorCore *m_core = nullptr; // the session's
    CallTracker *m_tracker = nullptr;
    AriEventRouter *m_router = nullptr;
    QTimer m_lagProbe;
    QDeadlineTimer m_deadline;

    // Counters, all on the main thread.
    qint64 m_events = 0;
    qint64 m_dtmfEvents = 0;
    QHash<QString, std::vector<qint64>> m_dtmfReadNs; // channel → when the client read each of its DTMF events
    // Each request as it left the client, one line ("ns operation path"): the measured thread
    // appends it to a buffer, written to the file each 64 KiB, so that neither the benchmark's
    // CPU on that thread nor its memory (the process's RSS per call) grows with the requests;
    // attributeRequests() reads the file once the run is over.
    QTemporaryFile m_requestLog;
    QByteArray m_requestLogBuffer;
    static constexpr qsizetype s_requestLogBufferBytes = 64 * 1024;
    QHash<QString, std::vector<qint64>> m_requestSentNs; // channel → when requests about it left the client
    QHash<QString, QString> m_playbackChannel; // playback id → the channel it plays on
    qint64 m_routeNs = 0;
    qint64 m_routeMaxNs = 0;
    QHash<QString, TypeStats> m_byType; // event type → routing figures
    qint64 m_restRequests = 0;
    qint64 m_restFailures = 0;
    QMap<QString, int> m_restFailuresBy;
    QMap<QString, int> m_restRequestsBy; // by Swagger operation
    QMap<QString, int> m_restRequestsByOwner[s_owners]; // by whose call, then by operation
    QHash<QString, Owner> m_playbackOwners; // playback id → whose call started it
    int m_reconnects = 0;
    int m_firstStates = 0;
    qint64 m_lastFirstStateNs = 0;
    int m_placeAnswers = 0;
    int m_placeFailures = 0;
    qint64 m_lastPlaceAnswerNs = 0;
    int m_pressFailures = 0;
    int m_hangUpAnswers = 0;
    int m_hangUpFailures = 0;
    int m_hangUpsAlreadyGone = 0;
    int m_peakTracked = 0;
    int m_peakApplications = 0;
    int m_listeningTarget = 1;
    int m_listenersAtTarget = 0;
    qint64 m_dtmfExpected = 0;
    int m_recordingsDiscarded = 0;
    int m_recordingsFailed = 0;
    int m_actionsIgnored = 0;
    int m_baselineSubscriptions = -1;
    qint64 m_lastProbeNs = 0;
    qint64 m_lagMaxNs = 0;
    qint64 m_rssBaselineKb = -1;
    bool m_restOnSocket = false; // REST requests on the event socket once connected
    qint64 m_rssSettledKb = -1;
    qint64 m_hwmSettledKb = -1;

    Snapshot m_phaseStart;
    Snapshot m_runStart;
    QJsonObject m_phases;
    QString m_lastPhase;
};

ConcurrentCallsBench::ConcurrentCallsBench(const Config &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
{
    m_farThread.setObjectName(u"far-end"_s);
    m_lagProbe.setTimerType(Qt::PreciseTimer);
    m_lagProbe.setInterval(s_lagProbeMs);
    connect(&m_lagProbe, &QTimer::timeout, this, &ConcurrentCallsBench::onLagProbe);
}

ConcurrentCallsBench::~ConcurrentCallsBench()
{
    stopAll();
}

bool ConcurrentCallsBench::startFarEnd(QString *error)
{
    const QMap<int, ThreadCpu> threadsBefore = threadCpu();
    m_farEnd = std::make_unique<FarEnd>();
    m_farEnd->moveToThread(&m_farThread);
    m_farThread.start();
    FarEnd *farEnd = m_farEnd.get();
    bool started = false;
    QMetaObject::invokeMethod(
        farEnd,
        [&] {
            started = farEnd->start(farEndOptions(m_config), error);
            m_baseUrl = farEnd->baseUrl();
            m_farTid = int(gettid());
        },
        Qt::BlockingQueuedConnection);
    if (!started)
        return false;
    const QMap<int, ThreadCpu> threadsAfter = threadCpu();
    for (auto it = threadsAfter.cbegin(); it != threadsAfter.cend(); ++it) {
        if (!threadsBefore.contains(it.key()))
            m_farTids.insert(it.key());
    }
    m_farTids.insert(m_farTid);
    connect(farEnd, &FarEnd::placed, this, &ConcurrentCallsBench::onPlaced);
    connect(farEnd, &FarEnd::countsPublished, this,
        [this](int channels, int bridges, int playbacks, int recordings, int sockets) {
            m_published = FarEnd::Counts { channels, bridges, playbacks, recordings, sockets };
        });
    connect(farEnd, &FarEnd::pressed, this, [this](const QString &channelId, int status) {
        if (status != 204) {
            ++m_pressFailures;
            qCWarning(lcBench).noquote() << "keys for" << channelId << "refused:" << status;
        }
    });
    connect(farEnd, &FarEnd::hungUp, this, [this](const QString &channelId, int status) {
        ++m_hangUpAnswers;
        // 404: the application hung the channel up first (a caller whose agent just left).
        if (status == 404) {
            ++m_hangUpsAlreadyGone;
        } else if (status != 204) {
            ++m_hangUpFailures;
            qCWarning(lcBench).noquote() << "hanging up" << channelId << "refused:" << status;
        }
    });
    return true;
}

bool ConcurrentCallsBench::startCore(QString *error)
{
    // The settings the way an operator writes them; the queue announces more often than the
    // default 30 s so that announcements happen within the run.
    if (!m_configDir.isValid()) {
        *error = u"cannot create a temporary directory"_s;
        return false;
    }
    const QString ini = m_configDir.filePath(u"ari-supervisor.ini"_s);
    {
        QSettings file(ini, QSettings::IniFormat);
        file.setValue(u"queue/announcement_interval_ms"_s, m_config.announceMs);
        file.setValue(u"ari/rest_transport"_s, m_config.transport);
        file.sync();
        if (file.status() != QSettings::NoError) {
            *error = u"cannot write %1"_s.arg(ini);
            return false;
        }
    }
    SupervisorSettings settings;
    if (!settings.load(ini, QProcessEnvironment(), {}, error))
        return false;
    settings.setServer(m_baseUrl.toString() + u"/ari"_s, u"asterisk"_s, u"asterisk"_s);
    m_playbackApp = settings.vmPlaybackApp();
    m_queueApp = settings.queueApp();

    // What the headless mode uses (app/main.cpp), with the simulator's clock rate.
    SupervisorOptions options;
    options.ownThread = false;
    options.logAriEvents = false;
    options.progressRefreshMs = 0;
    options.clockRate = m_config.speed;
    const QString sounds = u"/usr/share/asterisk/sounds/en"_s;
    if (QFileInfo(sounds).isDir())
        options.soundsDirectory = sounds;

    m_session = new HeadlessSession(settings, options, this);
    m_core = m_session->core();
    m_core->start();
    if (!instrument(error))
        return false;
    m_session->start(); // opens the connection

    VoicemailStore *store = m_core->host()->voicemail();
    const bool up = waitUntil([&] {
        return m_core->connection()->events()->state() == AriEventStream::State::Connected && store->isLoaded()
            && m_published.sockets == 1;
    });
    if (!up) {
        *error
            = u"the supervisor did not connect to the simulator: %1"_s.arg(m_core->connection()->events()->lastError());
        return false;
    }
    // Let the first requests (the Asterisk version) come back before taking the baseline.
    waitFor(200);
    m_baselineSubscriptions = m_router->subscriptionCount();
    // The peak (VmHWM) counts from here: in a run of both transports, not the first one's peak.
    {
        QFile clearRefs(u"/proc/self/clear_refs"_s);
        if (clearRefs.open(QIODevice::WriteOnly))
            clearRefs.write("5");
    }
    m_rssBaselineKb = statusKb("VmRSS");
    m_restOnSocket = m_core->connection()->rest()->usesEventSocket();
    if (m_config.transport == u"websocket"_s && !m_restOnSocket) {
        *error = u"REST requests do not go on the event socket"_s;
        return false;
    }
    return true;
}

bool ConcurrentCallsBench::instrument(QString *error)
{
    if (!m_requestLog.open()) {
        *error = u"cannot make the request log: "_s + m_requestLog.errorString();
        return false;
    }
    m_requestLogBuffer.reserve(s_requestLogBufferBytes + 4096);
    AriConnection *connection = m_core->connection();
    AriEventStream *events = connection->events();
    m_router = connection->router();
    m_tracker = m_core->host()->tracker();

    // Each event goes to the router as before (same thread, same order), timed.
    if (!disconnect(events, &AriEventStream::eventReceived, m_router, &AriEventRouter::route)) {
        *error = u"the event stream is not connected to the router as expected"_s;
        return false;
    }
    connect(events, &AriEventStream::eventReceived, m_router, [this](const AriEvent &event) { onEvent(event); });
    connect(events, &AriEventStream::stateChanged, this, [this](AriEventStream::State state) {
        if (state == AriEventStream::State::Reconnecting || state == AriEventStream::State::Failed)
            ++m_reconnects;
    });

    AriRestClient *rest = connection->rest();
    connect(rest, &AriRestClient::requestSent, this, &ConcurrentCallsBench::onRequestSent);
    connect(rest, &AriRestClient::requestFailed, this, [this](const AriRequest &request, const AriResult &result) {
        ++m_restFailures;
        ++m_restFailuresBy[request.operation + u' ' + QString::number(result.httpStatus())];
    });

    connect(m_tracker, &CallTracker::callStarted, this, &ConcurrentCallsBench::onCallStarted);
    connect(m_tracker, &CallTracker::callStateChanged, this, &ConcurrentCallsBench::onTransition);
    return true;
}

void ConcurrentCallsBench::onEvent(const AriEvent &event)
{
    ++m_events;
    if (event.type() == AriEvent::Type::ChannelDtmfReceived) {
        ++m_dtmfEvents;
        m_dtmfReadNs[event.channelId()].push_back(nowNs());
    }
    QElapsedTimer timer;
    timer.start();
    m_router->route(event);
    const qint64 ns = timer.nsecsElapsed();
    m_routeNs += ns;
    m_routeMaxNs = std::max(m_routeMaxNs, ns);
    TypeStats &type = m_byType[event.typeName()];
    ++type.count;
    type.routeNs += ns;
    type.routeMaxNs = std::max(type.routeMaxNs, ns);
}

QString ConcurrentCallsBench::ownerName(Owner owner)
{
    switch (owner) {
    case Owner::Listener:
        return u"voicemail_listener"_s;
    case Owner::QueueCaller:
        return u"queue_caller"_s;
    case Owner::QueueAgent:
        return u"queue_agent"_s;
    case Owner::QueuePair:
        return u"queue_pair"_s;
    case Owner::Unattributed:
        break;
    }
    return u"unattributed"_s;
}

void ConcurrentCallsBench::onRequestSent(const AriRequest &request)
{
    ++m_restRequests;
    char digits[24];
    const auto number = std::to_chars(digits, digits + sizeof digits, nowNs());
    m_requestLogBuffer.append(digits, number.ptr - digits)
        .append(' ')
        .append(request.operation.toUtf8())
        .append(' ')
        .append(request.path.toUtf8())
        .append('\n');
    if (m_requestLogBuffer.size() >= s_requestLogBufferBytes)
        writeRequestLog();
}

void ConcurrentCallsBench::writeRequestLog()
{
    if (m_requestLog.write(m_requestLogBuffer) != m_requestLogBuffer.size())
        qFatal("writing the request log %s failed: %s", qPrintable(m_requestLog.fileName()),
            qPrintable(m_requestLog.errorString()));
    m_requestLogBuffer.resize(0); // keeps its capacity
}

void ConcurrentCallsBench::attributeRequests()
{
    writeRequestLog();
    if (!m_requestLog.flush() || !m_requestLog.seek(0))
        qFatal("reading the request log %s failed: %s", qPrintable(m_requestLog.fileName()),
            qPrintable(m_requestLog.errorString()));
    while (!m_requestLog.atEnd()) {
        const QByteArray line = m_requestLog.readLine().trimmed();
        const qsizetype first = line.indexOf(' ');
        const qsizetype second = line.indexOf(' ', first + 1);
        if (first < 0 || second < 0)
            continue;
        const qint64 ns = line.left(first).toLongLong();
        const QString operation = QString::fromUtf8(line.sliced(first + 1, second - first - 1));
        const QString path = QString::fromUtf8(line.sliced(second + 1));
        ++m_restRequestsBy[operation];
        ++m_restRequestsByOwner[int(attribute(path))][operation];
        // For the DTMF latency's split: when a request about a channel (or one of its playbacks)
        // left the client.
        const QList<QStringView> parts = QStringView(path).split(u'/', Qt::SkipEmptyParts);
        QString channel;
        if (parts.size() >= 2 && parts.at(0) == u"channels") {
            channel = parts.at(1).toString();
            if (parts.size() >= 4 && parts.at(2) == u"play")
                m_playbackChannel.insert(parts.at(3).toString(), channel);
        } else if (parts.size() >= 2 && parts.at(0) == u"playbacks") {
            channel = m_playbackChannel.value(parts.at(1).toString());
        }
        if (!channel.isEmpty() && m_dtmfReadNs.contains(channel))
            m_requestSentNs[channel].push_back(ns);
    }
    m_requestLog.close();
}

// From the request's path: a channel of a placed call, a playback one of them started, a bridge
// (only the queue makes bridges: one per matched pair), a recording (voicemail messages are the
// listeners', other recordings the agents'). The rest (sounds, …) stays unattributed.
ConcurrentCallsBench::Owner ConcurrentCallsBench::attribute(const QString &path)
{
    const QList<QStringView> parts = QStringView(path).split(u'/', Qt::SkipEmptyParts);
    const auto segment = [&parts](qsizetype index) { return index < parts.size() ? parts.at(index) : QStringView(); };
    const QStringView collection = segment(0);
    if (collection == u"channels") {
        const int index = m_indexByChannel.value(segment(1).toString(), -1);
        if (index < 0)
            return Owner::Unattributed;
        const Kind kind = m_calls[size_t(index)].kind;
        const Owner owner = kind == Kind::Listener ? Owner::Listener
            : kind == Kind::QueueCaller            ? Owner::QueueCaller
                                                   : Owner::QueueAgent;
        if (segment(2) == u"play" && !segment(3).isEmpty())
            m_playbackOwners.insert(segment(3).toString(), owner);
        return owner;
    }
    if (collection == u"playbacks")
        return m_playbackOwners.value(segment(1).toString(), Owner::Unattributed);
    if (collection == u"bridges") {
        if (segment(2) == u"play" && !segment(3).isEmpty())
            m_playbackOwners.insert(segment(3).toString(), Owner::QueuePair);
        return Owner::QueuePair;
    }
    if (collection == u"recordings") {
        if (segment(1) == u"stored" && segment(2).isEmpty())
            return Owner::Listener; // the list of stored recordings: only voicemail reads it
        const QString name = QUrl::fromPercentEncoding(segment(2).toUtf8());
        return name.startsWith(u"voicemail/"_s) ? Owner::Listener : Owner::QueuePair;
    }
    return Owner::Unattributed;
}

QJsonObject ConcurrentCallsBench::requestsPerCall() const
{
    const int counts[s_owners] = { m_config.listeners, m_config.callers, m_config.agents,
        std::min(m_config.callers, m_config.agents), m_config.calls };
    QJsonObject result;
    for (int owner = 0; owner < s_owners; ++owner) {
        const QMap<QString, int> &byOperation = m_restRequestsByOwner[owner];
        qint64 total = 0;
        QJsonObject operations;
        for (auto it = byOperation.cbegin(); it != byOperation.cend(); ++it) {
            total += it.value();
            operations.insert(it.key(),
                counts[owner] > 0 ? static_cast<double>(it.value()) / counts[owner] : static_cast<double>(it.value()));
        }
        // Unattributed requests are counted per call of any kind.
        result.insert(ownerName(Owner(owner)),
            QJsonObject { { u"calls"_s, counts[owner] }, { u"requests"_s, total },
                { u"per_call"_s, counts[owner] > 0 ? static_cast<double>(total) / counts[owner] : 0.0 },
                { u"per_call_by_operation"_s, operations } });
    }
    return result;
}

qint64 ConcurrentCallsBench::farCpuNs() const
{
    double total = 0;
    const QMap<int, ThreadCpu> now = threadCpu();
    for (const int tid : m_farTids)
        total += now.value(tid).cpuMs;
    return static_cast<qint64>(total * 1e6);
}

void ConcurrentCallsBench::onLagProbe()
{
    const qint64 now = nowNs();
    if (m_lastProbeNs > 0)
        m_lagMaxNs = std::max(m_lagMaxNs, now - m_lastProbeNs - qint64(s_lagProbeMs) * 1000000);
    m_lastProbeNs = now;
}

void ConcurrentCallsBench::onCallStarted(const CallInfo &info)
{
    m_peakTracked = std::max(m_peakTracked, m_tracker->count());
    m_peakApplications = std::max(m_peakApplications, applicationCalls());
    bool ok = false;
    const int index = info.callerNumber.toInt(&ok) - FarEnd::s_callerNumberBase;
    if (!ok || index < 0 || index >= int(m_calls.size()))
        return;
    m_indexByChannel.insert(info.channelId, index);
}

void ConcurrentCallsBench::onTransition(const CallTransition &transition)
{
    const int index = m_indexByChannel.value(transition.channelId, -1);
    if (index < 0)
        return;
    Call &call = m_calls[size_t(index)];
    if (transition.from.isEmpty() && call.firstStateNs < 0) {
        call.firstStateNs = nowNs();
        ++m_firstStates;
        m_lastFirstStateNs = call.firstStateNs;
    }
    if (call.kind == Kind::Listener && transition.to == u"listening"_s) {
        ++call.listeningEntries;
        if (call.listeningEntries == m_listeningTarget)
            ++m_listenersAtTarget;
    }
}

void ConcurrentCallsBench::onPlaced(int index, const QString &channelId, int status, qint64 requestedNs)
{
    ++m_placeAnswers;
    m_lastPlaceAnswerNs = nowNs();
    if (index < 0 || index >= int(m_calls.size()))
        return;
    Call &call = m_calls[size_t(index)];
    call.requestedNs = requestedNs;
    if (status != 200 || channelId.isEmpty()) {
        ++m_placeFailures;
        qCWarning(lcBench).noquote() << "placing call" << index << "failed:" << status;
        return;
    }
    call.channelId = channelId;
    if (call.kind == Kind::Listener)
        m_listenerIds.append(channelId);
}

bool ConcurrentCallsBench::waitUntil(const std::function<bool()> &done)
{
    if (done())
        return true;
    if (m_deadline.hasExpired())
        return false;
    QEventLoop loop;
    QTimer check;
    connect(&check, &QTimer::timeout, &loop, [&] {
        if (done() || m_deadline.hasExpired())
            loop.quit();
    });
    check.start(5);
    loop.exec();
    return done();
}

void ConcurrentCallsBench::waitFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

FarEnd::Counts ConcurrentCallsBench::farCounts()
{
    FarEnd::Counts counts;
    FarEnd *farEnd = m_farEnd.get();
    QMetaObject::invokeMethod(
        farEnd, [&] { counts = farEnd->counts(); }, Qt::BlockingQueuedConnection);
    return counts;
}

int ConcurrentCallsBench::applicationCalls() const
{
    int calls = 0;
    for (const StasisApplication *application : m_core->host()->applications())
        calls += application->callCount();
    return calls;
}

bool ConcurrentCallsBench::queueSettled() const
{
    const QueueState *state = m_core->queue()->state();
    const int pairs = std::min(m_config.callers, m_config.agents);
    return state->pairCount() == pairs && state->callerCount() == m_config.callers - pairs
        && state->agentCount() == m_config.agents - pairs;
}

bool ConcurrentCallsBench::agentsIdle() const
{
    const QueueState *state = m_core->queue()->state();
    for (const QString &bridgeId : state->bridgeIds()) {
        const QueueCallActions *actions = state->actions(bridgeId);
        if (actions && (actions->isBusy() || actions->waitingCount() > 0 || actions->isRecording()))
            return false;
    }
    return true;
}

ConcurrentCallsBench::Snapshot ConcurrentCallsBench::snapshot()
{
    Snapshot snapshot;
    snapshot.wallNs = nowNs();
    snapshot.events = m_events;
    snapshot.routeNs = m_routeNs;
    snapshot.clientCpuNs = cpuNs(CLOCK_THREAD_CPUTIME_ID);
    rusage usage {};
    if (getrusage(RUSAGE_THREAD, &usage) == 0)
        snapshot.clientSystemNs = qint64(usage.ru_stime.tv_sec) * 1'000'000'000 + qint64(usage.ru_stime.tv_usec) * 1000;
    snapshot.farCpuNs = farCpuNs();
    snapshot.processCpuNs = cpuNs(CLOCK_PROCESS_CPUTIME_ID);
    snapshot.restRequests = m_restRequests;
    snapshot.restFailures = m_restFailures;
    snapshot.logLines = LogOutput::lineCount();
    snapshot.logWrites = LogOutput::writeCount();
    return snapshot;
}

void ConcurrentCallsBench::beginPhase()
{
    m_phaseStart = snapshot();
    m_lagMaxNs = 0;
    m_lastProbeNs = 0;
}

void ConcurrentCallsBench::endPhase(const QString &name, QJsonObject extra)
{
    const Snapshot end = snapshot();
    const qint64 wall = end.wallNs - m_phaseStart.wallNs;
    const qint64 events = end.events - m_phaseStart.events;
    const qint64 clientCpu = end.clientCpuNs - m_phaseStart.clientCpuNs;
    extra.insert(u"wall_ms"_s, ms(wall));
    extra.insert(u"events"_s, events);
    extra.insert(u"events_per_s"_s, perSecond(events, wall));
    extra.insert(u"route_us_per_event"_s, usPer(end.routeNs - m_phaseStart.routeNs, events));
    extra.insert(u"client_cpu_ms"_s, ms(clientCpu));
    extra.insert(u"client_cpu_us_per_event"_s, usPer(clientCpu, events));
    extra.insert(
        u"client_busy_fraction"_s, wall > 0 ? static_cast<double>(clientCpu) / static_cast<double>(wall) : 0.0);
    const qint64 farCpu = end.farCpuNs - m_phaseStart.farCpuNs;
    const qint64 processCpu = end.processCpuNs - m_phaseStart.processCpuNs;
    extra.insert(u"client_all_threads_cpu_ms"_s, ms(processCpu - farCpu));
    extra.insert(u"client_all_threads_cpu_us_per_event"_s, usPer(processCpu - farCpu, events));
    extra.insert(u"far_end_cpu_ms"_s, ms(farCpu));
    extra.insert(u"process_cpu_ms"_s, ms(processCpu));
    extra.insert(u"log_lines"_s, end.logLines - m_phaseStart.logLines);
    extra.insert(u"rest_requests"_s, end.restRequests - m_phaseStart.restRequests);
    extra.insert(u"rest_failures"_s, end.restFailures - m_phaseStart.restFailures);
    extra.insert(u"loop_lag_max_ms"_s, ms(m_lagMaxNs));
    m_phases.insert(name, extra);
    m_lastPhase = name;
}

bool ConcurrentCallsBench::placeCalls(QString *error)
{
    // Who calls, in a seeded random order of arrival.
    std::vector<Kind> kinds;
    kinds.insert(kinds.end(), size_t(m_config.listeners), Kind::Listener);
    kinds.insert(kinds.end(), size_t(m_config.callers), Kind::QueueCaller);
    kinds.insert(kinds.end(), size_t(m_config.agents), Kind::QueueAgent);
    std::mt19937 random(m_config.seed);
    std::shuffle(kinds.begin(), kinds.end(), random);
    std::uniform_int_distribution<int> mailbox(0, std::max(0, m_config.mailboxes - 1));

    m_calls.assign(kinds.size(), Call {});
    QList<Placement> placements;
    placements.reserve(qsizetype(kinds.size()));
    for (size_t i = 0; i < kinds.size(); ++i) {
        Call &call = m_calls[i];
        call.kind = kinds[i];
        Placement placement;
        placement.index = int(i);
        switch (call.kind) {
        case Kind::Listener:
            call.mailbox = FarEnd::mailboxName(mailbox(random));
            placement.application = m_playbackApp;
            placement.args = call.mailbox;
            break;
        case Kind::QueueCaller:
            placement.application = m_queueApp;
            placement.args = u"caller"_s;
            break;
        case Kind::QueueAgent:
            placement.application = m_queueApp;
            placement.args = u"agent"_s;
            break;
        }
        placements.append(placement);
    }

    beginPhase();
    m_runStart = m_phaseStart;
    m_threadsAtStart = threadCpu();
    FarEnd *farEnd = m_farEnd.get();
    QMetaObject::invokeMethod(
        farEnd, [farEnd, placements] { farEnd->placeCalls(placements); }, Qt::QueuedConnection);
    const int total = int(m_calls.size());
    const bool answered
        = waitUntil([&] { return m_placeAnswers == total && m_firstStates + m_placeFailures >= total; });
    QJsonObject extra;
    extra.insert(u"first_state_all_ms"_s, m_firstStates == total ? ms(m_lastFirstStateNs - m_phaseStart.wallNs) : -1.0);
    extra.insert(u"control_api_all_answered_ms"_s,
        m_placeAnswers == total ? ms(m_lastPlaceAnswerNs - m_phaseStart.wallNs) : -1.0);
    extra.insert(u"first_state_latency_ms"_s, latencies());
    endPhase(u"place"_s, extra);
    if (!answered || m_placeFailures > 0 || m_firstStates != total) {
        *error = u"placing the calls: %1 answered, %2 failed, %3 of %4 in their first state"_s.arg(m_placeAnswers)
                     .arg(m_placeFailures)
                     .arg(m_firstStates)
                     .arg(total);
        return false;
    }
    return true;
}

QJsonObject ConcurrentCallsBench::dtmfLatencies()
{
    std::vector<DtmfToRequestLatency::Sample> samples;
    FarEnd *farEnd = m_farEnd.get();
    if (farEnd && m_farThread.isRunning())
        QMetaObject::invokeMethod(
            farEnd, [&] { samples = farEnd->dtmfLatencies(); }, Qt::BlockingQueuedConnection);
    // Each sample split where the client read the DTMF event (the first read of that channel's
    // DTMF at or after its publication; the steady clock is the same on both threads).
    std::vector<qint64> total;
    std::vector<qint64> toClient;
    std::vector<qint64> fromClient;
    std::vector<qint64> inClient;
    std::vector<qint64> onTheWire;
    for (const DtmfToRequestLatency::Sample &sample : samples) {
        total.push_back(sample.requestNs - sample.publishedNs);
        const std::vector<qint64> reads = m_dtmfReadNs.value(sample.channelId);
        const auto read = std::lower_bound(reads.cbegin(), reads.cend(), sample.publishedNs);
        if (read == reads.cend() || *read > sample.requestNs)
            continue;
        toClient.push_back(*read - sample.publishedNs);
        fromClient.push_back(sample.requestNs - *read);
        const std::vector<qint64> sent = m_requestSentNs.value(sample.channelId);
        const auto left = std::lower_bound(sent.cbegin(), sent.cend(), *read);
        if (left != sent.cend() && *left <= sample.requestNs) {
            inClient.push_back(*left - *read);
            onTheWire.push_back(sample.requestNs - *left);
        }
    }
    const auto figures = [](std::vector<qint64> values) {
        std::sort(values.begin(), values.end());
        const auto percentile = [&values](double p) {
            if (values.empty())
                return -1.0;
            const size_t at = std::min(values.size() - 1, size_t(p * double(values.size() - 1) + 0.5));
            return ms(values[at]);
        };
        return QJsonObject { { u"samples"_s, qint64(values.size()) }, { u"p50"_s, percentile(0.50) },
            { u"p90"_s, percentile(0.90) }, { u"p99"_s, percentile(0.99) },
            { u"max"_s, values.empty() ? -1.0 : ms(values.back()) } };
    };
    QJsonObject result = figures(total);
    result.insert(u"published_to_client_read"_s, figures(toClient));
    result.insert(u"client_read_to_request"_s, figures(fromClient));
    result.insert(u"client_read_to_request_sent"_s, figures(inClient));
    result.insert(u"request_sent_to_arrival"_s, figures(onTheWire));
    return result;
}

QJsonObject ConcurrentCallsBench::latencies() const
{
    std::vector<qint64> values;
    values.reserve(m_calls.size());
    for (const Call &call : m_calls) {
        if (call.firstStateNs >= 0 && call.requestedNs >= 0)
            values.push_back(call.firstStateNs - call.requestedNs);
    }
    if (values.empty())
        return {};
    std::sort(values.begin(), values.end());
    const auto at = [&](double fraction) {
        const size_t index = std::min(values.size() - 1, size_t(fraction * double(values.size())));
        return ms(values[index]);
    };
    return QJsonObject { { u"p50"_s, at(0.5) }, { u"p95"_s, at(0.95) }, { u"max"_s, ms(values.back()) } };
}

bool ConcurrentCallsBench::settle(QString *error)
{
    beginPhase();
    const bool settled = waitUntil([&] { return m_listenersAtTarget == m_config.listeners && queueSettled(); });
    m_rssSettledKb = statusKb("VmRSS");
    m_hwmSettledKb = statusKb("VmHWM");
    const QueueState *state = m_core->queue()->state();
    QJsonObject extra;
    extra.insert(u"listeners_listening"_s, m_listenersAtTarget);
    extra.insert(u"queue_pairs"_s, state->pairCount());
    extra.insert(u"queue_callers_waiting"_s, state->callerCount());
    extra.insert(u"queue_agents_waiting"_s, state->agentCount());
    extra.insert(u"tracked_calls"_s, m_tracker->count());
    endPhase(u"settle"_s, extra);
    if (!settled) {
        *error = u"the calls did not settle: %1 of %2 listeners listening, %3 queue pairs"_s.arg(m_listenersAtTarget)
                     .arg(m_config.listeners)
                     .arg(state->pairCount());
        return false;
    }
    return true;
}

bool ConcurrentCallsBench::pressKeys(int round, QString *error)
{
    beginPhase();
    // Listeners: 6 (next message) → preamble → listening again.
    m_listeningTarget = round + 2;
    m_listenersAtTarget = 0;
    // Agents in a call: 0 (record), then 9 (discard) a little later.
    QStringList agentIds;
    const QueueState *state = m_core->queue()->state();
    QObject roundGuard; // ends this round's connections
    for (const QueueBridgedPair &pair : state->pairs()) {
        agentIds.append(pair.agentChannelId);
        QueueCallActions *actions = state->actions(pair.bridgeId);
        if (!actions)
            continue;
        connect(actions, &QueueCallActions::recordingDiscarded, &roundGuard, [this] { ++m_recordingsDiscarded; });
        connect(actions, &QueueCallActions::recordingFailed, &roundGuard, [this] { ++m_recordingsFailed; });
        connect(actions, &QueueCallActions::actionIgnored, &roundGuard, [this] { ++m_actionsIgnored; });
    }
    const int discardedBefore = m_recordingsDiscarded;
    m_dtmfExpected += m_listenerIds.size() + 2 * agentIds.size();
    FarEnd *farEnd = m_farEnd.get();
    const QStringList listeners = m_listenerIds;
    const int spreadMs = m_config.keySpreadMs;
    const quint32 seed = m_config.seed + quint32(round) * 2;
    QMetaObject::invokeMethod(
        farEnd,
        [farEnd, listeners, agentIds, spreadMs, seed] {
            farEnd->press(listeners, u"6"_s, 100, spreadMs, seed);
            farEnd->press(agentIds, u"09"_s, s_agentKeyGapMs, spreadMs, seed + 1);
        },
        Qt::QueuedConnection);
    const bool done = waitUntil(
        [&] { return m_listenersAtTarget == m_config.listeners && m_dtmfEvents >= m_dtmfExpected && agentsIdle(); });
    QJsonObject extra;
    extra.insert(u"listener_keys"_s, listeners.size());
    extra.insert(u"agent_keys"_s, 2 * agentIds.size());
    extra.insert(u"dtmf_events"_s, m_dtmfEvents);
    extra.insert(u"recordings_discarded"_s, m_recordingsDiscarded - discardedBefore);
    endPhase(u"keys_%1"_s.arg(round + 1), extra);
    if (!done || m_pressFailures > 0) {
        *error
            = u"key round %1: %2 of %3 listeners back in listening, %4 of %5 keys arrived, %6 refused"_s.arg(round + 1)
                  .arg(m_listenersAtTarget)
                  .arg(m_config.listeners)
                  .arg(m_dtmfEvents)
                  .arg(m_dtmfExpected)
                  .arg(m_pressFailures);
        return false;
    }
    return true;
}

void ConcurrentCallsBench::hold()
{
    beginPhase();
    waitFor(m_config.holdMs);
    QJsonObject extra;
    extra.insert(u"tracked_calls"_s, m_tracker->count());
    endPhase(u"hold"_s, extra);
}

bool ConcurrentCallsBench::hangUpAll(QString *error)
{
    beginPhase();
    // Also after a failed phase: everyone hangs up, to see what is left behind.
    if (m_deadline.remainingTime() < s_hangUpMinimumMs)
        m_deadline = QDeadlineTimer(s_hangUpMinimumMs);
    QStringList ids;
    for (const Call &call : m_calls) {
        if (!call.channelId.isEmpty())
            ids.append(call.channelId);
    }
    FarEnd *farEnd = m_farEnd.get();
    QMetaObject::invokeMethod(
        farEnd, [farEnd, ids] { farEnd->hangUp(ids); }, Qt::QueuedConnection);
    const int total = int(ids.size());
    const bool ended
        = waitUntil([&] { return m_hangUpAnswers == total && m_tracker->count() == 0 && applicationCalls() == 0; });
    const qint64 endedNs = nowNs();
    // The last requests of ended calls (a bridge's destruction, a playback's stop) may still be on
    // their way: wait for them a bounded time. Whether everything is gone is read afterwards.
    const QDeadlineTimer grace(s_cleanupGraceMs);
    if (ended) {
        waitUntil([&] {
            if (grace.hasExpired())
                return true;
            if (m_core->queue()->closingCount() != 0 || m_router->subscriptionCount() != m_baselineSubscriptions
                || m_core->connection()->rest()->pendingCount() != 0) {
                return false;
            }
            const FarEnd::Counts &counts = m_published;
            return counts.channels == 0 && counts.bridges == 0 && counts.playbacks == 0 && counts.recordings == 0;
        });
    }
    QJsonObject extra;
    extra.insert(u"all_calls_ended_ms"_s, ended ? ms(endedNs - m_phaseStart.wallNs) : -1.0);
    extra.insert(u"hang_ups_refused"_s, m_hangUpFailures);
    extra.insert(u"hang_ups_already_gone"_s, m_hangUpsAlreadyGone);
    endPhase(u"hangup"_s, extra);
    if (!ended) {
        *error = u"hanging up: %1 of %2 answered, %3 calls still tracked"_s.arg(m_hangUpAnswers)
                     .arg(total)
                     .arg(m_tracker->count());
    }
    return ended;
}

QJsonObject ConcurrentCallsBench::endState()
{
    QJsonObject state;
    if (m_core && m_core->host()) {
        state.insert(u"tracked_calls"_s, m_tracker->count());
        state.insert(u"application_calls"_s, applicationCalls());
        state.insert(u"queue_closing"_s, m_core->queue()->closingCount());
        state.insert(u"router_subscriptions"_s, m_router->subscriptionCount());
        state.insert(u"router_subscriptions_baseline"_s, m_baselineSubscriptions);
        state.insert(u"rest_pending"_s, m_core->connection()->rest()->pendingCount());
    }
    if (m_farEnd && m_farThread.isRunning()) {
        const FarEnd::Counts counts = farCounts();
        state.insert(u"sim_channels"_s, counts.channels);
        state.insert(u"sim_bridges"_s, counts.bridges);
        state.insert(u"sim_playbacks"_s, counts.playbacks);
        state.insert(u"sim_live_recordings"_s, counts.recordings);
    }
    return state;
}

void ConcurrentCallsBench::stopAll()
{
    m_lagProbe.stop();
    if (m_session) {
        delete m_session; // shuts the core down
        m_session = nullptr;
        m_core = nullptr;
        m_tracker = nullptr;
        m_router = nullptr;
    }
    if (m_farEnd && m_farThread.isRunning()) {
        FarEnd *farEnd = m_farEnd.get();
        QMetaObject::invokeMethod(
            farEnd, [farEnd] { farEnd->stop(); }, Qt::BlockingQueuedConnection);
    }
    m_farThread.quit();
    m_farThread.wait();
    // The far end's thread has finished: nothing of it runs any more.
    m_farEnd.reset();
}

QJsonObject ConcurrentCallsBench::run(bool *ok)
{
    *ok = false;
    m_deadline = QDeadlineTimer(std::chrono::seconds(m_config.timeoutS));
    QJsonObject result { { u"benchmark"_s, u"concurrent_calls"_s },
        { u"topology"_s,
            u"simulator and callers (control API over loopback HTTP) on a thread of their own; "
            "supervisor core (ARI client, vm-record, vm-playback, queue; headless session and options) "
            "on the main thread; ARI over loopback HTTP and WebSocket; each HTTP client has Qt's network "
            "thread"_s },
#ifdef NDEBUG
        { u"optimised"_s, true },
#else
        { u"optimised"_s, false },
#endif
        { u"calls"_s, m_config.calls },
        { u"mix"_s,
            QJsonObject { { u"spec"_s, m_config.mix }, { u"voicemail_listeners"_s, m_config.listeners },
                { u"queue_callers"_s, m_config.callers }, { u"queue_agents"_s, m_config.agents } } },
        { u"speed"_s, m_config.speed }, { u"seed"_s, static_cast<qint64>(m_config.seed) },
        { u"key_rounds"_s, m_config.keyRounds }, { u"key_spread_ms"_s, m_config.keySpreadMs },
        { u"hold_ms"_s, m_config.holdMs }, { u"announcement_interval_ms"_s, m_config.announceMs },
        { u"mailboxes"_s, m_config.mailboxes }, { u"messages_per_mailbox"_s, m_config.messagesPerMailbox },
        { u"info_logging"_s, m_config.logInfo }, { u"rest_transport"_s, m_config.transport },
        { u"cpus"_s, QThread::idealThreadCount() }, { u"load_average_at_start"_s, loadAverage() } };

    QString error;
    bool completed = startFarEnd(&error) && startCore(&error);
    result.insert(u"rest_on_event_socket"_s, m_restOnSocket);
    if (completed) {
        m_lagProbe.start();
        completed = placeCalls(&error) && settle(&error);
        for (int round = 0; completed && round < m_config.keyRounds; ++round)
            completed = pressKeys(round, &error);
        if (completed)
            hold();
        // Hang up whatever was placed, also after a failure, to see what is left.
        if (!m_calls.empty()) {
            QString hangUpError;
            if (!hangUpAll(&hangUpError) && completed) {
                completed = false;
                error = hangUpError;
            }
        }
    }
    const bool reachedEnd = completed;
    const qint64 hwmKb = statusKb("VmHWM");
    const QJsonObject end = endState();

    // Over every phase from the first call placed to the last one gone.
    if (!m_calls.empty()) {
        const Snapshot last = snapshot();
        attributeRequests(); // (after the last measure of the CPU)
        // Per thread, from the first call placed. The threads made while the far end started
        // (its own and its HTTP thread) are the far end's; every other one is the client's.
        QJsonArray threads;
        double clientThreadsCpuMs = 0;
        const QMap<int, ThreadCpu> now = threadCpu();
        for (auto it = now.cbegin(); it != now.cend(); ++it) {
            QString role;
            bool client = true;
            const double cpuMs = it->cpuMs - m_threadsAtStart.value(it.key()).cpuMs;
            if (it.key() == int(getpid())) {
                role = u"client: events, applications, REST bookkeeping, log"_s;
            } else if (it.key() == m_farTid) {
                role = u"far end: simulator and callers"_s;
                client = false;
            } else if (m_farTids.contains(it.key())) {
                role = u"far end: HTTP of the callers' control requests"_s;
                client = false;
            } else if (it->name.startsWith(u"QNetworkAccess"_s)) {
                role = u"client: HTTP of the REST requests"_s;
            } else {
                role = u"client"_s;
            }
            if (client)
                clientThreadsCpuMs += cpuMs;
            threads.append(QJsonObject { { u"name"_s, it->name }, { u"role"_s, role }, { u"cpu_ms"_s, cpuMs } });
        }
        const qint64 wall = last.wallNs - m_runStart.wallNs;
        const qint64 events = last.events - m_runStart.events;
        const qint64 clientCpu = last.clientCpuNs - m_runStart.clientCpuNs;
        const qint64 clientSystem = last.clientSystemNs - m_runStart.clientSystemNs;
        result.insert(u"client_system_cpu_us_per_event"_s, usPer(clientSystem, events));
        const qint64 farCpu = last.farCpuNs - m_runStart.farCpuNs;
        const qint64 processCpu = last.processCpuNs - m_runStart.processCpuNs;
        result.insert(u"calls_placed"_s, int(m_calls.size()) - m_placeFailures);
        result.insert(u"peak_concurrent_calls"_s, m_peakTracked);
        result.insert(u"peak_application_calls"_s, m_peakApplications);
        result.insert(u"first_state_all_ms"_s, m_phases.value(u"place"_s).toObject().value(u"first_state_all_ms"_s));
        result.insert(u"events"_s, events);
        result.insert(u"events_per_second"_s, perSecond(events, wall));
        result.insert(u"route_us_per_event"_s, usPer(m_routeNs, m_events));
        result.insert(u"route_us_max"_s, static_cast<double>(m_routeMaxNs) / 1e3);
        QJsonObject byType;
        for (auto it = m_byType.cbegin(); it != m_byType.cend(); ++it) {
            byType.insert(it.key(),
                QJsonObject { { u"count"_s, it->count }, { u"route_us_mean"_s, usPer(it->routeNs, it->count) },
                    { u"route_us_max"_s, static_cast<double>(it->routeMaxNs) / 1e3 } });
        }
        result.insert(u"events_by_type"_s, byType);
        // The client's CPU over all its threads: the whole process but the far end's threads.
        const qint64 clientAllCpu = processCpu - farCpu;
        const int completedCalls = int(m_calls.size()) - m_placeFailures;
        const qint64 logLines = last.logLines - m_runStart.logLines;
        result.insert(u"client_all_threads_cpu_ms"_s, ms(clientAllCpu));
        result.insert(u"client_all_threads_cpu_us_per_event"_s, usPer(clientAllCpu, events));
        result.insert(u"client_all_threads_cpu_us_per_call"_s, usPer(clientAllCpu, completedCalls));
        result.insert(u"client_cpu_ms"_s, ms(clientCpu));
        result.insert(u"client_cpu_us_per_event"_s, usPer(clientCpu, events));
        result.insert(u"far_end_cpu_ms"_s, ms(farCpu));
        result.insert(u"other_client_threads_cpu_ms"_s, ms(clientAllCpu - clientCpu));
        result.insert(u"log_lines"_s, logLines);
        result.insert(
            u"log_lines_per_call"_s, completedCalls > 0 ? static_cast<double>(logLines) / completedCalls : 0.0);
        result.insert(u"log_writes"_s, last.logWrites - m_runStart.logWrites);
        // Per REST request, whichever transport carried the requests; the client's threads by name
        // (above) sum to this too.
        const qint64 runRequests = last.restRequests - m_runStart.restRequests;
        result.insert(u"client_threads_cpu_ms"_s, clientThreadsCpuMs);
        result.insert(u"client_all_threads_cpu_us_per_request"_s, usPer(clientAllCpu, runRequests));
        result.insert(u"simulator_cpu_us_per_event"_s, usPer(farCpu, events));
        result.insert(u"dtmf_to_request_latency_ms"_s, dtmfLatencies());
        result.insert(u"run_wall_ms"_s, ms(wall));
        result.insert(u"rest_requests"_s, m_restRequests);
        result.insert(u"rest_requests_per_call"_s,
            m_calls.empty() ? 0.0 : static_cast<double>(m_restRequests) / double(m_calls.size()));
        QJsonObject requests;
        for (auto it = m_restRequestsBy.cbegin(); it != m_restRequestsBy.cend(); ++it)
            requests.insert(it.key(), it.value());
        result.insert(u"rest_requests_by"_s, requests);
        result.insert(u"rest_requests_per_call_by_kind"_s, requestsPerCall());
        QJsonObject failures;
        for (auto it = m_restFailuresBy.cbegin(); it != m_restFailuresBy.cend(); ++it)
            failures.insert(it.key(), it.value());
        result.insert(u"rest_failures"_s, m_restFailures);
        result.insert(u"rest_failures_by"_s, failures);
        result.insert(u"stream_drops"_s, m_reconnects);
        result.insert(u"agent_recordings_discarded"_s, m_recordingsDiscarded);
        result.insert(u"agent_recordings_failed"_s, m_recordingsFailed);
        result.insert(u"agent_actions_ignored"_s, m_actionsIgnored);
        result.insert(u"threads"_s, threads);
        result.insert(u"phases"_s, m_phases);
    }
    const int calls = std::max(1, m_config.calls);
    result.insert(u"rss_kb"_s,
        QJsonObject { { u"baseline"_s, m_rssBaselineKb }, { u"settled"_s, m_rssSettledKb }, { u"peak_hwm"_s, hwmKb },
            { u"per_call_settled"_s, static_cast<double>(m_rssSettledKb - m_rssBaselineKb) / calls },
            { u"per_call_peak"_s, static_cast<double>(hwmKb - m_rssBaselineKb) / calls },
            { u"includes_simulator"_s, true } });
    result.insert(u"end_state"_s, end);
    const bool clean = end.value(u"tracked_calls"_s).toInt(-1) == 0 && end.value(u"application_calls"_s).toInt(-1) == 0
        && end.value(u"queue_closing"_s).toInt(-1) == 0
        && end.value(u"router_subscriptions"_s).toInt(-1) == m_baselineSubscriptions
        && end.value(u"rest_pending"_s).toInt(-1) == 0 && end.value(u"sim_channels"_s).toInt(-1) == 0
        && end.value(u"sim_bridges"_s).toInt(-1) == 0 && end.value(u"sim_playbacks"_s).toInt(-1) == 0
        && end.value(u"sim_live_recordings"_s).toInt(-1) == 0;
    const bool completedRun = reachedEnd && m_reconnects == 0;
    if (reachedEnd && m_reconnects > 0)
        error = u"the event stream dropped %1 time(s)"_s.arg(m_reconnects);
    else if (reachedEnd && !clean)
        error = u"the run did not end cleanly (see end_state)"_s;
    result.insert(u"ended_cleanly"_s, clean);
    result.insert(u"completed"_s, completedRun);
    if (!error.isEmpty())
        result.insert(u"error"_s, error);
    stopAll();
    *ok = completedRun && clean;
    return result;
}

// "5:3:2" → weights of voicemail listeners, queue callers and queue agents.
bool splitMix(Config *config, QString *error)
{
    const QStringList parts = config->mix.split(u':');
    if (parts.size() != 3) {
        *error = u"--mix takes three weights, listeners:callers:agents (e.g. 5:3:2)"_s;
        return false;
    }
    double weights[3] = {};
    double sum = 0;
    for (int i = 0; i < 3; ++i) {
        bool ok = false;
        weights[i] = parts.at(i).toDouble(&ok);
        if (!ok || weights[i] < 0) {
            *error = u"--mix: %1 is not a weight"_s.arg(parts.at(i));
            return false;
        }
        sum += weights[i];
    }
    if (sum <= 0) {
        *error = u"--mix: the weights add up to nothing"_s;
        return false;
    }
    config->listeners = int(std::lround(config->calls * weights[0] / sum));
    config->callers = int(std::lround(config->calls * weights[1] / sum));
    config->callers = std::min(config->callers, config->calls - config->listeners);
    config->agents = config->calls - config->listeners - config->callers;
    return true;
}

} // namespace

// The main figures of each transport's run, as { figure: { transport: value } } ("a.b": b of a).
QJsonObject sideBySide(const QJsonObject &runs)
{
    static const char *const figures[]
        = { "client_all_threads_cpu_us_per_event", "client_all_threads_cpu_us_per_request", "client_cpu_us_per_event",
              "simulator_cpu_us_per_event", "rest_requests_per_call", "rest_failures", "dtmf_to_request_latency_ms.p50",
              "dtmf_to_request_latency_ms.p90", "dtmf_to_request_latency_ms.p99", "rss_kb.per_call_settled",
              "rss_kb.per_call_peak", "events", "ended_cleanly", "load_average_at_start" };
    QJsonObject table;
    for (const char *figure : figures) {
        const QStringList path = QString::fromLatin1(figure).split(u'.');
        QJsonObject row;
        for (auto run = runs.constBegin(); run != runs.constEnd(); ++run) {
            QJsonValue value = run.value();
            for (const QString &key : path)
                value = value.toObject().value(key);
            row.insert(run.key(), value);
        }
        table.insert(QString::fromLatin1(figure), row);
    }
    return table;
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"bench_concurrent_calls"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Places N concurrent calls through the ARI simulator's control API into the supervisor's "
        "applications (in-process, over loopback), lets them run, hangs them up and prints the "
        "figures as one JSON object."_s);
    parser.addHelpOption();
    const QCommandLineOption callsOption(
        { u"n"_s, u"calls"_s }, u"Concurrent calls (default 1000)."_s, u"N"_s, u"1000"_s);
    const QCommandLineOption mixOption(u"mix"_s,
        u"Weights of voicemail listeners, queue callers and queue agents (default 5:3:2)."_s, u"L:C:A"_s, u"5:3:2"_s);
    const QCommandLineOption speedOption(u"speed"_s, u"Simulated clock speed (default 10)."_s, u"factor"_s, u"10"_s);
    const QCommandLineOption seedOption(
        u"seed"_s, u"Seed of the arrival order and mailboxes (default 1)."_s, u"seed"_s, u"1"_s);
    const QCommandLineOption roundsOption(u"key-rounds"_s, u"Rounds of keys (default 1)."_s, u"n"_s, u"1"_s);
    const QCommandLineOption keySpreadOption(u"key-spread-ms"_s,
        u"Each caller presses its key at a random moment within this many wall ms of the round's start "
        "(default 0: every key at once, a burst)."_s,
        u"ms"_s, u"0"_s);
    const QCommandLineOption holdOption(
        u"hold-ms"_s, u"Steady stretch before the hang-ups, wall ms (default 3000)."_s, u"ms"_s, u"3000"_s);
    const QCommandLineOption mailboxesOption(
        u"mailboxes"_s, u"Seeded mailboxes, 3 messages each (default 20)."_s, u"n"_s, u"20"_s);
    const QCommandLineOption announceOption(
        u"announce-ms"_s, u"Queue announcement interval, wall ms, at least 1000 (default 2000)."_s, u"ms"_s, u"2000"_s);
    const QCommandLineOption timeoutOption(
        u"timeout-s"_s, u"Safety net for the whole run (default 600)."_s, u"s"_s, u"600"_s);
    const QCommandLineOption logOption(u"log-info"_s,
        u"Keep the supervisor's info log lines (on stderr, through the headless log output), as "
        "headless mode does."_s);
    const QCommandLineOption logFormatOption(
        u"log-format"_s, u"Log lines as text (default) or json."_s, u"format"_s, u"text"_s);
    const QCommandLineOption transportOption(u"transport"_s,
        u"How the supervisor sends its REST requests: websocket (on the event socket), http, or auto (default); "
        "both: the same run over websocket, then over http, with the main figures side by side."_s,
        u"websocket|http|auto|both"_s, u"auto"_s);
    parser.addOptions({ callsOption, mixOption, speedOption, seedOption, roundsOption, keySpreadOption, holdOption,
        mailboxesOption, announceOption, timeoutOption, logOption, logFormatOption, transportOption });
    parser.process(app);

    Config config;
    bool valid = true;
    const auto number = [&](const QCommandLineOption &option, int minimum) {
        bool ok = false;
        const int value = parser.value(option).toInt(&ok);
        if (!ok || value < minimum) {
            QTextStream(stderr) << "--" << option.names().constLast() << " must be a number of at least " << minimum
                                << '\n';
            valid = false;
        }
        return value;
    };
    config.calls = number(callsOption, 1);
    config.keyRounds = number(roundsOption, 0);
    config.keySpreadMs = number(keySpreadOption, 0);
    config.holdMs = number(holdOption, 0);
    config.mailboxes = number(mailboxesOption, 1);
    config.announceMs = number(announceOption, 1000);
    config.timeoutS = number(timeoutOption, 1);
    config.seed = static_cast<quint32>(parser.value(seedOption).toUInt());
    config.speed = parser.value(speedOption).toDouble();
    if (config.speed <= 0) {
        QTextStream(stderr) << "--speed must be positive\n";
        valid = false;
    }
    config.mix = parser.value(mixOption);
    config.logInfo = parser.isSet(logOption);
    const QString logFormat = parser.value(logFormatOption);
    if (logFormat != u"text"_s && logFormat != u"json"_s) {
        QTextStream(stderr) << "--log-format takes text or json\n";
        valid = false;
    }
    config.transport = parser.value(transportOption);
    if (!QStringList { u"websocket"_s, u"http"_s, u"auto"_s, u"both"_s }.contains(config.transport)) {
        QTextStream(stderr) << "--transport must be websocket, http, auto or both\n";
        valid = false;
    }
    QString error;
    if (valid && !splitMix(&config, &error)) {
        QTextStream(stderr) << error << '\n';
        valid = false;
    }
    if (!valid)
        return 2;

    // Warnings stay on stderr; the per-call info lines only when asked for. Lines go through the
    // headless mode's log output either way. The simulator's own lines are not the client's: off.
    QLoggingCategory::setFilterRules(
        config.logInfo ? u"*.debug=false\nsupervisor.sim*.info=false"_s : u"*.debug=false\n*.info=false"_s);
    LogOutput::install(logFormat == u"json"_s ? LogOutput::Format::Json : LogOutput::Format::Text);

    bool ok = false;
    QJsonObject result;
    if (config.transport == u"both"_s) {
        ok = true;
        QJsonObject runs;
        for (const QString &transport : { u"websocket"_s, u"http"_s }) {
            Config one = config;
            one.transport = transport;
            bool runOk = false;
            ConcurrentCallsBench bench(one);
            runs.insert(transport, bench.run(&runOk));
            ok = ok && runOk;
        }
        result = QJsonObject { { u"benchmark"_s, u"concurrent_calls"_s }, { u"transports"_s, runs },
            { u"side_by_side"_s, sideBySide(runs) }, { u"completed"_s, ok } };
    } else {
        ConcurrentCallsBench bench(config);
        result = bench.run(&ok);
    }
    QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Compact) << '\n';
    return ok ? 0 : 1;
}

#include "bench_concurrent_calls.moc"

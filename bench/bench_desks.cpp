// Measures what attached desks cost the supervisor service and how far behind it they run (issue
// 10's benchmark, SPEC SV-3).
//
// Topology: the ARI simulator and its callers on a thread of their own (the far end, as in
// bench_concurrent_calls); the supervisor service as `ari-supervisor --no-gui` with `[service]
// listen=` runs it (ServiceSession: the core on its own thread, the models and the service on the
// main thread, the desks' sockets on a thread of their own); D desks (RemoteSupervisor, the
// attached window's models without the widgets) spread over a few desk threads or processes,
// attached over loopback WebSocket.
//
// Each run is made twice with the same seeded traffic: first with no desk attached (the service's
// CPU for call handling alone: with no desk the models change but nothing is encoded), then with
// D desks. The difference is the fan-out's CPU. Traffic: N calls placed at once or spread over
// --spread-ms (a mix of voicemail listeners, queue callers and queue agents), a stretch of
// holding, then everyone hangs up (at once, or spread likewise); the run ends when the service
// has no call left and every desk has applied every change.
//
// Prints one JSON object on standard output: latency from a change in the service (the moment it
// is sent, right after the service's model changed) to the same change applied on each desk
// (p50/p90/p99/max over every desk and change), the service's CPU with and without desks (every
// thread but the far end's and the desks'), per desk, the fan-out's share of call handling (also
// without the core's thread, whose work is the same in both passes), and the size of a change.
// Not part of the test suite.

#include "app/ServiceSession.h"
#include "core/config/SupervisorSettings.h"
#include "core/models/CallsModel.h"
#include "core/models/ConnectionStatus.h"
#include "core/models/EventLogModel.h"
#include "core/models/MailboxesModel.h"
#include "core/service/RemoteSupervisor.h"
#include "core/service/ServiceSettings.h"
#include "core/service/ServiceUsers.h"
#include "core/service/SupervisorService.h"
#include "core/service/SupervisorSnapshot.h"
#include "core/supervisor/SupervisorBackend.h"
#include "core/supervisor/SupervisorOptions.h"

#include "support/BenchMeasures.h"
#include "support/FarEnd.h"

#include <QCommandLineParser>
#include <QRegularExpression>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSet>
#include <QSettings>
#include <QSocketNotifier>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <functional>
#include <limits>
#include <memory>
#include <random>
#include <vector>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace BenchMeasures;

namespace {

constexpr QLatin1StringView s_user("bench");
constexpr QLatin1StringView s_password("bench");

struct Config
{
    int calls = 1000;
    int desks = 20;
    int deskThreads = 2;
    int deskProcesses = 0; // > 0: the desks run in that many processes of their own instead of threads
    bool batches = true; // desks ask for the changes in batches (the protocol's "changes" feature)
    int listeners = 5; // the mix, in parts
    int callers = 3;
    int agents = 2;
    double speed = 10.0;
    quint32 seed = 1;
    int holdMs = 5000;
    int spreadMs = 0; // > 0: calls arrive, and hang up, each at a random moment of this many ms
    int timeoutS = 900;
    bool baseline = true;
};

int threadId()
{
    return static_cast<int>(syscall(SYS_gettid));
}

// Runs the event loop until `done` or the deadline; false at the deadline.
bool waitUntil(const std::function<bool()> &done, QDeadlineTimer deadline)
{
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QEventLoop loop;
        QTimer::singleShot(10, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

void waitFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

double percentile(const std::vector<qint64> &sorted, double fraction)
{
    if (sorted.empty())
        return -1;
    const auto index = static_cast<std::size_t>(fraction * static_cast<double>(sorted.size() - 1) + 0.5);
    return ms(sorted.at(std::min(index, sorted.size() - 1)));
}

// The desks of one desk thread. Every member function but the constructor runs on that thread;
// the counters are read from the main thread.
class DeskFarm final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeskFarm)

public:
    struct Desk
    {
        std::unique_ptr<RemoteSupervisor> access;
        std::vector<std::pair<quint64, qint64>> applied; // change number, when (steady ns)
        std::atomic<quint64> sequence { 0 };
    };

    DeskFarm() = default;
    ~DeskFarm() override = default;

    void attach(const RemoteSupervisor::Options &options, int count)
    {
        m_threadId = threadId();
        m_desks.reserve(static_cast<std::size_t>(count));
        for (int i = 0; i < count; ++i) {
            auto desk = std::make_unique<Desk>();
            desk->access = std::make_unique<RemoteSupervisor>(options);
            Desk *raw = desk.get();
            raw->applied.reserve(1 << 16);
            connect(raw->access.get(), &RemoteSupervisor::changeApplied, this, [raw](quint64 sequence) {
                raw->applied.emplace_back(sequence, nowNs());
                raw->sequence.store(sequence, std::memory_order_relaxed);
            });
            connect(raw->access.get(), &RemoteSupervisor::attached, this, [this, raw] {
                raw->sequence.store(raw->access->sequence(), std::memory_order_relaxed);
                m_attaches.fetch_add(1, std::memory_order_relaxed);
            });
            connect(raw->access.get(), &RemoteSupervisor::detached, this,
                [this] { m_detaches.fetch_add(1, std::memory_order_relaxed); });
            raw->access->open();
            m_desks.push_back(std::move(desk));
        }
    }

    void closeAll()
    {
        for (const std::unique_ptr<Desk> &desk : m_desks)
            desk->access->close();
        m_desks.clear();
    }

    // How many desks show exactly the service's models (`service`, with its log's last rows).
    int sameAs(const QJsonObject &service, int logRows) const
    {
        int same = 0;
        for (const std::unique_ptr<Desk> &desk : m_desks)
            same += SupervisorSnapshot::capture(*desk->access, logRows) == service ? 1 : 0;
        return same;
    }

    int attaches() const { return m_attaches.load(std::memory_order_relaxed); }
    int detaches() const { return m_detaches.load(std::memory_order_relaxed); }
    int threadIdentifier() const { return m_threadId; }
    // Valid once the thread has stopped using them (after every change was applied).
    const std::vector<std::unique_ptr<Desk>> &desks() const { return m_desks; }
    quint64 lowestSequence() const
    {
        quint64 lowest = std::numeric_limits<quint64>::max();
        for (const std::unique_ptr<Desk> &desk : m_desks)
            lowest = std::min(lowest, desk->sequence.load(std::memory_order_relaxed));
        return lowest;
    }

private:
    std::vector<std::unique_ptr<Desk>> m_desks;
    std::atomic<int> m_attaches { 0 };
    std::atomic<int> m_detaches { 0 };
    int m_threadId = 0;
};

// The desks of one desk process (this program started with --desk-mode), seen from the pass. The
// child attaches its desks, says "attached", then "seq <lowest change applied>" every 20 ms; on
// "finish <file with the service's models> <log rows>" it compares every desk with them, writes
// what each desk applied and when to the samples file, says "done <same> <attaches> <detaches>"
// and exits. The steady clock is the system's, the same in both processes. It lives on the pass's
// watching thread (see DeskPass::attachDesks); what it heard is read from any thread.
class DeskProcess final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeskProcess)

public:
    DeskProcess(const QUrl &url, int count, bool batches, const QString &samplesFile)
        : m_samplesFile(samplesFile)
    {
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        connect(&m_process, &QProcess::readyReadStandardOutput, this, [this] {
            while (m_process.canReadLine()) {
                const QList<QByteArray> words = m_process.readLine().trimmed().split(' ');
                if (words.value(0) == "attached")
                    m_attached = true;
                else if (words.value(0) == "seq")
                    m_sequence = words.value(1).toULongLong();
                else if (words.value(0) == "done" && words.size() == 4) {
                    m_same = words.at(1).toInt();
                    m_attaches = words.at(2).toInt();
                    m_detaches = words.at(3).toInt();
                    m_done = true;
                }
            }
        });
        connect(&m_process, &QProcess::finished, this, [this] { m_ended = true; });
        m_process.start(QCoreApplication::applicationFilePath(),
            QStringList { u"--desk-mode"_s, u"--url"_s, url.toString(), u"--desks"_s, QString::number(count),
                u"--samples"_s, samplesFile }
                + (batches ? QStringList() : QStringList { u"--no-batches"_s }));
    }
    ~DeskProcess() override
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }

    bool attached() const { return m_attached; }
    quint64 lowestSequence() const { return m_sequence; }
    void finish(const QString &serviceModels, int logRows)
    {
        m_process.write(
            QByteArrayLiteral("finish ") + serviceModels.toUtf8() + ' ' + QByteArray::number(logRows) + '\n');
    }
    bool done() const { return m_done; }
    bool ended() const { return m_ended; }
    int same() const { return m_same; }
    int attaches() const { return m_attaches; }
    int detaches() const { return m_detaches; }
    // What each desk applied and when: change number, steady ns (pairs of 64-bit numbers).
    std::vector<std::pair<quint64, qint64>> samples() const
    {
        std::vector<std::pair<quint64, qint64>> result;
        QFile file(m_samplesFile);
        if (!file.open(QIODevice::ReadOnly))
            return result;
        const QByteArray bytes = file.readAll();
        constexpr qsizetype s_record = 2 * sizeof(qint64);
        for (qsizetype at = 0; at + s_record <= bytes.size(); at += s_record) {
            quint64 sequence = 0;
            qint64 when = 0;
            std::memcpy(&sequence, bytes.constData() + at, sizeof sequence);
            std::memcpy(&when, bytes.constData() + at + sizeof sequence, sizeof when);
            result.emplace_back(sequence, when);
        }
        return result;
    }

private:
    QProcess m_process;
    QString m_samplesFile;
    std::atomic<bool> m_attached { false };
    std::atomic<bool> m_done { false };
    std::atomic<bool> m_ended { false };
    std::atomic<quint64> m_sequence { 0 };
    std::atomic<int> m_same { -1 };
    std::atomic<int> m_attaches { 0 };
    std::atomic<int> m_detaches { 0 };
};

// --desk-mode: this process holds `count` desks (see DeskProcess).
int runDeskProcess(const QUrl &url, int count, bool batches, const QString &samplesFile)
{
    RemoteSupervisor::Options options;
    options.batchedChanges = batches;
    options.url = url;
    options.user = s_user;
    options.password = s_password;
    DeskFarm farm;
    farm.attach(options, count);
    QTextStream out(stdout);
    QTimer report;
    bool attachedSaid = false;
    QObject::connect(&report, &QTimer::timeout, &farm, [&] {
        if (!attachedSaid && farm.attaches() >= count) {
            attachedSaid = true;
            out << "attached\n";
        }
        out << "seq " << farm.lowestSequence() << '\n';
        out.flush();
    });
    report.start(20);
    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QByteArray line;
    QObject::connect(&input, &QSocketNotifier::activated, &farm, [&] {
        char buffer[4096];
        const ssize_t got = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (got <= 0) {
            QCoreApplication::exit(1); // the pass went away
            return;
        }
        line.append(buffer, got);
        if (!line.contains('\n'))
            return;
        const QList<QByteArray> words = line.trimmed().split(' ');
        if (words.value(0) != "finish" || words.size() != 3)
            return;
        input.setEnabled(false);
        report.stop();
        QFile modelsFile(QString::fromUtf8(words.at(1)));
        const QJsonObject service = modelsFile.open(QIODevice::ReadOnly)
            ? QJsonDocument::fromJson(modelsFile.readAll()).object()
            : QJsonObject();
        const int same = farm.sameAs(service, words.at(2).toInt());
        QFile samples(samplesFile);
        if (samples.open(QIODevice::WriteOnly)) {
            for (const std::unique_ptr<DeskFarm::Desk> &desk : farm.desks()) {
                for (const auto &[sequence, when] : desk->applied) {
                    samples.write(reinterpret_cast<const char *>(&sequence), sizeof sequence);
                    samples.write(reinterpret_cast<const char *>(&when), sizeof when);
                }
            }
        }
        out << "seq " << farm.lowestSequence() << '\n'
            << "done " << same << ' ' << farm.attaches() << ' ' << farm.detaches() << '\n';
        out.flush();
        farm.closeAll();
        QCoreApplication::exit(0);
    });
    return QCoreApplication::exec();
}

// One pass: a far end, a service, `desks` desks, the traffic; the figures of that pass.
class DeskPass final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeskPass)

public:
    DeskPass(const Config &config, int desks)
        : m_config(config)
        , m_deskCount(desks)
    {
    }
    ~DeskPass() override { stop(); }

    QJsonObject run(bool *ok);

private:
    bool startFarEnd(QString *error);
    bool startService(QString *error);
    bool attachDesks(QString *error);
    bool traffic(QString *error);
    double serviceCpuMs(const QMap<int, ThreadCpu> &before, const QMap<int, ThreadCpu> &after) const;
    QJsonObject latencies() const;
    quint64 lowestDeskSequence() const;
    void stop();

    Config m_config;
    int m_deskCount = 0;
    QDeadlineTimer m_deadline;
    QThread m_farThread;
    std::unique_ptr<FarEnd> m_farEnd;
    QSet<int> m_farThreads;
    QTemporaryDir m_configDir;
    std::unique_ptr<ServiceSession> m_session;
    std::vector<std::unique_ptr<QThread>> m_deskThreads;
    std::vector<std::unique_ptr<DeskFarm>> m_farms;
    // The desk processes, made, told and ended on a thread of the pass's own (their pipes and exits
    // would otherwise be polled on every turn of the service's loop, which a real service has not).
    QThread m_watchThread;
    QObject m_watcher; // on m_watchThread while it runs
    std::vector<std::unique_ptr<DeskProcess>> m_deskProcesses;
    QTemporaryDir m_samplesDir;
    QSet<int> m_deskThreadIds;
    std::vector<std::pair<quint64, qint64>> m_sent; // change number, when sent (steady ns)
    qint64 m_sentLength = 0;
    QHash<QString, int> m_dropReasons; // the service's reason for each desk it dropped, numbers left out
    int m_placed = 0;
    int m_placeFailures = 0;
    int m_started = 0;
    int m_farChannels = -1;
    QStringList m_channels;
};

bool DeskPass::startFarEnd(QString *error)
{
    const QMap<int, ThreadCpu> before = threadCpu();
    m_farEnd = std::make_unique<FarEnd>();
    m_farThread.setObjectName(u"far-end"_s);
    m_farEnd->moveToThread(&m_farThread);
    m_farThread.start();
    FarEnd::Options options;
    options.speed = m_config.speed;
    bool started = false;
    FarEnd *farEnd = m_farEnd.get();
    QMetaObject::invokeMethod(
        farEnd, [&] { started = farEnd->start(options, error); }, Qt::BlockingQueuedConnection);
    // Every thread made while the far end started is the far end's (its own, its HTTP client's).
    const QMap<int, ThreadCpu> after = threadCpu();
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        if (!before.contains(it.key()))
            m_farThreads.insert(it.key());
    }
    connect(farEnd, &FarEnd::placed, this, [this](int, const QString &channelId, int status, qint64) {
        ++m_placed;
        if (status / 100 == 2 && !channelId.isEmpty())
            m_channels.append(channelId);
        else
            ++m_placeFailures;
    });
    connect(
        farEnd, &FarEnd::countsPublished, this, [this](int channels, int, int, int, int) { m_farChannels = channels; });
    return started;
}

bool DeskPass::startService(QString *error)
{
    if (!m_configDir.isValid()) {
        *error = u"cannot create a temporary directory"_s;
        return false;
    }
    // The queue announces more often than by default, so that announcements happen in the run.
    const QString ini = m_configDir.filePath(u"ari-supervisor.ini"_s);
    {
        QSettings file(ini, QSettings::IniFormat);
        file.setValue(u"queue/announcement_interval_ms"_s, 2000);
        file.sync();
    }
    SupervisorSettings settings;
    if (!settings.load(ini, QProcessEnvironment(), {}, error))
        return false;
    settings.setServer(m_farEnd->baseUrl().toString() + u"/ari"_s, u"asterisk"_s, u"asterisk"_s);

    // What runService() in app/main.cpp uses, with the simulator's clock rate.
    SupervisorOptions options;
    options.listenApplication = settings.listenApp();
    options.logAriEvents = true;
    options.clockRate = m_config.speed;
    const QString sounds = u"/usr/share/asterisk/sounds/en"_s;
    if (QFileInfo(sounds).isDir())
        options.soundsDirectory = sounds;
    ServiceSettings service;
    service.setListen(u"127.0.0.1:0"_s, error);
    service.setLoginDelayMs(0);
    ServiceUsers users;
    users.add(s_user, ServiceUsers::Role::Supervisor, s_password, 1000);

    m_session = std::make_unique<ServiceSession>(settings, options, service, users);
    if (!m_session->start(error))
        return false;
    connect(m_session->service(), &SupervisorService::changeSent, this, [this](quint64 sequence, qsizetype length) {
        m_sent.emplace_back(sequence, nowNs());
        m_sentLength += length;
    });
    connect(m_session->service(), &SupervisorService::deskDropped, this,
        [this](const QString &, const QString &, const QString &reason) {
            // "fell behind (123 changes unacknowledged)" → "fell behind (N changes unacknowledged)"
            ++m_dropReasons[QString(reason).replace(QRegularExpression(u"[0-9]+"_s), u"N"_s)];
        });
    const CallsModel *calls = m_session->backend()->calls();
    connect(calls, &QAbstractItemModel::rowsInserted, this,
        [this](const QModelIndex &, int first, int last) { m_started += last - first + 1; });
    const MailboxesModel *boxes = m_session->backend()->mailboxes();
    const int messages = FarEnd::Options().mailboxes * FarEnd::Options().messagesPerMailbox;
    if (!waitUntil(
            [&] {
                return m_session->backend()->connectionStatus()->state() == ConnectionStatus::State::Connected
                    && boxes->messageCount() == messages;
            },
            m_deadline)) {
        *error = u"the service did not connect to the simulator and load the mailboxes"_s;
        return false;
    }
    return true;
}

bool DeskPass::attachDesks(QString *error)
{
    if (m_deskCount == 0)
        return true;
    RemoteSupervisor::Options options;
    options.url = QUrl(u"ws://127.0.0.1:%1"_s.arg(m_session->service()->port()));
    options.user = s_user;
    options.password = s_password;
    options.batchedChanges = m_config.batches;
    if (m_config.deskProcesses > 0) {
        const int processes = std::min(m_config.deskProcesses, m_deskCount);
        m_watchThread.setObjectName(u"desk-watch"_s);
        m_watcher.moveToThread(&m_watchThread);
        m_watchThread.start();
        QMetaObject::invokeMethod(
            &m_watcher,
            [&] {
                m_deskThreadIds.insert(threadId());
                for (int p = 0; p < processes; ++p) {
                    const int count = m_deskCount / processes + (p < m_deskCount % processes ? 1 : 0);
                    m_deskProcesses.push_back(std::make_unique<DeskProcess>(options.url, count, m_config.batches,
                        m_samplesDir.filePath(u"desks-%1.samples"_s.arg(p))));
                }
            },
            Qt::BlockingQueuedConnection);
        if (!waitUntil(
                [this] {
                    return std::all_of(m_deskProcesses.cbegin(), m_deskProcesses.cend(),
                        [](const std::unique_ptr<DeskProcess> &process) { return process->attached(); });
                },
                m_deadline)) {
            *error = u"the desk processes did not attach their desks"_s;
            return false;
        }
        return true;
    }
    const int threads = std::clamp(m_config.deskThreads, 1, m_deskCount);
    for (int t = 0; t < threads; ++t) {
        auto thread = std::make_unique<QThread>();
        thread->setObjectName(u"desks-%1"_s.arg(t));
        auto farm = std::make_unique<DeskFarm>();
        farm->moveToThread(thread.get());
        thread->start();
        const int count = m_deskCount / threads + (t < m_deskCount % threads ? 1 : 0);
        DeskFarm *raw = farm.get();
        QMetaObject::invokeMethod(
            raw, [raw, options, count] { raw->attach(options, count); }, Qt::BlockingQueuedConnection);
        m_deskThreadIds.insert(raw->threadIdentifier());
        m_deskThreads.push_back(std::move(thread));
        m_farms.push_back(std::move(farm));
    }
    const auto attached = [this] {
        int total = 0;
        for (const std::unique_ptr<DeskFarm> &farm : m_farms)
            total += farm->attaches();
        return total;
    };
    if (!waitUntil([&] { return attached() == m_deskCount; }, m_deadline)) {
        *error = u"%1 of %2 desks attached"_s.arg(attached()).arg(m_deskCount);
        return false;
    }
    return true;
}

bool DeskPass::traffic(QString *error)
{
    // Who calls, in a seeded random order of arrival.
    const int parts = m_config.listeners + m_config.callers + m_config.agents;
    const int listeners = m_config.calls * m_config.listeners / parts;
    const int agents = m_config.calls * m_config.agents / parts;
    std::vector<int> kinds; // 0 listener, 1 queue caller, 2 queue agent
    kinds.insert(kinds.end(), static_cast<std::size_t>(listeners), 0);
    kinds.insert(kinds.end(), static_cast<std::size_t>(agents), 2);
    kinds.insert(kinds.end(), static_cast<std::size_t>(m_config.calls - listeners - agents), 1);
    std::mt19937 random(m_config.seed);
    std::shuffle(kinds.begin(), kinds.end(), random);
    std::uniform_int_distribution<int> mailbox(0, FarEnd::Options().mailboxes - 1);
    const SupervisorSettings &settings = m_session->backend()->settings();
    QList<Placement> placements;
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        Placement placement;
        placement.index = static_cast<int>(i);
        placement.application = kinds[i] == 0 ? settings.vmPlaybackApp() : settings.queueApp();
        placement.args = kinds[i] == 0 ? FarEnd::mailboxName(mailbox(random))
            : kinds[i] == 1            ? u"caller"_s
                                       : u"agent"_s;
        placements.append(placement);
    }
    FarEnd *farEnd = m_farEnd.get();
    const int spreadMs = m_config.spreadMs;
    const quint32 seed = m_config.seed;
    QMetaObject::invokeMethod(
        farEnd, [farEnd, placements, spreadMs, seed] { farEnd->placeCalls(placements, spreadMs, seed); },
        Qt::QueuedConnection);
    if (!waitUntil(
            [&] { return m_placed == m_config.calls && m_started >= m_config.calls - m_placeFailures; }, m_deadline)
        || m_placeFailures > 0) {
        *error = u"placing the calls: %1 answered, %2 failed, %3 seen by the service"_s.arg(m_placed)
                     .arg(m_placeFailures)
                     .arg(m_started);
        return false;
    }
    waitFor(m_config.holdMs);
    const QStringList channels = m_channels;
    QMetaObject::invokeMethod(
        farEnd, [farEnd, channels, spreadMs, seed] { farEnd->hangUp(channels, spreadMs, seed + 1); },
        Qt::QueuedConnection);
    const CallsModel *calls = m_session->backend()->calls();
    if (!waitUntil([&] { return calls->rowCount() == 0 && m_farChannels == 0; }, m_deadline)) {
        *error = u"hanging up: %1 calls left in the service, %2 channels in the simulator"_s.arg(calls->rowCount())
                     .arg(m_farChannels);
        return false;
    }
    // The last changes (the end of the calls, the log) reach every desk.
    waitFor(500);
    const quint64 last = m_session->service()->sequence();
    const auto caughtUp = [&] { return lowestDeskSequence() >= last; };
    if (!waitUntil(caughtUp, m_deadline)) {
        *error = u"the desks did not apply every change"_s;
        return false;
    }
    return true;
}

quint64 DeskPass::lowestDeskSequence() const
{
    quint64 lowest = std::numeric_limits<quint64>::max();
    for (const std::unique_ptr<DeskFarm> &farm : m_farms)
        lowest = std::min(lowest, farm->lowestSequence());
    for (const std::unique_ptr<DeskProcess> &process : m_deskProcesses)
        lowest = std::min(lowest, process->lowestSequence());
    return lowest;
}

double DeskPass::serviceCpuMs(const QMap<int, ThreadCpu> &before, const QMap<int, ThreadCpu> &after) const
{
    double total = 0;
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        if (m_farThreads.contains(it.key()) || m_deskThreadIds.contains(it.key()))
            continue;
        total += it.value().cpuMs - before.value(it.key()).cpuMs;
    }
    return total;
}

QJsonObject DeskPass::latencies() const
{
    if (m_sent.empty())
        return {};
    const quint64 first = m_sent.front().first;
    std::vector<qint64> sentAt(m_sent.size(), -1);
    for (const auto &[sequence, when] : m_sent) {
        if (sequence >= first && sequence - first < sentAt.size())
            sentAt[sequence - first] = when;
    }
    std::vector<qint64> samples;
    const auto add = [&](const std::vector<std::pair<quint64, qint64>> &applied) {
        for (const auto &[sequence, when] : applied) {
            if (sequence >= first && sequence - first < sentAt.size() && sentAt[sequence - first] >= 0)
                samples.push_back(when - sentAt[sequence - first]);
        }
    };
    for (const std::unique_ptr<DeskFarm> &farm : m_farms) {
        for (const std::unique_ptr<DeskFarm::Desk> &desk : farm->desks())
            add(desk->applied);
    }
    for (const std::unique_ptr<DeskProcess> &process : m_deskProcesses)
        add(process->samples());
    std::sort(samples.begin(), samples.end());
    return QJsonObject { { u"samples"_s, static_cast<double>(samples.size()) },
        { u"p50_ms"_s, percentile(samples, 0.50) }, { u"p90_ms"_s, percentile(samples, 0.90) },
        { u"p99_ms"_s, percentile(samples, 0.99) }, { u"max_ms"_s, samples.empty() ? -1.0 : ms(samples.back()) } };
}

QJsonObject DeskPass::run(bool *ok)
{
    *ok = false;
    m_deadline = QDeadlineTimer(static_cast<qint64>(m_config.timeoutS) * 1000);
    QJsonObject result { { u"desks"_s, m_deskCount } };
    QString error;
    if (!startFarEnd(&error) || !startService(&error) || !attachDesks(&error)) {
        result.insert(u"error"_s, error);
        return result;
    }
    const QMap<int, ThreadCpu> before = threadCpu();
    const qint64 processBefore = cpuNs(CLOCK_PROCESS_CPUTIME_ID);
    const qint64 wallBefore = nowNs();
    const int mainThread = static_cast<int>(getpid());
    const bool completed = traffic(&error);
    const QMap<int, ThreadCpu> after = threadCpu();
    const qint64 wall = nowNs() - wallBefore;
    const qint64 processCpu = cpuNs(CLOCK_PROCESS_CPUTIME_ID) - processBefore;
    if (!completed)
        result.insert(u"error"_s, error);

    QJsonObject threads;
    double coreThreadMs = 0;
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        if (it.value().name == "supervisor-core"_L1 && !m_farThreads.contains(it.key()))
            coreThreadMs += it.value().cpuMs - before.value(it.key()).cpuMs;
        const QString role = m_farThreads.contains(it.key()) ? u"far end"_s
            : m_deskThreadIds.contains(it.key())             ? u"desks"_s
            : it.key() == mainThread                         ? u"service: main (models, fan-out)"_s
                                                             : u"service"_s;
        threads.insert(u"%1 %2"_s.arg(it.value().name).arg(it.key()),
            QJsonObject { { u"role"_s, role }, { u"cpu_ms"_s, it.value().cpuMs - before.value(it.key()).cpuMs } });
    }
    int attaches = 0;
    int detaches = 0;
    for (const std::unique_ptr<DeskFarm> &farm : m_farms) {
        attaches += farm->attaches();
        detaches += farm->detaches();
    }
    // Every desk ends with the service's models.
    int same = 0;
    if (completed && m_deskCount > 0) {
        const int logRows = std::min(m_session->backend()->eventLog()->rowCount(), 500);
        const QJsonObject service = SupervisorSnapshot::capture(*m_session->backend(), logRows);
        for (const std::unique_ptr<DeskFarm> &farm : m_farms) {
            DeskFarm *raw = farm.get();
            int farmSame = 0;
            QMetaObject::invokeMethod(
                raw, [&] { farmSame = raw->sameAs(service, logRows); }, Qt::BlockingQueuedConnection);
            same += farmSame;
        }
        if (!m_deskProcesses.empty()) {
            QFile models(m_samplesDir.filePath(u"service-models.json"_s));
            if (models.open(QIODevice::WriteOnly))
                models.write(QJsonDocument(service).toJson(QJsonDocument::Compact));
            models.close();
            QMetaObject::invokeMethod(
                &m_watcher,
                [&] {
                    for (const std::unique_ptr<DeskProcess> &process : m_deskProcesses)
                        process->finish(models.fileName(), logRows);
                },
                Qt::BlockingQueuedConnection);
            waitUntil(
                [this] {
                    return std::all_of(m_deskProcesses.cbegin(), m_deskProcesses.cend(),
                        [](const std::unique_ptr<DeskProcess> &process) {
                            return process->done() && process->ended();
                        });
                },
                m_deadline);
            for (const std::unique_ptr<DeskProcess> &process : m_deskProcesses)
                same += std::max(0, process->same());
        }
    }
    for (const std::unique_ptr<DeskProcess> &process : m_deskProcesses) {
        attaches += process->attaches();
        detaches += process->detaches();
    }
    if (!m_deskProcesses.empty()) {
        // The desk processes have ended: their CPU, all of it (attaching included).
        rusage children {};
        getrusage(RUSAGE_CHILDREN, &children);
        const auto msOf = [](const timeval &t) {
            return static_cast<double>(t.tv_sec) * 1000.0 + static_cast<double>(t.tv_usec) / 1000.0;
        };
        result.insert(u"desk_processes"_s, static_cast<int>(m_deskProcesses.size()));
        result.insert(u"desk_processes_cpu_ms"_s, msOf(children.ru_utime) + msOf(children.ru_stime));
    }
    const double changes = static_cast<double>(m_sent.size());
    result.insert(u"wall_ms"_s, ms(wall));
    result.insert(u"service_cpu_ms"_s, serviceCpuMs(before, after));
    result.insert(u"service_main_thread_cpu_ms"_s, after.value(mainThread).cpuMs - before.value(mainThread).cpuMs);
    result.insert(u"service_core_thread_cpu_ms"_s, coreThreadMs);
    result.insert(u"process_cpu_ms"_s, ms(processCpu));
    result.insert(u"threads"_s, threads);
    result.insert(u"calls_seen"_s, m_started);
    result.insert(u"changes_sent"_s, changes);
    result.insert(u"batches_sent"_s, static_cast<double>(m_session->service()->batchesSent()));
    result.insert(u"bytes_per_change"_s, changes > 0 ? static_cast<double>(m_sentLength) / changes : 0.0);
    result.insert(u"bytes_sent_to_desks"_s, static_cast<double>(m_sentLength) * m_deskCount);
    result.insert(u"desk_attaches"_s, attaches);
    result.insert(u"desks_dropped"_s, detaches);
    QJsonObject dropReasons;
    for (auto it = m_dropReasons.cbegin(); it != m_dropReasons.cend(); ++it)
        dropReasons.insert(it.key(), it.value());
    result.insert(u"desks_dropped_by_reason"_s, dropReasons);
    result.insert(u"desks_same_as_service"_s, same);
    if (m_deskCount > 0)
        result.insert(u"change_to_desk"_s, latencies());
    *ok = completed && (m_deskCount == 0 || (same == m_deskCount && detaches == 0));
    return result;
}

void DeskPass::stop()
{
    for (const std::unique_ptr<DeskFarm> &farm : m_farms) {
        DeskFarm *raw = farm.get();
        QMetaObject::invokeMethod(
            raw, [raw] { raw->closeAll(); }, Qt::BlockingQueuedConnection);
    }
    for (const std::unique_ptr<QThread> &thread : m_deskThreads) {
        thread->quit();
        thread->wait();
    }
    m_farms.clear();
    m_deskThreads.clear();
    if (m_watchThread.isRunning()) {
        QMetaObject::invokeMethod(
            &m_watcher,
            [this, home = thread()] {
                m_deskProcesses.clear();
                m_watcher.moveToThread(home);
            },
            Qt::BlockingQueuedConnection);
        m_watchThread.quit();
        m_watchThread.wait();
    }
    m_session.reset();
    if (m_farEnd) {
        FarEnd *farEnd = m_farEnd.get();
        QMetaObject::invokeMethod(
            farEnd,
            [farEnd, home = thread()] {
                farEnd->stop();
                farEnd->moveToThread(home);
            },
            Qt::BlockingQueuedConnection);
        m_farThread.quit();
        m_farThread.wait();
        m_farEnd.reset();
    }
}

bool parseMix(const QString &mix, Config *config)
{
    const QStringList parts = mix.split(u':');
    if (parts.size() != 3)
        return false;
    bool ok[3] = {};
    config->listeners = parts.at(0).toInt(&ok[0]);
    config->callers = parts.at(1).toInt(&ok[1]);
    config->agents = parts.at(2).toInt(&ok[2]);
    return ok[0] && ok[1] && ok[2] && config->listeners >= 0 && config->callers >= 0 && config->agents >= 0
        && config->listeners + config->callers + config->agents > 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"bench_desks"_s);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Desks attached to the supervisor service while calls run: change-to-desk latency, the "
        "service's CPU per desk, bytes per change. Prints JSON."_s);
    parser.addHelpOption();
    parser.addOptions({ { u"calls"_s, u"Calls (default 1000), placed at once unless --spread-ms."_s, u"n"_s,
                            u"1000"_s },
        { u"desks"_s, u"Desks attached (default 20)."_s, u"n"_s, u"20"_s },
        { u"desk-threads"_s, u"Threads the desks share (default 2)."_s, u"n"_s, u"2"_s },
        { u"desk-processes"_s,
            u"Run the desks in this many processes of their own instead of threads of this one (default 0: threads)."_s,
            u"n"_s, u"0"_s },
        { u"no-batches"_s, u"Desks take one change per message (the first protocol's form) instead of batches."_s },
        { u"desk-mode"_s, u"(Internal) Be one desk process of a run: --url, --desks, --samples."_s },
        { u"url"_s, u"(Internal, --desk-mode) The service's URL."_s, u"url"_s },
        { u"samples"_s, u"(Internal, --desk-mode) Where the desks' samples go."_s, u"file"_s },
        { u"mix"_s, u"Listeners:queue callers:queue agents (default 5:3:2)."_s, u"l:c:a"_s, u"5:3:2"_s },
        { u"speed"_s, u"The simulator's clock rate (default 10)."_s, u"x"_s, u"10"_s },
        { u"seed"_s, u"Seed of the callers' order (default 1)."_s, u"n"_s, u"1"_s },
        { u"hold-ms"_s, u"Wall time the calls are held before they hang up (default 5000)."_s, u"ms"_s, u"5000"_s },
        { u"spread-ms"_s,
            u"Each call arrives at a random moment of this many wall ms, and later hangs up at one "
            "(default 0: all at once, two bursts)."_s,
            u"ms"_s, u"0"_s },
        { u"timeout-s"_s, u"Gives up after this long per pass (default 900)."_s, u"s"_s, u"900"_s },
        { u"no-baseline"_s, u"Skip the pass without desks."_s } });
    parser.process(app);
    if (parser.isSet(u"desk-mode"_s)) {
        if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
            QLoggingCategory::setFilterRules(u"*.debug=false\n*.info=false"_s);
        return runDeskProcess(QUrl(parser.value(u"url"_s)), parser.value(u"desks"_s).toInt(),
            !parser.isSet(u"no-batches"_s), parser.value(u"samples"_s));
    }
    Config config;
    config.calls = parser.value(u"calls"_s).toInt();
    config.desks = parser.value(u"desks"_s).toInt();
    config.deskThreads = parser.value(u"desk-threads"_s).toInt();
    config.deskProcesses = parser.value(u"desk-processes"_s).toInt();
    config.batches = !parser.isSet(u"no-batches"_s);
    config.speed = parser.value(u"speed"_s).toDouble();
    config.seed = parser.value(u"seed"_s).toUInt();
    config.holdMs = parser.value(u"hold-ms"_s).toInt();
    config.spreadMs = parser.value(u"spread-ms"_s).toInt();
    config.timeoutS = parser.value(u"timeout-s"_s).toInt();
    config.baseline = !parser.isSet(u"no-baseline"_s);
    if (!parseMix(parser.value(u"mix"_s), &config) || config.calls < 1 || config.desks < 0 || config.deskThreads < 1
        || config.deskProcesses < 0 || config.speed <= 0 || config.timeoutS < 1 || config.spreadMs < 0) {
        QTextStream(stderr) << "bench_desks: bad arguments (see --help)\n";
        return 2;
    }
    // The service's own log at warning level: the figures are on standard output.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(u"*.debug=false\n*.info=false"_s);

    QJsonObject report { { u"calls"_s, config.calls }, { u"desks"_s, config.desks },
        { u"desk_threads"_s, config.deskProcesses > 0 ? 0 : std::min(config.deskThreads, std::max(config.desks, 1)) },
        { u"desk_processes"_s, std::min(config.deskProcesses, config.desks) }, { u"batches"_s, config.batches },
        { u"mix"_s, parser.value(u"mix"_s) }, { u"speed"_s, config.speed },
        { u"seed"_s, static_cast<double>(config.seed) }, { u"spread_ms"_s, config.spreadMs },
        { u"load_average_before"_s, loadAverage() } };
    bool ok = true;
    QJsonObject baseline;
    if (config.baseline) {
        DeskPass pass(config, 0);
        bool passOk = false;
        baseline = pass.run(&passOk);
        ok = ok && passOk;
        report.insert(u"without_desks"_s, baseline);
    }
    DeskPass pass(config, config.desks);
    bool passOk = false;
    const QJsonObject withDesks = pass.run(&passOk);
    ok = ok && passOk;
    report.insert(u"with_desks"_s, withDesks);
    if (config.baseline && config.desks > 0) {
        const double callHandling = baseline.value("service_cpu_ms"_L1).toDouble();
        const double fanOut = withDesks.value("service_cpu_ms"_L1).toDouble() - callHandling;
        report.insert(u"fan_out_cpu_ms"_s, fanOut);
        report.insert(u"fan_out_cpu_ms_per_desk"_s, fanOut / config.desks);
        report.insert(u"fan_out_share_of_call_handling"_s, callHandling > 0 ? fanOut / callHandling : -1.0);
        // The same difference without the core's thread, which does the same work in both passes
        // (the fan-out runs on the main thread and the desks' sockets' thread): its run-to-run
        // spread, often ±100 ms, is then left out of the fan-out's figure.
        const double fanOutOutsideCore = fanOut - withDesks.value("service_core_thread_cpu_ms"_L1).toDouble()
            + baseline.value("service_core_thread_cpu_ms"_L1).toDouble();
        report.insert(u"fan_out_cpu_ms_outside_core_thread"_s, fanOutOutsideCore);
        report.insert(u"fan_out_outside_core_thread_share_of_call_handling"_s,
            callHandling > 0 ? fanOutOutsideCore / callHandling : -1.0);
    }
    report.insert(u"change_to_desk"_s, withDesks.value("change_to_desk"_L1));
    report.insert(u"bytes_per_change"_s, withDesks.value("bytes_per_change"_L1));
    report.insert(u"load_average_after"_s, loadAverage());
    report.insert(u"ok"_s, ok);
    QTextStream(stdout) << QJsonDocument(report).toJson(QJsonDocument::Indented);
    return ok ? 0 : 1;
}

#include "bench_desks.moc"

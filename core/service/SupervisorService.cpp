#include "core/service/SupervisorService.h"

#include "core/models/CallsModel.h"
#include "core/models/ConnectionStatus.h"
#include "core/models/EventLogModel.h"
#include "core/queue/QueueCallAction.h"
#include "core/service/DeskConnections.h"
#include "core/service/ServiceHttpServer.h"
#include "core/service/SupervisorSnapshot.h"
#include "core/service/SupervisorWire.h"
#include "core/supervisor/SupervisorBackend.h"
#include "core/supervisor/SupervisorCore.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QMap>
#include <QSemaphore>
#include <QSslCertificate>
#include <QSslKey>
#include <QTimer>

#include <utility>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcService, "supervisor.service")

namespace {

constexpr qsizetype s_fileChunkBytes = 64 * 1024;
// A batch of changes leaves this long after its first change (the changes that follow in that time
// join it), or at once when it grows past s_batchBytes. Sending each turn of the event loop's changes
// at once made batches of one to three changes while the service kept up, and a write per desk
// for each: most of the fan-out's CPU. 50 ms rather than 10: with 20 desks the fan-out costs about
// a quarter less, and changes reach the desks within about 60 ms at p99 (SPEC SV-3 asks 100 ms;
// bench/README).
constexpr int s_batchMs = 50;
constexpr qsizetype s_batchBytes = 256 * 1024;

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

std::optional<QueueCallAction::Kind> queueKindFrom(const QString &name)
{
    for (QueueCallAction::Kind kind : { QueueCallAction::Kind::Record, QueueCallAction::Kind::Pause,
             QueueCallAction::Kind::Resume, QueueCallAction::Kind::Stop, QueueCallAction::Kind::Discard,
             QueueCallAction::Kind::EndCall, QueueCallAction::Kind::Announce }) {
        if (QueueCallAction::kindName(kind) == name)
            return kind;
    }
    return std::nullopt;
}

// A label value of the Prometheus text format.
QString label(QString value)
{
    return value.replace(u'\\', u"\\\\"_s).replace(u'"', u"\\\""_s).replace(u'\n', u"\\n"_s);
}

} // namespace

SupervisorService::SupervisorService(
    SupervisorBackend *backend, const ServiceSettings &settings, const ServiceUsers &users, QObject *parent)
    : QObject(parent)
    , m_backend(backend)
    , m_settings(settings)
    , m_users(users)
    , m_sockets(new DeskConnections(settings.deskQueueBytes(), settings.deskMaxLag()))
{
    m_batchTimer.setSingleShot(true);
    m_batchTimer.setInterval(s_batchMs);
    connect(&m_batchTimer, &QTimer::timeout, this, &SupervisorService::flushChanges);
    // Asked for on the sockets' thread and made here, from the models, while that thread waits (a
    // page is asked for every few seconds and made in a few ms; the answer then keeps HTTP's order
    // of answers on a connection). This thread never waits for that one, but in the destructor,
    // which serves the pages asked for meanwhile (see there).
    const auto madeHere = [this](ServiceHttpServer::Page (SupervisorService::*make)() const) {
        return [this, make] {
            if (m_stopping.load())
                return ServiceHttpServer::Page { 503, QByteArrayLiteral("text/plain; charset=utf-8"),
                    QByteArrayLiteral("unavailable: the service is stopping\n") };
            ServiceHttpServer::Page page;
            QMetaObject::invokeMethod(this, [&] { page = (this->*make)(); }, Qt::BlockingQueuedConnection);
            return page;
        };
    };
    m_sockets->setPages(madeHere(&SupervisorService::metricsPage), madeHere(&SupervisorService::healthPage));
    connect(m_sockets, &DeskConnections::deskConnected, this,
        [this](quint64 id, const QString &peer) {
            if (m_stopping.load())
                return;
            Desk desk;
            desk.peer = peer;
            m_desks.insert(id, desk);
        });
    connect(m_sockets, &DeskConnections::messageReceived, this, &SupervisorService::onMessage);
    connect(m_sockets, &DeskConnections::deskGone, this, &SupervisorService::onGone);
    m_socketThread.setObjectName(u"supervisor-desks"_s);
    m_sockets->moveToThread(&m_socketThread);
    m_socketThread.start();
    connect(m_backend, &SupervisorAccess::operationFinished, this, &SupervisorService::onOperationFinished);
    ConnectionStatus *status = m_backend->connectionStatus();
    connect(status, &ConnectionStatus::changed, this, [this, status, last = status->state()]() mutable {
        if (status->state() == ConnectionStatus::State::Reconnecting && last != status->state())
            ++m_reconnects;
        last = status->state();
    });
}

SupervisorService::~SupervisorService()
{
    m_backend->setChangeObserver({});
    // The sockets' side is deleted on its thread. That thread may be waiting for a page of this
    // one's meanwhile: while this one waits, it serves such pages (pages asked for from now on are
    // answered "stopping" there); whatever else that thread posted here is ignored (m_stopping).
    m_stopping.store(true);
    disconnect(m_sockets, nullptr, this, nullptr);
    QSemaphore deleted;
    QMetaObject::invokeMethod(
        m_sockets,
        [sockets = m_sockets, &deleted] {
            delete sockets;
            deleted.release();
        },
        Qt::QueuedConnection);
    while (!deleted.tryAcquire(1, 5))
        QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
    m_socketThread.quit();
    m_socketThread.wait();
}

void SupervisorService::onSockets(std::function<void(DeskConnections &)> work)
{
    if (m_stopping.load())
        return; // (the destructor deletes the sockets' side)
    QMetaObject::invokeMethod(
        m_sockets, [sockets = m_sockets, work = std::move(work)] { work(*sockets); }, Qt::QueuedConnection);
}

ServiceHttpServer::Page SupervisorService::metricsPage() const
{
    return { 200, QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8"), metricsText() };
}

ServiceHttpServer::Page SupervisorService::healthPage() const
{
    const ConnectionStatus *status = m_backend->connectionStatus();
    const bool up = status->state() == ConnectionStatus::State::Connected;
    return { up ? 200 : 503, QByteArrayLiteral("text/plain; charset=utf-8"),
        (up ? "ok: ARI " : "unavailable: ARI ") + status->stateText().toUtf8() + '\n' };
}

bool SupervisorService::start(QString *error)
{
    DeskConnections::Listener listener;
    listener.address = m_settings.address();
    listener.port = m_settings.port();
    if (m_settings.usesTls()) {
        QFile certificateFile(m_settings.tlsCertificateFile());
        QFile keyFile(m_settings.tlsKeyFile());
        if (!certificateFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
            *error = u"cannot read the service's TLS certificate or key (%1, %2)"_s.arg(
                m_settings.tlsCertificateFile(), m_settings.tlsKeyFile());
            return false;
        }
        const QSslCertificate certificate(&certificateFile, QSsl::Pem);
        const QByteArray keyBytes = keyFile.readAll();
        QSslKey key(keyBytes, QSsl::Rsa, QSsl::Pem);
        if (key.isNull())
            key = QSslKey(keyBytes, QSsl::Ec, QSsl::Pem);
        if (certificate.isNull() || key.isNull()) {
            *error = u"the service's TLS certificate or key is not PEM (%1, %2)"_s.arg(
                m_settings.tlsCertificateFile(), m_settings.tlsKeyFile());
            return false;
        }
        listener.certificate = certificate;
        listener.key = key;
    }
    QMetaObject::invokeMethod(
        m_sockets, [this, &listener] { m_port = m_sockets->listen(listener); }, Qt::BlockingQueuedConnection);
    if (m_port == 0) {
        *error = u"the supervisor service cannot listen on %1:%2"_s.arg(m_settings.address().toString())
                     .arg(m_settings.port());
        return false;
    }
    const QString url = (m_settings.usesTls() ? u"wss://"_s : u"ws://"_s) + m_settings.address().toString() + u':'
        + QString::number(m_port);
    qCInfo(lcService).noquote() << "supervisor service on" << url << "with" << m_users.size() << "user(s)";
    return true;
}

int SupervisorService::attachedDesks() const
{
    return static_cast<int>(std::count_if(
        m_desks.cbegin(), m_desks.cend(), [](const Desk &desk) { return desk.state == Desk::State::Attached; }));
}

bool SupervisorService::isAttached(quint64 id) const
{
    const auto it = m_desks.constFind(id);
    return it != m_desks.cend() && it->state == Desk::State::Attached;
}

void SupervisorService::onGone(quint64 id, const QString &reason)
{
    if (m_stopping.load())
        return;
    const Desk desk = m_desks.take(id);
    if (!desk.user.isEmpty()) {
        if (reason != "disconnected"_L1)
            ++m_deskDrops;
        qCInfo(lcService).noquote() << "desk" << desk.peer << "of" << desk.user << "gone:" << reason;
        Q_EMIT deskDropped(desk.user, desk.peer, reason);
    }
    observeChanges();
}

void SupervisorService::onMessage(quint64 id, const QJsonObject &message, const QString &problem)
{
    if (m_stopping.load())
        return;
    onSockets([id](DeskConnections &sockets) { sockets.messageHandled(id); });
    const auto it = m_desks.find(id);
    if (it == m_desks.end())
        return;
    Desk &desk = *it;
    const QString type = message.value("type"_L1).toString();
    switch (desk.state) {
    case Desk::State::Greeting:
        if (type != "hello"_L1) {
            refuse(id, u"protocol"_s, u"the first message must be hello"_s);
            return;
        }
        onHello(id, desk, message);
        return;
    case Desk::State::Attached:
        if (type == "request"_L1) {
            onRequest(id, desk, message);
            return;
        }
        qCWarning(lcService).noquote() << "desk" << desk.peer << "sent a message that is not a request:"
                                       << (problem.isEmpty() ? type : problem);
        answer(id, message.value("id"_L1), false, u"expected a request"_s);
        return;
    case Desk::State::Checking:
    case Desk::State::Closed:
        return;
    }
}

void SupervisorService::onHello(quint64 id, Desk &desk, const QJsonObject &hello)
{
    const int version = hello.value("version"_L1).toInt(-1);
    if (version != SupervisorWire::s_protocolVersion) {
        refuse(id, u"version"_s,
            u"this service speaks supervisor protocol version %1, the desk version %2: use an ari-supervisor "
            "of the same release"_s.arg(SupervisorWire::s_protocolVersion)
                .arg(version));
        return;
    }
    const QString user = hello.value("user"_L1).toString();
    const std::optional<ServiceUsers::Role> role = m_users.authenticate(user, hello.value("password"_L1).toString());
    const QString address = desk.peer.section(u':', 0, -2);
    if (!role) {
        ++m_failedLogins;
        const int delay = loginDelayFor(address);
        qCWarning(lcService).noquote() << "failed login of" << (user.isEmpty() ? u"(no user)"_s : user) << "from"
                                       << desk.peer << "- answered in" << delay << "ms";
        Q_EMIT loginFailed(user, desk.peer);
        desk.state = Desk::State::Checking;
        QTimer::singleShot(delay, this, [this, id] { refuse(id, u"auth"_s, u"wrong user or password"_s); });
        return;
    }
    m_failures.remove(address);
    // The snapshot includes every change made so far: those still waiting for the desks already
    // attached leave first, so that none reaches this desk twice.
    flushChanges();
    desk.state = Desk::State::Attached;
    desk.user = user;
    desk.role = *role;
    desk.batches = hello.value("features"_L1).toArray().contains(QJsonValue(SupervisorWire::s_featureBatches));
    QJsonArray features;
    if (desk.batches)
        features.append(SupervisorWire::s_featureBatches);
    // The names people go by are the service's (its [names]): every desk shows the same (SPEC UX-2).
    QJsonObject partyNames;
    const QHash<QString, QString> &names = m_backend->settings().partyNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        partyNames.insert(it.key(), it.value());
    const QJsonObject welcome { { u"type"_s, u"welcome"_s }, { u"version"_s, SupervisorWire::s_protocolVersion },
        { u"role"_s, ServiceUsers::roleName(*role) }, { u"supervisorEndpoint"_s, m_backend->supervisorEndpoint() },
        { u"clockRate"_s, m_backend->options().clockRate }, { u"now"_s, static_cast<double>(m_backend->now()) },
        { u"logCapacity"_s, m_backend->eventLog()->capacity() }, { u"names"_s, partyNames },
        { u"heardPercent"_s, m_backend->heardPercent() }, { u"skipMs"_s, m_backend->skipMs() },
        { u"features"_s, features }, { u"maxLag"_s, m_settings.deskMaxLag() } };
    QJsonObject snapshot = SupervisorSnapshot::capture(*m_backend, m_settings.logTail());
    snapshot.insert(u"type"_s, u"snapshot"_s);
    snapshot.insert(u"seq"_s, static_cast<double>(m_sequence));
    // In this order on the sockets' thread, after the batch flushed above: the desk takes the
    // changes that follow the snapshot, none before.
    onSockets([id, user, role = *role, batches = desk.batches, sequence = m_sequence, welcome = compact(welcome),
                  snapshot = compact(snapshot)](DeskConnections &sockets) {
        sockets.attach(id, user, role, batches, sequence);
        sockets.sendText(id, welcome);
        sockets.sendText(id, snapshot, true);
    });
    qCInfo(lcService).noquote() << "desk" << desk.peer << "attached as" << user << "("
                                << ServiceUsers::roleName(*role) << ")";
    const QString peer = desk.peer;
    observeChanges();
    Q_EMIT deskAttached(user, peer);
}

int SupervisorService::loginDelayFor(const QString &address)
{
    const int failures = ++m_failures[address];
    const qint64 delay = qint64(m_settings.loginDelayMs()) << std::min(failures - 1, 5);
    return static_cast<int>(std::min<qint64>(delay, 30000));
}

void SupervisorService::refuse(quint64 id, const QString &code, const QString &reason)
{
    const auto it = m_desks.find(id);
    if (it == m_desks.end() || it->state == Desk::State::Closed)
        return;
    it->state = Desk::State::Closed;
    onSockets([id, reason, text = compact({ { u"type"_s, u"refused"_s }, { u"code"_s, code }, { u"reason"_s, reason } })](
                  DeskConnections &sockets) { sockets.refuse(id, text, reason); });
}

// Changes are encoded only while some desk is there to read them.
void SupervisorService::observeChanges()
{
    m_batchDesks = false;
    m_singleDesks = false;
    for (const Desk &desk : std::as_const(m_desks)) {
        if (desk.state != Desk::State::Attached)
            continue;
        (desk.batches ? m_batchDesks : m_singleDesks) = true;
    }
    if (m_batchDesks || m_singleDesks) {
        m_backend->setChangeObserver(
            [this](QLatin1StringView kind, const QByteArray &arguments) { fanOut(kind, arguments); });
    } else {
        m_backend->setChangeObserver({});
    }
}

void SupervisorService::fanOut(QLatin1StringView kind, const QByteArray &args)
{
    ++m_sequence;
    ++m_changes;
    // One entry, encoded once: {"kind":…,"args":[…]} (a kind is plain ASCII, see the protocol).
    QByteArray entry;
    entry.reserve(args.size() + kind.size() + 20);
    entry.append("{\"kind\":\"").append(kind.data(), kind.size()).append("\",\"args\":").append(args).append('}');

    if (m_singleDesks) {
        // Desks without the batch feature: one message per change, as in the first protocol.
        QByteArray message;
        message.reserve(entry.size() + 40);
        message.append("{\"type\":\"change\",\"seq\":")
            .append(QByteArray::number(m_sequence))
            .append(',')
            .append(QByteArrayView(entry).sliced(1));
        m_sockets->handingOver(message.size());
        onSockets([text = QString::fromUtf8(message), bytes = message.size(), sequence = m_sequence](
                      DeskConnections &sockets) { sockets.sendChange(text, bytes, sequence); });
    }
    if (m_batchDesks) {
        if (m_batch.isEmpty()) {
            m_batchFirst = m_sequence;
            if (!m_batchTimer.isActive())
                m_batchTimer.start();
        } else {
            m_batch.append(',');
        }
        m_batch.append(entry);
        // A batch never comes near a desk's queue limit on its own (a small desk_queue_kib), nor
        // near its lag limit (a small desk_max_lag: a desk acknowledges a batch only once it has it).
        if (m_batch.size() >= std::min<qint64>(s_batchBytes, m_settings.deskQueueBytes() / 4)
            || m_sequence - m_batchFirst + 1 >= static_cast<quint64>(std::max(1, m_settings.deskMaxLag() / 4)))
            flushChanges();
    }
    Q_EMIT changeSent(m_sequence, entry.size());
}

void SupervisorService::flushChanges()
{
    m_batchTimer.stop();
    if (m_batch.isEmpty())
        return;
    ++m_batchesSent;
    // {"type":"changes","seq":<first>,"changes":[entries]}: the same bytes for every desk.
    QByteArray message;
    message.reserve(m_batch.size() + 48);
    message.append("{\"type\":\"changes\",\"seq\":")
        .append(QByteArray::number(m_batchFirst))
        .append(",\"changes\":[")
        .append(m_batch)
        .append("]}");
    m_batch.resize(0); // keeps its capacity for the next batch
    m_sockets->handingOver(message.size());
    onSockets([message, first = m_batchFirst](DeskConnections &sockets) { sockets.sendBatch(message, first); });
}

void SupervisorService::answer(
    quint64 id, const QJsonValue &requestId, bool ok, const QString &error, const QJsonObject &extra)
{
    // The changes made before the answer reach the desk before it (a deletion's answer comes
    // after the message is in the trash).
    flushChanges();
    QJsonObject result = extra;
    result.insert(u"type"_s, u"result"_s);
    result.insert(u"id"_s, requestId);
    result.insert(u"ok"_s, ok);
    if (!ok)
        result.insert(u"error"_s, error);
    onSockets([id, text = compact(result)](DeskConnections &sockets) { sockets.sendText(id, text); });
}

void SupervisorService::onRequest(quint64 deskId, const Desk &desk, const QJsonObject &request)
{
    const QJsonValue id = request.value("id"_L1);
    const QString action = request.value("action"_L1).toString();
    const QString recording = request.value("recording"_L1).toString();
    // Reading is for everyone; changing anything is for supervisors (SPEC SV-4).
    const bool reads = action == "durations"_L1 || action == "save"_L1;
    if (!reads && desk.role != ServiceUsers::Role::Supervisor) {
        ++m_refusedActions;
        qCWarning(lcService).noquote() << "refused" << action << "of" << desk.user << "from" << desk.peer
                                       << "(role viewer)";
        Q_EMIT actionRefused(desk.user, action);
        answer(deskId, id, false, u"%1 is read-only: %2 refused"_s.arg(desk.user, action),
            { { u"code"_s, u"forbidden"_s } });
        return;
    }
    if (action == "listen"_L1 && !recording.isEmpty())
        m_backend->listen(recording);
    else if (action == "listen.pause"_L1)
        m_backend->listenTogglePause();
    else if (action == "listen.forward"_L1)
        m_backend->listenForward();
    else if (action == "listen.back"_L1)
        m_backend->listenReverse();
    else if (action == "listen.restart"_L1)
        m_backend->listenRestart();
    else if (action == "listen.stop"_L1)
        m_backend->listenStop();
    else if (action == "heard"_L1 && !recording.isEmpty()) {
        qCInfo(lcService).noquote() << desk.user << "heard" << recording << "on the desk";
        m_backend->markHeard(recording);
    } else if (action == "durations"_L1)
        m_backend->requestDurations(SupervisorWire::stringListFrom(request.value("recordings"_L1)));
    else if (action == "queue"_L1) {
        const std::optional<QueueCallAction::Kind> kind = queueKindFrom(request.value("kind"_L1).toString());
        const QString bridge = request.value("bridge"_L1).toString();
        if (!kind || bridge.isEmpty()) {
            answer(deskId, id, false,
                u"queue needs a bridge and a kind (record, pause, resume, stop, discard, "
                "end-call, announce)"_s);
            return;
        }
        qCInfo(lcService).noquote() << desk.user << "triggers" << QueueCallAction::kindName(*kind) << "on" << bridge;
        m_backend->queueAction(bridge, *kind);
    } else if (action == "monitor"_L1) {
        const std::optional<QueueMonitorMode> mode = queueMonitorModeFrom(request.value("mode"_L1).toString());
        const QString bridge = request.value("bridge"_L1).toString();
        if (!mode || bridge.isEmpty()) {
            answer(deskId, id, false, u"monitor needs a bridge and a mode (listen, whisper, barge)"_s);
            return;
        }
        qCInfo(lcService).noquote() << desk.user << "asks to" << queueMonitorModeName(*mode) << "on" << bridge;
        m_pendingMonitors.append({ deskId, id });
        m_backend->monitorCallAs(bridge, *mode, desk.user);
        return; // answered when the phone is on its way into the call (or why not)
    } else if (action == "monitor.stop"_L1) {
        qCInfo(lcService).noquote() << desk.user << "asks the supervisor's phone to leave its call";
        m_backend->monitorCallAs({}, QueueMonitorMode::None, desk.user);
    } else if (action == "delete"_L1 && !recording.isEmpty()) {
        qCInfo(lcService).noquote() << desk.user << "deletes" << recording;
        m_pendingDeletes[recording].append({ deskId, id });
        m_backend->deleteRecording(recording);
        return; // answered when the deletion is done
    } else if (action == "restore"_L1 && !recording.isEmpty()) {
        qCInfo(lcService).noquote() << desk.user << "restores" << recording;
        m_pendingDeletes[u"restore:"_s + recording].append({ deskId, id });
        m_backend->restoreRecording(recording);
        return; // answered when the message is back (or why not)
    } else if (action == "save"_L1 && !recording.isEmpty()) {
        m_backend->fetchRecording(recording,
            [this, deskId, id](bool ok, const QString &filePath, const QString &error) {
                sendSave(deskId, id, ok, filePath, error);
            });
        return;
    } else {
        answer(deskId, id, false, u"unknown action \"%1\" or missing argument"_s.arg(action));
        return;
    }
    answer(deskId, id, true, {});
}

void SupervisorService::sendSave(
    quint64 deskId, const QJsonValue &id, bool ok, const QString &filePath, const QString &error)
{
    auto file = std::make_shared<QFile>(filePath);
    const bool opened = ok && file->open(QIODevice::ReadOnly);
    // The name goes at once; the open file stays readable until it is closed.
    if (ok)
        QFile::remove(filePath);
    if (!isAttached(deskId))
        return;
    if (!ok || !opened) {
        answer(deskId, id, false, ok ? u"cannot read the fetched recording: %1"_s.arg(file->errorString()) : error);
        return;
    }
    // The file follows its result as binary frames, nothing between them, read as the desk takes it
    // on the sockets' thread.
    const qint64 size = file->size();
    answer(deskId, id, true, {}, { { u"size"_s, static_cast<double>(size) } });
    file->moveToThread(&m_socketThread);
    onSockets([deskId, file = std::shared_ptr<QIODevice>(std::move(file)), size](DeskConnections &sockets) mutable {
        sockets.sendFile(deskId, std::move(file), size, s_fileChunkBytes);
    });
}

void SupervisorService::onOperationFinished(
    const QString &operation, const QString &subject, bool ok, const QString &message)
{
    QList<Pending> waiting;
    if (operation == "monitor"_L1)
        waiting = std::exchange(m_pendingMonitors, {}); // one phone: its outcome answers every request so far
    else if (operation == "delete"_L1 || operation == "restore"_L1)
        waiting = m_pendingDeletes.take(operation == "restore"_L1 ? u"restore:"_s + subject : subject);
    for (const Pending &pending : waiting) {
        if (isAttached(pending.desk))
            answer(pending.desk, pending.id, ok, message);
    }
}

QByteArray SupervisorService::metricsText() const
{
    QString text;
    const auto metric = [&text](const char *name, const char *type, const char *help) {
        text += u"# HELP %1 %2\n# TYPE %1 %3\n"_s.arg(
            QLatin1StringView(name), QLatin1StringView(help), QLatin1StringView(type));
    };
    metric("ari_supervisor_calls", "gauge", "Live calls by Stasis application and state.");
    QMap<std::pair<QString, QString>, int> calls; // sorted, so that the output is stable
    const CallsModel *rows = m_backend->calls();
    for (int row = 0; row < rows->rowCount(); ++row) {
        const CallInfo call = rows->call(row);
        ++calls[{ call.application, call.state }];
    }
    for (auto it = calls.cbegin(); it != calls.cend(); ++it) {
        text += u"ari_supervisor_calls{application=\"%1\",state=\"%2\"} %3\n"_s
                    .arg(label(it.key().first), label(it.key().second))
                    .arg(it.value());
    }
    const auto value = [&text, &metric](const char *name, const char *type, const char *help, double number) {
        metric(name, type, help);
        text += QLatin1StringView(name) + u' ' + QString::number(number, 'g', 17) + u'\n';
    };
    const SupervisorCore *core = m_backend->core();
    value("ari_supervisor_ari_events_total", "counter", "ARI events received (rate: events per second).",
        static_cast<double>(core->eventCount()));
    value("ari_supervisor_ari_connected", "gauge", "1 while the ARI event socket is connected.",
        m_backend->connectionStatus()->state() == ConnectionStatus::State::Connected ? 1 : 0);
    text += core->restLatency().prometheusText("ari_rest_request_duration_seconds"_L1);
    value("ari_supervisor_ari_reconnects_total", "counter", "Times the ARI connection was lost and retried.",
        static_cast<double>(m_reconnects));
    value("ari_supervisor_desks_attached", "gauge", "Desks attached to the supervisor service.", attachedDesks());
    value("ari_supervisor_desks_dropped_total", "counter", "Desks dropped (fell behind or misbehaved).",
        static_cast<double>(m_deskDrops));
    value("ari_supervisor_logins_failed_total", "counter", "Failed desk logins.", static_cast<double>(m_failedLogins));
    value("ari_supervisor_actions_refused_total", "counter", "Actions refused to read-only desks.",
        static_cast<double>(m_refusedActions));
    value("ari_supervisor_changes_sent_total", "counter", "Model changes fanned out to desks.",
        static_cast<double>(m_changes));
    value("ari_supervisor_change_bytes_total", "counter", "Bytes of changes sent, summed over desks.",
        static_cast<double>(m_sockets->bytesSent()));
    value("ari_supervisor_desk_acks_total", "counter", "Acknowledgements of changes received from desks.",
        static_cast<double>(m_sockets->acknowledgements()));
    value("ari_supervisor_change_batches_total", "counter",
        "Batches of changes sent to the desks that take batches (each batch goes to all of them).",
        static_cast<double>(m_batchesSent));
    return text.toUtf8();
}

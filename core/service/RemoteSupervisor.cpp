#include "core/service/RemoteSupervisor.h"

#include "core/models/CallsModel.h"
#include "core/models/ConnectionStatus.h"
#include "core/models/DeletedMessagesModel.h"
#include "core/models/EventLogModel.h"
#include "core/models/MailboxesModel.h"
#include "core/models/PlaybacksModel.h"
#include "core/models/QueueAgentsModel.h"
#include "core/models/QueueCallersModel.h"
#include "core/models/QueuePairsModel.h"
#include "core/service/SupervisorWire.h"
#include "core/supervisor/SupervisorCore.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPointer>
#include <QSaveFile>
#include <QSslConfiguration>
#include <QWebSocket>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;
using namespace SupervisorWire;

Q_LOGGING_CATEGORY(lcDesk, "supervisor.desk")

RemoteSupervisor::RemoteSupervisor(const Options &options, QObject *parent)
    : SupervisorAccess(SupervisorCore::makeClock(1.0), parent)
    , m_options(options)
    , m_retryMs(options.firstRetryMs)
    , m_mirror({ connectionStatus(), eventLog(), playbacks(), calls(), mailboxes(), queueAgents(), queueCallers(),
                   queuePairs(), deletedMessages() },
          [this](const ListenStatus &status) { setListenStatus(status); })
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &RemoteSupervisor::connectNow);
    connect(&m_heartbeat, &QTimer::timeout, this, &RemoteSupervisor::onHeartbeat);
    connectionStatus()->setServer(m_options.url.toString(QUrl::RemoveUserInfo));
    setAvailable(false, tr("Not attached to the service at %1").arg(m_options.url.toString(QUrl::RemoveUserInfo)));
}

RemoteSupervisor::~RemoteSupervisor()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void RemoteSupervisor::setState(State state, const QString &text)
{
    m_state = state;
    setAvailable(state == State::Attached, text);
}

void RemoteSupervisor::open()
{
    if (m_state == State::Connecting || m_state == State::Attached)
        return;
    m_retry.stop(); // (a retry due later would replace this connection)
    m_retryMs = m_options.firstRetryMs;
    connectNow();
}

void RemoteSupervisor::close()
{
    m_retry.stop();
    m_heartbeat.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->close();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    failPending(tr("detached"));
    setState(State::Idle, tr("Detached from the service"));
}

void RemoteSupervisor::connectNow()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket->setMaxAllowedIncomingMessageSize(256 * 1024 * 1024);
    if (m_options.url.scheme() == "wss"_L1) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        if (!m_options.caFile.isEmpty())
            tls.addCaCertificates(m_options.caFile);
        if (m_options.insecureTls)
            tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        m_socket->setSslConfiguration(tls);
    }
    connect(m_socket, &QWebSocket::connected, this, [this] {
        noteSignOfLife();
        const int version = m_options.protocolVersion > 0 ? m_options.protocolVersion : s_protocolVersion;
        QJsonObject hello { { u"type"_s, u"hello"_s }, { u"version"_s, version }, { u"user"_s, m_options.user },
            { u"password"_s, m_options.password } };
        if (m_options.batchedChanges)
            hello.insert(u"features"_s, QJsonArray { SupervisorWire::s_featureBatches });
        m_socket->sendTextMessage(QString::fromUtf8(QJsonDocument(hello).toJson(QJsonDocument::Compact)));
    });
    connect(m_socket, &QWebSocket::textMessageReceived, this, &RemoteSupervisor::onText);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &RemoteSupervisor::onBinary);
    // Any frame counts, not only whole messages: a large snapshot arrives in many frames, and the
    // pong to a ping sent meanwhile only after all of them.
    connect(m_socket, &QWebSocket::textFrameReceived, this, &RemoteSupervisor::noteSignOfLife);
    connect(m_socket, &QWebSocket::binaryFrameReceived, this, &RemoteSupervisor::noteSignOfLife);
    connect(m_socket, &QWebSocket::pong, this, &RemoteSupervisor::noteSignOfLife);
    connect(m_socket, &QWebSocket::disconnected, this, &RemoteSupervisor::onDisconnected);
    connect(m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        QStringList reasons;
        for (const QSslError &error : errors)
            reasons.append(error.errorString());
        qCWarning(lcDesk).noquote() << "TLS:" << reasons.join(u"; "_s);
        connectionStatus()->setLastError(tr("Service TLS: %1").arg(reasons.join(u"; "_s)));
    });
    m_snapshotSeen = false;
    m_lostReason.clear();
    setState(
        State::Connecting, tr("Connecting to the service at %1…").arg(m_options.url.toString(QUrl::RemoveUserInfo)));
    noteSignOfLife();
    if (m_options.heartbeatMs > 0) {
        m_heartbeat.start(m_options.heartbeatMs);
        m_sinceBeat.start();
    }
    m_socket->open(m_options.url);
}

bool RemoteSupervisor::silentTooLong() const
{
    return m_sinceSignOfLife.elapsed() >= 2 * qint64(m_options.heartbeatMs);
}

void RemoteSupervisor::onHeartbeat()
{
    if (!m_socket)
        return;
    // A beat much later than due: this thread was busy (a large snapshot, a stalled machine), and
    // what the service sent meanwhile is not read yet: no verdict on this one.
    const bool late = m_sinceBeat.restart() > qint64(m_options.heartbeatMs) * 3 / 2;
    if (late || !silentTooLong()) {
        if (m_socket->state() == QAbstractSocket::ConnectedState)
            m_socket->ping();
        return;
    }
    // Silent for two beats: the host is gone without closing (no FIN ever comes), or the service
    // hangs. The verdict waits for the event loop's next turn, so that what already arrived (a
    // pong ready at the same moment as this beat) is read first.
    QMetaObject::invokeMethod(
        this,
        [this, socket = QPointer<QWebSocket>(m_socket)] {
            if (!socket || socket != m_socket || !silentTooLong())
                return;
            // Ending the connection starts the usual path: views greyed, pending requests failed,
            // re-attach with backoff.
            m_heartbeat.stop();
            m_lostReason = tr("no answer from the service for %1 s").arg(2 * m_options.heartbeatMs / 1000.0);
            qCWarning(lcDesk).noquote() << "connection to" << m_options.url.toString(QUrl::RemoveUserInfo)
                                        << "lost:" << m_lostReason;
            m_socket->abort();
        },
        Qt::QueuedConnection);
}

void RemoteSupervisor::onDisconnected()
{
    m_heartbeat.stop();
    const QString reason = !m_lostReason.isEmpty() ? m_lostReason : m_socket ? m_socket->errorString() : QString();
    failPending(tr("the service went away"));
    finishDownload(false, tr("the service went away"));
    if (m_state == State::Refused || m_state == State::Idle)
        return;
    Q_EMIT detached(reason);
    setState(State::Waiting, tr("Service lost (%1) — reconnecting…").arg(reason));
    m_retry.start(m_retryMs);
    m_retryMs = std::min(m_retryMs * 2, m_options.maxRetryMs);
}

void RemoteSupervisor::onText(const QString &text)
{
    QJsonParseError error;
    const QJsonObject message = QJsonDocument::fromJson(text.toUtf8(), &error).object();
    const QString type = message.value("type"_L1).toString();
    if (type == "change"_L1) {
        applyChange(message);
    } else if (type == "changes"_L1) {
        applyChanges(message);
    } else if (type == "result"_L1) {
        const auto pending = m_pending.take(integerFrom(message.value("id"_L1)));
        const bool ok = message.value("ok"_L1).toBool();
        if (!ok)
            qCWarning(lcDesk).noquote() << pending.first
                                        << "refused by the service:" << message.value("error"_L1).toString();
        if (pending.second)
            pending.second(message);
        Q_EMIT requestAnswered(pending.first, ok, message.value("error"_L1).toString());
    } else if (type == "welcome"_L1) {
        onWelcome(message);
    } else if (type == "snapshot"_L1) {
        applySnapshot(message);
    } else if (type == "refused"_L1) {
        const QString code = message.value("code"_L1).toString();
        const QString reason = message.value("reason"_L1).toString();
        qCWarning(lcDesk).noquote() << "the service refused this desk:" << reason;
        m_retry.stop();
        m_heartbeat.stop();
        setState(State::Refused, tr("Refused by the service: %1").arg(reason));
        Q_EMIT refused(code, reason);
    } else {
        qCWarning(lcDesk).noquote() << "unexpected message from the service:"
                                    << (error.error != QJsonParseError::NoError ? error.errorString() : type);
    }
}

void RemoteSupervisor::onWelcome(const QJsonObject &welcome)
{
    m_role = welcome.value("role"_L1).toString();
    m_batches = welcome.value("features"_L1).toArray().contains(QJsonValue(SupervisorWire::s_featureBatches));
    m_endpoint = welcome.value("supervisorEndpoint"_L1).toString();
    // A service that does not say: only a message played to its end is heard.
    m_heardPercent = std::clamp(welcome.value("heardPercent"_L1).toInt(100), 1, 100);
    // A service that does not say: the default of `[voicemail] skip_ms`, within its bounds.
    m_skipMs = std::clamp(welcome.value("skipMs"_L1).toInt(5000), 1, 600 * 1000);
    // Acknowledgements as often as the service counts on, and no more (each one wakes it).
    m_ackEvery = acknowledgementInterval(integerFrom(welcome.value("maxLag"_L1)));
    // Playback positions are anchored on the service's clock: run the same one here.
    double rate = welcome.value("clockRate"_L1).toDouble(1.0);
    if (!std::isfinite(rate) || rate <= 0 || rate > 1000)
        rate = 1.0; // not a clock rate a service runs at

    const Clock local = SupervisorCore::makeClock(rate);
    const qint64 offset = integerFrom(welcome.value("now"_L1)) - local();
    setClock([local, offset] { return local() + offset; });
    eventLog()->setCapacity(welcome.value("logCapacity"_L1).toInt(EventLogModel::s_defaultCapacity));
    QHash<QString, QString> names;
    const QJsonObject partyNames = welcome.value("names"_L1).toObject();
    for (auto it = partyNames.constBegin(); it != partyNames.constEnd(); ++it) {
        if (it.value().isString() && !it.value().toString().isEmpty())
            names.insert(it.key(), it.value().toString());
    }
    setPartyNames(PartyNames(std::move(names)));
    setCanAct(m_role == "supervisor"_L1);
}

void RemoteSupervisor::applySnapshot(const QJsonObject &snapshot)
{
    clearModels();
    m_mirror.applySnapshot(snapshot);
    m_sequence = static_cast<quint64>(std::max<qint64>(0, integerFrom(snapshot.value("seq"_L1))));
    m_snapshotSeen = true;
    m_retryMs = m_options.firstRetryMs;
    ++m_attachCount;
    setState(State::Attached, {});
    qCInfo(lcDesk).noquote() << "attached to" << m_options.url.toString(QUrl::RemoveUserInfo) << "as" << m_role;
    Q_EMIT attached();
}

void RemoteSupervisor::applyChange(const QJsonObject &change)
{
    const quint64 sequence = static_cast<quint64>(std::max<qint64>(0, integerFrom(change.value("seq"_L1))));
    if (!m_snapshotSeen || sequence != m_sequence + 1) {
        // A gap: the models can no longer be trusted. Start again from a snapshot.
        qCWarning(lcDesk) << "change" << sequence << "after" << m_sequence << "- re-attaching";
        if (m_socket)
            m_socket->abort();
        return;
    }
    const quint64 before = m_sequence;
    m_sequence = sequence;
    acknowledge(before);
    if (!m_mirror.applyChange(change.value("kind"_L1).toString(), change.value("args"_L1).toArray())) {
        qCWarning(lcDesk).noquote() << "unknown change" << change.value("kind"_L1).toString() << "ignored";
        return;
    }
    Q_EMIT changeApplied(sequence);
}

void RemoteSupervisor::applyChanges(const QJsonObject &batch)
{
    // The changes numbered seq, seq + 1, … in the order listed.
    const quint64 first = static_cast<quint64>(std::max<qint64>(0, integerFrom(batch.value("seq"_L1))));
    if (!m_snapshotSeen || first != m_sequence + 1) {
        qCWarning(lcDesk) << "changes from" << first << "after" << m_sequence << "- re-attaching";
        if (m_socket)
            m_socket->abort();
        return;
    }
    const QJsonArray changes = batch.value("changes"_L1).toArray();
    const quint64 before = m_sequence;
    m_sequence += static_cast<quint64>(changes.size());
    acknowledge(before);
    quint64 sequence = before;
    for (const QJsonValue &item : changes) {
        ++sequence;
        const QJsonObject change = item.toObject();
        if (!m_mirror.applyChange(change.value("kind"_L1).toString(), change.value("args"_L1).toArray())) {
            qCWarning(lcDesk).noquote() << "unknown change" << change.value("kind"_L1).toString() << "ignored";
            continue;
        }
        Q_EMIT changeApplied(sequence);
    }
}

void RemoteSupervisor::acknowledge(quint64 before)
{
    // The service bounds how far behind a desk may fall by these acknowledgements: one each time
    // the number of changes applied passes a multiple of m_ackEvery.
    if (m_sequence / m_ackEvery == before / m_ackEvery || !m_socket)
        return;
    m_socket->sendTextMessage(QString::fromUtf8(
        QJsonDocument(QJsonObject { { u"type"_s, u"ack"_s }, { u"seq"_s, static_cast<double>(m_sequence) } })
            .toJson(QJsonDocument::Compact)));
}

void RemoteSupervisor::request(const QString &action, QJsonObject arguments, Handler handler)
{
    if (m_state != State::Attached || !m_socket) {
        if (handler)
            handler(QJsonObject { { u"ok"_s, false }, { u"error"_s, tr("not attached to the service") } });
        return;
    }
    const qint64 id = m_nextId++;
    arguments.insert(u"type"_s, u"request"_s);
    arguments.insert(u"id"_s, static_cast<double>(id));
    arguments.insert(u"action"_s, action);
    m_pending.insert(id, { action, std::move(handler) });
    m_socket->sendTextMessage(QString::fromUtf8(QJsonDocument(arguments).toJson(QJsonDocument::Compact)));
}

void RemoteSupervisor::failPending(const QString &error)
{
    const auto pending = std::exchange(m_pending, {});
    for (const auto &entry : pending) {
        if (entry.second)
            entry.second(QJsonObject { { u"ok"_s, false }, { u"error"_s, error } });
    }
}

void RemoteSupervisor::listen(const QString &recordingName)
{
    request(u"listen"_s, { { u"recording"_s, recordingName } });
}

void RemoteSupervisor::listenTogglePause()
{
    request(u"listen.pause"_s, {});
}

void RemoteSupervisor::listenForward()
{
    request(u"listen.forward"_s, {});
}

void RemoteSupervisor::listenReverse()
{
    request(u"listen.back"_s, {});
}

void RemoteSupervisor::listenRestart()
{
    request(u"listen.restart"_s, {});
}

void RemoteSupervisor::listenStop()
{
    request(u"listen.stop"_s, {});
}

void RemoteSupervisor::deleteRecording(const QString &recordingName)
{
    request(u"delete"_s, { { u"recording"_s, recordingName } }, [this, recordingName](const QJsonObject &result) {
        Q_EMIT operationFinished(
            u"delete"_s, recordingName, result.value("ok"_L1).toBool(), result.value("error"_L1).toString());
    });
}

void RemoteSupervisor::restoreRecording(const QString &trashName)
{
    request(u"restore"_s, { { u"recording"_s, trashName } }, [this, trashName](const QJsonObject &result) {
        Q_EMIT operationFinished(
            u"restore"_s, trashName, result.value("ok"_L1).toBool(), result.value("error"_L1).toString());
    });
}

void RemoteSupervisor::saveRecording(const QString &recordingName, const QString &filePath)
{
    download(u"save"_s, recordingName, filePath);
}

void RemoteSupervisor::downloadRecording(const QString &recordingName, const QString &filePath)
{
    download(u"download"_s, recordingName, filePath);
}

void RemoteSupervisor::markHeard(const QString &recordingName)
{
    request(u"heard"_s, { { u"recording"_s, recordingName } });
}

void RemoteSupervisor::download(const QString &operation, const QString &recordingName, const QString &filePath)
{
    // A save is named by its message; a download by its file (see SupervisorAccess).
    const QString subject = operation == u"download" ? filePath : recordingName;
    request(u"save"_s, { { u"recording"_s, recordingName } },
        [this, operation, subject, filePath](const QJsonObject &result) {
            if (!result.value("ok"_L1).toBool()) {
                Q_EMIT operationFinished(operation, subject, false, result.value("error"_L1).toString());
                return;
            }
            finishDownload(false, tr("another save began")); // (the protocol has one at a time)
            m_download = { operation, subject, filePath, integerFrom(result.value("size"_L1)), 0,
                std::make_shared<QSaveFile>(filePath), {} };
            if (!m_download.file->open(QIODevice::WriteOnly))
                m_download.error = tr("cannot write %1: %2").arg(filePath, m_download.file->errorString());
            if (m_download.size <= 0)
                finishDownload(true, {});
        });
}

void RemoteSupervisor::onBinary(const QByteArray &bytes)
{
    if (m_download.size < 0 && m_batches) {
        // No file is coming: a batch of changes (UTF-8 JSON).
        QJsonParseError error;
        const QJsonObject message = QJsonDocument::fromJson(bytes, &error).object();
        if (message.value("type"_L1).toString() == "changes"_L1)
            applyChanges(message);
        else
            qCWarning(lcDesk).noquote() << "unexpected binary message from the service:"
                                        << (error.error != QJsonParseError::NoError
                                                   ? error.errorString()
                                                   : message.value("type"_L1).toString());
        return;
    }
    if (m_download.size < 0) {
        qCWarning(lcDesk) << "file data from the service with no download in progress ignored";
        return;
    }
    m_download.received += bytes.size();
    if (m_download.received > m_download.size) {
        finishDownload(false, tr("the service sent more than the %1 bytes it announced").arg(m_download.size));
        return;
    }
    if (m_download.error.isEmpty() && m_download.file->write(bytes) != bytes.size())
        m_download.error = tr("cannot write %1: %2").arg(m_download.filePath, m_download.file->errorString());
    if (m_download.received == m_download.size)
        finishDownload(true, {});
}

void RemoteSupervisor::finishDownload(bool ok, const QString &error)
{
    if (m_download.size < 0)
        return;
    const Download download = std::exchange(m_download, {});
    // Not committed, the file is discarded: nothing half written appears, what was there stays.
    if (!ok || !download.error.isEmpty()) {
        Q_EMIT operationFinished(download.operation, download.subject, false, ok ? download.error : error);
        return;
    }
    if (!download.file->commit()) {
        Q_EMIT operationFinished(download.operation, download.subject, false,
            tr("cannot write %1: %2").arg(download.filePath, download.file->errorString()));
        return;
    }
    Q_EMIT operationFinished(download.operation, download.subject, true, download.filePath);
}

void RemoteSupervisor::requestDurations(const QStringList &recordingNames)
{
    if (!recordingNames.isEmpty())
        request(u"durations"_s, { { u"recordings"_s, QJsonArray::fromStringList(recordingNames) } });
}

void RemoteSupervisor::queueAction(const QString &bridgeId, QueueCallAction::Kind kind)
{
    request(u"queue"_s, { { u"bridge"_s, bridgeId }, { u"kind"_s, QueueCallAction::kindName(kind) } });
}

void RemoteSupervisor::monitorCall(const QString &bridgeId, QueueMonitorMode mode)
{
    const auto done = [this, bridgeId](const QJsonObject &result) {
        if (!result.value("ok"_L1).toBool())
            Q_EMIT operationFinished(u"monitor"_s, bridgeId, false, result.value("error"_L1).toString());
    };
    if (mode == QueueMonitorMode::None)
        request(u"monitor.stop"_s, {}, done);
    else
        request(u"monitor"_s, { { u"bridge"_s, bridgeId }, { u"mode"_s, queueMonitorModeName(mode) } }, done);
}

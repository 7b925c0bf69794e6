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
#include <QSaveFile>
#include <QSslConfiguration>
#include <QWebSocket>

using namespace Qt::StringLiterals;
using namespace SupervisorWire;

Q_LOGGING_CATEGORY(lcDesk, "supervisor.desk")

namespace {
constexpr quint64 s_ackEvery = 32; // changes
} // namespace

RemoteSupervisor::RemoteSupervisor(const Options &options, QObject *parent)
    : SupervisorAccess(SupervisorCore::makeClock(1.0), parent)
    , m_options(options)
    , m_retryMs(options.firstRetryMs)
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &RemoteSupervisor::connectNow);
    connectionStatus()->setServer(m_options.url.toString(QUrl::RemoveUserInfo));
    registerChanges();
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
    m_retryMs = m_options.firstRetryMs;
    connectNow();
}

void RemoteSupervisor::close()
{
    m_retry.stop();
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
        const int version = m_options.protocolVersion > 0 ? m_options.protocolVersion : s_protocolVersion;
        const QJsonObject hello { { u"type"_s, u"hello"_s }, { u"version"_s, version }, { u"user"_s, m_options.user },
            { u"password"_s, m_options.password } };
        m_socket->sendTextMessage(QString::fromUtf8(QJsonDocument(hello).toJson(QJsonDocument::Compact)));
    });
    connect(m_socket, &QWebSocket::textMessageReceived, this, &RemoteSupervisor::onText);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &RemoteSupervisor::onBinary);
    connect(m_socket, &QWebSocket::disconnected, this, &RemoteSupervisor::onDisconnected);
    connect(m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        QStringList reasons;
        for (const QSslError &error : errors)
            reasons.append(error.errorString());
        qCWarning(lcDesk).noquote() << "TLS:" << reasons.join(u"; "_s);
        connectionStatus()->setLastError(tr("Service TLS: %1").arg(reasons.join(u"; "_s)));
    });
    m_snapshotSeen = false;
    setState(
        State::Connecting, tr("Connecting to the service at %1…").arg(m_options.url.toString(QUrl::RemoveUserInfo)));
    m_socket->open(m_options.url);
}

void RemoteSupervisor::onDisconnected()
{
    const QString reason = m_socket ? m_socket->errorString() : QString();
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
    } else if (type == "result"_L1) {
        const auto pending = m_pending.take(static_cast<qint64>(message.value("id"_L1).toDouble()));
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
    m_endpoint = welcome.value("supervisorEndpoint"_L1).toString();
    // Playback positions are anchored on the service's clock: run the same one here.
    const double rate = welcome.value("clockRate"_L1).toDouble(1.0);
    const Clock local = SupervisorCore::makeClock(rate);
    const qint64 offset = static_cast<qint64>(welcome.value("now"_L1).toDouble()) - local();
    setClock([local, offset] { return local() + offset; });
    eventLog()->setCapacity(welcome.value("logCapacity"_L1).toInt(EventLogModel::s_defaultCapacity));
    setCanAct(m_role == "supervisor"_L1);
}

void RemoteSupervisor::applySnapshot(const QJsonObject &snapshot)
{
    clearModels();
    const QJsonObject connection = snapshot.value("connection"_L1).toObject();
    ConnectionStatus *status = connectionStatus();
    status->setServer(connection.value("server"_L1).toString());
    status->setState(connectionStateFrom(connection.value("state"_L1)));
    status->setAsteriskVersion(connection.value("version"_L1).toString());
    status->setLastError(connection.value("error"_L1).toString());

    MailboxesModel *boxes = mailboxes();
    for (const QJsonValue &box : snapshot.value("mailboxes"_L1).toArray()) {
        const QJsonObject mailbox = box.toObject();
        boxes->addMailbox(mailbox.value("name"_L1).toString());
        int row = 0;
        for (const QJsonValue &item : mailbox.value("messages"_L1).toArray()) {
            const QJsonObject entry = item.toObject();
            const VoicemailMessage message = messageFrom(entry.value("message"_L1));
            const qint64 durationMs = static_cast<qint64>(entry.value("durationMs"_L1).toDouble(-1));
            boxes->addMessage(message, row++);
            if (durationMs >= 0 && !message.durationSeconds)
                boxes->setDuration(message.name, durationMs);
        }
    }
    for (const QJsonValue &item : snapshot.value("trash"_L1).toArray())
        deletedMessages()->addMessage(messageFrom(item));
    for (const QJsonValue &call : snapshot.value("calls"_L1).toArray())
        calls()->addCall(callFrom(call));
    for (const QJsonValue &playback : snapshot.value("playbacks"_L1).toArray())
        playbacks()->upsert(playbackFrom(playback));
    int row = 0;
    for (const QJsonValue &agent : snapshot.value("agents"_L1).toArray())
        queueAgents()->addAgent(row++, agentFrom(agent));
    row = 0;
    for (const QJsonValue &caller : snapshot.value("callers"_L1).toArray())
        queueCallers()->addCaller(row++, callerFrom(caller));
    row = 0;
    for (const QJsonValue &item : snapshot.value("pairs"_L1).toArray()) {
        const QJsonObject entry = item.toObject();
        const QueueBridgedPair pair = pairFrom(entry.value("pair"_L1));
        queuePairs()->addPair(row++, pair);
        queuePairs()->setEnabledActions(pair.bridgeId, entry.value("enabledActions"_L1).toInt());
    }
    eventLog()->appendEntries(eventLogEntriesFrom(snapshot.value("log"_L1)));
    setListenStatus(listenStatusFrom(snapshot.value("listen"_L1)));

    m_sequence = static_cast<quint64>(snapshot.value("seq"_L1).toDouble());
    m_snapshotSeen = true;
    m_retryMs = m_options.firstRetryMs;
    ++m_attachCount;
    setState(State::Attached, {});
    qCInfo(lcDesk).noquote() << "attached to" << m_options.url.toString(QUrl::RemoveUserInfo) << "as" << m_role;
    Q_EMIT attached();
}

void RemoteSupervisor::applyChange(const QJsonObject &change)
{
    const quint64 sequence = static_cast<quint64>(change.value("seq"_L1).toDouble());
    if (!m_snapshotSeen || sequence != m_sequence + 1) {
        // A gap: the models can no longer be trusted. Start again from a snapshot.
        qCWarning(lcDesk) << "change" << sequence << "after" << m_sequence << "- re-attaching";
        if (m_socket)
            m_socket->abort();
        return;
    }
    m_sequence = sequence;
    // The service bounds how far behind a desk may fall by these acknowledgements.
    if (m_sequence % s_ackEvery == 0 && m_socket) {
        m_socket->sendTextMessage(QString::fromUtf8(
            QJsonDocument(QJsonObject { { u"type"_s, u"ack"_s }, { u"seq"_s, static_cast<double>(m_sequence) } })
                .toJson(QJsonDocument::Compact)));
    }
    const auto handler = m_changes.constFind(change.value("kind"_L1).toString());
    if (handler == m_changes.cend()) {
        qCWarning(lcDesk).noquote() << "unknown change" << change.value("kind"_L1).toString() << "ignored";
        return;
    }
    (*handler)(change.value("args"_L1).toArray());
}

void RemoteSupervisor::registerChanges()
{
    ConnectionStatus *status = connectionStatus();
    m_changes.insert(
        u"status.state"_s, [status](const QJsonArray &a) { status->setState(connectionStateFrom(a.at(0))); });
    m_changes.insert(
        u"status.version"_s, [status](const QJsonArray &a) { status->setAsteriskVersion(a.at(0).toString()); });
    m_changes.insert(u"status.error"_s, [status](const QJsonArray &a) { status->setLastError(a.at(0).toString()); });
    EventLogModel *log = eventLog();
    m_changes.insert(u"log.append"_s, [log](const QJsonArray &a) { log->appendEntries(eventLogEntriesFrom(a.at(0))); });
    PlaybacksModel *plays = playbacks();
    m_changes.insert(u"playback.upsert"_s, [plays](const QJsonArray &a) { plays->upsert(playbackFrom(a.at(0))); });
    m_changes.insert(u"playback.remove"_s, [plays](const QJsonArray &a) { plays->remove(a.at(0).toString()); });
    m_changes.insert(u"playback.clear"_s, [plays](const QJsonArray &) { plays->clear(); });
    CallsModel *rows = calls();
    m_changes.insert(u"call.add"_s, [rows](const QJsonArray &a) { rows->addCall(callFrom(a.at(0))); });
    m_changes.insert(u"call.state"_s, [rows](const QJsonArray &a) { rows->changeState(callTransitionFrom(a.at(0))); });
    m_changes.insert(u"call.remove"_s, [rows](const QJsonArray &a) { rows->removeCall(callFrom(a.at(0))); });
    MailboxesModel *boxes = mailboxes();
    m_changes.insert(u"mailbox.add"_s, [boxes](const QJsonArray &a) { boxes->addMailbox(a.at(0).toString()); });
    m_changes.insert(u"mailbox.remove"_s, [boxes](const QJsonArray &a) { boxes->removeMailbox(a.at(0).toString()); });
    m_changes.insert(
        u"message.add"_s, [boxes](const QJsonArray &a) { boxes->addMessage(messageFrom(a.at(0)), a.at(1).toInt()); });
    m_changes.insert(u"message.remove"_s,
        [boxes](const QJsonArray &a) { boxes->removeMessage(messageFrom(a.at(0)), a.at(1).toInt()); });
    m_changes.insert(u"message.change"_s,
        [boxes](const QJsonArray &a) { boxes->changeMessage(messageFrom(a.at(0)), a.at(1).toInt()); });
    DeletedMessagesModel *trash = deletedMessages();
    m_changes.insert(u"trash.add"_s, [trash](const QJsonArray &a) { trash->addMessage(messageFrom(a.at(0))); });
    m_changes.insert(u"trash.remove"_s, [trash](const QJsonArray &a) { trash->removeMessage(messageFrom(a.at(0))); });
    m_changes.insert(u"message.duration"_s, [boxes](const QJsonArray &a) {
        boxes->setDuration(a.at(0).toString(), static_cast<qint64>(a.at(1).toDouble()));
    });
    QueueAgentsModel *agents = queueAgents();
    m_changes.insert(
        u"agent.add"_s, [agents](const QJsonArray &a) { agents->addAgent(a.at(0).toInt(), agentFrom(a.at(1))); });
    m_changes.insert(
        u"agent.remove"_s, [agents](const QJsonArray &a) { agents->removeAgent(a.at(0).toInt(), a.at(1).toString()); });
    QueueCallersModel *callers = queueCallers();
    m_changes.insert(
        u"caller.add"_s, [callers](const QJsonArray &a) { callers->addCaller(a.at(0).toInt(), callerFrom(a.at(1))); });
    m_changes.insert(u"caller.remove"_s,
        [callers](const QJsonArray &a) { callers->removeCaller(a.at(0).toInt(), a.at(1).toString()); });
    m_changes.insert(u"caller.change"_s,
        [callers](const QJsonArray &a) { callers->changeCaller(a.at(0).toInt(), callerFrom(a.at(1))); });
    QueuePairsModel *pairs = queuePairs();
    m_changes.insert(
        u"pair.add"_s, [pairs](const QJsonArray &a) { pairs->addPair(a.at(0).toInt(), pairFrom(a.at(1))); });
    m_changes.insert(
        u"pair.change"_s, [pairs](const QJsonArray &a) { pairs->changePair(a.at(0).toInt(), pairFrom(a.at(1))); });
    m_changes.insert(
        u"pair.remove"_s, [pairs](const QJsonArray &a) { pairs->removePair(a.at(0).toInt(), a.at(1).toString()); });
    m_changes.insert(u"pair.actions"_s,
        [pairs](const QJsonArray &a) { pairs->setEnabledActions(a.at(0).toString(), a.at(1).toInt()); });
    m_changes.insert(u"listen"_s, [this](const QJsonArray &a) { setListenStatus(listenStatusFrom(a.at(0))); });
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
    request(
        u"save"_s, { { u"recording"_s, recordingName } }, [this, recordingName, filePath](const QJsonObject &result) {
            if (!result.value("ok"_L1).toBool()) {
                Q_EMIT operationFinished(u"save"_s, recordingName, false, result.value("error"_L1).toString());
                return;
            }
            m_download = { recordingName, filePath, static_cast<qint64>(result.value("size"_L1).toDouble()), {} };
            if (m_download.size == 0)
                finishDownload(true, {});
        });
}

void RemoteSupervisor::onBinary(const QByteArray &bytes)
{
    if (m_download.size < 0) {
        qCWarning(lcDesk) << "file data from the service with no download in progress ignored";
        return;
    }
    m_download.bytes += bytes;
    if (m_download.bytes.size() >= m_download.size)
        finishDownload(true, {});
}

void RemoteSupervisor::finishDownload(bool ok, const QString &error)
{
    if (m_download.size < 0)
        return;
    const Download download = std::exchange(m_download, {});
    if (!ok) {
        Q_EMIT operationFinished(u"save"_s, download.recordingName, false, error);
        return;
    }
    QSaveFile file(download.filePath);
    if (!file.open(QIODevice::WriteOnly) || file.write(download.bytes) != download.bytes.size() || !file.commit()) {
        Q_EMIT operationFinished(u"save"_s, download.recordingName, false,
            tr("cannot write %1: %2").arg(download.filePath, file.errorString()));
        return;
    }
    Q_EMIT operationFinished(u"save"_s, download.recordingName, true, download.filePath);
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

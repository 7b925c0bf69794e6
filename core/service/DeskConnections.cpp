#include "core/service/DeskConnections.h"

#include "core/service/AttachedDesk.h"
#include "core/service/SupervisorWire.h"

#include <QIODevice>
#include <QJsonDocument>
#include <QList>
#include <QWebSocket>

using namespace Qt::StringLiterals;

DeskConnections::DeskConnections(qint64 queueLimitBytes, int maxLag, QObject *parent)
    : QObject(parent)
    , m_queueLimitBytes(queueLimitBytes)
    , m_maxLag(maxLag)
{
}

DeskConnections::~DeskConnections()
{
    // Their sockets abort without a word (and without a gone()): the service is going away.
    qDeleteAll(m_desks);
}

void DeskConnections::setPages(ServiceHttpServer::PageSource metrics, ServiceHttpServer::PageSource health)
{
    m_metrics = std::move(metrics);
    m_health = std::move(health);
}

quint16 DeskConnections::listen(const Listener &listener)
{
    if (!m_http) {
        m_http = new ServiceHttpServer(this);
        m_http->setMetrics(m_metrics);
        m_http->setHealth(m_health);
        connect(m_http, &QAbstractHttpServer::newWebSocketConnection, this, &DeskConnections::acceptDesks);
    }
    if (!listener.certificate.isNull())
        m_http->sslSetup(listener.certificate, listener.key);
    return m_http->listen(listener.address, listener.port);
}

void DeskConnections::acceptDesks()
{
    while (m_http->hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> socket = m_http->nextPendingWebSocketConnection();
        if (!socket)
            break;
        const quint64 id = ++m_lastId;
        auto *desk = new AttachedDesk(std::move(socket), m_queueLimitBytes, this);
        m_desks.insert(id, desk);
        connect(desk, &AttachedDesk::textReceived, this, [this, id, desk](const QString &text) { onText(id, desk, text); });
        connect(desk, &AttachedDesk::gone, this, [this, id, desk](const QString &reason) {
            m_desks.remove(id);
            m_unhandled.remove(id);
            desk->deleteLater();
            Q_EMIT deskGone(id, reason);
        });
        Q_EMIT deskConnected(id, desk->peer());
    }
}

void DeskConnections::onText(quint64 id, AttachedDesk *desk, const QString &text)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &parseError);
    const QJsonObject message = document.object();
    if (desk->state() == AttachedDesk::State::Attached && message.value("type"_L1).toString() == "ack"_L1) {
        m_acks.fetch_add(1, std::memory_order_relaxed);
        desk->setAcknowledged(
            static_cast<quint64>(std::max<qint64>(0, SupervisorWire::integerFrom(message.value("seq"_L1)))));
        return;
    }
    // The service's thread reads at its own pace: a desk that sends faster than it answers would
    // otherwise fill its queue without a bound.
    int &unhandled = m_unhandled[id];
    if (unhandled >= s_maxUnhandledMessages) {
        desk->drop(u"sent %1 messages the service had not answered yet"_s.arg(unhandled + 1));
        return;
    }
    ++unhandled;
    const QString problem = parseError.error != QJsonParseError::NoError ? parseError.errorString()
        : !document.isObject()                                           ? u"not a JSON object"_s
                                                                         : QString();
    Q_EMIT messageReceived(id, message, problem);
}

void DeskConnections::messageHandled(quint64 id)
{
    const auto it = m_unhandled.find(id);
    if (it != m_unhandled.end() && it.value() > 0)
        --it.value();
}

void DeskConnections::attach(
    quint64 id, const QString &user, ServiceUsers::Role role, bool batches, quint64 acknowledged)
{
    AttachedDesk *desk = m_desks.value(id);
    if (!desk || desk->state() == AttachedDesk::State::Closed)
        return;
    desk->attach(user, role);
    desk->setTakesBatches(batches);
    desk->setAcknowledged(acknowledged);
}

void DeskConnections::sendText(quint64 id, const QString &text, bool initial)
{
    if (AttachedDesk *desk = m_desks.value(id))
        desk->sendText(text, initial);
}

void DeskConnections::refuse(quint64 id, const QString &text, const QString &reason)
{
    AttachedDesk *desk = m_desks.value(id);
    if (!desk)
        return;
    desk->sendText(text);
    desk->close(reason);
}

void DeskConnections::sendFile(quint64 id, std::shared_ptr<QIODevice> file, qint64 size, qsizetype chunkBytes)
{
    if (AttachedDesk *desk = m_desks.value(id))
        desk->sendFile(std::move(file), size, chunkBytes);
}

bool DeskConnections::dropAllIfBacklogged(qint64 bytes)
{
    const qint64 backlog = m_backlog.fetch_sub(bytes, std::memory_order_relaxed);
    if (backlog <= m_queueLimitBytes)
        return false;
    const QList<AttachedDesk *> desks = m_desks.values(); // a desk dropped leaves m_desks
    for (AttachedDesk *desk : desks) {
        if (desk->state() == AttachedDesk::State::Attached)
            desk->drop(u"fell behind (the service had %1 bytes of changes for the desks not written yet)"_s.arg(backlog));
    }
    return true;
}

void DeskConnections::sendChange(const QString &message, qint64 bytes, quint64 sequence)
{
    if (dropAllIfBacklogged(bytes))
        return;
    const QList<AttachedDesk *> desks = m_desks.values(); // a desk dropped on the way leaves m_desks
    for (AttachedDesk *desk : desks) {
        if (desk->state() != AttachedDesk::State::Attached || desk->takesBatches())
            continue;
        if (dropIfBehind(desk, sequence - 1))
            continue;
        desk->sendText(message);
        m_bytesSent.fetch_add(static_cast<quint64>(bytes), std::memory_order_relaxed);
    }
}

void DeskConnections::sendBatch(const QByteArray &message, quint64 first)
{
    if (dropAllIfBacklogged(message.size()))
        return;
    const QList<AttachedDesk *> desks = m_desks.values(); // a desk dropped on the way leaves m_desks
    for (AttachedDesk *desk : desks) {
        if (desk->state() != AttachedDesk::State::Attached || !desk->takesBatches())
            continue;
        if (dropIfBehind(desk, first - 1))
            continue;
        desk->sendBatch(message);
        m_bytesSent.fetch_add(static_cast<quint64>(message.size()), std::memory_order_relaxed);
    }
}

// The limit of a desk's lag: desk_max_lag, and the step of its acknowledgements on top (a desk
// that keeps up can have applied that many changes it has not acknowledged yet). Counted over the
// changes sent to it before the message about to leave, up to `sent`: those in that message it
// cannot have acknowledged yet.
bool DeskConnections::dropIfBehind(AttachedDesk *desk, quint64 sent)
{
    const quint64 acknowledged = desk->acknowledged();
    const quint64 unacknowledged = sent > acknowledged ? sent - acknowledged : 0;
    if (unacknowledged <= static_cast<quint64>(m_maxLag) + SupervisorWire::acknowledgementInterval(m_maxLag))
        return false;
    desk->drop(u"fell behind (%1 changes unacknowledged)"_s.arg(unacknowledged));
    return true;
}

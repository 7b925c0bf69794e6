#pragma once

#include "core/service/ServiceHttpServer.h"
#include "core/service/ServiceUsers.h"

#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>

#include <atomic>
#include <memory>

class AttachedDesk;
class QIODevice;

// The supervisor service's network side (SPEC SV-2, SV-3), on a thread of its own: the listener
// (desks' WebSockets, /metrics, /healthz) and every attached desk's socket with its bounded queue.
// The service's thread (the models', the call handling's signals) then never polls, reads or
// writes a desk's socket: it hands over each batch of changes once, and this thread writes it to
// every desk.
//
// Everything but the counters runs on this object's thread: SupervisorService calls it through
// queued invocations, in order, and hears back through the signals. A desk is known by a number
// (never reused) on both sides; a call about a desk that is gone does nothing.
class DeskConnections final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeskConnections)

public:
    struct Listener
    {
        QHostAddress address;
        quint16 port = 0;
        QSslCertificate certificate; // with the key: TLS (wss://, https://)
        QSslKey key;
    };

    // queueLimitBytes, maxLag: a desk's limits (ServiceSettings::deskQueueBytes, deskMaxLag).
    DeskConnections(qint64 queueLimitBytes, int maxLag, QObject *parent = nullptr);
    ~DeskConnections() override;

    // Messages of one desk handed to the service and not handled yet (messageHandled()) beyond
    // which the desk is dropped: a desk sends a request at a time, as its user acts.
    static constexpr int s_maxUnhandledMessages = 64;

    // The listener's /metrics and /healthz, called on this object's thread. Set before listen().
    void setPages(ServiceHttpServer::PageSource metrics, ServiceHttpServer::PageSource health);
    // Listens; the port, or 0 when it cannot.
    quint16 listen(const Listener &listener);

    // A desk greeted: the fan-out includes it from now on; it has applied every change up to
    // `acknowledged` (the snapshot that follows includes them).
    void attach(quint64 desk, const QString &user, ServiceUsers::Role role, bool batches, quint64 acknowledged);
    // `initial`: the snapshot, allowed on top of the queue limit (AttachedDesk::sendText()).
    void sendText(quint64 desk, const QString &text, bool initial = false);
    // A last message, then the socket closes with `reason` (close code 1008).
    void refuse(quint64 desk, const QString &text, const QString &reason);
    void sendFile(quint64 desk, std::shared_ptr<QIODevice> file, qint64 size, qsizetype chunkBytes);
    // Called on any thread before a change or batch of `bytes` is handed to this one (sendChange(),
    // sendBatch()). When what was handed over and not written yet passes a desk's queue limit, this
    // thread is that far behind every desk: they are all dropped (and re-attach).
    void handingOver(qint64 bytes) { m_backlog.fetch_add(bytes, std::memory_order_relaxed); }
    // A change numbered `sequence`, one message to each attached desk that takes no batches.
    void sendChange(const QString &message, qint64 bytes, quint64 sequence);
    // A batch whose first change is numbered `first`, the same bytes to each desk that takes batches.
    void sendBatch(const QByteArray &message, quint64 first);
    // The service has dealt with one message of the desk's (messageReceived()).
    void messageHandled(quint64 desk);

    // Read from any thread.
    quint64 acknowledgements() const { return m_acks.load(std::memory_order_relaxed); }
    quint64 bytesSent() const { return m_bytesSent.load(std::memory_order_relaxed); }

Q_SIGNALS:
    void deskConnected(quint64 desk, const QString &peer);
    // A message from a desk for the service: all but the acknowledgements of attached desks, which
    // stay here. `problem` says why the text was not a JSON object (then `message` is empty). The
    // service says messageHandled() once it has dealt with it.
    void messageReceived(quint64 desk, const QJsonObject &message, const QString &problem);
    void deskGone(quint64 desk, const QString &reason);

private:
    void acceptDesks();
    void onText(quint64 id, AttachedDesk *desk, const QString &text);
    // Drops a desk whose unacknowledged changes, of those up to `sent`, passed its limit; true
    // when it did.
    bool dropIfBehind(AttachedDesk *desk, quint64 sent);
    // Drops every attached desk when the backlog of what was handed over passes the queue limit;
    // then takes `bytes` off it.
    bool dropAllIfBacklogged(qint64 bytes);

    qint64 m_queueLimitBytes;
    int m_maxLag;
    ServiceHttpServer::PageSource m_metrics;
    ServiceHttpServer::PageSource m_health;
    ServiceHttpServer *m_http = nullptr; // child, made by listen() on this object's thread
    QHash<quint64, AttachedDesk *> m_desks; // children, every state
    QHash<quint64, int> m_unhandled; // messages handed to the service, by desk
    quint64 m_lastId = 0;
    std::atomic<quint64> m_acks { 0 };
    std::atomic<quint64> m_bytesSent { 0 };
    std::atomic<qint64> m_backlog { 0 }; // handed over, not written yet
};

#pragma once

#include "core/service/ServiceHttpServer.h"
#include "core/service/ServiceSettings.h"
#include "core/service/ServiceUsers.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QLoggingCategory>
#include <QObject>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <functional>

class DeskConnections;
class SupervisorBackend;

Q_DECLARE_LOGGING_CATEGORY(lcService)

// The supervisor service (SPEC SV-1 … SV-4, OP-5): serves the supervisor protocol
// (docs/supervisor-protocol.md) to any number of desks from the backend's models, and /metrics and
// /healthz on the same listener. It lives on the backend's (GUI or main) thread; the core runs on
// its own thread and never waits for it, and the service never waits for a desk (each has a
// bounded outgoing queue and is dropped when it falls behind). The sockets are on a thread of
// their own (DeskConnections): this one encodes each change once and hands a batch of them over.
class SupervisorService final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SupervisorService)

public:
    SupervisorService(SupervisorBackend *backend, const ServiceSettings &settings, const ServiceUsers &users,
        QObject *parent = nullptr);
    ~SupervisorService() override;

    // Listens (TLS when configured); false with *error when it cannot.
    bool start(QString *error);
    quint16 port() const { return m_port; }
    int attachedDesks() const;
    // The number of the last change sent to desks.
    quint64 sequence() const { return m_sequence; }
    // Batches of changes sent so far (see the protocol's "changes" feature).
    quint64 batchesSent() const { return m_batchesSent; }

    // The Prometheus text of /metrics.
    QByteArray metricsText() const;

Q_SIGNALS:
    void deskAttached(const QString &user, const QString &peer);
    void deskDropped(const QString &user, const QString &peer, const QString &reason);
    void loginFailed(const QString &user, const QString &peer);
    void actionRefused(const QString &user, const QString &action);
    // A change went out to the attached desks: its number and the length of its JSON text.
    void changeSent(quint64 sequence, qsizetype length);

private:
    // What this thread knows of a desk; its socket is DeskConnections'.
    struct Desk
    {
        QString peer;
        QString user; // once attached
        ServiceUsers::Role role = ServiceUsers::Role::Viewer;
        enum class State {
            Greeting, // waiting for hello
            Checking, // hello refused; the answer waits (failed logins are slowed down)
            Attached,
            Closed, // refused; its socket is closing
        } state
            = State::Greeting;
        bool batches = false;
    };

    // Runs `work` on the sockets' thread, after what was handed over before it.
    void onSockets(std::function<void(DeskConnections &)> work);
    void onMessage(quint64 id, const QJsonObject &message, const QString &problem);
    void onHello(quint64 id, Desk &desk, const QJsonObject &hello);
    void onGone(quint64 id, const QString &reason);
    void refuse(quint64 id, const QString &code, const QString &reason);
    void onRequest(quint64 id, const Desk &desk, const QJsonObject &request);
    void answer(quint64 id, const QJsonValue &requestId, bool ok, const QString &error, const QJsonObject &extra = {});
    void sendSave(quint64 id, const QJsonValue &requestId, bool ok, const QString &filePath, const QString &error);
    bool isAttached(quint64 id) const;
    ServiceHttpServer::Page metricsPage() const;
    ServiceHttpServer::Page healthPage() const;
    void fanOut(QLatin1StringView kind, const QByteArray &arguments);
    void flushChanges();
    void onOperationFinished(const QString &operation, const QString &subject, bool ok, const QString &message);
    void observeChanges();
    int loginDelayFor(const QString &address);

    SupervisorBackend *m_backend;
    ServiceSettings m_settings;
    ServiceUsers m_users;
    QThread m_socketThread;
    std::atomic<bool> m_stopping { false }; // read on the sockets' thread
    DeskConnections *m_sockets; // on m_socketThread
    quint16 m_port = 0;
    QHash<quint64, Desk> m_desks; // by DeskConnections' number, every state
    quint64 m_sequence = 0; // the last change sent
    // Changes for the desks that take batches, not sent yet: their entries, comma-separated, the
    // first one numbered m_batchFirst. Sent (flushChanges()) a few ms after the first one, before
    // any other message to a desk, or once the batch passes its size limit.
    QByteArray m_batch;
    quint64 m_batchFirst = 0;
    QTimer m_batchTimer; // runs from a batch's first change to its sending
    quint64 m_batchesSent = 0;
    bool m_batchDesks = false; // some attached desk takes batches
    bool m_singleDesks = false; // some attached desk takes one change per message
    struct Pending
    {
        quint64 desk = 0;
        QJsonValue id;
    };
    QHash<QString, QList<Pending>> m_pendingDeletes; // by recording name ("restore:" + name for a restore)
    QList<Pending> m_pendingMonitors; // monitor requests waiting for the phone's outcome
    QHash<QString, int> m_failures; // failed logins by peer address
    quint64 m_changes = 0;
    quint64 m_deskDrops = 0;
    quint64 m_failedLogins = 0;
    quint64 m_refusedActions = 0;
    quint64 m_reconnects = 0;
};

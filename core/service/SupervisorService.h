#pragma once

#include "core/service/ServiceSettings.h"
#include "core/service/ServiceUsers.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QLoggingCategory>
#include <QObject>
#include <QPointer>
#include <QTimer>

class AttachedDesk;
class ServiceHttpServer;
class SupervisorBackend;

Q_DECLARE_LOGGING_CATEGORY(lcService)

// The supervisor service (SPEC SV-1 … SV-4, OP-5): serves the supervisor protocol
// (docs/supervisor-protocol.md) to any number of desks from the backend's models, and /metrics and
// /healthz on the same listener. It lives on the backend's (GUI or main) thread; the core runs on
// its own thread and never waits for it, and the service never waits for a desk (each has a
// bounded outgoing queue and is dropped when it falls behind).
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
    void acceptDesks();
    void onText(AttachedDesk *desk, const QString &text);
    void onHello(AttachedDesk *desk, const QJsonObject &hello);
    void refuse(AttachedDesk *desk, const QString &code, const QString &reason);
    void onRequest(AttachedDesk *desk, const QJsonObject &request);
    void answer(AttachedDesk *desk, const QJsonValue &id, bool ok, const QString &error, const QJsonObject &extra = {});
    void sendSave(const QPointer<AttachedDesk> &desk, const QJsonValue &id, bool ok, const QString &filePath,
        const QString &error);
    void fanOut(QLatin1StringView kind, const QByteArray &arguments);
    // Drops a desk whose unacknowledged changes, of those up to `sent`, passed its limit; true
    // when it did.
    bool dropIfBehind(AttachedDesk *desk, quint64 sent);
    void flushChanges();
    void onOperationFinished(const QString &operation, const QString &subject, bool ok, const QString &message);
    void observeChanges();
    int loginDelayFor(const QString &address);

    SupervisorBackend *m_backend;
    ServiceSettings m_settings;
    ServiceUsers m_users;
    ServiceHttpServer *m_http = nullptr; // child
    quint16 m_port = 0;
    QList<AttachedDesk *> m_desks; // children, every state
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
        QPointer<AttachedDesk> desk;
        QJsonValue id;
    };
    QHash<QString, QList<Pending>> m_pendingDeletes; // by recording name ("restore:" + name for a restore)
    QList<Pending> m_pendingMonitors; // monitor requests waiting for the phone's outcome
    QHash<QString, int> m_failures; // failed logins by peer address
    quint64 m_changes = 0;
    quint64 m_acks = 0;
    quint64 m_deskDrops = 0;
    quint64 m_failedLogins = 0;
    quint64 m_refusedActions = 0;
    quint64 m_reconnects = 0;
    qint64 m_bytesSent = 0;
};

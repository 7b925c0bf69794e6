#pragma once

#include "core/ari/AriEndpoint.h"
#include "core/ari/AriRequest.h"

#include <QHash>
#include <QLoggingCategory>
#include <QObject>
#include <QQueue>

class AriReply;
class QNetworkAccessManager;
class QNetworkReply;

Q_DECLARE_LOGGING_CATEGORY(lcAriRest)

// Sends AriRequests to one Asterisk. One QNetworkAccessManager, owned here. Every call yields an
// AriReply whose finished(AriResult) reports success or a typed error (SPEC AR-2); nothing fails
// silently. One place maps network and HTTP errors.
//
// Ordering: requests sent with the same non-empty `orderingKey` (a call's id) reach the server
// one after the other, in the order sent: the next leaves when the previous one has been answered.
// Requests with different keys (or none) run concurrently, so one slow call holds up no other.
class AriRestClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AriRestClient)

public:
    explicit AriRestClient(const AriEndpoint &endpoint, QObject *parent = nullptr);
    ~AriRestClient() override;

    const AriEndpoint &endpoint() const { return m_endpoint; }
    void setEndpoint(const AriEndpoint &endpoint);

    AriReply *send(const AriRequest &request, const QString &orderingKey = {});

    // Requests sent and not yet answered (all keys).
    int pendingCount() const;

Q_SIGNALS:
    // Every failed call, for the event log (after the reply's own finished()).
    void requestFailed(const AriRequest &request, const AriResult &result);

private:
    struct Pending;
    void start(const AriRequest &request, AriReply *reply, const QString &orderingKey);
    void onNetworkFinished(QNetworkReply *networkReply);

    AriEndpoint m_endpoint;
    QNetworkAccessManager *m_network = nullptr; // child
    QHash<QString, QQueue<Pending *>> m_lanes;
    int m_inFlight = 0;
};

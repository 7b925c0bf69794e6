#pragma once

#include "core/ari/AriEndpoint.h"
#include "core/ari/model/AsteriskInfo.h"

#include <QObject>

class AriRestClient;
class AriEventStream;
class AriEventRouter;

// One Asterisk, as the applications see it: the REST client, the event stream and the router,
// wired together (stream events → router, in arrival order). Reads /asterisk/info when the event
// socket connects (and after every reconnect) and reports the version; the version decides
// whether REST requests may travel on the event socket (SPEC CN-1). Lives on the core thread.
class AriConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AriConnection)

public:
    explicit AriConnection(const AriEndpoint &endpoint, QObject *parent = nullptr);
    ~AriConnection() override;

    AriRestClient *rest() const { return m_rest; }
    AriEventStream *events() const { return m_events; }
    AriEventRouter *router() const { return m_router; }
    const AriEndpoint &endpoint() const { return m_endpoint; }
    AsteriskInfo asteriskInfo() const { return m_info; }

public Q_SLOTS:
    void open();
    void close();

Q_SIGNALS:
    void asteriskInfoChanged(const AsteriskInfo &info);

private:
    void readAsteriskInfo();

    AriEndpoint m_endpoint;
    AriRestClient *m_rest = nullptr;   // child
    AriEventStream *m_events = nullptr; // child
    AriEventRouter *m_router = nullptr; // child
    AsteriskInfo m_info;
};

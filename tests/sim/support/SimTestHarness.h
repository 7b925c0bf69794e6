#pragma once

#include "RestReply.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QNetworkAccessManager>
#include <QObject>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>
#include <QUrlQuery>

#include <memory>

class EventCollector;
class SimServer;

// Runs one simulator in-process on 127.0.0.1 (port 0) and talks to it over real loopback HTTP and
// WebSocket: blocking-looking REST helpers (they spin the event loop), event sockets, and the
// /sim control API that plays the caller's part.
class SimTestHarness final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimTestHarness)

public:
    struct Options
    {
        double speed = 50.0;      // simulated time runs this many times faster
        QString soundsDir;        // empty = the server's default
        QString user = QStringLiteral("asterisk");
        QString password = QStringLiteral("asterisk");
        QString systemName;       // empty = the server's default
        bool reproduceRecordingReleaseRace = false;
    };

    // How a request authenticates.
    struct Auth
    {
        enum class Mode { None, Basic, ApiKey };
        Mode mode = Mode::Basic;
        QString user;             // empty = the harness credentials
        QString password;

        static Auth none() { return {Mode::None, {}, {}}; }
        static Auth basic() { return {Mode::Basic, {}, {}}; }
        static Auth apiKey() { return {Mode::ApiKey, {}, {}}; }
        static Auth basic(const QString &user, const QString &password) { return {Mode::Basic, user, password}; }
        static Auth apiKey(const QString &user, const QString &password) { return {Mode::ApiKey, user, password}; }
    };

    explicit SimTestHarness(QObject *parent = nullptr);
    explicit SimTestHarness(const Options &options, QObject *parent = nullptr);
    ~SimTestHarness() override;

    // Creates and starts the server; false (with a warning logged) when it could not listen.
    bool start();
    SimServer *server() const { return m_server.get(); }
    QUrl baseUrl() const;
    QString recordingsDir() const { return m_recordings.path(); }
    const Options &options() const { return m_options; }

    // --- HTTP -------------------------------------------------------------------------------
    // `path` is sent exactly as given (already percent-encoded where needed, e.g. "%2F");
    // the query is appended fully encoded ('+' too). Times out after timeoutMs (status 0).
    RestReply http(const QByteArray &method, const QString &path, const QUrlQuery &query = {},
                   const QByteArray &body = {}, const QByteArray &contentType = {},
                   const Auth &auth = Auth::basic(), int timeoutMs = 10000);
    // The same below /ari.
    RestReply ari(const QByteArray &method, const QString &path, const QUrlQuery &query = {},
                  const Auth &auth = Auth::basic());
    RestReply ariJson(const QByteArray &method, const QString &path, const QUrlQuery &query,
                      const QJsonValue &body, const Auth &auth = Auth::basic());
    RestReply get(const QString &path, const QUrlQuery &query = {}) { return ari("GET", path, query); }
    RestReply post(const QString &path, const QUrlQuery &query = {}) { return ari("POST", path, query); }
    RestReply put(const QString &path, const QUrlQuery &query = {}) { return ari("PUT", path, query); }
    RestReply del(const QString &path, const QUrlQuery &query = {}) { return ari("DELETE", path, query); }

    // A WebSocket upgrade done by hand, to see the HTTP status and body of a refused handshake.
    // `target` is the encoded path and query, e.g. "/ari/events?app=x".
    RestReply rawUpgrade(const QByteArray &target, const Auth &auth = Auth::none(), int timeoutMs = 5000);

    // --- events -----------------------------------------------------------------------------
    // Opens /ari/events?app=<apps>[&subscribeAll=true] and waits until it is connected;
    // nullptr when the handshake failed. The collector is owned by the caller.
    std::unique_ptr<EventCollector> connectEvents(const QString &apps, bool subscribeAll = false,
                                                  const Auth &auth = Auth::apiKey());
    // The request connectEvents() would use (for tests that open sockets themselves).
    QNetworkRequest eventsRequest(const QString &apps, bool subscribeAll = false,
                                  const Auth &auth = Auth::apiKey()) const;

    // --- control API (/sim) ------------------------------------------------------------------
    // Places a caller into `app` like dialplan Stasis(app,args). Returns the ARI Channel JSON of
    // the channel that entered Stasis (empty object on failure, reply in lastControlReply()).
    QJsonObject placeCall(const QString &app, const QStringList &args = {}, const QString &language = {},
                          const QString &callerId = {});
    QString placeCallId(const QString &app, const QStringList &args = {}, const QString &language = {});
    bool pressDtmf(const QString &channelId, const QString &digits, int betweenMs = -1, int durationMs = -1);
    bool talk(const QString &channelId, int ms);
    bool hangupCaller(const QString &channelId);
    QJsonArray heard(const QString &channelId);
    QJsonArray heardBridge(const QString &bridgeId);
    QJsonObject state();
    bool setEndpointBehaviour(const QString &tech, const QString &resource, const QString &behaviour);
    // Elapsed simulated milliseconds of the server's clock, -1 when not started.
    qint64 simulatedMs();
    // Waits (event loop) until `ms` more simulated milliseconds have passed.
    bool waitSimulated(qint64 ms, int timeoutMs = 10000);
    const RestReply &lastControlReply() const { return m_lastControl; }

    // --- common steps -------------------------------------------------------------------------
    // Places a caller into `app`, waits for its StasisStart on `events`, answers the channel (204)
    // and waits for its ChannelStateChange to "Up". Returns the channel id; empty on any failure
    // (the reason is logged).
    QString answeredCall(EventCollector *events, const QString &app, const QStringList &args = {});

private:
    QUrl makeUrl(const QString &path, const QUrlQuery &query, const Auth &auth) const;
    QByteArray basicHeader(const Auth &auth) const;

    Options m_options;
    QTemporaryDir m_recordings;
    std::unique_ptr<SimServer> m_server;
    QNetworkAccessManager m_network;
    RestReply m_lastControl;
};

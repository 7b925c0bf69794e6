#pragma once

#include <QHostAddress>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

class QJsonObject;
class SimClock;
class SimFaultPlan;
class SimHttpRequest;
class SimHttpResponse;

// The ARI simulator: an HTTP server that speaks ARI like Asterisk 22 (REST under /ari, events on
// the WebSocket /ari/events, the description of its API under /ari/api-docs) plus the control
// API under /sim that tests and the demo use to play callers. See sim/README.md.
//
//   SimServer server({});          // 127.0.0.1, free port, asterisk/asterisk
//   server.start();
//   server.baseUrl();              // http://127.0.0.1:<port>
class SimServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimServer)

public:
    struct Options
    {
        QHostAddress address = QHostAddress::LocalHost; // 127.0.0.1 unless told otherwise (SEC-2)
        quint16 port = 0;                // 0 = pick a free port
        QString user = QStringLiteral("asterisk");    // ARI credentials (basic auth or api_key=user:password)
        QString password = QStringLiteral("asterisk");
        double speed = 1.0;              // simulated time runs `speed` times faster (every timer)
        QString soundsDir;               // empty = /usr/share/asterisk/sounds; if absent/empty → built-in catalogue
        // Simulators of one process that read the same sounds directory share one index, made by
        // the first (for programs that start many simulators: each scan reads every file's header).
        bool shareSoundIndex = false;
        QString recordingsDir;           // empty = a QTemporaryDir owned by the server
        QString systemName = QStringLiteral("ari-sim"); // used in channel ids "<systemName>-<unix>.<n>"
        bool reproduceRecordingReleaseRace = false; // see ari-reference README "Re-recording ... can fail"
        QString tlsCertificateFile; // PEM; with tlsKeyFile: serve https and wss only
        QString tlsKeyFile; // PEM private key (RSA or EC) of that certificate
    };

    explicit SimServer(const Options &options, QObject *parent = nullptr);
    ~SimServer() override;

    // Listens on Options.address:port. false (and `error`) when that fails.
    bool start(QString *error = nullptr);
    quint16 port() const;
    QUrl baseUrl() const; // http(s)://127.0.0.1:<port>  (REST is baseUrl + "/ari", control baseUrl + "/sim")
    bool usesTls() const;
    SimClock *clock() const;
    SimFaultPlan *faults() const; // fault injection (also at /sim/faults)
    int liveChannelCount() const;
    int liveBridgeCount() const;
    int livePlaybackCount() const;
    int liveRecordingCount() const;
    int webSocketCount() const;

    // Measurement hooks (the benchmark): called on the server's thread for every ARI request as
    // it arrives (over HTTP or on the event socket) and for every event as it is published.
    struct Observer
    {
        std::function<void(const SimHttpRequest &request)> requestReceived;
        std::function<void(const QJsonObject &event)> eventPublished;
    };
    void setObserver(Observer observer);

private:
    struct Private;

    SimHttpResponse handle(const SimHttpRequest &request);
    SimHttpResponse handleAri(const SimHttpRequest &request);
    SimHttpResponse handleOnEventSocket(const SimHttpRequest &request); // REST on /ari/events
    std::optional<SimHttpResponse> checkUpgrade(const SimHttpRequest &request) const;
    void acceptWebSockets();
    bool setUpTls(QString *error);
    void setAcceptingConnections(bool accepting);

    std::unique_ptr<Private> d;
};

#pragma once

#include "QueueTestSounds.h"

#include "core/apps/QueueApp.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrlQuery>

#include <memory>

class AriConnection;
class AriEventRouter;
class QueueState;
class SimServer;
class StasisApplicationHost;

// An ARI simulator on 127.0.0.1 (free port, accelerated clock) and the queue application
// connected to it over real loopback HTTP and WebSocket, the way the product runs it
// (AriConnection → StasisApplicationHost → QueueApp). The test plays the agents and callers with
// the simulator's control API (/sim) and looks at what they heard and what the server holds.
// The waiting functions spin the event loop (no sleeps).
class QueueTestRig final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueTestRig)

public:
    struct Options
    {
        double speed = 20.0; // simulated time runs this many times faster
        QueueOptions queue; // the application's settings (real-time interval!)
        bool reproduceRecordingReleaseRace = false;
        int requestTimeoutMs = 10000; // the client's, per REST request (wall ms)
    };

    // One item of GET /sim/calls/<id>/heard.
    struct Heard
    {
        QString playbackId;
        QString media;
        QString end; // queued, playing, finished, stopped, failed
        qint64 startMs = -1;
        qint64 endMs = -1;
        bool isMoh() const { return media.startsWith(QStringLiteral("moh:")); }
    };

    explicit QueueTestRig(QObject *parent = nullptr);
    explicit QueueTestRig(const Options &options, QObject *parent = nullptr);
    ~QueueTestRig() override;

    // Starts the simulator, connects the application and waits until its event socket is open.
    bool start();
    // Like a restart of the service: the application and its connection go (without cleaning
    // anything up on the server), a new one connects and waits until it has recovered.
    bool restartCore();
    AriConnection *connection() const { return m_connection; }

    SimServer *server() const { return m_server.get(); }
    AriEventRouter *router() const;
    StasisApplicationHost *host() const { return m_host; }
    QueueApp *app() const { return m_app; }
    QueueState *state() const;
    double speed() const { return m_options.speed; }

    // --- the callers' side (control API) --------------------------------------------------------
    // Places a channel into the application with these Stasis args; its id (empty on failure).
    QString placeCall(const QStringList &args, const QString &callerId = {});
    // Places an agent / a caller and waits until the application has queued or connected it.
    QString addAgent(const QString &callerId = {});
    QString addCaller(const QString &callerId = {});
    bool press(const QString &channelId, const QString &digits, int betweenMs = 100);
    bool hangUp(const QString &channelId);

    // --- what the server holds --------------------------------------------------------------------
    // The playbacks and music on hold a channel (or bridge) heard; the log's voice entries (who
    // could be heard, e.g. the other party of a call) are left out.
    QList<Heard> heard(const QString &channelId);
    QList<Heard> heardBridge(const QString &bridgeId);
    QJsonObject simState();
    QStringList simChannelIds();
    QStringList simBridgeIds();
    QJsonArray simBridges();
    QStringList liveRecordingNames();
    QString liveRecordingState(const QString &name); // empty when not live
    // GET /ari/recordings/stored: the names.
    QStringList storedRecordings();
    qint64 simulatedMs();

    // --- waiting (event loop) ----------------------------------------------------------------------
    // Until the channel is in the given place of the application's queue state.
    bool waitForPlace(const QString &channelId, int place, int timeoutMs = 10000);
    // Until the channel's last MOH interval in the heard log is playing (or not playing).
    bool waitForMoh(const QString &channelId, bool playing, int timeoutMs = 10000);

    // Reading what was heard.
    static QList<Heard> withoutMoh(const QList<Heard> &items);
    static QStringList media(const QList<Heard> &items);
    static const Heard *lastMoh(const QList<Heard> &items);

    // A REST/control call; status in *status (0 when none arrived).
    QJsonDocument http(
        const QByteArray &method, const QString &path, const QUrlQuery &query = {}, int *status = nullptr);

private:
    bool connectCore();

    Options m_options;
    QueueTestSounds m_sounds;
    QTemporaryDir m_recordings;
    std::unique_ptr<SimServer> m_server;
    AriConnection *m_connection = nullptr; // child
    StasisApplicationHost *m_host = nullptr; // child
    QueueApp *m_app = nullptr; // owned by the host
    QNetworkAccessManager m_network;
};

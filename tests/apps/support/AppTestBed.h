#pragma once

#include "SoundsFixture.h"

#include "core/apps/VoicemailPlaybackApp.h"
#include "core/apps/VoicemailRecordApp.h"
#include "core/ari/AriSubscription.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrlQuery>

#include <memory>

class AriConnection;
class MediaDurations;
class PlaybackTracker;
class SimServer;
class StasisApplicationHost;

// The voicemail applications running against an in-process simulator over loopback, with an
// accelerated clock. The test plays the callers through the simulator's control API and checks
// what they heard and what is stored there; the applications' side is observed through the call
// tracker (every state each call went through).
class AppTestBed final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AppTestBed)

public:
    struct Options
    {
        // Fast, yet slow enough that a test reliably presses a key while a prompt plays (timers
        // fire a few wall ms late under load: at this speed tens of simulated ms).
        double speed = 10.0;
        bool reproduceRecordingReleaseRace = false;
        VoicemailRecordOptions record;
        VoicemailPlaybackOptions playback;
        int requestTimeoutMs = 10000; // the client's, per REST request (wall ms)
        // The voicemail metadata's SQLite file (SPEC VM-1); empty: in memory.
        QString metadataFile;
    };

    struct Reply
    {
        int status = 0; // 0: no answer
        QByteArray body;
        QJsonValue json() const;
    };

    // A REST request of the applications that failed (AriRestClient::requestFailed).
    struct Failure
    {
        QString operation; // Swagger nickname
        QString path;
        int status = 0;
    };

    struct Heard
    {
        QString playbackId;
        QString media;
        QString language;
        QString end;
        qint64 heardMs = 0;
        qint64 startMs = -1;
        qint64 endMs = -1;
    };

    AppTestBed();
    explicit AppTestBed(const Options &options, QObject *parent = nullptr);
    ~AppTestBed() override;

    // Before start(): the sounds the simulator will index.
    SoundsFixture &sounds() { return m_sounds; }
    // Before or after start(): a message stored "elsewhere" (a WAV file in the recordings dir).
    bool storeMessage(const QString &name, int ms = 2000);

    // Starts the simulator, connects the applications and waits until the event socket is up and
    // the mailboxes are loaded.
    bool start();
    // Like a restart of the service: the applications and their connection go (nothing is cleaned
    // up on the server), new ones connect and wait until they have recovered.
    bool restartCore();

    SimServer *sim() const { return m_sim.get(); }
    AriConnection *connection() const { return m_connection.get(); }
    StasisApplicationHost *host() const { return m_host.get(); }
    MediaDurations *durations() const { return m_durations.get(); }
    // The playbacks' positions, as the service estimates them (vm-playback's heard share).
    PlaybackTracker *playbacks() const { return m_playbacks.get(); }
    int baselineSubscriptions() const { return m_baselineSubscriptions; }

    // --- the callers (control API) ---
    // A caller enters `app` with Stasis args `args` (comma list as in the dialplan). Returns the
    // id of the channel in the application; empty on failure.
    // `callerId` is a number or `"Name" <number>` (empty: the simulator's default).
    QString placeCall(const QString &app, const QString &args, const QString &language = QStringLiteral("en"),
        const QString &callerId = {});
    bool press(const QString &channelId, const QString &digits, int betweenMs = 100);
    // A caller leaves a message in `mailbox` through vm-record (greeting skipped, 2 s of speech,
    // accepted) and hangs up; returns the message's name (empty on failure).
    QString leaveMessage(const QString &mailbox, const QString &callerId = {});
    bool hangUp(const QString &channelId);
    bool talk(const QString &channelId, int ms);
    QList<Heard> heard(const QString &channelId);
    QStringList heardMedia(const QString &channelId); // media of every item, in order
    // The item currently playing to the caller (empty media if none).
    Heard playing(const QString &channelId);
    bool isPlaying(const QString &channelId, const QString &media);
    // The state of a playback as the server reports it (GET /ari/playbacks/{id}); empty if gone.
    QString playbackState(const QString &playbackId);

    // --- the server's side ---
    QStringList stored(); // GET /ari/recordings/stored, names in the server's order
    QStringList storedIn(const QString &mailbox);
    bool deleteElsewhere(const QString &name);
    Reply ari(const QByteArray &method, const QString &path, const QUrlQuery &query = {});
    Reply control(const QByteArray &method, const QString &path, const QUrlQuery &query = {});
    int liveChannels() const;
    qint64 clockMs(); // simulated ms since the simulator started (GET /sim/clock)
    // Lets `ms` simulated milliseconds pass (the event loop runs meanwhile).
    bool waitSimulated(qint64 ms);
    // The live recording of a channel ("recording" state), from GET /sim/state; empty if none.
    QString liveRecordingOf(const QString &channelId);

    // --- the applications' side ---
    QStringList states(const QString &channelId) const { return m_states.value(channelId); }
    QString state(const QString &channelId) const;
    bool hasEnded(const QString &channelId) const { return m_ended.contains(channelId); }
    bool wasRefused(const QString &channelId) const { return m_refused.contains(channelId); }
    bool wasAnswered(const QString &channelId) const { return m_answered.contains(channelId); }
    QString endReason(const QString &channelId) const { return m_ended.value(channelId); }
    int liveCalls() const;
    int subscriptionCount() const;
    const QList<Failure> &failures() const { return m_failures; }
    int failureCount(const QString &pathPrefix, int status) const;

private:
    Reply request(const QByteArray &method, const QUrl &url);
    bool connectCore();
    void releasePlaybacks();

    Options m_options;
    SoundsFixture m_sounds;
    QTemporaryDir m_recordings;
    std::unique_ptr<SimServer> m_sim;
    std::unique_ptr<AriConnection> m_connection;
    std::unique_ptr<MediaDurations> m_durations;
    std::unique_ptr<PlaybackTracker> m_playbacks;
    AriSubscriptionPtr m_playbackEvents;
    std::unique_ptr<StasisApplicationHost> m_host;
    QNetworkAccessManager m_network;
    QHash<QString, QStringList> m_states;
    QHash<QString, QString> m_ended;
    QSet<QString> m_refused;
    QSet<QString> m_answered;
    QList<Failure> m_failures;
    AriSubscriptionPtr m_stateChanges;
    int m_baselineSubscriptions = 0;
};

#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QTemporaryDir>
#include <QUrlQuery>

#include <memory>

class SimServer;
class SupervisorBackend;
struct SupervisorOptions;

// The in-process simulator for widget tests: a recordings directory filled with voicemail
// messages of known lengths, the /sim control API and /ari reads (HTTP on 127.0.0.1, the event
// loop turns while waiting), and a SupervisorBackend (core on its own thread) connected to it.
class SimFixture final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimFixture)

public:
    // `speed`: simulated time runs this many times faster than real time.
    explicit SimFixture(double speed = 20.0, QObject *parent = nullptr);
    double speed() const { return m_speed; }
    ~SimFixture() override;

    // A message stored before the server starts: <recordings>/<name>.wav, `ms` long.
    bool addMessage(const QString &recordingName, int ms);
    // A stored recording with these bytes as its file: <recordings>/<recordingName>.<extension>.
    bool addRecordingFile(const QString &recordingName, const QString &extension, const QByteArray &bytes);
    // The WAV file addMessage() writes (8 kHz, 16-bit, mono), `ms` long.
    static QByteArray wavFile(int ms);
    bool start();
    SimServer *server() const { return m_server.get(); }
    QString ariUrl() const;

    // The backend for the window, connected (open() called) to this server, listening calls
    // going to `supervisorEndpoint`; `names` as the INI file's [names] section.
    std::unique_ptr<SupervisorBackend> makeBackend(
        const QString &supervisorEndpoint, const SupervisorOptions &options, const QHash<QString, QString> &names = {});

    // --- HTTP helpers: status in *status, JSON body returned (null on failure) ------------------
    QJsonValue request(const QByteArray &method, const QString &encodedPath, const QUrlQuery &query = {},
                       int *status = nullptr);
    QJsonObject state();
    QJsonArray heard(const QString &channelId);
    QStringList storedRecordings();
    QJsonObject placeCall(const QString &app, const QStringList &args, const QString &callerId = {});
    bool pressDtmf(const QString &channelId, const QString &digits);
    bool hangup(const QString &channelId);
    bool setEndpointBehaviour(const QString &tech, const QString &resource, const QString &behaviour);
    // The channels of /sim/state whose name starts with `prefix` ("PJSIP/1001").
    QJsonArray channelsNamed(const QString &prefix);
    QJsonArray playbacks();

private:
    double m_speed;
    QTemporaryDir m_recordings;
    std::unique_ptr<SimServer> m_server;
    QNetworkAccessManager m_network;
};

#pragma once

#include "core/service/SupervisorMirror.h"
#include "core/supervisor/SupervisorAccess.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QTimer>
#include <QUrl>

class QSaveFile;

#include <functional>
#include <memory>

class QWebSocket;

// An attached desk (SPEC SV-1, SV-5): the same models as the all-in-one window, fed by a supervisor
// service over the supervisor protocol (docs/supervisor-protocol.md) instead of a local core, and
// the same actions, sent to the service as requests. It opens no ARI connection.
//
// While it is not attached (connecting, the service gone, refused) isAvailable() is false and says
// why; it re-attaches with a growing delay and replaces every model with the fresh snapshot.
class RemoteSupervisor final : public SupervisorAccess
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RemoteSupervisor)

public:
    struct Options
    {
        QUrl url; // ws://host:port or wss://host:port
        QString user;
        QString password;
        QString caFile; // PEM: the authorities that may sign the service's certificate
        bool insecureTls = false; // accept any certificate
        int firstRetryMs = 500;
        int maxRetryMs = 15000;
        // A ping this often; silence from the service (no frame, no answer to a ping) for two of
        // these ends the connection as lost, attached or still connecting: a service host gone
        // without closing the socket, or a service that hangs, is seen within 20 to 30 s (0: never).
        int heartbeatMs = 10000;
        int protocolVersion = 0; // 0: this build's; another only to test the service's refusal
        // Asks for the changes in batches (the protocol's "changes" feature); off: one message per
        // change, as a desk of the first protocol takes them.
        bool batchedChanges = true;
    };
    enum class State { Idle, Connecting, Attached, Waiting, Refused };
    Q_ENUM(State)

    explicit RemoteSupervisor(const Options &options, QObject *parent = nullptr);
    ~RemoteSupervisor() override;

    QString supervisorEndpoint() const override { return m_endpoint; }
    int heardPercent() const override { return m_heardPercent; }
    int skipMs() const override { return m_skipMs; }
    State state() const { return m_state; }
    QString role() const { return m_role; }
    // The last change applied (the service numbers them from 1).
    quint64 sequence() const { return m_sequence; }
    int attachCount() const { return m_attachCount; }
    // Whether the service sends this desk its changes in batches (it confirmed the feature).
    bool takesBatches() const { return m_batches; }

public Q_SLOTS:
    void open() override;
    void close() override;
    void listen(const QString &recordingName) override;
    void listenTogglePause() override;
    void listenForward() override;
    void listenReverse() override;
    void listenRestart() override;
    void listenStop() override;
    void deleteRecording(const QString &recordingName) override;
    void restoreRecording(const QString &trashName) override;
    void saveRecording(const QString &recordingName, const QString &filePath) override;
    void downloadRecording(const QString &recordingName, const QString &filePath) override;
    void markHeard(const QString &recordingName) override;
    void requestDurations(const QStringList &recordingNames) override;
    void queueAction(const QString &bridgeId, QueueCallAction::Kind kind) override;
    void monitorCall(const QString &bridgeId, QueueMonitorMode mode) override;

Q_SIGNALS:
    void attached();
    // The connection to the service ended (a retry follows unless refused).
    void detached(const QString &reason);
    void refused(const QString &code, const QString &reason);
    // The answer to one request (every action is one).
    void requestAnswered(const QString &action, bool ok, const QString &error);
    // A change of the service applied to the models (its number, sequence()).
    void changeApplied(quint64 sequence);

private:
    using Handler = std::function<void(const QJsonObject &result)>;
    void connectNow();
    void onText(const QString &text);
    void onBinary(const QByteArray &bytes);
    void onDisconnected();
    void onHeartbeat();
    void noteSignOfLife() { m_sinceSignOfLife.start(); }
    // Whether the service has said nothing (no frame, no pong) for two heartbeats.
    bool silentTooLong() const;
    void onWelcome(const QJsonObject &welcome);
    void applySnapshot(const QJsonObject &snapshot);
    void applyChange(const QJsonObject &change);
    void applyChanges(const QJsonObject &batch);
    void acknowledge(quint64 before);
    void request(const QString &action, QJsonObject arguments, Handler handler = {});
    // A `save` request whose file goes to `filePath`; its end is reported as `operation`.
    void download(const QString &operation, const QString &recordingName, const QString &filePath);
    void finishDownload(bool ok, const QString &error);
    void failPending(const QString &error);
    void setState(State state, const QString &text);

    Options m_options;
    QWebSocket *m_socket = nullptr; // child
    QTimer m_retry;
    int m_retryMs;
    QTimer m_heartbeat;
    QElapsedTimer m_sinceBeat; // since the last heartbeat: one late by far means this side was held up
    QElapsedTimer m_sinceSignOfLife; // since the service last sent anything
    QString m_lostReason; // why this side ended the connection (the socket's own error otherwise)
    SupervisorMirror m_mirror; // snapshot and changes into the models
    State m_state = State::Idle;
    QString m_role;
    QString m_endpoint;
    int m_heardPercent = 100; // the service's, from its welcome
    int m_skipMs = 5000; // the service's, from its welcome
    quint64 m_ackEvery = 32; // changes between two acknowledgements (from the welcome's maxLag)
    quint64 m_sequence = 0;
    int m_attachCount = 0;
    bool m_snapshotSeen = false;
    bool m_batches = false; // the service sends changes in batches (its welcome said so)
    qint64 m_nextId = 1;
    QHash<qint64, std::pair<QString, Handler>> m_pending; // by request id: action, handler
    // A recording on its way to a file: each binary frame is written as it comes (never the whole
    // file in memory); the file appears only when every byte announced has arrived.
    struct Download
    {
        QString operation; // "save", or "download" (Play here)
        QString subject; // what operationFinished names: the recording, or a download's file
        QString filePath;
        qint64 size = -1; // -1: none in progress
        qint64 received = 0;
        std::shared_ptr<QSaveFile> file;
        QString error; // writing failed: the rest is received and dropped, then reported
    };
    Download m_download;
};

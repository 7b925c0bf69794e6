#pragma once

#include "core/ari/AriEndpoint.h"

#include <QHash>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

// Every setting of ARI Supervisor, typed (SPEC CFG-1). Values come from, in order of precedence:
// the command line (Overrides), an INI file (--config), the environment (ARI_URL, ARI_USER,
// ARI_PASSWORD, systemd's CREDENTIALS_DIRECTORY and STATE_DIRECTORY), then defaults. The password
// is never taken from the command line: it comes from ARI_PASSWORD, the systemd credential
// `ari-password` (LoadCredential=), a password file (command line or INI) or the INI file.
class SupervisorSettings
{
public:
    enum class PositionWording {
        CallersAhead, // the tutorial: "there are <callers ahead> calls waiting"
        OwnPosition,  // Asterisk's app_queue: the caller's own position
    };

    // How much the program logs: debug, info (the default) or warning and worse.
    enum class LogLevel { Debug, Info, Warning };

    // The settings that differ between two loads, by INI key ("voicemail/skip_ms" …): those the
    // running service applies at once (SIGHUP) and those that take effect at the next start.
    struct Changes
    {
        QStringList live;
        QStringList needRestart;
    };

    // What the command line may set (all optional).
    struct Overrides
    {
        std::optional<QString> url;
        std::optional<QString> user;
        std::optional<QString> passwordFile;
        std::optional<bool> useApiKey;
        std::optional<bool> insecureTls;
        std::optional<QString> caFile;
        std::optional<QString> vmRecordApp;
        std::optional<QString> vmPlaybackApp;
        std::optional<QString> queueApp;
        std::optional<QString> supervisorEndpoint;
    };

    // Reads `iniPath` (may be empty: no file) and the environment, then applies `overrides`.
    // Returns false with *error set when the INI file cannot be read or a value is invalid (every
    // invalid value is named, one a line).
    bool load(const QString &iniPath, const QProcessEnvironment &environment, const Overrides &overrides,
              QString *error);

    // What stops loaded settings from working as a service although load() accepted them (no
    // password, a state directory that does not exist or cannot be written, a key no setting
    // reads), one sentence each; empty when none. --check-config reports these.
    QStringList problems() const;
    // What is allowed but may not be meant (a password that begins or ends with a space), for
    // --check-config.
    QStringList notes() const;

    // The settings of `newer` that differ from these ones.
    Changes changesTo(const SupervisorSettings &newer) const;

    AriEndpoint endpoint() const; // with the three application names registered

    QString url() const { return m_url; }
    QString user() const { return m_user; }
    QString caFile() const { return m_caFile; }
    AriEndpoint::RestTransport restTransport() const { return m_restTransport; }
    bool hasPassword() const { return !m_password.isEmpty(); }
    QString vmRecordApp() const { return m_vmRecordApp; }
    QString vmPlaybackApp() const { return m_vmPlaybackApp; }
    QString queueApp() const { return m_queueApp; }
    // The application the supervisor's own listening calls enter (SPEC SV-6): `[apps] listen`, else
    // derived from the queue's name ("ari-supervisor" for the default names, "ari-supervisor-<queue>"
    // otherwise), so that two instances configured with different names never share one.
    QString listenApp() const;
    int announcementIntervalMs() const { return m_announcementIntervalMs; }
    int skipMs() const { return m_skipMs; }
    QString supervisorEndpoint() const { return m_supervisorEndpoint; }
    QString recordingFormat() const { return m_recordingFormat; }
    // SPEC VM-2: the context of the mailboxes whose lamps the service updates ("305@default").
    QString mwiContext() const { return m_mwiContext; }
    // SPEC VM-2: a message played this far (percent of its length) is heard.
    int heardPercent() const { return m_heardPercent; }
    // SPEC VM-3: how long a deleted message stays in the trash.
    int trashDays() const { return m_trashDays; }
    PositionWording positionWording() const { return m_positionWording; }
    // Where the service keeps its own data ([service] state_dir, else $STATE_DIRECTORY); may be empty.
    QString stateDir() const { return m_stateDir; }
    LogLevel logLevel() const { return m_logLevel; }
    // The names people go by, by caller id number or endpoint ([names] in the INI file:
    // `8436 = Alice`); see PartyNames.
    const QHash<QString, QString> &partyNames() const { return m_partyNames; }
    void setPartyNames(const QHash<QString, QString> &names) { m_partyNames = names; }

    // Used by --demo, where the server is chosen by the program.
    void setServer(const QString &url, const QString &user, const QString &password);
    void setSupervisorEndpoint(const QString &endpoint) { m_supervisorEndpoint = endpoint; }
    void setStateDir(const QString &directory) { m_stateDir = directory; }

private:
    QString m_url = QStringLiteral("http://127.0.0.1:8088/ari");
    QString m_user = QStringLiteral("asterisk");
    QString m_password;
    bool m_useApiKey = false;
    bool m_insecureTls = false;
    QString m_caFile; // PEM, CAs trusted besides the system's
    AriEndpoint::RestTransport m_restTransport = AriEndpoint::RestTransport::Auto;
    qint64 m_maxEventFrameBytes = AriEndpoint().maxEventFrameBytes;
    qint64 m_maxBodyBytes = AriEndpoint().maxBodyBytes;
    QString m_vmRecordApp = QStringLiteral("vm-record");
    QString m_vmPlaybackApp = QStringLiteral("vm-playback");
    QString m_queueApp = QStringLiteral("queue");
    QString m_listenApp; // empty: derived
    int m_announcementIntervalMs = 30000;
    int m_skipMs = 5000;
    QString m_supervisorEndpoint;
    QString m_recordingFormat = QStringLiteral("wav");
    QString m_mwiContext = QStringLiteral("default");
    int m_heardPercent = 80;
    int m_trashDays = 30;
    PositionWording m_positionWording = PositionWording::CallersAhead;
    QString m_stateDir;
    LogLevel m_logLevel = LogLevel::Info;
    QStringList m_unknownKeys; // keys of the INI file no setting reads (misspelt?), for problems()
    QHash<QString, QString> m_partyNames;
};

#pragma once

#include "core/ari/AriEndpoint.h"

#include <QProcessEnvironment>
#include <QString>

#include <optional>

// Every setting of ARI Supervisor, typed (SPEC CFG-1). Values come from, in order of precedence:
// the command line (Overrides), an INI file (--config), the environment (ARI_URL, ARI_USER,
// ARI_PASSWORD), then defaults. The password is never taken from the command line: it comes from
// ARI_PASSWORD, a password file (command line or INI) or the INI file.
class SupervisorSettings
{
public:
    enum class PositionWording {
        CallersAhead, // the tutorial: "there are <callers ahead> calls waiting"
        OwnPosition,  // Asterisk's app_queue: the caller's own position
    };

    // What the command line may set (all optional).
    struct Overrides
    {
        std::optional<QString> url;
        std::optional<QString> user;
        std::optional<QString> passwordFile;
        std::optional<bool> useApiKey;
        std::optional<bool> insecureTls;
        std::optional<QString> vmRecordApp;
        std::optional<QString> vmPlaybackApp;
        std::optional<QString> queueApp;
        std::optional<QString> supervisorEndpoint;
    };

    // Reads `iniPath` (may be empty: no file) and the environment, then applies `overrides`.
    // Returns false with *error set when the INI file cannot be read or a value is invalid.
    bool load(const QString &iniPath, const QProcessEnvironment &environment, const Overrides &overrides,
              QString *error);

    AriEndpoint endpoint() const; // with the three application names registered

    QString url() const { return m_url; }
    QString user() const { return m_user; }
    AriEndpoint::RestTransport restTransport() const { return m_restTransport; }
    bool hasPassword() const { return !m_password.isEmpty(); }
    QString vmRecordApp() const { return m_vmRecordApp; }
    QString vmPlaybackApp() const { return m_vmPlaybackApp; }
    QString queueApp() const { return m_queueApp; }
    int announcementIntervalMs() const { return m_announcementIntervalMs; }
    int skipMs() const { return m_skipMs; }
    QString supervisorEndpoint() const { return m_supervisorEndpoint; }
    QString recordingFormat() const { return m_recordingFormat; }
    PositionWording positionWording() const { return m_positionWording; }

    // Used by --demo, where the server is chosen by the program.
    void setServer(const QString &url, const QString &user, const QString &password);
    void setSupervisorEndpoint(const QString &endpoint) { m_supervisorEndpoint = endpoint; }

private:
    QString m_url = QStringLiteral("http://127.0.0.1:8088/ari");
    QString m_user = QStringLiteral("asterisk");
    QString m_password;
    bool m_useApiKey = false;
    bool m_insecureTls = false;
    AriEndpoint::RestTransport m_restTransport = AriEndpoint::RestTransport::Auto;
    qint64 m_maxEventFrameBytes = AriEndpoint().maxEventFrameBytes;
    qint64 m_maxBodyBytes = AriEndpoint().maxBodyBytes;
    QString m_vmRecordApp = QStringLiteral("vm-record");
    QString m_vmPlaybackApp = QStringLiteral("vm-playback");
    QString m_queueApp = QStringLiteral("queue");
    int m_announcementIntervalMs = 30000;
    int m_skipMs = 5000;
    QString m_supervisorEndpoint;
    QString m_recordingFormat = QStringLiteral("wav");
    PositionWording m_positionWording = PositionWording::CallersAhead;
};

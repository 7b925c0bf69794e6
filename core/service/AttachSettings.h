#pragma once

#include "core/service/RemoteSupervisor.h"

#include <QProcessEnvironment>
#include <QString>

#include <optional>

// How an attached desk reaches its service (SPEC SV-1, SV-4): the service's URL and the desk
// user's credentials. Like the ARI ones, from (in order of precedence) the command line (URL,
// user, password file — never the password itself), the environment (SUPERVISOR_SERVICE_USER,
// SUPERVISOR_SERVICE_PASSWORD) and the INI file:
//
//   [attach]
//   url=wss://supervisor.example.net:8089
//   user=alice
//   password_file=/home/alice/.config/ari-supervisor/service-password   ; or password=
//   ca_file=/etc/ssl/certs/supervisor-ca.pem
//   insecure_tls=false
class AttachSettings
{
public:
    struct Overrides
    {
        std::optional<QString> url;
        std::optional<QString> user;
        std::optional<QString> passwordFile;
        std::optional<bool> insecureTls;
    };

    bool load(
        const QString &iniPath, const QProcessEnvironment &environment, const Overrides &overrides, QString *error);
    RemoteSupervisor::Options options() const { return m_options; }

private:
    RemoteSupervisor::Options m_options;
};

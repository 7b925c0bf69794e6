#pragma once

#include <QHostAddress>
#include <QString>

// The `[service]` section of the INI file (SPEC SV-1, SV-4, OP-5): where the supervisor service
// listens for desks (and serves /metrics and /healthz), its TLS certificate and key, its users
// file, and how it treats desks.
//
//   [service]
//   listen=127.0.0.1:8089      ; host:port or a port alone (127.0.0.1); unset: no service
//   tls_cert=/etc/ari-supervisor/service.crt
//   tls_key=/etc/ari-supervisor/service.key
//   users_file=/etc/ari-supervisor/users
//   log_tail=500               ; event log lines in a desk's snapshot
//   desk_queue_kib=4096        ; unsent data a desk may fall behind by before it is dropped
//   desk_max_lag=5000          ; changes a desk may leave unacknowledged before it is dropped
//   login_delay_ms=1000        ; the answer to a failed login waits this long (doubling per failure)
class ServiceSettings
{
public:
    // Reads `iniPath` (empty: nothing to read, the service stays off). False with *error for a
    // value that is wrong.
    bool load(const QString &iniPath, QString *error);

    bool isEnabled() const { return m_enabled; }
    QHostAddress address() const { return m_address; }
    quint16 port() const { return m_port; }
    bool usesTls() const { return !m_tlsCert.isEmpty(); }
    QString tlsCertificateFile() const { return m_tlsCert; }
    QString tlsKeyFile() const { return m_tlsKey; }
    QString usersFile() const { return m_usersFile; }
    int logTail() const { return m_logTail; }
    qint64 deskQueueBytes() const { return m_deskQueueBytes; }
    // Changes a desk may leave unacknowledged before it is dropped.
    int deskMaxLag() const { return m_deskMaxLag; }
    void setDeskMaxLag(int changes) { m_deskMaxLag = changes; }
    int loginDelayMs() const { return m_loginDelayMs; }

    // "host:port", "[v6]:port" or "port"; false when it is none of these.
    bool setListen(const QString &listen, QString *error);
    void setTls(const QString &certificateFile, const QString &keyFile);
    void setUsersFile(const QString &path) { m_usersFile = path; }
    void setLogTail(int lines) { m_logTail = lines; }
    void setDeskQueueBytes(qint64 bytes) { m_deskQueueBytes = bytes; }
    void setLoginDelayMs(int ms) { m_loginDelayMs = ms; }

private:
    bool m_enabled = false;
    QHostAddress m_address = QHostAddress(QHostAddress::LocalHost);
    quint16 m_port = 8089;
    QString m_tlsCert;
    QString m_tlsKey;
    QString m_usersFile;
    int m_logTail = 500;
    qint64 m_deskQueueBytes = 4 * 1024 * 1024;
    int m_loginDelayMs = 1000;
    int m_deskMaxLag = 5000;
};

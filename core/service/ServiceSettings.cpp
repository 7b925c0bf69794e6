#include "core/service/ServiceSettings.h"

#include <QFileInfo>
#include <QSettings>

using namespace Qt::StringLiterals;

bool ServiceSettings::setListen(const QString &listen, QString *error)
{
    QString host = u"127.0.0.1"_s;
    QString port = listen.trimmed();
    const qsizetype colon = port.lastIndexOf(u':');
    if (colon >= 0) {
        host = port.left(colon);
        port = port.mid(colon + 1);
        if (host.startsWith(u'[') && host.endsWith(u']'))
            host = host.mid(1, host.size() - 2);
    }
    bool numeric = false;
    const uint number = port.toUInt(&numeric);
    QHostAddress address;
    if (!numeric || number > 65535 || !address.setAddress(host)) {
        *error = u"service/listen must look like 127.0.0.1:8089, not \"%1\""_s.arg(listen);
        return false;
    }
    m_address = address;
    m_port = static_cast<quint16>(number);
    m_enabled = true;
    return true;
}

void ServiceSettings::setTls(const QString &certificateFile, const QString &keyFile)
{
    m_tlsCert = certificateFile;
    m_tlsKey = keyFile;
}

bool ServiceSettings::load(const QString &iniPath, QString *error)
{
    if (iniPath.isEmpty())
        return true;
    QSettings ini(iniPath, QSettings::IniFormat);
    ini.beginGroup(u"service"_s);
    const QString listen = ini.value(u"listen"_s).toString();
    if (!listen.isEmpty() && !setListen(listen, error))
        return false;
    setTls(ini.value(u"tls_cert"_s).toString(), ini.value(u"tls_key"_s).toString());
    m_usersFile = ini.value(u"users_file"_s, m_usersFile).toString();
    m_logTail = ini.value(u"log_tail"_s, m_logTail).toInt();
    m_deskQueueBytes = ini.value(u"desk_queue_kib"_s, m_deskQueueBytes / 1024).toLongLong() * 1024;
    m_loginDelayMs = ini.value(u"login_delay_ms"_s, m_loginDelayMs).toInt();
    m_deskMaxLag = ini.value(u"desk_max_lag"_s, m_deskMaxLag).toInt();
    if (m_tlsCert.isEmpty() != m_tlsKey.isEmpty()) {
        *error = u"service/tls_cert and service/tls_key go together"_s;
        return false;
    }
    if (m_enabled && m_usersFile.isEmpty()) {
        *error = u"service/listen needs service/users_file (see docs/supervisor-protocol.md)"_s;
        return false;
    }
    if (m_logTail < 0 || m_deskQueueBytes < 64 * 1024 || m_loginDelayMs < 0 || m_deskMaxLag < 100) {
        *error = u"service/log_tail ≥ 0, service/desk_queue_kib ≥ 64, service/desk_max_lag ≥ 100 and "
                 "service/login_delay_ms ≥ 0"_s;
        return false;
    }
    return true;
}

#include "core/service/AttachSettings.h"

#include "core/config/PasswordFile.h"

#include <QSettings>

using namespace Qt::StringLiterals;

bool AttachSettings::load(
    const QString &iniPath, const QProcessEnvironment &environment, const Overrides &overrides, QString *error)
{
    QString url;
    QString user = environment.value(u"SUPERVISOR_SERVICE_USER"_s);
    QString password = environment.value(u"SUPERVISOR_SERVICE_PASSWORD"_s);
    if (!iniPath.isEmpty()) {
        QSettings ini(iniPath, QSettings::IniFormat);
        ini.beginGroup(u"attach"_s);
        url = ini.value(u"url"_s).toString();
        user = ini.value(u"user"_s, user).toString();
        password = ini.value(u"password"_s, password).toString();
        const QString passwordFile = ini.value(u"password_file"_s).toString();
        if (!passwordFile.isEmpty() && !PasswordFile::read(passwordFile, &password, error))
            return false;
        m_options.caFile = ini.value(u"ca_file"_s).toString();
        m_options.insecureTls = ini.value(u"insecure_tls"_s, false).toBool();
    }
    if (overrides.url)
        url = *overrides.url;
    if (overrides.user)
        user = *overrides.user;
    if (overrides.passwordFile && !PasswordFile::read(*overrides.passwordFile, &password, error))
        return false;
    if (overrides.insecureTls)
        m_options.insecureTls = *overrides.insecureTls;

    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid() || parsed.host().isEmpty() || (parsed.scheme() != "ws"_L1 && parsed.scheme() != "wss"_L1)) {
        *error
            = u"the service URL must look like wss://host:8089 (or ws:// on a trusted network), not \"%1\""_s.arg(url);
        return false;
    }
    if (!parsed.userInfo().isEmpty()) {
        *error = u"put no credentials in the service URL; use --attach-user and SUPERVISOR_SERVICE_PASSWORD"_s;
        return false;
    }
    if (user.isEmpty()) {
        *error = u"no user for the service: --attach-user, SUPERVISOR_SERVICE_USER or [attach] user"_s;
        return false;
    }
    m_options.url = parsed;
    m_options.user = user;
    m_options.password = password;
    return true;
}

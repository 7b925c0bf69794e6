#include "core/config/SupervisorSettings.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace {

bool readPasswordFile(const QString &path, QString *password, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read the password file %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    *password = QString::fromUtf8(file.readLine(4096)).trimmed();
    return true;
}

// Smaller limits would refuse ordinary events and answers.
constexpr qint64 s_minimumLimitBytes = 65536;

bool validAppName(const QString &name)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9_.-]{1,64}$"_s);
    return pattern.match(name).hasMatch();
}

} // namespace

bool SupervisorSettings::load(const QString &iniPath, const QProcessEnvironment &environment,
                              const Overrides &overrides, QString *error)
{
    // Lowest precedence first: environment, then the INI file, then the command line.
    m_url = environment.value(u"ARI_URL"_s, m_url);
    m_user = environment.value(u"ARI_USER"_s, m_user);
    m_password = environment.value(u"ARI_PASSWORD"_s, m_password);

    if (!iniPath.isEmpty()) {
        if (!QFileInfo(iniPath).isReadable()) {
            *error = u"cannot read the configuration file %1"_s.arg(iniPath);
            return false;
        }
        QSettings ini(iniPath, QSettings::IniFormat);
        if (ini.status() != QSettings::NoError) {
            *error = u"the configuration file %1 is not a valid INI file"_s.arg(iniPath);
            return false;
        }
        m_url = ini.value(u"ari/url"_s, m_url).toString();
        m_user = ini.value(u"ari/user"_s, m_user).toString();
        m_password = ini.value(u"ari/password"_s, m_password).toString();
        const QString passwordFile = ini.value(u"ari/password_file"_s).toString();
        if (!passwordFile.isEmpty() && !readPasswordFile(passwordFile, &m_password, error))
            return false;
        m_useApiKey = ini.value(u"ari/use_api_key"_s, m_useApiKey).toBool();
        m_insecureTls = ini.value(u"ari/insecure_tls"_s, m_insecureTls).toBool();
        const QString transport = ini.value(u"ari/rest_transport"_s).toString();
        if (!transport.isEmpty() && !AriEndpoint::parseRestTransport(transport, &m_restTransport)) {
            *error = u"ari/rest_transport must be auto, websocket or http, not %1"_s.arg(transport);
            return false;
        }
        for (const auto &[key, value] : { std::pair { u"ari/max_event_frame_bytes"_s, &m_maxEventFrameBytes },
                 std::pair { u"ari/max_body_bytes"_s, &m_maxBodyBytes } }) {
            const QString text = ini.value(key).toString();
            if (text.isEmpty())
                continue;
            bool ok = false;
            const qint64 bytes = text.toLongLong(&ok);
            if (!ok || bytes < s_minimumLimitBytes) {
                *error = u"%1 must be a number of bytes, at least %2, not %3"_s.arg(key)
                             .arg(s_minimumLimitBytes)
                             .arg(text);
                return false;
            }
            *value = bytes;
        }
        m_vmRecordApp = ini.value(u"apps/vm_record"_s, m_vmRecordApp).toString();
        m_vmPlaybackApp = ini.value(u"apps/vm_playback"_s, m_vmPlaybackApp).toString();
        m_queueApp = ini.value(u"apps/queue"_s, m_queueApp).toString();
        m_announcementIntervalMs = ini.value(u"queue/announcement_interval_ms"_s, m_announcementIntervalMs).toInt();
        const QString wording = ini.value(u"queue/position_wording"_s).toString();
        if (wording == u"own_position"_s)
            m_positionWording = PositionWording::OwnPosition;
        else if (wording == u"callers_ahead"_s)
            m_positionWording = PositionWording::CallersAhead;
        else if (!wording.isEmpty()) {
            *error = u"queue/position_wording must be callers_ahead or own_position, not %1"_s.arg(wording);
            return false;
        }
        m_skipMs = ini.value(u"voicemail/skip_ms"_s, m_skipMs).toInt();
        m_recordingFormat = ini.value(u"voicemail/recording_format"_s, m_recordingFormat).toString();
        m_supervisorEndpoint = ini.value(u"supervisor/endpoint"_s, m_supervisorEndpoint).toString();
    }

    if (overrides.url)
        m_url = *overrides.url;
    if (overrides.user)
        m_user = *overrides.user;
    if (overrides.passwordFile && !readPasswordFile(*overrides.passwordFile, &m_password, error))
        return false;
    if (overrides.useApiKey)
        m_useApiKey = *overrides.useApiKey;
    if (overrides.insecureTls)
        m_insecureTls = *overrides.insecureTls;
    if (overrides.vmRecordApp)
        m_vmRecordApp = *overrides.vmRecordApp;
    if (overrides.vmPlaybackApp)
        m_vmPlaybackApp = *overrides.vmPlaybackApp;
    if (overrides.queueApp)
        m_queueApp = *overrides.queueApp;
    if (overrides.supervisorEndpoint)
        m_supervisorEndpoint = *overrides.supervisorEndpoint;

    const QUrl url(m_url, QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid() || url.host().isEmpty() || (scheme != u"http"_s && scheme != u"https"_s)) {
        *error = u"the ARI URL must look like http://host:8088/ari (or https), not \"%1\""_s.arg(m_url);
        return false;
    }
    if (!url.userInfo().isEmpty()) {
        *error = u"put no credentials in the ARI URL; use --user and ARI_PASSWORD"_s;
        return false;
    }
    for (const QString &app : {m_vmRecordApp, m_vmPlaybackApp, m_queueApp}) {
        if (!validAppName(app)) {
            *error = u"application names may hold only letters, digits, '.', '_' and '-': \"%1\""_s.arg(app);
            return false;
        }
    }
    if (m_announcementIntervalMs < 1000) {
        *error = u"queue/announcement_interval_ms must be at least 1000"_s;
        return false;
    }
    if (m_skipMs < 1) {
        *error = u"voicemail/skip_ms must be positive"_s;
        return false;
    }
    return true;
}

AriEndpoint SupervisorSettings::endpoint() const
{
    AriEndpoint endpoint;
    endpoint.baseUrl = QUrl(m_url);
    endpoint.user = m_user;
    endpoint.password = m_password;
    endpoint.useApiKey = m_useApiKey;
    endpoint.verifyPeer = !m_insecureTls;
    endpoint.restTransport = m_restTransport;
    endpoint.maxEventFrameBytes = m_maxEventFrameBytes;
    endpoint.maxBodyBytes = m_maxBodyBytes;
    endpoint.applications = {m_vmRecordApp, m_vmPlaybackApp, m_queueApp};
    return endpoint;
}

void SupervisorSettings::setServer(const QString &url, const QString &user, const QString &password)
{
    m_url = url;
    m_user = user;
    m_password = password;
}

#include "core/config/SupervisorSettings.h"

#include "core/config/PasswordFile.h"

#include "core/ari/AriTlsPolicy.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>
#include <QUrl>

#include <algorithm>
#include <array>

using namespace Qt::StringLiterals;

namespace {

// The name of the password in systemd's credentials directory (LoadCredential=ari-password:…).
constexpr auto s_credentialName = "ari-password"_L1;

constexpr int s_minAnnouncementIntervalMs = 1000;
constexpr int s_maxAnnouncementIntervalMs = 3600 * 1000;
constexpr int s_maxSkipMs = 600 * 1000;
constexpr int s_maxTrashDays = 3650;

// Every key the INI file may hold; any other one is reported by problems() (a misspelt key would
// otherwise be ignored without a word).
constexpr std::array s_knownKeys {
    "ari/url"_L1,
    "ari/user"_L1,
    "ari/password"_L1,
    "ari/password_file"_L1,
    "ari/use_api_key"_L1,
    "ari/insecure_tls"_L1,
    "ari/ca_file"_L1,
    "ari/rest_transport"_L1,
    "ari/max_event_frame_bytes"_L1,
    "ari/max_body_bytes"_L1,
    "apps/vm_record"_L1,
    "apps/vm_playback"_L1,
    "apps/queue"_L1,
    "apps/listen"_L1,
    "queue/announcement_interval_ms"_L1,
    "queue/position_wording"_L1,
    "voicemail/skip_ms"_L1,
    "voicemail/recording_format"_L1,
    "voicemail/mwi_context"_L1,
    "voicemail/heard_percent"_L1,
    "voicemail/trash_days"_L1,
    "supervisor/endpoint"_L1,
    "service/state_dir"_L1,
    "service/log_level"_L1,
    // Read by the supervisor service (ServiceSettings) and an attached desk (AttachSettings).
    "service/listen"_L1,
    "service/tls_cert"_L1,
    "service/tls_key"_L1,
    "service/users_file"_L1,
    "service/log_tail"_L1,
    "service/desk_queue_kib"_L1,
    "service/login_delay_ms"_L1,
    "service/desk_max_lag"_L1,
    "attach/url"_L1,
    "attach/user"_L1,
    "attach/password"_L1,
    "attach/password_file"_L1,
    "attach/ca_file"_L1,
    "attach/insecure_tls"_L1,
};

// Smaller limits would refuse ordinary events and answers.
constexpr qint64 s_minimumLimitBytes = 65536;

bool validAppName(const QString &name)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9_.-]{1,64}$"_s);
    return pattern.match(name).hasMatch();
}

// Reads an integer setting; a value that is not a whole number is a problem, not a zero.
void readInt(const QSettings &ini, QLatin1StringView key, int *value, QStringList *problems)
{
    if (!ini.contains(key))
        return;
    const QString text = ini.value(key).toString().trimmed();
    bool ok = false;
    const int number = text.toInt(&ok);
    if (!ok) {
        problems->append(u"%1 must be a whole number, not \"%2\""_s.arg(key, text));
        return;
    }
    *value = number;
}

// Reads a yes/no setting: true, false, yes, no, on, off, 1 or 0 (a typo must not turn on, say,
// insecure TLS, which any other text would do with QVariant::toBool()).
void readBool(const QSettings &ini, QLatin1StringView key, bool *value, QStringList *problems)
{
    if (!ini.contains(key))
        return;
    const QString text = ini.value(key).toString().trimmed().toLower();
    if (text == u"true"_s || text == u"yes"_s || text == u"on"_s || text == u"1"_s)
        *value = true;
    else if (text == u"false"_s || text == u"no"_s || text == u"off"_s || text == u"0"_s)
        *value = false;
    else
        problems->append(u"%1 must be true or false, not \"%2\""_s.arg(key, text));
}

} // namespace

bool SupervisorSettings::load(const QString &iniPath, const QProcessEnvironment &environment,
                              const Overrides &overrides, QString *error)
{
    // Lowest precedence first: environment, then the INI file, then the command line.
    m_url = environment.value(u"ARI_URL"_s, m_url);
    m_user = environment.value(u"ARI_USER"_s, m_user);
    m_password = environment.value(u"ARI_PASSWORD"_s, m_password);
    // systemd: the credential of LoadCredential= (readable by the service only), the directory of
    // StateDirectory= (a list separated by ':' when the unit names several: the first one).
    // An empty credential (the package installs an empty file until the password is written into
    // it) leaves the password to the other sources.
    const QString credentials = environment.value(u"CREDENTIALS_DIRECTORY"_s);
    if (!credentials.isEmpty()) {
        const QString credential = QDir(credentials).filePath(s_credentialName);
        QString password;
        if (QFileInfo::exists(credential) && !PasswordFile::read(credential, &password, error))
            return false;
        if (!password.isEmpty())
            m_password = password;
    }
    const QString stateDirectory = environment.value(u"STATE_DIRECTORY"_s);
    if (!stateDirectory.isEmpty())
        m_stateDir = stateDirectory.section(u':', 0, 0);

    QStringList problems;
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
        if (!passwordFile.isEmpty() && !PasswordFile::read(passwordFile, &m_password, error))
            return false;
        readBool(ini, "ari/use_api_key"_L1, &m_useApiKey, &problems);
        readBool(ini, "ari/insecure_tls"_L1, &m_insecureTls, &problems);
        m_caFile = ini.value(u"ari/ca_file"_s, m_caFile).toString();
        const QString transport = ini.value(u"ari/rest_transport"_s).toString();
        if (!transport.isEmpty() && !AriEndpoint::parseRestTransport(transport, &m_restTransport))
            problems.append(u"ari/rest_transport must be auto, websocket or http, not %1"_s.arg(transport));
        for (const auto &[key, value] : { std::pair { u"ari/max_event_frame_bytes"_s, &m_maxEventFrameBytes },
                 std::pair { u"ari/max_body_bytes"_s, &m_maxBodyBytes } }) {
            const QString text = ini.value(key).toString();
            if (text.isEmpty())
                continue;
            bool ok = false;
            const qint64 bytes = text.toLongLong(&ok);
            if (!ok || bytes < s_minimumLimitBytes) {
                problems.append(u"%1 must be a number of bytes, at least %2, not %3"_s.arg(key)
                                    .arg(s_minimumLimitBytes)
                                    .arg(text));
                continue;
            }
            *value = bytes;
        }
        m_vmRecordApp = ini.value(u"apps/vm_record"_s, m_vmRecordApp).toString();
        m_vmPlaybackApp = ini.value(u"apps/vm_playback"_s, m_vmPlaybackApp).toString();
        m_queueApp = ini.value(u"apps/queue"_s, m_queueApp).toString();
        m_listenApp = ini.value(u"apps/listen"_s, m_listenApp).toString();
        readInt(ini, "queue/announcement_interval_ms"_L1, &m_announcementIntervalMs, &problems);
        const QString wording = ini.value(u"queue/position_wording"_s).toString();
        if (wording == u"own_position"_s)
            m_positionWording = PositionWording::OwnPosition;
        else if (wording == u"callers_ahead"_s)
            m_positionWording = PositionWording::CallersAhead;
        else if (!wording.isEmpty())
            problems.append(u"queue/position_wording must be callers_ahead or own_position, not %1"_s.arg(wording));
        readInt(ini, "voicemail/skip_ms"_L1, &m_skipMs, &problems);
        m_recordingFormat = ini.value(u"voicemail/recording_format"_s, m_recordingFormat).toString();
        m_mwiContext = ini.value(u"voicemail/mwi_context"_s, m_mwiContext).toString().trimmed();
        readInt(ini, "voicemail/heard_percent"_L1, &m_heardPercent, &problems);
        readInt(ini, "voicemail/trash_days"_L1, &m_trashDays, &problems);
        m_supervisorEndpoint = ini.value(u"supervisor/endpoint"_s, m_supervisorEndpoint).toString();
        m_stateDir = ini.value(u"service/state_dir"_s, m_stateDir).toString();
        const QString level = ini.value(u"service/log_level"_s).toString();
        if (level == u"debug"_s)
            m_logLevel = LogLevel::Debug;
        else if (level == u"info"_s)
            m_logLevel = LogLevel::Info;
        else if (level == u"warning"_s)
            m_logLevel = LogLevel::Warning;
        else if (!level.isEmpty())
            problems.append(u"service/log_level must be debug, info or warning, not %1"_s.arg(level));

        m_unknownKeys.clear();
        for (const QString &key : ini.allKeys()) {
            if (!key.startsWith(u"names/"_s) // [names] holds any number
                && std::find(s_knownKeys.begin(), s_knownKeys.end(), key) == s_knownKeys.end())
                m_unknownKeys.append(key);
        }
        ini.beginGroup(u"names"_s);
        const QStringList numbers = ini.childKeys();
        for (const QString &number : numbers) {
            const QString name = ini.value(number).toString().trimmed();
            if (name.isEmpty()) {
                problems.append(u"names/%1 is empty: give the name that number goes by, or remove the line"_s.arg(number));
                continue;
            }
            m_partyNames.insert(number.trimmed(), name);
        }
        ini.endGroup();
    }

    if (overrides.url)
        m_url = *overrides.url;
    if (overrides.user)
        m_user = *overrides.user;
    if (overrides.passwordFile && !PasswordFile::read(*overrides.passwordFile, &m_password, error))
        return false;
    if (overrides.useApiKey)
        m_useApiKey = *overrides.useApiKey;
    if (overrides.insecureTls)
        m_insecureTls = *overrides.insecureTls;
    if (overrides.caFile)
        m_caFile = *overrides.caFile;
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
    if (!url.isValid() || url.host().isEmpty() || (scheme != u"http"_s && scheme != u"https"_s))
        problems.append(u"the ARI URL must look like http://host:8088 or http://host:8088/ari (or https), not \"%1\""_s.arg(m_url));
    else if (!url.userInfo().isEmpty())
        problems.append(u"put no credentials in the ARI URL; use --user and ARI_PASSWORD"_s);
    if (!m_caFile.isEmpty()) {
        if (const QString caError = AriTlsPolicy::checkCaFile(m_caFile); !caError.isEmpty())
            problems.append(u"ari/ca_file: %1"_s.arg(caError));
    }
    const std::array apps { m_vmRecordApp, m_vmPlaybackApp, m_queueApp };
    for (std::size_t i = 0; i < apps.size(); ++i) {
        if (!validAppName(apps[i]))
            problems.append(
                u"application names may hold only letters, digits, '.', '_' and '-': \"%1\""_s.arg(apps[i]));
        else if (std::find(apps.begin(), apps.begin() + qsizetype(i), apps[i]) != apps.begin() + qsizetype(i))
            problems.append(u"the three application names must differ; \"%1\" is given twice"_s.arg(apps[i]));
    }
    // A listening application named after an invalid queue name is reported with that name.
    if (!m_listenApp.isEmpty() && !validAppName(m_listenApp))
        problems.append(
            u"application names may hold only letters, digits, '.', '_' and '-': \"%1\""_s.arg(m_listenApp));
    if (m_announcementIntervalMs < s_minAnnouncementIntervalMs
        || m_announcementIntervalMs > s_maxAnnouncementIntervalMs)
        problems.append(u"queue/announcement_interval_ms must be at least %1 and at most %2, not %3"_s
                            .arg(s_minAnnouncementIntervalMs)
                            .arg(s_maxAnnouncementIntervalMs)
                            .arg(m_announcementIntervalMs));
    static const QRegularExpression s_context(u"^[A-Za-z0-9_.-]{1,79}$"_s);
    if (!s_context.match(m_mwiContext).hasMatch())
        problems.append(u"voicemail/mwi_context must be a dialplan context name (letters, digits, _ . -), not \"%1\""_s.arg(
            m_mwiContext));
    if (m_heardPercent < 1 || m_heardPercent > 100)
        problems.append(u"voicemail/heard_percent must be between 1 and 100, not %1"_s.arg(m_heardPercent));
    if (m_trashDays < 1 || m_trashDays > s_maxTrashDays)
        problems.append(u"voicemail/trash_days must be between 1 and %1, not %2"_s.arg(s_maxTrashDays).arg(m_trashDays));
    if (m_skipMs < 1 || m_skipMs > s_maxSkipMs)
        problems.append(u"voicemail/skip_ms must be positive and at most %1, not %2"_s.arg(s_maxSkipMs).arg(m_skipMs));
    static const QRegularExpression s_format(u"^[a-z0-9]{1,16}$"_s);
    if (!s_format.match(m_recordingFormat).hasMatch())
        problems.append(u"voicemail/recording_format must be a format name such as wav or gsm, not \"%1\""_s.arg(
            m_recordingFormat));
    static const QRegularExpression s_endpoint(u"^[A-Za-z0-9_-]+/[^\\s/][^\\s]*$"_s);
    if (!m_supervisorEndpoint.isEmpty() && !s_endpoint.match(m_supervisorEndpoint).hasMatch())
        problems.append(u"the supervisor endpoint must look like PJSIP/1001, not \"%1\""_s.arg(m_supervisorEndpoint));
    if (!m_stateDir.isEmpty() && QDir::isRelativePath(m_stateDir))
        problems.append(u"service/state_dir must be an absolute path, not \"%1\""_s.arg(m_stateDir));

    if (!problems.isEmpty()) {
        *error = problems.join(u'\n');
        return false;
    }
    return true;
}

QStringList SupervisorSettings::notes() const
{
    QStringList notes;
    if (PasswordFile::hasSurroundingSpace(m_password))
        notes.append(u"note: the ARI password begins or ends with a space or a tab; it is used as it is "
                     "(a password file's first line counts exactly, only its line break is left out)"_s);
    return notes;
}

QStringList SupervisorSettings::problems() const
{
    QStringList problems;
    if (m_password.isEmpty())
        problems.append(u"no ARI password: set ARI_PASSWORD, the credential %1 (LoadCredential=), "
                        "[ari] password_file or --password-file"_s.arg(s_credentialName));
    if (!m_stateDir.isEmpty()) {
        const QFileInfo directory(m_stateDir);
        if (!directory.isDir())
            problems.append(u"the state directory %1 does not exist"_s.arg(m_stateDir));
        else if (!directory.isWritable())
            problems.append(u"the state directory %1 cannot be written"_s.arg(m_stateDir));
    }
    for (const QString &key : m_unknownKeys)
        problems.append(u"unknown setting %1 (misspelt?)"_s.arg(key));
    return problems;
}

SupervisorSettings::Changes SupervisorSettings::changesTo(const SupervisorSettings &newer) const
{
    Changes changes;
    const auto compare = [&changes](bool differ, QLatin1StringView key, bool live) {
        if (differ)
            (live ? changes.live : changes.needRestart).append(QString(key));
    };
    compare(m_skipMs != newer.m_skipMs, "voicemail/skip_ms"_L1, true);
    compare(m_announcementIntervalMs != newer.m_announcementIntervalMs, "queue/announcement_interval_ms"_L1, true);
    compare(m_positionWording != newer.m_positionWording, "queue/position_wording"_L1, true);
    compare(m_logLevel != newer.m_logLevel, "service/log_level"_L1, true);
    compare(m_url != newer.m_url, "ari/url"_L1, false);
    compare(m_user != newer.m_user, "ari/user"_L1, false);
    compare(m_password != newer.m_password, "ari/password"_L1, false);
    compare(m_useApiKey != newer.m_useApiKey, "ari/use_api_key"_L1, false);
    compare(m_insecureTls != newer.m_insecureTls, "ari/insecure_tls"_L1, false);
    compare(m_caFile != newer.m_caFile, "ari/ca_file"_L1, false);
    compare(m_restTransport != newer.m_restTransport, "ari/rest_transport"_L1, false);
    compare(m_maxEventFrameBytes != newer.m_maxEventFrameBytes, "ari/max_event_frame_bytes"_L1, false);
    compare(m_maxBodyBytes != newer.m_maxBodyBytes, "ari/max_body_bytes"_L1, false);
    compare(m_vmRecordApp != newer.m_vmRecordApp, "apps/vm_record"_L1, false);
    compare(m_vmPlaybackApp != newer.m_vmPlaybackApp, "apps/vm_playback"_L1, false);
    compare(m_queueApp != newer.m_queueApp, "apps/queue"_L1, false);
    compare(m_listenApp != newer.m_listenApp, "apps/listen"_L1, false);
    compare(m_recordingFormat != newer.m_recordingFormat, "voicemail/recording_format"_L1, false);
    compare(m_mwiContext != newer.m_mwiContext, "voicemail/mwi_context"_L1, false);
    compare(m_heardPercent != newer.m_heardPercent, "voicemail/heard_percent"_L1, false);
    compare(m_trashDays != newer.m_trashDays, "voicemail/trash_days"_L1, false);
    compare(m_supervisorEndpoint != newer.m_supervisorEndpoint, "supervisor/endpoint"_L1, false);
    compare(m_stateDir != newer.m_stateDir, "service/state_dir"_L1, false);
    return changes;
}

QString SupervisorSettings::listenApp() const
{
    if (!m_listenApp.isEmpty())
        return m_listenApp;
    return m_queueApp == u"queue"_s ? u"ari-supervisor"_s : u"ari-supervisor-"_s + m_queueApp;
}

AriEndpoint SupervisorSettings::endpoint() const
{
    AriEndpoint endpoint;
    endpoint.baseUrl = QUrl(m_url);
    endpoint.user = m_user;
    endpoint.password = m_password;
    endpoint.useApiKey = m_useApiKey;
    endpoint.verifyPeer = !m_insecureTls;
    endpoint.caFile = m_caFile;
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

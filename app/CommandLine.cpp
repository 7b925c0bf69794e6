#include "app/CommandLine.h"

#include "core/config/ConnectionProfileStore.h"

using namespace Qt::StringLiterals;

namespace {
const QCommandLineOption s_noGui(u"no-gui"_s, u"Run headless: the call handling only, logs on standard error."_s);
const QCommandLineOption s_demo(u"demo"_s, u"Run on an embedded ARI simulator with sample mailboxes, callers and agents."_s);
const QCommandLineOption s_demoSpeed(u"demo-speed"_s, u"With --demo: how many times faster than real time the simulator runs."_s, u"factor"_s, u"1"_s);
const QCommandLineOption s_config(u"config"_s, u"Read settings from this INI file."_s, u"file"_s);
const QCommandLineOption s_url(u"url"_s, u"ARI base URL, e.g. http://127.0.0.1:8088/ari (or ARI_URL)."_s, u"url"_s);
const QCommandLineOption s_user(u"user"_s, u"ARI user (or ARI_USER). The password comes from ARI_PASSWORD or --password-file."_s, u"name"_s);
const QCommandLineOption s_passwordFile(u"password-file"_s, u"Read the ARI password from the first line of this file."_s, u"file"_s);
const QCommandLineOption s_apiKey(u"api-key"_s, u"Authenticate with api_key=user:password instead of HTTP basic auth."_s);
const QCommandLineOption s_insecure(u"insecure"_s, u"Do not verify TLS certificates (https/wss)."_s);
const QCommandLineOption s_caFile(
    u"ca-file"_s, u"Also trust the CAs of this PEM file for the server's TLS certificate (https/wss)."_s, u"file"_s);
const QCommandLineOption s_vmRecordApp(u"vm-record-app"_s, u"Stasis application name of voicemail recording (default vm-record)."_s, u"name"_s);
const QCommandLineOption s_vmPlaybackApp(u"vm-playback-app"_s, u"Stasis application name of voicemail listening (default vm-playback)."_s, u"name"_s);
const QCommandLineOption s_queueApp(u"queue-app"_s, u"Stasis application name of the call queue (default queue)."_s, u"name"_s);
const QCommandLineOption s_endpoint(u"supervisor-endpoint"_s, u"The supervisor's own phone, for listening to messages (e.g. PJSIP/1001)."_s, u"endpoint"_s);
const QCommandLineOption s_logFormat(u"log-format"_s, u"Log as human text or as JSON lines: text or json."_s, u"format"_s, u"text"_s);
const QCommandLineOption s_profile(u"profile"_s, u"Connect as the connection profile of this name says (File > Settings in the window); options given as well take precedence."_s, u"name"_s);
const QCommandLineOption s_attach(u"attach"_s, u"Attach this window to a supervisor service (wss://host:8089) instead of running the call handling."_s, u"url"_s);
const QCommandLineOption s_attachUser(u"attach-user"_s, u"User at the supervisor service (or SUPERVISOR_SERVICE_USER). The password comes from SUPERVISOR_SERVICE_PASSWORD, --attach-password-file or the INI file."_s, u"name"_s);
const QCommandLineOption s_attachPasswordFile(u"attach-password-file"_s, u"Read the service password from the first line of this file."_s, u"file"_s);
const QCommandLineOption s_hashPassword(u"hash-password"_s, u"Print a line of the service's users file for this user and role (viewer or supervisor); the password is read from standard input."_s, u"name:role"_s);
const QCommandLineOption s_printStateMachine(u"print-state-machine"_s, u"Print the state machine of an application (vm-record, vm-playback, queue) as Graphviz DOT."_s, u"name"_s);
const QCommandLineOption s_checkConfig(u"check-config"_s, u"Check the settings (--config, environment, command line), say what is wrong, and exit: 0 when they are usable, 1 when not."_s);
} // namespace

CommandLine::CommandLine()
{
    m_parser.setApplicationDescription(
        u"ARI Supervisor: voicemail and call-queue applications on Asterisk through ARI, with a live supervisor view."_s);
    m_parser.addHelpOption();
    m_parser.addVersionOption();
    m_parser.addOptions({s_noGui, s_demo, s_demoSpeed, s_config, s_url, s_user, s_passwordFile, s_apiKey, s_insecure, s_caFile,
                         s_vmRecordApp, s_vmPlaybackApp, s_queueApp, s_endpoint, s_logFormat, s_printStateMachine, s_checkConfig,
                         s_profile, s_attach, s_attachUser, s_attachPasswordFile, s_hashPassword});
}

CommandLine::Action CommandLine::parse(const QStringList &arguments)
{
    if (!m_parser.parse(arguments)) {
        m_error = m_parser.errorText();
        return Action::Error;
    }
    if (m_parser.isSet(u"help"_s))
        return Action::ShowHelp;
    if (m_parser.isSet(u"version"_s))
        return Action::ShowVersion;
    if (!m_parser.positionalArguments().isEmpty()) {
        m_error = u"unexpected argument: %1 (the password is never given on the command line)"_s.arg(
            m_parser.positionalArguments().constFirst());
        return Action::Error;
    }

    m_headless = m_parser.isSet(s_noGui);
    m_demo = m_parser.isSet(s_demo);
    bool speedOk = false;
    m_demoSpeed = m_parser.value(s_demoSpeed).toDouble(&speedOk);
    if (!speedOk || m_demoSpeed < 0.1 || m_demoSpeed > 1000) {
        m_error = u"--demo-speed takes a number from 0.1 to 1000"_s;
        return Action::Error;
    }
    m_configPath = m_parser.value(s_config);

    const QString format = m_parser.value(s_logFormat);
    if (format == u"json"_s)
        m_logFormat = LogFormat::Json;
    else if (format == u"text"_s)
        m_logFormat = LogFormat::Text;
    else {
        m_error = u"--log-format takes text or json, not %1"_s.arg(format);
        return Action::Error;
    }

    auto take = [this](const QCommandLineOption &option, std::optional<QString> &target) {
        if (m_parser.isSet(option))
            target = m_parser.value(option);
    };
    take(s_url, m_overrides.url);
    take(s_user, m_overrides.user);
    take(s_passwordFile, m_overrides.passwordFile);
    take(s_caFile, m_overrides.caFile);
    take(s_vmRecordApp, m_overrides.vmRecordApp);
    take(s_vmPlaybackApp, m_overrides.vmPlaybackApp);
    take(s_queueApp, m_overrides.queueApp);
    take(s_endpoint, m_overrides.supervisorEndpoint);
    if (m_parser.isSet(s_apiKey))
        m_overrides.useApiKey = true;
    if (m_parser.isSet(s_insecure))
        m_overrides.insecureTls = true;

    if (m_parser.isSet(s_profile))
        m_profile = m_parser.value(s_profile);
    if (m_parser.isSet(s_attach))
        m_attachOverrides.url = m_parser.value(s_attach);
    if (m_parser.isSet(s_attachUser))
        m_attachOverrides.user = m_parser.value(s_attachUser);
    if (m_parser.isSet(s_attachPasswordFile))
        m_attachOverrides.passwordFile = m_parser.value(s_attachPasswordFile);
    if (m_parser.isSet(s_insecure))
        m_attachOverrides.insecureTls = true;
    if (m_parser.isSet(s_attach) && (m_headless || m_demo)) {
        m_error = u"--attach opens a window on a service: not with --no-gui or --demo"_s;
        return Action::Error;
    }
    if (m_parser.isSet(s_hashPassword)) {
        m_hashUser = m_parser.value(s_hashPassword);
        return Action::HashPassword;
    }
    if (m_parser.isSet(s_printStateMachine)) {
        m_stateMachineName = m_parser.value(s_printStateMachine);
        return Action::PrintStateMachine;
    }
    if (m_parser.isSet(s_checkConfig))
        return Action::CheckConfig;
    return Action::Run;
}

bool CommandLine::applyProfile(const ConnectionProfileStore &store)
{
    if (m_profile.isEmpty())
        return true;
    const std::optional<ConnectionProfile> profile = store.profile(m_profile);
    if (!profile) {
        const QStringList names = store.names();
        m_error = names.isEmpty()
            ? u"there is no connection profile \"%1\" (none is saved: File > Settings in the window)"_s.arg(m_profile)
            : u"there is no connection profile \"%1\"; saved: %2"_s.arg(m_profile, names.join(u", "_s));
        return false;
    }
    const auto fill = [](std::optional<QString> &target, const QString &value) {
        if (!target && !value.isEmpty())
            target = value;
    };
    const QString passwordFile = store.hasPassword(m_profile) ? store.passwordFile(m_profile) : QString();
    if (profile->kind == ConnectionProfile::Kind::Service) {
        if (m_headless || m_demo) {
            m_error = u"the profile \"%1\" attaches to a service: not with --no-gui or --demo"_s.arg(m_profile);
            return false;
        }
        fill(m_attachOverrides.url, profile->serviceUrl);
        fill(m_attachOverrides.user, profile->user);
        fill(m_attachOverrides.passwordFile, passwordFile);
        return true;
    }
    fill(m_overrides.url, profile->ariUrl);
    fill(m_overrides.user, profile->user);
    fill(m_overrides.passwordFile, passwordFile);
    fill(m_overrides.vmRecordApp, profile->vmRecordApp);
    fill(m_overrides.vmPlaybackApp, profile->vmPlaybackApp);
    fill(m_overrides.queueApp, profile->queueApp);
    return true;
}

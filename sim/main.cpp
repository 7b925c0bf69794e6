#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

#include "sim/SimServer.h"

using namespace Qt::StringLiterals;

namespace {

int s_signalFds[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    // Only async-signal-safe calls here: wake the event loop through the socket pair.
    [[maybe_unused]] const auto written = ::write(s_signalFds[0], &byte, 1);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"ari-sim"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(SUPERVISOR_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"ARI simulator: speaks the Asterisk REST Interface like Asterisk 22 (REST under /ari, "
        "events on /ari/events) plus a control API under /sim to place and drive callers."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption listen(u"listen"_s, u"Address to listen on (default 127.0.0.1)."_s, u"address"_s,
                                    u"127.0.0.1"_s);
    const QCommandLineOption port(u"port"_s, u"TCP port (default 0: a free port)."_s, u"port"_s, u"0"_s);
    const QCommandLineOption user(u"user"_s, u"ARI user name (default asterisk)."_s, u"user"_s, u"asterisk"_s);
    const QCommandLineOption passwordFile(
        u"password-file"_s,
        u"File holding the ARI password (first line). Else the ARI_PASSWORD environment variable, else \"asterisk\"."_s,
        u"file"_s);
    const QCommandLineOption speed(u"speed"_s, u"Simulated time runs N times faster (default 1)."_s, u"N"_s, u"1"_s);
    const QCommandLineOption sounds(u"sounds"_s, u"Sounds directory (default /usr/share/asterisk/sounds, else a built-in catalogue)."_s,
                                    u"dir"_s);
    const QCommandLineOption recordings(u"recordings"_s, u"Directory for stored recordings (default: a temporary directory)."_s,
                                        u"dir"_s);
    const QCommandLineOption tlsCert(
        u"tls-cert"_s, u"Serve https and wss with this PEM certificate (with --tls-key)."_s, u"file"_s);
    const QCommandLineOption tlsKey(u"tls-key"_s, u"The PEM private key of --tls-cert (unencrypted)."_s, u"file"_s);
    parser.addOptions({ listen, port, user, passwordFile, speed, sounds, recordings, tlsCert, tlsKey });
    parser.process(app);

    QTextStream err(stderr);
    SimServer::Options options;
    if (!options.address.setAddress(parser.value(listen))) {
        err << "ari-sim: invalid --listen address: " << parser.value(listen) << '\n';
        return 2;
    }
    bool ok = false;
    const uint portValue = parser.value(port).toUInt(&ok);
    if (!ok || portValue > 65535) {
        err << "ari-sim: invalid --port: " << parser.value(port) << '\n';
        return 2;
    }
    options.port = static_cast<quint16>(portValue);
    options.user = parser.value(user);
    if (parser.isSet(passwordFile)) {
        QFile file(parser.value(passwordFile));
        if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
            err << "ari-sim: cannot read password file " << file.fileName() << ": " << file.errorString() << '\n';
            return 2;
        }
        // The first line as it is, without its line break (as ari-supervisor reads a password file).
        QByteArray line = file.readLine();
        if (line.endsWith('\n'))
            line.chop(line.endsWith("\r\n") ? 2 : 1);
        options.password = QString::fromUtf8(line);
    } else if (qEnvironmentVariableIsSet("ARI_PASSWORD")) {
        options.password = qEnvironmentVariable("ARI_PASSWORD");
    }
    options.speed = parser.value(speed).toDouble(&ok);
    if (!ok || options.speed <= 0) {
        err << "ari-sim: invalid --speed: " << parser.value(speed) << '\n';
        return 2;
    }
    options.soundsDir = parser.value(sounds);
    options.recordingsDir = parser.value(recordings);
    if (parser.isSet(tlsCert) != parser.isSet(tlsKey)) {
        err << "ari-sim: --tls-cert and --tls-key go together\n";
        return 2;
    }
    options.tlsCertificateFile = parser.value(tlsCert);
    options.tlsKeyFile = parser.value(tlsKey);

    SimServer server(options);
    QString error;
    if (!server.start(&error)) {
        err << "ari-sim: " << error << '\n';
        return 1;
    }

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, s_signalFds) == 0) {
        auto *notifier = new QSocketNotifier(s_signalFds[1], QSocketNotifier::Read, &app);
        QObject::connect(notifier, &QSocketNotifier::activated, &app, [notifier] {
            notifier->setEnabled(false);
            char byte = 0;
            [[maybe_unused]] const auto got = ::read(s_signalFds[1], &byte, 1);
            QCoreApplication::quit();
        });
        struct sigaction action = {};
        action.sa_handler = onSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        sigaction(SIGINT, &action, nullptr);
        sigaction(SIGTERM, &action, nullptr);
    }

    QTextStream out(stdout);
    out << "ari-sim listening on " << server.baseUrl().toString() << Qt::endl;
    const int code = QCoreApplication::exec();
    return code;
}

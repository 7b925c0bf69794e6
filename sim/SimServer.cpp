#include "sim/SimServer.h"

#include <QFile>
#include <QHash>
#include <QMutex>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QWebSocket>

#include "sim/media/RecordingStore.h"
#include "sim/resources/SimApiDocs.h"
#include "sim/resources/SimApplicationsResource.h"
#include "sim/resources/SimAsteriskResource.h"
#include "sim/http/SimAuth.h"
#include "sim/resources/SimBridgesResource.h"
#include "sim/resources/SimChannelsResource.h"
#include "sim/engine/SimClock.h"
#include "sim/resources/SimControlApi.h"
#include "sim/resources/SimDeviceStatesResource.h"
#include "sim/engine/SimEngine.h"
#include "sim/http/SimEventHub.h"
#include "sim/engine/SimFaultPlan.h"
#include "sim/http/SimHttpRequest.h"
#include "sim/http/SimHttpResponse.h"
#include "sim/http/SimHttpServer.h"
#include "sim/engine/SimLogging.h"
#include "sim/resources/SimMailboxesResource.h"
#include "sim/resources/SimPlaybacksResource.h"
#include "sim/resources/SimRecordingsResource.h"
#include "sim/http/SimRestOverWebSocket.h"
#include "sim/http/SimRouter.h"
#include "sim/resources/SimSoundsResource.h"
#include "sim/media/SoundCatalogue.h"

using namespace Qt::StringLiterals;

namespace {
// Asterisk reads at most this much of an application/json request body.
constexpr qsizetype s_maxJsonBody = 4096;

// Options::shareSoundIndex: one scan per directory and process (simulators may run in threads).
SoundCatalogue sharedSoundIndex(const QString &directory)
{
    static QMutex mutex;
    static QHash<QString, SoundCatalogue> indexes;
    const QMutexLocker lock(&mutex);
    auto it = indexes.constFind(directory);
    if (it == indexes.constEnd())
        it = indexes.insert(directory, SoundCatalogue::scanOrBuiltIn(directory));
    return *it;
}
} // namespace

struct SimServer::Private
{
    explicit Private(const Options &options)
        : options(options)
        , auth(options.user, options.password)
    {
    }

    Options options;
    SimAuth auth;
    std::unique_ptr<QTemporaryDir> temporaryRecordings;
    SimClock *clock = nullptr;
    SoundCatalogue sounds;
    std::unique_ptr<RecordingStore> recordings;
    SimEventHub *hub = nullptr;
    SimEngine *engine = nullptr;
    SimFaultPlan *faults = nullptr;
    SimRouter router;
    std::unique_ptr<SimAsteriskResource> asterisk;
    std::unique_ptr<SimApplicationsResource> applications;
    std::unique_ptr<SimSoundsResource> soundsResource;
    std::unique_ptr<SimChannelsResource> channels;
    std::unique_ptr<SimBridgesResource> bridges;
    std::unique_ptr<SimPlaybacksResource> playbacks;
    std::unique_ptr<SimRecordingsResource> recordingsResource;
    std::unique_ptr<SimDeviceStatesResource> deviceStates;
    std::unique_ptr<SimMailboxesResource> mailboxes;
    std::unique_ptr<SimControlApi> control;
    std::unique_ptr<SimRestOverWebSocket> restOverSocket;
    Observer observer;
    SimHttpServer *http = nullptr;
    quint16 port = 0;
};

SimServer::SimServer(const Options &options, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>(options))
{
    d->clock = new SimClock(options.speed, this);
    d->sounds = options.shareSoundIndex ? sharedSoundIndex(options.soundsDir)
                                        : SoundCatalogue::scanOrBuiltIn(options.soundsDir);
    if (const QString problem = d->sounds.missingDefaultLanguageProblem(); !problem.isEmpty())
        qCWarning(lcSim).noquote() << problem;
    QString recordingsDir = options.recordingsDir;
    if (recordingsDir.isEmpty()) {
        d->temporaryRecordings = std::make_unique<QTemporaryDir>();
        recordingsDir = d->temporaryRecordings->path();
    }
    d->recordings = std::make_unique<RecordingStore>(recordingsDir);

    SimEngine::Settings settings;
    settings.systemName = options.systemName;
    settings.reproduceRecordingReleaseRace = options.reproduceRecordingReleaseRace;
    d->hub = new SimEventHub(settings.asteriskId, this);
    d->engine = new SimEngine(settings, d->clock, d->hub, &d->sounds, d->recordings.get(), this);

    d->asterisk = std::make_unique<SimAsteriskResource>(d->engine);
    d->applications = std::make_unique<SimApplicationsResource>(d->engine);
    d->soundsResource = std::make_unique<SimSoundsResource>(d->engine);
    d->channels = std::make_unique<SimChannelsResource>(d->engine);
    d->bridges = std::make_unique<SimBridgesResource>(d->engine);
    d->playbacks = std::make_unique<SimPlaybacksResource>(d->engine);
    d->recordingsResource = std::make_unique<SimRecordingsResource>(d->engine);
    d->deviceStates = std::make_unique<SimDeviceStatesResource>(d->engine);
    d->mailboxes = std::make_unique<SimMailboxesResource>(d->engine);
    d->asterisk->registerRoutes(d->router);
    d->channels->registerRoutes(d->router);
    d->bridges->registerRoutes(d->router);
    d->recordingsResource->registerRoutes(d->router);
    d->soundsResource->registerRoutes(d->router);
    d->playbacks->registerRoutes(d->router);
    d->deviceStates->registerRoutes(d->router);
    d->mailboxes->registerRoutes(d->router);
    d->router.add({u"GET"_s, u"/events"_s, u"events"_s, u"eventWebsocket"_s,
                   u"WebSocket connection for events."_s, u"Message"_s,
                   {SimRouter::multiQueryParam(u"app"_s, true, u"Applications to subscribe to."_s),
                    SimRouter::queryParam(u"subscribeAll"_s, u"boolean"_s, false,
                                          u"Subscribe to all Asterisk events. If provided, the applications listed will be subscribed to all events, effectively disabling the application specific subscriptions. Default is 'false'."_s)},
                   {},
                   [](const SimHttpRequest &) {
                       return SimHttpResponse::html(426, QByteArrayLiteral("Upgrade Required"),
                                                    u"WebSocket upgrade required"_s);
                   },
                   true});
    d->applications->registerRoutes(d->router);
    d->faults = new SimFaultPlan(d->clock, this);
    d->hub->setFaultPlan(d->faults);
    connect(d->faults, &SimFaultPlan::dropEventSocketsRequested, d->hub, &SimEventHub::dropAll);
    connect(d->faults, &SimFaultPlan::restartRequested, this, [this] {
        d->hub->dropAll();
        d->engine->discardAll();
    });
    connect(d->faults, &SimFaultPlan::refusingConnectionsChanged, this,
        [this](bool refusing) { setAcceptingConnections(!refusing); });
    d->control = std::make_unique<SimControlApi>(d->engine, d->applications.get(), d->faults);

    d->restOverSocket = std::make_unique<SimRestOverWebSocket>(
        d->engine, d->hub, [this](const SimHttpRequest &request) { return handleOnEventSocket(request); });
    d->hub->setFrameHandler(
        [this](QWebSocket *socket, const QString &frame) { d->restOverSocket->handleFrame(socket, frame); });
    d->restOverSocket->setFaultPlan(d->faults);

    d->http = new SimHttpServer(this);
    d->http->setRequestHandler([this](const SimHttpRequest &request) { return handle(request); });
    d->http->setUpgradeCheck([this](const SimHttpRequest &request) { return checkUpgrade(request); });
    d->http->setFaultPlan(d->faults);
    connect(d->http, &QAbstractHttpServer::newWebSocketConnection, this, &SimServer::acceptWebSockets);
}

SimServer::~SimServer()
{
    d->hub->closeAll();
    // The engine goes before the hub and the clock it uses.
    delete d->engine;
    d->engine = nullptr;
}

bool SimServer::start(QString *error)
{
    if (d->port != 0)
        return true;
    if (usesTls() && !setUpTls(error))
        return false;
    const quint16 port = d->http->listen(d->options.address, d->options.port);
    if (port == 0) {
        const QString message = u"cannot listen on %1:%2"_s.arg(d->options.address.toString()).arg(d->options.port);
        qCWarning(lcSim) << message;
        if (error)
            *error = message;
        return false;
    }
    d->port = port;
    qCInfo(lcSim) << "ARI simulator listening on" << baseUrl().toString() << "speed" << d->clock->speed()
                  << "sounds" << (d->sounds.isBuiltIn() ? u"built-in"_s : d->sounds.directory())
                  << "recordings" << d->recordings->directory();
    return true;
}

quint16 SimServer::port() const
{
    return d->port;
}

QUrl SimServer::baseUrl() const
{
    QUrl url;
    url.setScheme(usesTls() ? u"https"_s : u"http"_s);
    QHostAddress address = d->options.address;
    if (address == QHostAddress::Any || address == QHostAddress::AnyIPv4)
        address = QHostAddress::LocalHost;
    else if (address == QHostAddress::AnyIPv6)
        address = QHostAddress::LocalHostIPv6;
    url.setHost(address.toString());
    url.setPort(d->port);
    return url;
}

bool SimServer::usesTls() const
{
    return !d->options.tlsCertificateFile.isEmpty() || !d->options.tlsKeyFile.isEmpty();
}

bool SimServer::setUpTls(QString *error)
{
    const auto failed = [error](const QString &message) {
        qCWarning(lcSim).noquote() << message;
        if (error)
            *error = message;
        return false;
    };
    if (d->options.tlsCertificateFile.isEmpty() || d->options.tlsKeyFile.isEmpty())
        return failed(u"TLS needs both a certificate file and a key file"_s);
    QFile certificateFile(d->options.tlsCertificateFile);
    if (!certificateFile.open(QIODevice::ReadOnly))
        return failed(
            u"cannot read the TLS certificate %1: %2"_s.arg(certificateFile.fileName(), certificateFile.errorString()));
    const QList<QSslCertificate> chain = QSslCertificate::fromDevice(&certificateFile, QSsl::Pem);
    if (chain.isEmpty() || chain.constFirst().isNull())
        return failed(u"the TLS certificate file %1 holds no PEM certificate"_s.arg(certificateFile.fileName()));
    QFile keyFile(d->options.tlsKeyFile);
    if (!keyFile.open(QIODevice::ReadOnly))
        return failed(u"cannot read the TLS key %1: %2"_s.arg(keyFile.fileName(), keyFile.errorString()));
    const QByteArray keyPem = keyFile.readAll();
    QSslKey key(keyPem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        return failed(u"the TLS key file %1 holds no unencrypted PEM RSA or EC key"_s.arg(keyFile.fileName()));
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // clients present no certificate
    d->http->sslSetup(configuration);
    return true;
}

SimClock *SimServer::clock() const
{
    return d->clock;
}

SimFaultPlan *SimServer::faults() const
{
    return d->faults;
}

void SimServer::setAcceptingConnections(bool accepting)
{
    if (d->port == 0)
        return;
    const QList<QTcpServer *> servers = d->http->servers();
    for (QTcpServer *server : servers) {
        if (!accepting) {
            server->close();
        } else if (!server->isListening() && !server->listen(d->options.address, d->port)) {
            qCWarning(lcSim).noquote() << "cannot listen again on port" << d->port << ":" << server->errorString();
        }
    }
}

int SimServer::liveChannelCount() const
{
    return d->engine->channelCount();
}

int SimServer::liveBridgeCount() const
{
    return d->engine->bridgeCount();
}

int SimServer::livePlaybackCount() const
{
    return d->engine->playbackCount();
}

int SimServer::liveRecordingCount() const
{
    return d->engine->liveRecordingCount();
}

int SimServer::webSocketCount() const
{
    return d->hub->socketCount();
}

void SimServer::setObserver(Observer observer)
{
    d->observer = std::move(observer);
    d->hub->setPublishObserver(d->observer.eventPublished);
}

SimHttpResponse SimServer::handle(const SimHttpRequest &request)
{
    const QStringList segments = request.segments();
    const QString top = segments.value(0);
    qCDebug(lcSim).noquote() << request.method() << request.path() << "at" << d->engine->nowMs() << "ms";
    if (top != u"ari"_s && top != u"sim"_s) {
        return SimHttpResponse::html(404, QByteArrayLiteral("Not Found"),
                                     u"The requested URL was not found on this server."_s);
    }
    if (!d->auth.isAuthorized(request))
        return SimAuth::unauthorized();
    if (request.hasJsonBody() || request.bodyParseFailed()) {
        if (request.body().size() > s_maxJsonBody)
            return SimHttpResponse::error(413, u"Request body too large"_s);
    }
    if (request.bodyParseFailed())
        return SimHttpResponse::error(400, u"Error parsing request body"_s);
    if (top == u"sim"_s)
        return d->control->handle(request);
    return handleAri(request);
}

SimHttpResponse SimServer::handleOnEventSocket(const SimHttpRequest &request)
{
    // The socket is authenticated already; the body rules are those of HTTP.
    if ((request.hasJsonBody() || request.bodyParseFailed()) && request.body().size() > s_maxJsonBody)
        return SimHttpResponse::error(413, u"Request body too large"_s);
    if (request.bodyParseFailed())
        return SimHttpResponse::error(400, u"Error parsing request body"_s);
    return handleAri(request);
}

SimHttpResponse SimServer::handleAri(const SimHttpRequest &request)
{
    if (d->observer.requestReceived)
        d->observer.requestReceived(request);
    const QStringList segments = request.segments().mid(1);
    const QByteArray method = request.method();
    if (segments.value(0) == u"api-docs"_s && segments.size() == 2 && (method == "GET" || method == "HEAD")) {
        QString host = QString::fromLatin1(request.header(QByteArrayLiteral("Host")));
        if (host.isEmpty())
            host = baseUrl().authority();
        const QString basePath = baseUrl().scheme() + u"://"_s + host + u"/ari"_s;
        const QString file = segments.at(1);
        if (file == u"resources.json"_s)
            return SimHttpResponse::json(200, SimApiDocs::resourceList(d->router, basePath));
        if (file.endsWith(u".json"_s)) {
            const QJsonObject listing = SimApiDocs::listing(d->router, file.chopped(5), basePath);
            if (!listing.isEmpty())
                return SimHttpResponse::json(200, listing);
        }
        return SimHttpResponse::error(404, u"Resource not found"_s);
    }
    const QString routeMethod = method == "HEAD" ? u"GET"_s : QString::fromLatin1(method);
    const SimRouter::Match match = d->router.match(routeMethod, segments);
    if (!match.pathFound)
        return SimHttpResponse::error(404, u"Resource not found"_s);
    if (method == "OPTIONS") {
        SimHttpResponse response = SimHttpResponse::noContent();
        response.addHeader(QByteArrayLiteral("Allow"), SimRouter::allowHeader(match.allowedMethods));
        return response;
    }
    if (!match.route) {
        SimHttpResponse response = SimHttpResponse::error(405, u"Invalid method"_s);
        response.addHeader(QByteArrayLiteral("Allow"), SimRouter::allowHeader(match.allowedMethods));
        return response;
    }
    SimHttpRequest routed = request;
    routed.setPathParams(match.pathParams);
    return match.route->handler(routed);
}

std::optional<SimHttpResponse> SimServer::checkUpgrade(const SimHttpRequest &request) const
{
    const QStringList segments = request.segments();
    if (segments.value(0) != u"ari"_s) {
        return SimHttpResponse::html(404, QByteArrayLiteral("Not Found"),
                                     u"The requested URL was not found on this server."_s);
    }
    if (!d->auth.isAuthorized(request))
        return SimAuth::unauthorized();
    if (segments != QStringList{u"ari"_s, u"events"_s})
        return SimHttpResponse::error(404, u"Resource not found"_s);
    if (request.listParam(u"app"_s).isEmpty()) {
        return SimHttpResponse::html(400, QByteArrayLiteral("Bad Request"),
                                     u"HTTP request is missing param: [app]"_s);
    }
    return std::nullopt;
}

void SimServer::acceptWebSockets()
{
    while (d->http->hasPendingWebSocketConnections()) {
        std::unique_ptr<QWebSocket> socket = d->http->nextPendingWebSocketConnection();
        if (!socket)
            break;
        const QUrl url = socket->requestUrl();
        const SimHttpRequest request = SimHttpRequest::make(QByteArrayLiteral("GET"),
                                                            url.path(QUrl::FullyEncoded).toLatin1(),
                                                            url.query(QUrl::FullyEncoded).toLatin1());
        const QStringList applications = request.listParam(u"app"_s);
        const bool subscribeAll = request.boolParam(u"subscribeAll"_s);
        d->hub->addConnection(std::move(socket), applications, subscribeAll, d->engine->timestamp());
    }
}

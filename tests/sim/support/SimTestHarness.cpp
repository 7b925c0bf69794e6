#include "SimTestHarness.h"

#include "EventCollector.h"
#include "SimWait.h"
#include "sim/engine/SimClock.h"
#include "sim/SimServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSimTest, "supervisor.test.sim")

namespace {

QString credentialUser(const SimTestHarness::Auth &auth, const SimTestHarness::Options &options)
{
    return auth.user.isEmpty() ? options.user : auth.user;
}

QString credentialPassword(const SimTestHarness::Auth &auth, const SimTestHarness::Options &options)
{
    return auth.user.isEmpty() ? options.password : auth.password;
}

// QUrlQuery leaves '+' as is, which a server may read as a space: encode it.
QByteArray encodeQuery(const QUrlQuery &query)
{
    QByteArray text = query.toString(QUrl::FullyEncoded).toLatin1();
    text.replace('+', "%2B");
    return text;
}

} // namespace

SimTestHarness::SimTestHarness(QObject *parent)
    : SimTestHarness(Options(), parent)
{
}

SimTestHarness::SimTestHarness(const Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{
}

SimTestHarness::~SimTestHarness() = default;

bool SimTestHarness::start()
{
    if (!m_recordings.isValid()) {
        qCWarning(lcSimTest) << "no temporary directory for recordings";
        return false;
    }
    SimServer::Options serverOptions;
    serverOptions.address = QHostAddress::LocalHost;
    serverOptions.port = 0;
    serverOptions.user = m_options.user;
    serverOptions.password = m_options.password;
    serverOptions.speed = m_options.speed;
    serverOptions.soundsDir = m_options.soundsDir;
    serverOptions.shareSoundIndex = true; // many simulators per test program: scan the sounds once
    serverOptions.recordingsDir = m_recordings.path();
    if (!m_options.systemName.isEmpty())
        serverOptions.systemName = m_options.systemName;
    serverOptions.reproduceRecordingReleaseRace = m_options.reproduceRecordingReleaseRace;
    m_server = std::make_unique<SimServer>(serverOptions);
    QString error;
    if (!m_server->start(&error)) {
        qCWarning(lcSimTest) << "simulator did not start:" << error;
        return false;
    }
    return true;
}

QUrl SimTestHarness::baseUrl() const
{
    return m_server ? m_server->baseUrl() : QUrl();
}

QByteArray SimTestHarness::basicHeader(const Auth &auth) const
{
    const QString pair = credentialUser(auth, m_options) + u':' + credentialPassword(auth, m_options);
    return "Basic " + pair.toUtf8().toBase64();
}

QUrl SimTestHarness::makeUrl(const QString &path, const QUrlQuery &query, const Auth &auth) const
{
    QUrlQuery full = query;
    if (auth.mode == Auth::Mode::ApiKey)
        full.addQueryItem(u"api_key"_s, credentialUser(auth, m_options) + u':' + credentialPassword(auth, m_options));
    QByteArray text = baseUrl().toEncoded();
    while (text.endsWith('/'))
        text.chop(1);
    text += path.toUtf8();
    const QByteArray encodedQuery = encodeQuery(full);
    if (!encodedQuery.isEmpty())
        text += '?' + encodedQuery;
    return QUrl::fromEncoded(text, QUrl::StrictMode);
}

RestReply SimTestHarness::http(const QByteArray &method, const QString &path, const QUrlQuery &query,
                               const QByteArray &body, const QByteArray &contentType, const Auth &auth,
                               int timeoutMs)
{
    RestReply result;
    if (!m_server) {
        result.networkError = u"server not started"_s;
        return result;
    }
    QNetworkRequest request(makeUrl(path, query, auth));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    if (auth.mode == Auth::Mode::Basic)
        request.setRawHeader("Authorization", basicHeader(auth));
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);

    QNetworkReply *reply = body.isEmpty() ? m_network.sendCustomRequest(request, method)
                                          : m_network.sendCustomRequest(request, method, body);
    reply->setParent(this);
    bool finished = false;
    connect(reply, &QNetworkReply::finished, this, [&finished] { finished = true; });
    if (!SimWait::until([&finished] { return finished; }, timeoutMs)) {
        result.timedOut = true;
        reply->abort();
    }
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() != QNetworkReply::NoError && result.status == 0)
        result.networkError = reply->errorString();
    for (const auto &[name, value] : reply->rawHeaderPairs())
        result.headers.append({name.toLower(), value});
    result.body = reply->readAll();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(result.body, &error);
    if (error.error == QJsonParseError::NoError)
        result.json = document;
    reply->deleteLater();
    return result;
}

RestReply SimTestHarness::ari(const QByteArray &method, const QString &path, const QUrlQuery &query,
                              const Auth &auth)
{
    return http(method, u"/ari"_s + path, query, {}, {}, auth);
}

RestReply SimTestHarness::ariJson(const QByteArray &method, const QString &path, const QUrlQuery &query,
                                  const QJsonValue &body, const Auth &auth)
{
    QByteArray bytes;
    if (body.isObject())
        bytes = QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    else if (body.isArray())
        bytes = QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
    return http(method, u"/ari"_s + path, query, bytes, "application/json", auth);
}

RestReply SimTestHarness::rawUpgrade(const QByteArray &target, const Auth &auth, int timeoutMs)
{
    RestReply result;
    if (!m_server) {
        result.networkError = u"server not started"_s;
        return result;
    }
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->port());
    if (!SimWait::until([&socket] { return socket.state() == QAbstractSocket::ConnectedState; }, timeoutMs)) {
        result.networkError = socket.errorString();
        return result;
    }
    QByteArray fullTarget = target;
    if (auth.mode == Auth::Mode::ApiKey) {
        QUrlQuery key;
        key.addQueryItem(u"api_key"_s, credentialUser(auth, m_options) + u':' + credentialPassword(auth, m_options));
        fullTarget += (fullTarget.contains('?') ? '&' : '?') + encodeQuery(key);
    }
    QByteArray request = "GET " + fullTarget + " HTTP/1.1\r\n"
                         "Host: 127.0.0.1:" + QByteArray::number(m_server->port()) + "\r\n"
                         "Upgrade: websocket\r\n"
                         "Connection: Upgrade\r\n"
                         "Sec-WebSocket-Key: c2ltdWxhdG9yLXRlc3Qta2V5\r\n"
                         "Sec-WebSocket-Version: 13\r\n";
    if (auth.mode == Auth::Mode::Basic)
        request += "Authorization: " + basicHeader(auth) + "\r\n";
    request += "\r\n";
    socket.write(request);

    QByteArray buffer;
    int headerEnd = -1;
    qsizetype contentLength = -1;
    const auto complete = [&] {
        buffer += socket.readAll();
        if (headerEnd < 0) {
            headerEnd = int(buffer.indexOf("\r\n\r\n"));
            if (headerEnd < 0)
                return false;
            const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
            const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
            result.status = statusLine.value(1).toInt();
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines.at(i).trimmed();
                const qsizetype colon = line.indexOf(':');
                if (colon <= 0)
                    continue;
                const QByteArray name = line.left(colon).trimmed().toLower();
                const QByteArray value = line.mid(colon + 1).trimmed();
                result.headers.append({name, value});
                if (name == "content-length")
                    contentLength = value.toLongLong();
            }
            if (result.status == 101)
                return true;
        }
        const qsizetype bodyBytes = buffer.size() - headerEnd - 4;
        if (contentLength >= 0)
            return bodyBytes >= contentLength;
        return socket.state() != QAbstractSocket::ConnectedState;
    };
    if (!SimWait::until(complete, timeoutMs))
        result.timedOut = true;
    if (headerEnd >= 0 && result.status != 101) {
        result.body = buffer.mid(headerEnd + 4);
        if (contentLength >= 0)
            result.body.truncate(contentLength);
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(result.body, &error);
        if (error.error == QJsonParseError::NoError)
            result.json = document;
    }
    socket.abort();
    return result;
}

QNetworkRequest SimTestHarness::eventsRequest(const QString &apps, bool subscribeAll, const Auth &auth) const
{
    QUrlQuery query;
    query.addQueryItem(u"app"_s, apps);
    if (subscribeAll)
        query.addQueryItem(u"subscribeAll"_s, u"true"_s);
    QUrl url = makeUrl(u"/ari/events"_s, query, auth);
    url.setScheme(u"ws"_s);
    QNetworkRequest request(url);
    if (auth.mode == Auth::Mode::Basic)
        request.setRawHeader("Authorization", basicHeader(auth));
    return request;
}

std::unique_ptr<EventCollector> SimTestHarness::connectEvents(const QString &apps, bool subscribeAll,
                                                              const Auth &auth)
{
    auto collector = std::make_unique<EventCollector>();
    if (!collector->open(eventsRequest(apps, subscribeAll, auth))) {
        qCWarning(lcSimTest) << "event socket for" << apps << "did not open:" << collector->lastError();
        return nullptr;
    }
    return collector;
}

QJsonObject SimTestHarness::placeCall(const QString &app, const QStringList &args, const QString &language,
                                      const QString &callerId)
{
    QUrlQuery query;
    query.addQueryItem(u"app"_s, app);
    query.addQueryItem(u"args"_s, args.join(u','));
    if (!language.isEmpty())
        query.addQueryItem(u"language"_s, language);
    if (!callerId.isEmpty())
        query.addQueryItem(u"callerId"_s, callerId);
    m_lastControl = http("POST", u"/sim/calls"_s, query);
    if (m_lastControl.status != 200) {
        qCWarning(lcSimTest) << "placing a call failed:" << m_lastControl.describe();
        return {};
    }
    return m_lastControl.object().value("channel"_L1).toObject();
}

QString SimTestHarness::placeCallId(const QString &app, const QStringList &args, const QString &language)
{
    return placeCall(app, args, language).value("id"_L1).toString();
}

bool SimTestHarness::pressDtmf(const QString &channelId, const QString &digits, int betweenMs, int durationMs)
{
    QUrlQuery query;
    query.addQueryItem(u"dtmf"_s, digits);
    if (betweenMs >= 0)
        query.addQueryItem(u"between"_s, QString::number(betweenMs));
    if (durationMs >= 0)
        query.addQueryItem(u"duration"_s, QString::number(durationMs));
    m_lastControl = http("POST", u"/sim/calls/"_s + channelId + u"/dtmf"_s, query);
    if (m_lastControl.status != 204)
        qCWarning(lcSimTest) << "dtmf failed:" << m_lastControl.describe();
    return m_lastControl.status == 204;
}

bool SimTestHarness::talk(const QString &channelId, int ms)
{
    QUrlQuery query;
    query.addQueryItem(u"ms"_s, QString::number(ms));
    m_lastControl = http("POST", u"/sim/calls/"_s + channelId + u"/talk"_s, query);
    if (m_lastControl.status != 204)
        qCWarning(lcSimTest) << "talk failed:" << m_lastControl.describe();
    return m_lastControl.status == 204;
}

bool SimTestHarness::hangupCaller(const QString &channelId)
{
    m_lastControl = http("DELETE", u"/sim/calls/"_s + channelId);
    if (m_lastControl.status != 204)
        qCWarning(lcSimTest) << "caller hang-up failed:" << m_lastControl.describe();
    return m_lastControl.status == 204;
}

QJsonArray SimTestHarness::heard(const QString &channelId)
{
    m_lastControl = http("GET", u"/sim/calls/"_s + channelId + u"/heard"_s);
    if (m_lastControl.status != 200)
        qCWarning(lcSimTest) << "heard failed:" << m_lastControl.describe();
    return m_lastControl.array();
}

QJsonArray SimTestHarness::heardBridge(const QString &bridgeId)
{
    m_lastControl = http("GET", u"/sim/bridges/"_s + bridgeId + u"/heard"_s);
    if (m_lastControl.status != 200)
        qCWarning(lcSimTest) << "bridge heard failed:" << m_lastControl.describe();
    return m_lastControl.array();
}

QJsonObject SimTestHarness::state()
{
    m_lastControl = http("GET", u"/sim/state"_s);
    if (m_lastControl.status != 200)
        qCWarning(lcSimTest) << "state failed:" << m_lastControl.describe();
    return m_lastControl.object();
}

bool SimTestHarness::setEndpointBehaviour(const QString &tech, const QString &resource, const QString &behaviour)
{
    QUrlQuery query;
    query.addQueryItem(u"behaviour"_s, behaviour);
    m_lastControl = http("PUT", u"/sim/endpoints/"_s + tech + u'/' + resource, query);
    if (m_lastControl.status != 204)
        qCWarning(lcSimTest) << "endpoint behaviour failed:" << m_lastControl.describe();
    return m_lastControl.status == 204;
}

qint64 SimTestHarness::simulatedMs()
{
    // The server runs in this process: read its clock directly (GET /sim/clock tells the same).
    return m_server ? m_server->clock()->elapsedMs() : -1;
}

bool SimTestHarness::waitSimulated(qint64 ms, int timeoutMs)
{
    const qint64 start = simulatedMs();
    if (start < 0)
        return false;
    return SimWait::until([&] { return simulatedMs() >= start + ms; }, timeoutMs);
}

QString SimTestHarness::answeredCall(EventCollector *events, const QString &app, const QStringList &args)
{
    if (!events)
        return {};
    const QString id = placeCallId(app, args);
    if (id.isEmpty())
        return {};
    if (events->waitFor(u"StasisStart"_s, EventCollector::forChannel(id)).isEmpty()) {
        qCWarning(lcSimTest) << "no StasisStart for" << id;
        return {};
    }
    const RestReply answer = post(u"/channels/"_s + id + u"/answer"_s);
    if (answer.status != 204) {
        qCWarning(lcSimTest) << "answer failed:" << answer.describe();
        return {};
    }
    const auto up = [id](const QJsonObject &event) {
        const QJsonObject channel = event.value("channel"_L1).toObject();
        return channel.value("id"_L1).toString() == id && channel.value("state"_L1).toString() == "Up"_L1;
    };
    if (events->waitFor(u"ChannelStateChange"_s, up).isEmpty()) {
        qCWarning(lcSimTest) << "no ChannelStateChange to Up for" << id;
        return {};
    }
    return id;
}

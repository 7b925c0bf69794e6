#include "QueueTestRig.h"

#include "core/apps/StasisApplicationHost.h"
#include "core/ari/AriConnection.h"
#include "core/ari/AriEndpoint.h"
#include "core/ari/AriEventStream.h"
#include "core/ari/AriRestClient.h"
#include "core/queue/QueueState.h"
#include "sim/SimServer.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcQueueTest, "supervisor.test.queue")

namespace {

const QString s_user = u"asterisk"_s;
const QString s_password = u"asterisk"_s;

} // namespace

QueueTestRig::QueueTestRig(QObject *parent)
    : QueueTestRig(Options(), parent)
{
}

QueueTestRig::QueueTestRig(const Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{
}

QueueTestRig::~QueueTestRig()
{
    // The application goes first (its calls refer to the connection), then the connection, then
    // the server.
    delete m_host;
    m_host = nullptr;
    delete m_connection;
    m_connection = nullptr;
    m_server.reset();
}

bool QueueTestRig::start()
{
    if (!m_sounds.isValid() || !m_recordings.isValid()) {
        qCWarning(lcQueueTest) << "no temporary directories";
        return false;
    }
    SimServer::Options serverOptions;
    serverOptions.speed = m_options.speed;
    serverOptions.soundsDir = m_sounds.path();
    serverOptions.recordingsDir = m_recordings.path();
    serverOptions.user = s_user;
    serverOptions.password = s_password;
    serverOptions.reproduceRecordingReleaseRace = m_options.reproduceRecordingReleaseRace;
    m_server = std::make_unique<SimServer>(serverOptions);
    QString error;
    if (!m_server->start(&error)) {
        qCWarning(lcQueueTest) << "simulator did not start:" << error;
        return false;
    }

    return connectCore();
}

bool QueueTestRig::connectCore()
{
    AriEndpoint endpoint;
    endpoint.baseUrl = QUrl(m_server->baseUrl().toString() + u"/ari"_s);
    endpoint.user = s_user;
    endpoint.password = s_password;
    endpoint.applications = { m_options.queue.name };
    endpoint.requestTimeoutMs = m_options.requestTimeoutMs;
    m_connection = new AriConnection(endpoint, this);
    m_host = new StasisApplicationHost(m_connection->rest(), m_connection->router(), this);
    m_app = m_host->addQueue(m_options.queue);
    if (!m_app)
        return false;
    bool recovered = false;
    connect(m_host, &StasisApplicationHost::recovered, this, [&recovered](bool ok) { recovered = ok; });
    connect(m_connection->events(), &AriEventStream::stateChanged, m_host, &StasisApplicationHost::onStreamState);
    m_host->start();
    m_connection->open();
    const bool connected = QTest::qWaitFor(
        [this] { return m_connection->events()->state() == AriEventStream::State::Connected; }, 10000);
    if (!connected) {
        qCWarning(lcQueueTest) << "the application's event socket did not connect";
        return false;
    }
    if (!QTest::qWaitFor([&recovered] { return recovered; }, 10000)) {
        qCWarning(lcQueueTest) << "the application did not recover from the server";
        return false;
    }
    disconnect(m_host, &StasisApplicationHost::recovered, this, nullptr);
    // The simulator reports a version that takes REST on the event socket: the application's
    // requests travel there (rest_transport=auto).
    const bool onSocket = QTest::qWaitFor([this] { return m_connection->rest()->usesEventSocket(); }, 10000);
    if (!onSocket)
        qCWarning(lcQueueTest) << "REST requests did not move to the event socket";
    return onSocket;
}

bool QueueTestRig::restartCore()
{
    delete m_host; // the applications, their calls and subscriptions
    m_host = nullptr;
    m_app = nullptr;
    delete m_connection; // the event socket goes
    m_connection = nullptr;
    return connectCore();
}

AriEventRouter *QueueTestRig::router() const
{
    return m_connection ? m_connection->router() : nullptr;
}

QueueState *QueueTestRig::state() const
{
    return m_app ? m_app->state() : nullptr;
}

QJsonDocument QueueTestRig::http(const QByteArray &method, const QString &path, const QUrlQuery &query, int *status)
{
    if (status)
        *status = 0;
    if (!m_server)
        return {};
    QUrl url(m_server->baseUrl().toString() + path);
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Basic " + (s_user + u':' + s_password).toUtf8().toBase64());
    QNetworkReply *reply = m_network.sendCustomRequest(request, method);
    reply->setParent(this);
    // A nested event loop (the application and the server keep running meanwhile), left when the
    // reply is in or after 10 s.
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    timeout.start(10000);
    if (!reply->isFinished())
        loop.exec();
    if (!reply->isFinished()) {
        qCWarning(lcQueueTest).noquote() << method << path << "timed out";
        reply->abort();
    }
    const int code = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status)
        *status = code;
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    return QJsonDocument::fromJson(body);
}

QString QueueTestRig::placeCall(const QStringList &args, const QString &callerId)
{
    QUrlQuery query;
    query.addQueryItem(u"app"_s, m_options.queue.name);
    query.addQueryItem(u"args"_s, args.join(u','));
    if (!callerId.isEmpty())
        query.addQueryItem(u"callerId"_s, callerId);
    int status = 0;
    const QJsonDocument reply = http("POST", u"/sim/calls"_s, query, &status);
    if (status != 200) {
        qCWarning(lcQueueTest) << "placing a call failed:" << status;
        return {};
    }
    return reply.object().value("channel"_L1).toObject().value("id"_L1).toString();
}

QString QueueTestRig::addAgent(const QString &callerId)
{
    const QString id = placeCall({ u"agent"_s }, callerId);
    if (id.isEmpty())
        return {};
    const bool placed = QTest::qWaitFor(
        [&] {
            const QueueState::Place place = state()->placeOf(id);
            return place == QueueState::Place::AgentQueue || place == QueueState::Place::Bridge;
        },
        10000);
    return placed ? id : QString();
}

QString QueueTestRig::addCaller(const QString &callerId)
{
    const QString id = placeCall({ u"caller"_s }, callerId);
    if (id.isEmpty())
        return {};
    const bool placed = QTest::qWaitFor(
        [&] {
            const QueueState::Place place = state()->placeOf(id);
            return place == QueueState::Place::CallerQueue || place == QueueState::Place::Bridge;
        },
        10000);
    return placed ? id : QString();
}

bool QueueTestRig::press(const QString &channelId, const QString &digits, int betweenMs)
{
    QUrlQuery query;
    query.addQueryItem(u"dtmf"_s, digits);
    query.addQueryItem(u"between"_s, QString::number(betweenMs));
    int status = 0;
    http("POST", u"/sim/calls/"_s + channelId + u"/dtmf"_s, query, &status);
    return status == 204;
}

bool QueueTestRig::hangUp(const QString &channelId)
{
    int status = 0;
    http("DELETE", u"/sim/calls/"_s + channelId, {}, &status);
    return status == 204;
}

namespace {

QList<QueueTestRig::Heard> heardFrom(const QJsonDocument &document)
{
    QList<QueueTestRig::Heard> items;
    for (const QJsonValue &value : document.array()) {
        const QJsonObject object = value.toObject();
        if (object.contains("voice"_L1))
            continue;
        QueueTestRig::Heard item;
        item.playbackId = object.value("playbackId"_L1).toString();
        item.media = object.value("media"_L1).toString();
        item.end = object.value("end"_L1).toString();
        item.startMs = object.value("startMs"_L1).isDouble() ? qint64(object.value("startMs"_L1).toDouble()) : -1;
        item.endMs = object.value("endMs"_L1).isDouble() ? qint64(object.value("endMs"_L1).toDouble()) : -1;
        items.append(item);
    }
    return items;
}

} // namespace

QList<QueueTestRig::Heard> QueueTestRig::heard(const QString &channelId)
{
    return heardFrom(http("GET", u"/sim/calls/"_s + channelId + u"/heard"_s));
}

QList<QueueTestRig::Heard> QueueTestRig::heardBridge(const QString &bridgeId)
{
    return heardFrom(http("GET", u"/sim/bridges/"_s + bridgeId + u"/heard"_s));
}

QJsonObject QueueTestRig::simState()
{
    return http("GET", u"/sim/state"_s).object();
}

QStringList QueueTestRig::simChannelIds()
{
    QStringList ids;
    for (const QJsonValue &channel : simState().value("channels"_L1).toArray())
        ids.append(channel.toObject().value("id"_L1).toString());
    return ids;
}

QJsonArray QueueTestRig::simBridges()
{
    return simState().value("bridges"_L1).toArray();
}

QStringList QueueTestRig::simBridgeIds()
{
    QStringList ids;
    for (const QJsonValue &bridge : simBridges())
        ids.append(bridge.toObject().value("id"_L1).toString());
    return ids;
}

QStringList QueueTestRig::liveRecordingNames()
{
    QStringList names;
    for (const QJsonValue &recording : simState().value("liveRecordings"_L1).toArray())
        names.append(recording.toObject().value("name"_L1).toString());
    return names;
}

QString QueueTestRig::liveRecordingState(const QString &name)
{
    for (const QJsonValue &recording : simState().value("liveRecordings"_L1).toArray()) {
        if (recording.toObject().value("name"_L1).toString() == name)
            return recording.toObject().value("state"_L1).toString();
    }
    return {};
}

QStringList QueueTestRig::storedRecordings()
{
    QStringList names;
    for (const QJsonValue &recording : http("GET", u"/ari/recordings/stored"_s).array())
        names.append(recording.toObject().value("name"_L1).toString());
    return names;
}

qint64 QueueTestRig::simulatedMs()
{
    const QJsonObject clock = http("GET", u"/sim/clock"_s).object();
    return clock.contains("elapsedMs"_L1) ? qint64(clock.value("elapsedMs"_L1).toDouble()) : -1;
}

bool QueueTestRig::waitForPlace(const QString &channelId, int place, int timeoutMs)
{
    return QTest::qWaitFor([&] { return int(state()->placeOf(channelId)) == place; }, timeoutMs);
}

bool QueueTestRig::waitForMoh(const QString &channelId, bool playing, int timeoutMs)
{
    return QTest::qWaitFor(
        [&] {
            const QList<Heard> items = heard(channelId);
            const Heard *moh = lastMoh(items);
            const bool isPlaying = moh && moh->end == u"playing"_s;
            return isPlaying == playing;
        },
        timeoutMs);
}

QList<QueueTestRig::Heard> QueueTestRig::withoutMoh(const QList<Heard> &items)
{
    QList<Heard> result;
    for (const Heard &item : items) {
        if (!item.isMoh())
            result.append(item);
    }
    return result;
}

QStringList QueueTestRig::media(const QList<Heard> &items)
{
    QStringList result;
    for (const Heard &item : items)
        result.append(item.media);
    return result;
}

const QueueTestRig::Heard *QueueTestRig::lastMoh(const QList<Heard> &items)
{
    for (auto it = items.crbegin(); it != items.crend(); ++it) {
        if (it->isMoh())
            return &*it;
    }
    return nullptr;
}

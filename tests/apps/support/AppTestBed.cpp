#include "AppTestBed.h"

#include "core/apps/StasisApplicationHost.h"
#include "core/ari/AriConnection.h"
#include "core/ari/AriEvent.h"
#include "core/ari/AriEventRouter.h"
#include "core/ari/AriEventStream.h"
#include "core/ari/AriOperations.h"
#include "core/ari/AriRequest.h"
#include "core/ari/AriRestClient.h"
#include "core/ari/AriResult.h"
#include "core/ari/model/Channel.h"
#include "core/calls/CallTracker.h"
#include "core/playback/MediaDurations.h"
#include "core/playback/PlaybackTracker.h"
#include "core/supervisor/SupervisorCore.h"
#include "core/voicemail/VoicemailStore.h"
#include "sim/SimServer.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {
constexpr int s_requestTimeoutMs = 20000; // a safety net against a hang, never a measurement
}

QJsonValue AppTestBed::Reply::json() const
{
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isArray())
        return document.array();
    if (document.isObject())
        return document.object();
    return {};
}

AppTestBed::AppTestBed()
    : AppTestBed(Options {})
{
}

AppTestBed::AppTestBed(const Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{
}

AppTestBed::~AppTestBed()
{
    m_stateChanges.reset();
    m_host.reset();
    releasePlaybacks();
    m_connection.reset();
    m_sim.reset();
}

void AppTestBed::releasePlaybacks()
{
    m_playbackEvents.reset();
    m_playbacks.reset();
    m_durations.reset();
}

bool AppTestBed::storeMessage(const QString &name, int ms)
{
    const QString file = m_recordings.path() + u'/' + name + u".wav"_s;
    if (!QDir().mkpath(QFileInfo(file).absolutePath()))
        return false;
    QFile out(file);
    return out.open(QIODevice::WriteOnly) && out.write(SoundsFixture::wav(ms)) > 0;
}

bool AppTestBed::start()
{
    if (!m_sounds.isValid() || !m_recordings.isValid())
        return false;
    SimServer::Options simOptions;
    simOptions.speed = m_options.speed;
    simOptions.soundsDir = m_sounds.path();
    simOptions.recordingsDir = m_recordings.path();
    simOptions.reproduceRecordingReleaseRace = m_options.reproduceRecordingReleaseRace;
    m_sim = std::make_unique<SimServer>(simOptions);
    QString error;
    if (!m_sim->start(&error)) {
        qWarning().noquote() << "simulator did not start:" << error;
        return false;
    }

    return connectCore();
}

bool AppTestBed::restartCore()
{
    m_stateChanges.reset();
    m_host.reset();
    releasePlaybacks();
    m_connection.reset();
    return connectCore();
}

bool AppTestBed::connectCore()
{
    AriEndpoint endpoint;
    endpoint.baseUrl = QUrl(m_sim->baseUrl().toString() + u"/ari"_s);
    endpoint.requestTimeoutMs = m_options.requestTimeoutMs;
    endpoint.user = u"asterisk"_s;
    endpoint.password = u"asterisk"_s;
    endpoint.applications = { m_options.record.name, m_options.playback.name };
    m_connection = std::make_unique<AriConnection>(endpoint);
    // Playback positions, wired as the service wires them.
    m_durations = std::make_unique<MediaDurations>(m_connection->rest());
    m_playbacks = std::make_unique<PlaybackTracker>(m_durations.get());
    m_playbacks->setClock(SupervisorCore::makeClock(m_options.speed));
    connect(m_connection->rest(), &AriRestClient::requestSent, m_playbacks.get(), &PlaybackTracker::onRequestSent);
    connect(m_connection->rest(), &AriRestClient::requestFailed, m_playbacks.get(), &PlaybackTracker::onRequestFailed);
    m_playbackEvents
        = m_connection->router()->onAll([tracker = m_playbacks.get()](const AriEvent &event) { tracker->onEvent(event); });
    m_host = std::make_unique<StasisApplicationHost>(m_connection->rest(), m_connection->router());
    QString metadataError;
    if (!m_host->voicemail()->openMetadata(m_options.metadataFile, &metadataError)) {
        qWarning().noquote() << "voicemail metadata:" << metadataError;
        return false;
    }
    m_host->addVoicemailRecord(m_options.record);
    VoicemailPlaybackOptions playback = m_options.playback;
    if (!playback.playbacks)
        playback.playbacks = m_playbacks.get();
    m_host->addVoicemailPlayback(playback);
    connect(m_connection->events(), &AriEventStream::stateChanged, m_host.get(), &StasisApplicationHost::onStreamState);

    connect(m_connection->rest(), &AriRestClient::requestFailed, this,
        [this](const AriRequest &request, const AriResult &result) {
            m_failures.append(Failure { request.operation, request.path, result.httpStatus() });
        });

    CallTracker *tracker = m_host->tracker();
    connect(tracker, &CallTracker::callStateChanged, this,
        [this](const CallTransition &transition) { m_states[transition.channelId].append(transition.to); });
    connect(tracker, &CallTracker::callEnded, this,
        [this](const CallInfo &info, const QString &reason) { m_ended.insert(info.channelId, reason); });
    connect(tracker, &CallTracker::callRefused, this,
        [this](const QString &channelId, const QString &, const QString &) { m_refused.insert(channelId); });

    m_stateChanges = m_connection->router()->onType(AriEvent::Type::ChannelStateChange, [this](const AriEvent &event) {
        if (event.channel().state == u"Up")
            m_answered.insert(event.channelId());
    });

    QSignalSpy loaded(m_host->voicemail(), &VoicemailStore::refreshed);
    QSignalSpy recovered(m_host.get(), &StasisApplicationHost::recovered);
    m_host->start();
    m_connection->open();
    if (!loaded.wait(s_requestTimeoutMs))
        return false;
    if (!QTest::qWaitFor([this] { return m_connection->events()->state() == AriEventStream::State::Connected; },
            s_requestTimeoutMs)) {
        return false;
    }
    // The simulator reports a version that takes REST on the event socket: the applications'
    // requests travel there (rest_transport=auto).
    if (!QTest::qWaitFor([this] { return m_connection->rest()->usesEventSocket(); }, s_requestTimeoutMs)) {
        qWarning() << "REST requests did not move to the event socket";
        return false;
    }
    // The simulator registers the applications when the socket is up; wait until it lists them.
    if (!QTest::qWaitFor(
            [this] { return ari("GET", u"/applications"_s).json().toArray().size() == 2; }, s_requestTimeoutMs)) {
        return false;
    }
    if (!QTest::qWaitFor([&recovered] { return !recovered.isEmpty() && recovered.constLast().constFirst().toBool(); },
            s_requestTimeoutMs)) {
        return false;
    }
    // Measured once, with no call yet: a restarted core has the same subscriptions of its own.
    if (m_baselineSubscriptions == 0)
        m_baselineSubscriptions = m_connection->router()->subscriptionCount();
    return true;
}

AppTestBed::Reply AppTestBed::request(const QByteArray &method, const QUrl &url)
{
    QNetworkRequest networkRequest(url);
    networkRequest.setRawHeader("Authorization", "Basic " + QByteArray("asterisk:asterisk").toBase64());
    QNetworkReply *reply = m_network.sendCustomRequest(networkRequest, method);
    QEventLoop loop;
    connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(s_requestTimeoutMs, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    Reply result;
    if (reply->isFinished()) {
        result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        result.body = reply->readAll();
    } else {
        qWarning().noquote() << "no answer to" << method << url.toString();
        reply->abort();
    }
    reply->deleteLater();
    return result;
}

AppTestBed::Reply AppTestBed::ari(const QByteArray &method, const QString &path, const QUrlQuery &query)
{
    QUrl url(m_sim->baseUrl().toString() + u"/ari"_s + path);
    url.setQuery(query);
    return request(method, url);
}

AppTestBed::Reply AppTestBed::control(const QByteArray &method, const QString &path, const QUrlQuery &query)
{
    QUrl url(m_sim->baseUrl().toString() + u"/sim"_s + path);
    url.setQuery(query);
    return request(method, url);
}

QString AppTestBed::placeCall(const QString &app, const QString &args, const QString &language, const QString &callerId)
{
    QUrlQuery query;
    query.addQueryItem(u"app"_s, app);
    query.addQueryItem(u"args"_s, QString::fromLatin1(QUrl::toPercentEncoding(args)));
    if (!language.isEmpty())
        query.addQueryItem(u"language"_s, language);
    if (!callerId.isEmpty())
        query.addQueryItem(u"callerId"_s, QString::fromLatin1(QUrl::toPercentEncoding(callerId)));
    const Reply reply = control("POST", u"/calls"_s, query);
    if (reply.status != 200) {
        qWarning().noquote() << "placing a call failed:" << reply.status << reply.body;
        return {};
    }
    return reply.json().toObject().value(u"channel"_s).toObject().value(u"id"_s).toString();
}

QString AppTestBed::leaveMessage(const QString &mailbox, const QString &callerId)
{
    constexpr int timeout = 15000; // wall ms, a safety net
    const QString id = placeCall(m_options.record.name, mailbox, u"en"_s, callerId);
    if (id.isEmpty())
        return {};
    if (!QTest::qWaitFor([&] { return isPlaying(id, u"sound:vm-intro"_s); }, timeout) || !press(id, u"#"_s))
        return {};
    QString live;
    if (!QTest::qWaitFor([&] { return !(live = liveRecordingOf(id)).isEmpty(); }, timeout))
        return {};
    if (!talk(id, 2000) || !waitSimulated(2000) || !press(id, u"#"_s))
        return {};
    if (!QTest::qWaitFor([&] { return state(id) == u"reviewing"_s; }, timeout) || !press(id, u"#"_s))
        return {};
    if (!QTest::qWaitFor([&] { return hasEnded(id); }, timeout))
        return {};
    return live;
}

bool AppTestBed::press(const QString &channelId, const QString &digits, int betweenMs)
{
    QUrlQuery query;
    query.addQueryItem(u"dtmf"_s, QString::fromLatin1(QUrl::toPercentEncoding(digits)));
    query.addQueryItem(u"between"_s, QString::number(betweenMs));
    return control("POST", u"/calls/"_s + channelId + u"/dtmf"_s, query).status == 204;
}

bool AppTestBed::hangUp(const QString &channelId)
{
    return control("DELETE", u"/calls/"_s + channelId).status == 204;
}

QList<AppTestBed::Heard> AppTestBed::heard(const QString &channelId)
{
    QList<Heard> result;
    const QJsonArray items = control("GET", u"/calls/"_s + channelId + u"/heard"_s).json().toArray();
    for (const QJsonValue &value : items) {
        const QJsonObject item = value.toObject();
        Heard heard;
        heard.playbackId = item.value(u"playbackId"_s).toString();
        heard.media = item.value(u"media"_s).toString();
        heard.language = item.value(u"language"_s).toString();
        heard.end = item.value(u"end"_s).toString();
        heard.heardMs = item.value(u"heardMs"_s).toInteger();
        heard.startMs = item.value(u"startMs"_s).isNull() ? -1 : item.value(u"startMs"_s).toInteger();
        heard.endMs = item.value(u"endMs"_s).isNull() ? -1 : item.value(u"endMs"_s).toInteger();
        result.append(heard);
    }
    return result;
}

QStringList AppTestBed::heardMedia(const QString &channelId)
{
    QStringList media;
    for (const Heard &item : heard(channelId))
        media.append(item.media);
    return media;
}

AppTestBed::Heard AppTestBed::playing(const QString &channelId)
{
    for (const Heard &item : heard(channelId)) {
        if (item.end == u"playing")
            return item;
    }
    return {};
}

bool AppTestBed::isPlaying(const QString &channelId, const QString &media)
{
    return playing(channelId).media == media;
}

QStringList AppTestBed::stored()
{
    QStringList names;
    const QJsonArray array = ari("GET", u"/recordings/stored"_s).json().toArray();
    for (const QJsonValue &value : array)
        names.append(value.toObject().value(u"name"_s).toString());
    return names;
}

QStringList AppTestBed::storedIn(const QString &mailbox)
{
    return stored().filter(QRegularExpression(u"^voicemail/"_s + QRegularExpression::escape(mailbox) + u"/"_s));
}

bool AppTestBed::deleteElsewhere(const QString &name)
{
    return ari("DELETE", u"/recordings/stored/"_s + AriOperations::encodeSegment(name)).status == 204;
}

int AppTestBed::liveChannels() const
{
    return m_sim->liveChannelCount();
}

QString AppTestBed::state(const QString &channelId) const
{
    const QStringList all = m_states.value(channelId);
    return all.isEmpty() ? QString() : all.constLast();
}

int AppTestBed::liveCalls() const
{
    return m_host->callCount();
}

int AppTestBed::subscriptionCount() const
{
    return m_connection->router()->subscriptionCount();
}

QString AppTestBed::liveRecordingOf(const QString &channelId)
{
    const QJsonArray recordings = control("GET", u"/state"_s).json().toObject().value(u"liveRecordings"_s).toArray();
    for (const QJsonValue &value : recordings) {
        const QJsonObject recording = value.toObject();
        if (recording.value(u"target_uri"_s).toString() == u"channel:"_s + channelId
            && recording.value(u"state"_s).toString() == u"recording")
            return recording.value(u"name"_s).toString();
    }
    return {};
}

bool AppTestBed::talk(const QString &channelId, int ms)
{
    QUrlQuery query;
    query.addQueryItem(u"ms"_s, QString::number(ms));
    return control("POST", u"/calls/"_s + channelId + u"/talk"_s, query).status == 204;
}

int AppTestBed::failureCount(const QString &pathPrefix, int status) const
{
    int count = 0;
    for (const Failure &failure : m_failures) {
        if (failure.path.startsWith(pathPrefix) && failure.status == status)
            ++count;
    }
    return count;
}

QString AppTestBed::playbackState(const QString &playbackId)
{
    const Reply reply = ari("GET", u"/playbacks/"_s + playbackId);
    return reply.status == 200 ? reply.json().toObject().value(u"state"_s).toString() : QString();
}

qint64 AppTestBed::clockMs()
{
    return control("GET", u"/clock"_s).json().toObject().value(u"elapsedMs"_s).toInteger(-1);
}

bool AppTestBed::waitSimulated(qint64 ms)
{
    const qint64 until = clockMs() + ms;
    return QTest::qWaitFor([this, until] { return clockMs() >= until; }, s_requestTimeoutMs);
}

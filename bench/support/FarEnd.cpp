#include "FarEnd.h"

#include "BenchMeasures.h"

#include "sim/SimServer.h"
#include "sim/http/SimHttpRequest.h"
#include "sim/media/WavFile.h"

#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>

#include <random>

using namespace Qt::StringLiterals;
using BenchMeasures::nowNs;

FarEnd::~FarEnd() = default;

QUrl FarEnd::baseUrl() const
{
    return m_server ? m_server->baseUrl() : QUrl();
}

bool FarEnd::start(const Options &config, QString *error)
{
    if (!m_recordings.isValid()) {
        *error = u"cannot create a temporary recordings directory"_s;
        return false;
    }
    if (!seedMailboxes(config, error))
        return false;
    SimServer::Options options;
    options.speed = config.speed;
    options.recordingsDir = m_recordings.path();
    options.systemName = u"bench"_s;
    m_server = std::make_unique<SimServer>(options);
    if (!m_server->start(error))
        return false;
    m_server->setObserver({ [this](const SimHttpRequest &request) { m_dtmfLatency.onRequest(request); },
        [this](const QJsonObject &event) { m_dtmfLatency.onEvent(event); } });
    m_network = std::make_unique<QNetworkAccessManager>();
    // One control request now, so that this side's HTTP thread exists before the supervisor's:
    // every thread made while the far end starts is counted as the far end's.
    {
        QEventLoop loop;
        QNetworkReply *reply = send("GET", u"/calls"_s);
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        reply->deleteLater();
    }
    m_publish = std::make_unique<QTimer>();
    connect(m_publish.get(), &QTimer::timeout, this, [this] {
        const Counts now = counts();
        Q_EMIT countsPublished(now.channels, now.bridges, now.playbacks, now.recordings, now.sockets);
    });
    m_publish->start(s_countsIntervalMs);
    return true;
}

void FarEnd::stop()
{
    m_publish.reset();
    m_network.reset();
    m_server.reset();
}

bool FarEnd::seedMailboxes(const Options &config, QString *error)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (int mailbox = 0; mailbox < config.mailboxes; ++mailbox) {
        const QString folder = m_recordings.filePath(u"voicemail/"_s + mailboxName(mailbox));
        if (!QDir().mkpath(folder)) {
            *error = u"cannot create %1"_s.arg(folder);
            return false;
        }
        for (int message = 0; message < config.messagesPerMailbox; ++message) {
            const qint64 received = now - 3600 * (message + 1);
            const QString path = folder + u'/' + QString::number(received) + u".wav"_s;
            if (!WavFile::write(path, { { 1000, false }, { config.messageMs - 1000, true } }, 8000, error))
                return false;
        }
    }
    return true;
}

FarEnd::Counts FarEnd::counts() const
{
    Counts counts;
    if (!m_server)
        return counts;
    counts.channels = m_server->liveChannelCount();
    counts.bridges = m_server->liveBridgeCount();
    counts.playbacks = m_server->livePlaybackCount();
    counts.recordings = m_server->liveRecordingCount();
    counts.sockets = m_server->webSocketCount();
    return counts;
}

QNetworkReply *FarEnd::send(const QByteArray &method, const QString &path, const QUrlQuery &query)
{
    QUrl url(m_server->baseUrl().toString() + u"/sim"_s + path);
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Basic " + QByteArray(s_credentials).toBase64());
    return m_network->sendCustomRequest(request, method);
}

void FarEnd::atMoments(qsizetype count, int spreadMs, quint32 seed, const std::function<void(qsizetype)> &action)
{
    if (spreadMs <= 0) {
        for (qsizetype i = 0; i < count; ++i)
            action(i);
        return;
    }
    std::mt19937 random(seed);
    std::uniform_int_distribution<int> moment(0, spreadMs);
    for (qsizetype i = 0; i < count; ++i)
        QTimer::singleShot(moment(random), Qt::PreciseTimer, this, [action, i] { action(i); });
}

void FarEnd::placeCalls(const QList<Placement> &placements, int spreadMs, quint32 seed)
{
    atMoments(placements.size(), spreadMs, seed, [this, placements](qsizetype i) { placeNow(placements.at(i)); });
}

void FarEnd::placeNow(const Placement &placement)
{
    QUrlQuery query;
    query.addQueryItem(u"app"_s, placement.application);
    query.addQueryItem(u"args"_s, placement.args);
    query.addQueryItem(u"callerId"_s, callerNumber(placement.index));
    const qint64 requested = nowNs();
    QNetworkReply *reply = send("POST", u"/calls"_s, query);
    const int index = placement.index;
    connect(reply, &QNetworkReply::finished, this, [this, reply, index, requested] {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QString channelId = QJsonDocument::fromJson(reply->readAll())
                                      .object()
                                      .value("channel"_L1)
                                      .toObject()
                                      .value("id"_L1)
                                      .toString();
        reply->deleteLater();
        Q_EMIT placed(index, channelId, status, requested);
    });
}

void FarEnd::press(const QStringList &channelIds, const QString &digits, int betweenMs, int spreadMs, quint32 seed)
{
    atMoments(channelIds.size(), spreadMs, seed,
        [this, channelIds, digits, betweenMs](qsizetype i) { pressNow(channelIds.at(i), digits, betweenMs); });
}

void FarEnd::pressNow(const QString &channelId, const QString &digits, int betweenMs)
{
    QUrlQuery query;
    query.addQueryItem(u"dtmf"_s, QString::fromLatin1(QUrl::toPercentEncoding(digits)));
    query.addQueryItem(u"between"_s, QString::number(betweenMs));
    QNetworkReply *reply = send("POST", u"/calls/"_s + channelId + u"/dtmf"_s, query);
    connect(reply, &QNetworkReply::finished, this, [this, reply, channelId] {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->deleteLater();
        Q_EMIT pressed(channelId, status);
    });
}

void FarEnd::hangUp(const QStringList &channelIds, int spreadMs, quint32 seed)
{
    atMoments(channelIds.size(), spreadMs, seed, [this, channelIds](qsizetype i) { hangUpNow(channelIds.at(i)); });
}

void FarEnd::hangUpNow(const QString &channelId)
{
    QNetworkReply *reply = send("DELETE", u"/calls/"_s + channelId);
    connect(reply, &QNetworkReply::finished, this, [this, reply, channelId] {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->deleteLater();
        Q_EMIT hungUp(channelId, status);
    });
}

#include "moc_FarEnd.cpp"

#include "SimFixture.h"

#include "core/config/SupervisorSettings.h"
#include "core/supervisor/SupervisorBackend.h"
#include "core/supervisor/SupervisorOptions.h"
#include "sim/SimServer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QtEndian>

using namespace Qt::StringLiterals;

namespace {

QByteArray wav(int ms)
{
    const quint32 dataSize = static_cast<quint32>(ms) * 16; // 8 kHz, 16 bit, mono
    QByteArray file("RIFF");
    char word[4];
    char half[2];
    const auto le32 = [&](quint32 value) {
        qToLittleEndian(value, word);
        file.append(word, 4);
    };
    const auto le16 = [&](quint16 value) {
        qToLittleEndian(value, half);
        file.append(half, 2);
    };
    le32(36 + dataSize);
    file.append("WAVEfmt ");
    le32(16);
    le16(1);
    le16(1);
    le32(8000);
    le32(16000);
    le16(2);
    le16(16);
    file.append("data");
    le32(dataSize);
    // A quiet tone, so the file is not all zeros.
    QByteArray samples(static_cast<qsizetype>(dataSize), '\0');
    for (qsizetype i = 0; i + 1 < samples.size(); i += 2)
        samples[i + 1] = static_cast<char>((i / 16) % 2 ? 8 : -8);
    file.append(samples);
    return file;
}

} // namespace

SimFixture::SimFixture(double speed, QObject *parent)
    : QObject(parent)
    , m_speed(speed)
{
}

SimFixture::~SimFixture() = default;

bool SimFixture::addMessage(const QString &recordingName, int ms)
{
    return addRecordingFile(recordingName, u"wav"_s, wav(ms));
}

bool SimFixture::addRecordingFile(const QString &recordingName, const QString &extension, const QByteArray &bytes)
{
    const QString path = m_recordings.filePath(recordingName + u'.' + extension);
    if (!QDir().mkpath(QFileInfo(path).path()))
        return false;
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray SimFixture::wavFile(int ms)
{
    return wav(ms);
}

bool SimFixture::start()
{
    SimServer::Options options;
    options.speed = m_speed;
    options.shareSoundIndex = true; // many simulators per test program: scan the sounds once
    options.recordingsDir = m_recordings.path();
    m_server = std::make_unique<SimServer>(options);
    QString error;
    if (!m_server->start(&error)) {
        qWarning().noquote() << "simulator did not start:" << error;
        return false;
    }
    return true;
}

QString SimFixture::ariUrl() const
{
    return m_server->baseUrl().toString() + u"/ari"_s;
}

std::unique_ptr<SupervisorBackend> SimFixture::makeBackend(const QString &supervisorEndpoint,
                                                           const SupervisorOptions &options,
                                                           const QHash<QString, QString> &names)
{
    SupervisorSettings settings;
    SupervisorSettings::Overrides overrides;
    overrides.url = ariUrl();
    overrides.user = u"asterisk"_s;
    overrides.supervisorEndpoint = supervisorEndpoint;
    QProcessEnvironment environment;
    environment.insert(u"ARI_PASSWORD"_s, u"asterisk"_s);
    QString error;
    if (!settings.load({}, environment, overrides, &error)) {
        qWarning().noquote() << "settings:" << error;
        return {};
    }
    settings.setPartyNames(names);
    auto backend = std::make_unique<SupervisorBackend>(settings, options);
    backend->open();
    return backend;
}

QJsonValue SimFixture::request(const QByteArray &method, const QString &encodedPath, const QUrlQuery &query,
                               int *status)
{
    QUrl url = m_server->baseUrl();
    url.setPath(encodedPath, QUrl::StrictMode);
    if (!query.isEmpty())
        url.setQuery(query);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Basic " + QByteArray("asterisk:asterisk").toBase64());
    QNetworkReply *reply = m_network.sendCustomRequest(request, method);
    QSignalSpy finished(reply, &QNetworkReply::finished);
    if (!reply->isFinished() && !finished.wait(10000)) {
        reply->abort();
        reply->deleteLater();
        if (status)
            *status = 0;
        return {};
    }
    if (status)
        *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    reply->deleteLater();
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (document.isObject())
        return document.object();
    if (document.isArray())
        return document.array();
    return {};
}

QJsonObject SimFixture::state()
{
    return request("GET", u"/sim/state"_s).toObject();
}

QJsonArray SimFixture::heard(const QString &channelId)
{
    return request("GET", u"/sim/calls/"_s + QString::fromLatin1(QUrl::toPercentEncoding(channelId)) + u"/heard"_s)
        .toArray();
}

QStringList SimFixture::storedRecordings()
{
    QStringList names;
    const QJsonArray stored = request("GET", u"/ari/recordings/stored"_s).toArray();
    for (const QJsonValue &value : stored)
        names << value[u"name"_s].toString();
    return names;
}

QJsonObject SimFixture::placeCall(const QString &app, const QStringList &args, const QString &callerId)
{
    QUrlQuery query;
    query.addQueryItem(u"app"_s, app);
    query.addQueryItem(u"args"_s, args.join(u','));
    if (!callerId.isEmpty())
        query.addQueryItem(u"callerId"_s, callerId);
    return request("POST", u"/sim/calls"_s, query).toObject().value(u"channel"_s).toObject();
}

bool SimFixture::pressDtmf(const QString &channelId, const QString &digits)
{
    QUrlQuery query;
    query.addQueryItem(u"dtmf"_s, QString::fromLatin1(QUrl::toPercentEncoding(digits)));
    int status = 0;
    request("POST", u"/sim/calls/"_s + QString::fromLatin1(QUrl::toPercentEncoding(channelId)) + u"/dtmf"_s, query,
            &status);
    return status == 204;
}

bool SimFixture::hangup(const QString &channelId)
{
    int status = 0;
    request("DELETE", u"/sim/calls/"_s + QString::fromLatin1(QUrl::toPercentEncoding(channelId)), {}, &status);
    return status == 204;
}

bool SimFixture::setEndpointBehaviour(const QString &tech, const QString &resource, const QString &behaviour)
{
    QUrlQuery query;
    query.addQueryItem(u"behaviour"_s, behaviour);
    int status = 0;
    request("PUT", u"/sim/endpoints/%1/%2"_s.arg(tech, resource), query, &status);
    return status == 204;
}

QJsonArray SimFixture::channelsNamed(const QString &prefix)
{
    QJsonArray found;
    const QJsonArray channels = state().value(u"channels"_s).toArray();
    for (const QJsonValue &channel : channels) {
        if (channel[u"name"_s].toString().startsWith(prefix))
            found.append(channel);
    }
    return found;
}

QJsonArray SimFixture::playbacks()
{
    return state().value(u"playbacks"_s).toArray();
}

#include "app/DemoTraffic.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcDemo, "supervisor.demo")

namespace {
constexpr qint64 s_planStepMs = 60'000; // simulated time planned at once
} // namespace

DemoTraffic::DemoTraffic(const QUrl &controlUrl, const QString &user, const QString &password, double speed,
                         const Applications &applications, QObject *parent)
    : QObject(parent)
    , m_controlUrl(controlUrl)
    , m_authorization("Basic " + (user + u':' + password).toUtf8().toBase64())
    , m_speed(speed)
    , m_apps(applications)
    , m_network(new QNetworkAccessManager(this))
{
    connect(&m_planner, &QTimer::timeout, this, &DemoTraffic::planAhead);
}

QString DemoTraffic::supervisorPhone()
{
    return u"PJSIP/1001"_s;
}

void DemoTraffic::start()
{
    // The simulator only rings endpoints it has been told about.
    control("PUT", u"/endpoints/"_s + supervisorPhone() + u"?behaviour=answer"_s);
    m_startedAtMs = QDateTime::currentMSecsSinceEpoch();
    m_plannedUpToMs = -1;
    planAhead();
    // Half a step before the plan runs out, the next one.
    m_planner.start(std::max(50, static_cast<int>(std::lround(s_planStepMs / 2 / m_speed))));
}

qint64 DemoTraffic::simulatedNowMs() const
{
    return std::llround(static_cast<double>(QDateTime::currentMSecsSinceEpoch() - m_startedAtMs) * m_speed);
}

void DemoTraffic::planAhead()
{
    const qint64 horizon = simulatedNowMs() + s_planStepMs;
    if (horizon <= m_plannedUpToMs)
        return;
    m_plannedUpToMs = horizon;
    const qint64 now = simulatedNowMs();
    for (const DemoSchedule::Action &action : m_schedule.until(horizon)) {
        const int wallMs = static_cast<int>(std::lround(static_cast<double>(std::max<qint64>(0, action.atMs - now)) / m_speed));
        QTimer::singleShot(wallMs, this, [this, action] { perform(action); });
    }
}

void DemoTraffic::perform(const DemoSchedule::Action &action)
{
    using Kind = DemoSchedule::Action::Kind;
    if (action.kind == Kind::Place) {
        switch (DemoSchedule::appOf(action)) {
        case DemoSchedule::App::Queue:
            placeCall(action.party, m_apps.queue, action.args);
            break;
        case DemoSchedule::App::VmRecord:
            placeCall(action.party, m_apps.vmRecord, action.args);
            break;
        case DemoSchedule::App::VmPlayback:
            placeCall(action.party, m_apps.vmPlayback, action.args);
            break;
        }
        return;
    }
    const QString channel = m_channels.value(action.party);
    if (channel.isEmpty())
        return; // its call was not placed (the simulator said why; logged)
    const QString call = u"/calls/"_s + channel;
    switch (action.kind) {
    case Kind::Keys:
        control("POST", call + u"/dtmf?dtmf="_s + QString::fromLatin1(QUrl::toPercentEncoding(action.args)));
        break;
    case Kind::Talk:
        control("POST", call + u"/talk?ms="_s + action.args);
        break;
    case Kind::HangUp:
        // A caller already gone answers 404: that is part of the show, not an error.
        control("DELETE", call);
        m_channels.remove(action.party);
        break;
    case Kind::Place:
        break;
    }
}

void DemoTraffic::placeCall(int party, const QString &app, const QString &args)
{
    QUrl url = m_controlUrl;
    url.setPath(url.path() + u"/calls"_s);
    QUrlQuery query;
    query.addQueryItem(u"app"_s, app);
    query.addQueryItem(u"args"_s, args);
    // Numbers that look like numbers, one per phone.
    query.addQueryItem(u"callerId"_s, QString::number(5550100 + (m_callerNumber++ % 900)));
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", m_authorization);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    QNetworkReply *reply = m_network->post(request, QByteArray());
    connect(reply, &QNetworkReply::finished, this, [this, reply, party, app] {
        reply->deleteLater();
        const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
        const QString channelId = body.value(u"channel"_s).toObject().value(u"id"_s).toString();
        if (reply->error() != QNetworkReply::NoError || channelId.isEmpty()) {
            qCWarning(lcDemo).noquote() << "placing a demo call into" << app << "failed:" << reply->errorString();
            return;
        }
        m_channels.insert(party, channelId);
    });
}

void DemoTraffic::control(const QByteArray &verb, const QString &path)
{
    QUrl url = m_controlUrl;
    const int queryStart = path.indexOf(u'?');
    url.setPath(url.path() + path.left(queryStart));
    if (queryStart >= 0)
        url.setQuery(path.mid(queryStart + 1));
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", m_authorization);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    QNetworkReply *reply = m_network->sendCustomRequest(request, verb);
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
}

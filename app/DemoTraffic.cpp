#include "app/DemoTraffic.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUrlQuery>

#include <cmath>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcDemo, "supervisor.demo")

namespace {
const QStringList s_mailboxes = {u"100"_s, u"101"_s, u"30"_s, u"305"_s};
}

DemoTraffic::DemoTraffic(const QUrl &controlUrl, const QString &user, const QString &password, double speed,
                         const Applications &applications, QObject *parent)
    : QObject(parent)
    , m_controlUrl(controlUrl)
    , m_authorization("Basic " + (user + u':' + password).toUtf8().toBase64())
    , m_speed(speed)
    , m_apps(applications)
    , m_network(new QNetworkAccessManager(this))
    , m_random(20261126)
{
}

QString DemoTraffic::supervisorPhone()
{
    return u"PJSIP/1001"_s;
}

void DemoTraffic::start()
{
    // The simulator only rings endpoints it has been told about.
    control("PUT", u"/endpoints/"_s + supervisorPhone() + u"?behaviour=answer"_s);
    // Two agents log in at once and stay; callers and voicemail users keep arriving.
    agentLogsIn();
    after(3000, [this] { agentLogsIn(); });
    after(1000, [this] { callTheQueue(); });
    after(6000, [this] { leaveMessage(); });
    after(12000, [this] { listenToMessages(); });
}

void DemoTraffic::after(int simulatedMs, const std::function<void()> &action)
{
    const int wallMs = static_cast<int>(std::lround(simulatedMs / m_speed));
    QTimer::singleShot(wallMs, this, action);
}

void DemoTraffic::placeCall(const QString &app, const QString &args, const ChannelAction &then)
{
    QUrl url = m_controlUrl;
    url.setPath(url.path() + u"/calls"_s);
    QUrlQuery query;
    query.addQueryItem(u"app"_s, app);
    query.addQueryItem(u"args"_s, args);
    query.addQueryItem(u"callerId"_s, QString::number(2000 + m_random.bounded(8000)));
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", m_authorization);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
    QNetworkReply *reply = m_network->post(request, QByteArray());
    connect(reply, &QNetworkReply::finished, this, [reply, then, app] {
        reply->deleteLater();
        const QJsonObject body = QJsonDocument::fromJson(reply->readAll()).object();
        const QString channelId = body.value(u"channel"_s).toObject().value(u"id"_s).toString();
        if (reply->error() != QNetworkReply::NoError || channelId.isEmpty()) {
            qCWarning(lcDemo).noquote() << "placing a demo call into" << app << "failed:" << reply->errorString();
            return;
        }
        then(channelId);
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
    // A caller already gone answers 404: that is part of the show, not an error.
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
}

void DemoTraffic::leaveMessage()
{
    const QString mailbox = s_mailboxes.at(static_cast<int>(m_random.bounded(s_mailboxes.size())));
    placeCall(m_apps.vmRecord, mailbox, [this](const QString &id) {
        const QString dtmf = u"/calls/"_s + id + u"/dtmf?dtmf=%23"_s;
        after(2500, [this, dtmf] { control("POST", dtmf); });                  // skip the greeting
        after(3500, [this, id] { control("POST", u"/calls/"_s + id + u"/talk?ms=6000"_s); });
        after(10000, [this, dtmf] { control("POST", dtmf); });                 // stop recording
        after(13000, [this, dtmf] { control("POST", dtmf); });                 // accept while reviewing
        after(20000, [this, id] { control("DELETE", u"/calls/"_s + id); });   // gone by now anyway
    });
    after(35000 + static_cast<int>(m_random.bounded(20000)), [this] { leaveMessage(); });
}

void DemoTraffic::listenToMessages()
{
    const QString mailbox = s_mailboxes.at(static_cast<int>(m_random.bounded(s_mailboxes.size())));
    placeCall(m_apps.vmPlayback, mailbox, [this](const QString &id) {
        const QString keys = u"/calls/"_s + id + u"/dtmf?dtmf="_s;
        after(3000, [this, keys] { control("POST", keys + u"%23"_s); }); // skip "message 1"
        after(6000, [this, keys] { control("POST", keys + u"2"_s); });   // pause
        after(8000, [this, keys] { control("POST", keys + u"2"_s); });   // go on
        after(10000, [this, keys] { control("POST", keys + u"3"_s); });  // forward
        after(13000, [this, keys] { control("POST", keys + u"6"_s); });  // next message
        after(22000, [this, keys] { control("POST", keys + u"%23"_s); }); // done
    });
    after(45000 + static_cast<int>(m_random.bounded(30000)), [this] { listenToMessages(); });
}

void DemoTraffic::callTheQueue()
{
    placeCall(m_apps.queue, u"caller"_s, [this](const QString &id) {
        // Some callers give up; the others stay until their agent ends the call.
        const int patience = 40000 + static_cast<int>(m_random.bounded(120000));
        after(patience, [this, id] { control("DELETE", u"/calls/"_s + id); });
    });
    after(12000 + static_cast<int>(m_random.bounded(18000)), [this] { callTheQueue(); });
}

void DemoTraffic::agentLogsIn()
{
    placeCall(m_apps.queue, u"agent"_s, [this](const QString &id) {
        // An agent's working cycle: record the call, pause and resume the recording around a
        // card number, stop it, then end the call; keys pressed while waiting change nothing.
        const QString keys = u"/calls/"_s + id + u"/dtmf?dtmf="_s;
        const std::function<void()> cycle = [this, keys] {
            after(8000, [this, keys] { control("POST", keys + u"0"_s); });
            after(14000, [this, keys] { control("POST", keys + u"5"_s); });
            after(18000, [this, keys] { control("POST", keys + u"5"_s); });
            after(26000, [this, keys] { control("POST", keys + u"7"_s); });
            after(32000, [this, keys] { control("POST", keys + u"%23"_s); });
        };
        cycle();
        auto *timer = new QTimer(this);
        timer->setInterval(static_cast<int>(std::lround(40000 / m_speed)));
        connect(timer, &QTimer::timeout, this, cycle);
        timer->start();
    });
}

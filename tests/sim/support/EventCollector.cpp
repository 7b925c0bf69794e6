#include "EventCollector.h"

#include "SimWait.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QNetworkRequest>

using namespace Qt::StringLiterals;

EventCollector::EventCollector(QObject *parent)
    : QObject(parent)
{
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &EventCollector::onTextMessage);
    // Qt 6.4 names this signal error(); errorOccurred() only exists from 6.5 on.
    connect(&m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, [this](QAbstractSocket::SocketError) {
        m_failed = true;
        m_lastError = m_socket.errorString();
    });
    connect(&m_socket, &QWebSocket::disconnected, this, [this] { m_closeCode = m_socket.closeCode(); });
}

EventCollector::~EventCollector()
{
    m_socket.abort();
}

bool EventCollector::open(const QNetworkRequest &request, int timeoutMs)
{
    m_failed = false;
    m_lastError.clear();
    m_socket.open(request);
    const bool settled = SimWait::until(
        [this] { return m_failed || m_socket.state() == QAbstractSocket::ConnectedState; }, timeoutMs);
    return settled && !m_failed && m_socket.state() == QAbstractSocket::ConnectedState;
}

void EventCollector::sendText(const QString &frame)
{
    m_socket.sendTextMessage(frame);
}

void EventCollector::close()
{
    if (m_socket.state() == QAbstractSocket::UnconnectedState)
        return;
    m_socket.close();
    if (!SimWait::until([this] { return m_socket.state() == QAbstractSocket::UnconnectedState; }, 5000))
        m_socket.abort();
}

bool EventCollector::isOpen() const
{
    return m_socket.state() == QAbstractSocket::ConnectedState;
}

bool EventCollector::waitForDisconnected(int timeoutMs)
{
    return SimWait::until([this] { return m_socket.state() == QAbstractSocket::UnconnectedState; },
                           timeoutMs);
}

int EventCollector::count(const QString &type, const Predicate &predicate) const
{
    int n = 0;
    for (const QJsonObject &event : m_events) {
        if ((type.isEmpty() || event.value("type"_L1).toString() == type) && (!predicate || predicate(event)))
            ++n;
    }
    return n;
}

QStringList EventCollector::types(const Predicate &predicate) const
{
    QStringList result;
    for (const QJsonObject &event : m_events) {
        if (!predicate || predicate(event))
            result.append(event.value("type"_L1).toString());
    }
    return result;
}

int EventCollector::indexOf(const QString &type, const Predicate &predicate, int from) const
{
    for (int i = qMax(0, from); i < m_events.size(); ++i) {
        const QJsonObject &event = m_events.at(i);
        if ((type.isEmpty() || event.value("type"_L1).toString() == type) && (!predicate || predicate(event)))
            return i;
    }
    return -1;
}

QJsonObject EventCollector::waitFor(const QString &type, const Predicate &predicate, int timeoutMs)
{
    int index = -1;
    if (!SimWait::until([&] { return (index = indexOf(type, predicate)) >= 0; }, timeoutMs))
        return {};
    return m_events.at(index);
}

QJsonObject EventCollector::waitForNext(const QString &type, const Predicate &predicate, int timeoutMs)
{
    int index = -1;
    if (!SimWait::until([&] { return (index = indexOf(type, predicate, m_cursor)) >= 0; }, timeoutMs))
        return {};
    m_cursor = index + 1;
    return m_events.at(index);
}

bool EventCollector::waitForCount(const QString &type, int n, const Predicate &predicate, int timeoutMs)
{
    return SimWait::until([&] { return count(type, predicate) >= n; }, timeoutMs);
}

bool EventCollector::waitForTotal(int n, int timeoutMs)
{
    return SimWait::until([&] { return m_events.size() >= n; }, timeoutMs);
}

void EventCollector::clear()
{
    m_events.clear();
    m_malformed.clear();
    m_cursor = 0;
}

EventCollector::Predicate EventCollector::forChannel(const QString &channelId)
{
    return [channelId](const QJsonObject &event) {
        return event.value("channel"_L1).toObject().value("id"_L1).toString() == channelId;
    };
}

EventCollector::Predicate EventCollector::forPlayback(const QString &playbackId)
{
    return [playbackId](const QJsonObject &event) {
        return event.value("playback"_L1).toObject().value("id"_L1).toString() == playbackId;
    };
}

EventCollector::Predicate EventCollector::forRecording(const QString &name)
{
    return [name](const QJsonObject &event) {
        return event.value("recording"_L1).toObject().value("name"_L1).toString() == name;
    };
}

EventCollector::Predicate EventCollector::forBridge(const QString &bridgeId)
{
    return [bridgeId](const QJsonObject &event) {
        return event.value("bridge"_L1).toObject().value("id"_L1).toString() == bridgeId;
    };
}

EventCollector::Predicate EventCollector::both(Predicate a, Predicate b)
{
    return [a = std::move(a), b = std::move(b)](const QJsonObject &event) {
        return (!a || a(event)) && (!b || b(event));
    };
}

EventCollector::Predicate EventCollector::notOfType(const QStringList &types)
{
    return [types](const QJsonObject &event) { return !types.contains(event.value("type"_L1).toString()); };
}

bool EventCollector::isAriTimestamp(const QString &text)
{
    static const QRegularExpression pattern(
        u"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}[+-]\\d{4}$"_s);
    return pattern.match(text).hasMatch();
}

qint64 EventCollector::timestampMs(const QJsonObject &event)
{
    const QString text = event.value("timestamp"_L1).toString();
    if (!isAriTimestamp(text))
        return -1;
    QDateTime local = QDateTime::fromString(text.left(23), u"yyyy-MM-ddTHH:mm:ss.zzz"_s);
    if (!local.isValid())
        return -1;
    const int sign = text.at(23) == u'-' ? -1 : 1;
    const int offsetMinutes = text.mid(24, 2).toInt() * 60 + text.mid(26, 2).toInt();
    local.setOffsetFromUtc(sign * offsetMinutes * 60);
    return local.toMSecsSinceEpoch();
}

void EventCollector::onTextMessage(const QString &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        m_malformed.append(text);
        return;
    }
    const QJsonObject event = document.object();
    m_events.append(event);
    Q_EMIT eventReceived(event);
}

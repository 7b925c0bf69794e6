#include "core/ari/AriWebSocketTransport.h"

#include "core/ari/JsonTextWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRegularExpression>

#include <algorithm>
#include <atomic>
#include <limits>
#include <vector>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcAriSocketRest, "supervisor.ari.rest.websocket")

AriWebSocketTransport::AriWebSocketTransport(AriEventStream *stream, QObject *parent)
    : AriRestTransport(parent)
    , m_stream(stream)
    , m_deadlineTimer(this)
{
    static std::atomic<quint64> s_instances { 0 };
    m_instance = ++s_instances;
    m_clock.start();
    m_deadlineTimer.setSingleShot(true);
    connect(&m_deadlineTimer, &QTimer::timeout, this, &AriWebSocketTransport::onDeadline);
    connect(stream, &AriEventStream::restResponseReceived, this, &AriWebSocketTransport::onResponse);
    connect(stream, &AriEventStream::stateChanged, this, &AriWebSocketTransport::onStreamStateChanged);
    if (stream->state() == AriEventStream::State::Connected)
        onStreamStateChanged(AriEventStream::State::Connected);
}

AriWebSocketTransport::~AriWebSocketTransport() = default;

bool AriWebSocketTransport::serverSupports(const QString &asteriskVersion)
{
    static const QRegularExpression s_version(u"(\\d+)\\.(\\d+)"_s);
    const QRegularExpressionMatch match = s_version.match(asteriskVersion);
    if (!match.hasMatch())
        return false;
    const int major = match.captured(1).toInt();
    const int minor = match.captured(2).toInt();
    if (major >= 23)
        return true;
    switch (major) {
    case 22:
        return minor >= 4;
    case 21:
        return minor >= 9;
    case 20:
        return minor >= 14;
    default:
        return false;
    }
}

bool AriWebSocketTransport::isConnected() const
{
    return m_stream && m_stream->state() == AriEventStream::State::Connected;
}

QString AriWebSocketTransport::name() const
{
    return u"websocket"_s;
}

int AriWebSocketTransport::inFlightCount() const
{
    return static_cast<int>(m_pending.size());
}

void AriWebSocketTransport::abandonAll()
{
    m_pending.clear();
    m_deadlines.clear();
    m_deadlineTimer.stop();
}

QByteArray AriWebSocketTransport::requestFrame(
    const AriRequest &request, const QString &transactionId, const QString &requestId)
{
    // The uri is relative to /ari/ without a leading slash (a leading "/ari/" gets 405); the path
    // keeps its percent-encoding (a recording name's %2F stays one segment).
    QStringView uri = request.path;
    while (uri.startsWith(u'/'))
        uri = uri.sliced(1);
    JsonTextWriter frame;
    frame.beginObject()
        .key("type"_L1)
        .string(u"RESTRequest")
        .key("transaction_id"_L1)
        .string(transactionId)
        .key("request_id"_L1)
        .string(requestId)
        .key("method"_L1)
        .string(AriRequest::methodName(request.method))
        .key("uri"_L1)
        .string(uri);
    if (!request.query.isEmpty()) {
        const auto items = request.query.queryItems(QUrl::FullyDecoded);
        frame.key("query_strings"_L1).beginArray();
        for (const auto &[name, value] : items)
            frame.beginObject().key("name"_L1).string(name).key("value"_L1).string(value).endObject();
        frame.endArray();
    }
    if (!request.body.isEmpty()) {
        // The body is itself JSON, sent as a string (as the transcript shows).
        frame.key("content_type"_L1).string(u"application/json");
        frame.key("message_body"_L1)
            .string(QString::fromUtf8(QJsonDocument(request.body).toJson(QJsonDocument::Compact)));
    }
    frame.endObject();
    return frame.take();
}

void AriWebSocketTransport::send(quint64 serial, const AriRequest &request, const AriEndpoint &endpoint)
{
    const AriEventStream::State state = m_stream ? m_stream->state() : AriEventStream::State::Disconnected;
    const bool comingUp = state == AriEventStream::State::Connecting || state == AriEventStream::State::Reconnecting;
    if (!isConnected() && !comingUp) {
        failLater(
            serial, AriResult::failure(AriResult::Status::NetworkError, 0, u"the event socket is not connected"_s));
        return;
    }
    if (isConnected() && !sendFrame(serial, request)) {
        failLater(
            serial, AriResult::failure(AriResult::Status::NetworkError, 0, u"the event socket refused the request"_s));
        return;
    }
    Pending &pending = m_pending[serial];
    pending.request = request;
    pending.sent = isConnected();
    pending.binary = request.binary;
    pending.timeoutMs = endpoint.requestTimeoutMs;
    pending.maxBodyBytes = endpoint.maxBodyBytes;
    if (pending.timeoutMs > 0) {
        pending.deadlineMs = m_clock.elapsed() + pending.timeoutMs;
        m_deadlines.emplace(pending.deadlineMs, serial);
        if (!m_deadlineTimer.isActive() || m_deadlines.begin()->second == serial)
            armDeadlineTimer();
    }
}

bool AriWebSocketTransport::sendFrame(quint64 serial, const AriRequest &request)
{
    return m_stream->sendText(requestFrame(request, m_transactionId, QString::number(serial)));
}

void AriWebSocketTransport::failLater(quint64 serial, const AriResult &result)
{
    QMetaObject::invokeMethod(
        this, [this, serial, result] { Q_EMIT finished(serial, result); }, Qt::QueuedConnection);
}

void AriWebSocketTransport::onResponse(const AriEvent &frame)
{
    const JsonObjectView response = frame.members();
    const QString transactionId = response.string("transaction_id"_L1);
    const QString requestId = response.string("request_id"_L1);
    bool numeric = false;
    const quint64 serial = requestId.toULongLong(&numeric);
    const auto it = numeric && transactionId == m_transactionId ? m_pending.find(serial) : m_pending.end();
    if (it == m_pending.end() || !it->second.sent) {
        // Nothing waits for it: answered after its timeout, or not one of ours.
        qCDebug(lcAriSocketRest) << "answer to no pending request ignored:" << transactionId << requestId
                                 << response.toInt("status_code"_L1);
        return;
    }
    const Pending pending = it->second;
    m_pending.erase(it);
    if (pending.deadlineMs > 0) {
        auto [first, last] = m_deadlines.equal_range(pending.deadlineMs);
        for (auto entry = first; entry != last; ++entry) {
            if (entry->second == serial) {
                m_deadlines.erase(entry);
                break;
            }
        }
    }

    const int status = response.toInt("status_code"_L1);
    const QString reason = response.string("reason_phrase"_L1);
    // message_body is the JSON body as a string; a 204 has none.
    const QByteArray body = response.utf8("message_body"_L1);
    AriResult result;
    if (pending.maxBodyBytes > 0 && body.size() > pending.maxBodyBytes)
        result = AriResult::failure(AriResult::Status::NetworkError, status,
            u"answer body larger than the limit of %1 bytes, dropped"_s.arg(pending.maxBodyBytes));
    else if (status == 0)
        result = AriResult::failure(AriResult::Status::MalformedBody, 0, u"RESTResponse without status_code"_s);
    else
        result = AriResult::fromAnswer(status, reason, body, pending.binary);
    Q_EMIT finished(serial, result);
}

void AriWebSocketTransport::onStreamStateChanged(AriEventStream::State state)
{
    if (state == AriEventStream::State::Connected) {
        ++m_connection;
        m_transactionId = u"%1-%2"_s.arg(m_instance).arg(m_connection);
        // Requests that waited for the socket leave now, in the order they were sent.
        for (auto &[serial, pending] : m_pending) {
            if (!pending.sent && sendFrame(serial, pending.request))
                pending.sent = true;
        }
        return;
    }
    bool anySent = false;
    for (const auto &[serial, pending] : m_pending)
        anySent = anySent || pending.sent;
    if (anySent)
        failAll(u"the event socket closed before the answer came"_s);
}

void AriWebSocketTransport::failAll(const QString &reason)
{
    // Those on the wire fail; those still waiting for the socket keep waiting (within their
    // timeout). Handlers may send more requests: work on what was taken out.
    std::vector<quint64> failed;
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        if (!it->second.sent) {
            ++it;
            continue;
        }
        failed.push_back(it->first);
        if (it->second.deadlineMs > 0) {
            auto [first, last] = m_deadlines.equal_range(it->second.deadlineMs);
            for (auto entry = first; entry != last; ++entry) {
                if (entry->second == it->first) {
                    m_deadlines.erase(entry);
                    break;
                }
            }
        }
        it = m_pending.erase(it);
    }
    armDeadlineTimer();
    const QPointer<AriWebSocketTransport> self(this);
    for (const quint64 serial : failed) {
        Q_EMIT finished(serial, AriResult::failure(AriResult::Status::NetworkError, 0, reason));
        if (!self)
            return;
    }
}

void AriWebSocketTransport::armDeadlineTimer()
{
    if (m_deadlines.empty()) {
        m_deadlineTimer.stop();
        return;
    }
    const qint64 wait = std::max<qint64>(0, m_deadlines.begin()->first - m_clock.elapsed());
    m_deadlineTimer.start(static_cast<int>(std::min<qint64>(wait, std::numeric_limits<int>::max())));
}

void AriWebSocketTransport::onDeadline()
{
    const qint64 now = m_clock.elapsed();
    std::vector<std::pair<quint64, int>> expired; // serial, its timeout
    while (!m_deadlines.empty() && m_deadlines.begin()->first <= now) {
        const quint64 serial = m_deadlines.begin()->second;
        m_deadlines.erase(m_deadlines.begin());
        const auto it = m_pending.find(serial);
        if (it == m_pending.end())
            continue;
        expired.emplace_back(serial, it->second.timeoutMs);
        m_pending.erase(it);
    }
    armDeadlineTimer();
    const QPointer<AriWebSocketTransport> self(this);
    for (const auto &[serial, timeoutMs] : expired) {
        Q_EMIT finished(
            serial, AriResult::failure(AriResult::Status::Timeout, 0, u"timeout after %1 ms"_s.arg(timeoutMs)));
        if (!self)
            return;
    }
}

#include "moc_AriWebSocketTransport.cpp"

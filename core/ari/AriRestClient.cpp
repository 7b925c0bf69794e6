#include "core/ari/AriRestClient.h"

#include "core/ari/AriReply.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QRegularExpression>
#if QT_CONFIG(ssl)
#include <QSslConfiguration>
#include <QSslSocket>
#endif

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcAriRest, "supervisor.ari.rest")

namespace {

constexpr qsizetype s_maxErrorTextLength = 200;

bool isSuccess(int httpStatus)
{
    return httpStatus >= 200 && httpStatus < 300;
}

// The text of a failed call: ARI's {"message": …} (or {"error": …}, as Asterisk sends for some
// 500s), else a short plain-text version of whatever the body is, else the HTTP reason phrase.
QString errorText(const QByteArray &body, const QString &reasonPhrase, int httpStatus)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error == QJsonParseError::NoError && document.isObject()) {
        const QJsonObject object = document.object();
        for (const QLatin1StringView key : { "message"_L1, "error"_L1 }) {
            const QString text = object.value(key).toString();
            if (!text.isEmpty())
                return text;
        }
    }
    QString text = QString::fromUtf8(body);
    static const QRegularExpression s_markup(u"<[^>]*>"_s);
    if (text.trimmed().startsWith(u'<'))
        text.replace(s_markup, u" "_s);
    text = text.simplified();
    if (text.size() > s_maxErrorTextLength)
        text = text.left(s_maxErrorTextLength) + u"…"_s;
    if (!text.isEmpty())
        return text;
    if (!reasonPhrase.isEmpty())
        return reasonPhrase;
    return u"HTTP %1"_s.arg(httpStatus);
}

} // namespace

struct AriRestClient::Pending
{
    quint64 serial = 0;
    AriRequest request;
    QPointer<AriReply> reply;
    QString orderingKey;
    QPointer<QNetworkReply> network;
    int timeoutMs = 0;
    QString tlsErrors; // why the server's certificate was refused
};

AriRestClient::AriRestClient(const AriEndpoint &endpoint, QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
    setEndpoint(endpoint);
}

AriRestClient::~AriRestClient()
{
    // Nothing is reported from here: the owners of the replies are going away with us.
    for (auto &[serial, pending] : m_pending) {
        Q_UNUSED(serial)
        if (pending->network) {
            disconnect(pending->network, nullptr, this, nullptr);
            pending->network->abort();
        }
    }
    m_pending.clear();
    m_lanes.clear();
}

void AriRestClient::setEndpoint(const AriEndpoint &endpoint)
{
    m_endpoint = endpoint;
    m_tls = AriTlsPolicy(endpoint);
    const QString scheme = m_endpoint.baseUrl.scheme().toLower();
    if (!m_endpoint.verifyPeer && scheme == u"https")
        qCWarning(lcAriRest).noquote() << "TLS certificate verification is disabled for" << m_endpoint.redactedUrl();
    if (!m_tls.isValid() && scheme == u"https")
        qCWarning(lcAriRest).noquote() << m_tls.error();
}

int AriRestClient::pendingCount() const
{
    return static_cast<int>(m_pending.size());
}

int AriRestClient::queuedCount() const
{
    return pendingCount() - m_inFlight;
}

AriReply *AriRestClient::send(const AriRequest &request, const QString &orderingKey)
{
    auto *reply = new AriReply(this);
    const quint64 serial = ++m_nextSerial;
    auto pending = std::make_unique<Pending>();
    pending->serial = serial;
    pending->request = request;
    pending->reply = reply;
    pending->orderingKey = orderingKey;
    m_pending.emplace(serial, std::move(pending));

    if (orderingKey.isEmpty()) {
        start(serial);
        return reply;
    }
    QQueue<quint64> &lane = m_lanes[orderingKey];
    lane.enqueue(serial);
    if (lane.size() == 1)
        start(serial);
    else
        qCDebug(lcAriRest) << "queued behind" << lane.size() - 1 << "request(s) of" << orderingKey << ':'
                           << request.describe();
    return reply;
}

QNetworkRequest AriRestClient::networkRequest(const AriRequest &request) const
{
    const QUrl base = m_endpoint.restUrl();
    QString query = request.encodedQuery();
    if (m_endpoint.useApiKey) {
        if (!query.isEmpty())
            query += u'&';
        query += u"api_key="_s
            + QString::fromLatin1(QUrl::toPercentEncoding(m_endpoint.user + u':' + m_endpoint.password));
    }
    QString target = QString::fromLatin1(base.toEncoded()) + request.path;
    if (!query.isEmpty())
        target += u'?' + query;

    QNetworkRequest networkRequest(QUrl::fromEncoded(target.toUtf8(), QUrl::TolerantMode));
    if (!m_endpoint.useApiKey) {
        const QByteArray credentials = (m_endpoint.user + u':' + m_endpoint.password).toUtf8();
        networkRequest.setRawHeader(QByteArrayLiteral("Authorization"), "Basic " + credentials.toBase64());
    }
    networkRequest.setRawHeader(
        QByteArrayLiteral("Accept"), request.binary ? QByteArrayLiteral("*/*") : QByteArrayLiteral("application/json"));
    // A redirect could carry the credentials elsewhere: never follow one.
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (m_endpoint.requestTimeoutMs > 0)
        networkRequest.setTransferTimeout(m_endpoint.requestTimeoutMs);
#if QT_CONFIG(ssl)
    if (networkRequest.url().scheme() == "https"_L1)
        networkRequest.setSslConfiguration(m_tls.configuration());
#endif
    return networkRequest;
}

void AriRestClient::start(quint64 serial)
{
    const auto it = m_pending.find(serial);
    if (it == m_pending.end())
        return;
    Pending &pending = *it->second;
    const AriRequest &request = pending.request;
    pending.timeoutMs = m_endpoint.requestTimeoutMs;

    const QNetworkRequest networkRequest = this->networkRequest(request);
    if (!m_tls.isValid() && networkRequest.url().scheme() == "https"_L1) {
        // The server could not be checked: nothing, credentials included, is sent.
        const AriResult refused = AriResult::failure(AriResult::Status::NetworkError, 0, m_tls.error());
        QMetaObject::invokeMethod(
            this, [this, serial, refused] { complete(serial, refused); }, Qt::QueuedConnection);
        return;
    }
    const QByteArray verb = AriRequest::methodName(request.method).toLatin1();
    QNetworkReply *networkReply = nullptr;
    if (request.body.isEmpty()) {
        networkReply = m_network->sendCustomRequest(networkRequest, verb);
    } else {
        QNetworkRequest withBody = networkRequest;
        withBody.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        networkReply
            = m_network->sendCustomRequest(withBody, verb, QJsonDocument(request.body).toJson(QJsonDocument::Compact));
    }
    pending.network = networkReply;
    ++m_inFlight;
    qCDebug(lcAriRest) << "->" << request.describe();
    Q_EMIT requestSent(request);

#if QT_CONFIG(ssl)
    if (m_endpoint.verifyPeer) {
        connect(networkReply, &QNetworkReply::sslErrors, this, [this, serial](const QList<QSslError> &errors) {
            const auto it = m_pending.find(serial);
            if (it != m_pending.end())
                it->second->tlsErrors = AriTlsPolicy::describe(errors);
        });
    } else {
        connect(networkReply, &QNetworkReply::sslErrors, networkReply,
            [networkReply](const QList<QSslError> &) { networkReply->ignoreSslErrors(); });
    }
#endif
    connect(networkReply, &QNetworkReply::finished, this, [this, serial] { onNetworkFinished(serial); });
    // Qt reports even immediate failures (an unknown scheme, say) from the event loop; should one
    // ever be finished already, it is still reported, once (onNetworkFinished ignores a repeat).
    if (networkReply->isFinished())
        QMetaObject::invokeMethod(
            this, [this, serial] { onNetworkFinished(serial); }, Qt::QueuedConnection);
}

AriResult AriRestClient::mapResult(const Pending &pending, QNetworkReply *networkReply) const
{
    const QNetworkReply::NetworkError error = networkReply->error();
    const QVariant statusAttribute = networkReply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const int httpStatus = statusAttribute.isValid() ? statusAttribute.toInt() : 0;
    const QByteArray body = networkReply->readAll();

    // The transfer timeout aborts the reply (OperationCanceledError in Qt 6.4, TimeoutError in later
    // versions); this client never cancels a request otherwise.
    if (error == QNetworkReply::TimeoutError || error == QNetworkReply::OperationCanceledError)
        return AriResult::failure(
            AriResult::Status::Timeout, httpStatus, u"timeout after %1 ms"_s.arg(pending.timeoutMs));

#if QT_CONFIG(ssl)
    if (error == QNetworkReply::SslHandshakeFailedError && !pending.tlsErrors.isEmpty())
        return AriResult::failure(AriResult::Status::NetworkError, 0,
            u"TLS certificate of %1 refused: %2; %3"_s.arg(
                networkReply->url().host(), pending.tlsErrors, AriTlsPolicy::advice()));
#endif
    if (httpStatus == 0 || (isSuccess(httpStatus) && error != QNetworkReply::NoError))
        return AriResult::failure(AriResult::Status::NetworkError, httpStatus, networkReply->errorString(), body);

    if (!isSuccess(httpStatus)) {
        const QString reason = networkReply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        return AriResult::failure(AriResult::Status::HttpError, httpStatus, errorText(body, reason, httpStatus), body);
    }

    if (pending.request.binary || body.trimmed().isEmpty())
        return AriResult::success(httpStatus, body, QJsonValue());

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return AriResult::failure(AriResult::Status::MalformedBody, httpStatus,
            u"not JSON (%1 at offset %2)"_s.arg(parseError.errorString()).arg(parseError.offset), body);
    if (document.isArray())
        return AriResult::success(httpStatus, body, document.array());
    return AriResult::success(httpStatus, body, document.object());
}

void AriRestClient::onNetworkFinished(quint64 serial)
{
    const auto it = m_pending.find(serial);
    if (it == m_pending.end())
        return;
    QNetworkReply *networkReply = it->second->network;
    if (!networkReply)
        return;
    --m_inFlight;
    const AriResult result = mapResult(*it->second, networkReply);
    networkReply->deleteLater();
    complete(serial, result);
}

void AriRestClient::complete(quint64 serial, const AriResult &result)
{
    const auto it = m_pending.find(serial);
    if (it == m_pending.end())
        return;
    const std::unique_ptr<Pending> pending = std::move(it->second);
    m_pending.erase(it);

    if (result.isOk()) {
        qCDebug(lcAriRest) << "<-" << result.describe() << "for" << pending->request.describe();
    } else if (result.status() == AriResult::Status::HttpError) {
        // The caller decides whether an HTTP error matters (a 404 for a stop is expected) and logs it.
        qCDebug(lcAriRest).noquote() << pending->request.describe() << "failed:" << result.describe();
    } else {
        qCWarning(lcAriRest).noquote() << pending->request.describe() << "on" << m_endpoint.redactedUrl()
                             << "failed:" << result.describe();
    }

    // Handlers may send more requests, or even destroy this client.
    const QPointer<AriRestClient> self(this);
    if (pending->reply)
        pending->reply->finish(result);
    if (!self)
        return;
    if (!result.isOk())
        Q_EMIT requestFailed(pending->request, result);
    if (!self || pending->orderingKey.isEmpty())
        return;

    // The lane still holds this request while the handlers run, so a request sent from a handler
    // with the same key lines up behind those already waiting.
    const auto lane = m_lanes.find(pending->orderingKey);
    if (lane == m_lanes.end())
        return;
    if (!lane->isEmpty() && lane->head() == serial)
        lane->dequeue();
    if (lane->isEmpty()) {
        m_lanes.erase(lane);
        return;
    }
    start(lane->head());
}

#include "moc_AriRestClient.cpp"

#include "core/ari/AriHttpTransport.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSaveFile>
#if QT_CONFIG(ssl)
#include <QSslConfiguration>
#include <QSslSocket>
#endif

using namespace Qt::StringLiterals;

AriHttpTransport::AriHttpTransport(QObject *parent)
    : AriRestTransport(parent)
    , m_network(new QNetworkAccessManager(this))
{
}

AriHttpTransport::~AriHttpTransport()
{
    abandonAll();
}

QString AriHttpTransport::name() const
{
    return u"http"_s;
}

int AriHttpTransport::inFlightCount() const
{
    return static_cast<int>(m_inFlight.size());
}

void AriHttpTransport::abandonAll()
{
    for (auto &[serial, inFlight] : m_inFlight) {
        Q_UNUSED(serial)
        if (inFlight.reply) {
            disconnect(inFlight.reply, nullptr, this, nullptr);
            inFlight.reply->abort();
            inFlight.reply->deleteLater();
        }
    }
    m_inFlight.clear();
}

const AriTlsPolicy &AriHttpTransport::tlsPolicy(const AriEndpoint &endpoint)
{
    if (!m_tls || m_tlsCaFile != endpoint.caFile || m_tlsVerifyPeer != endpoint.verifyPeer) {
        m_tls.emplace(endpoint);
        m_tlsCaFile = endpoint.caFile;
        m_tlsVerifyPeer = endpoint.verifyPeer;
    }
    return *m_tls;
}

QNetworkRequest AriHttpTransport::networkRequest(const AriRequest &request, const AriEndpoint &endpoint,
                                                 const AriTlsPolicy &tls)
{
    const QUrl base = endpoint.restUrl();
    QString query = request.encodedQuery();
    if (endpoint.useApiKey) {
        if (!query.isEmpty())
            query += u'&';
        query += u"api_key="_s + QString::fromLatin1(QUrl::toPercentEncoding(endpoint.user + u':' + endpoint.password));
    }
    QString target = QString::fromLatin1(base.toEncoded()) + request.path;
    if (!query.isEmpty())
        target += u'?' + query;

    QNetworkRequest networkRequest(QUrl::fromEncoded(target.toUtf8(), QUrl::TolerantMode));
    if (!endpoint.useApiKey) {
        const QByteArray credentials = (endpoint.user + u':' + endpoint.password).toUtf8();
        networkRequest.setRawHeader(QByteArrayLiteral("Authorization"), "Basic " + credentials.toBase64());
    }
    networkRequest.setRawHeader(
        QByteArrayLiteral("Accept"), request.binary ? QByteArrayLiteral("*/*") : QByteArrayLiteral("application/json"));
    // A redirect could carry the credentials elsewhere: never follow one.
    networkRequest.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (endpoint.requestTimeoutMs > 0)
        networkRequest.setTransferTimeout(endpoint.requestTimeoutMs);
#if QT_CONFIG(ssl)
    if (networkRequest.url().scheme() == "https"_L1)
        networkRequest.setSslConfiguration(tls.configuration());
#else
    Q_UNUSED(tls);
#endif
    return networkRequest;
}

void AriHttpTransport::send(quint64 serial, const AriRequest &request, const AriEndpoint &endpoint)
{
    const AriTlsPolicy &tls = tlsPolicy(endpoint);
    const QNetworkRequest networkRequest = AriHttpTransport::networkRequest(request, endpoint, tls);
    if (!tls.isValid() && networkRequest.url().scheme() == "https"_L1) {
        // The server could not be checked: nothing, credentials included, is sent.
        const AriResult refused = AriResult::failure(AriResult::Status::NetworkError, 0, tls.error());
        QMetaObject::invokeMethod(
            this, [this, serial, refused] { Q_EMIT finished(serial, refused); }, Qt::QueuedConnection);
        return;
    }
    const QByteArray verb = AriRequest::methodName(request.method).toLatin1();
    QNetworkReply *reply = nullptr;
    if (request.body.isEmpty()) {
        reply = m_network->sendCustomRequest(networkRequest, verb);
    } else {
        QNetworkRequest withBody = networkRequest;
        withBody.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        reply
            = m_network->sendCustomRequest(withBody, verb, QJsonDocument(request.body).toJson(QJsonDocument::Compact));
    }
    InFlight &inFlight = m_inFlight[serial];
    inFlight.reply = reply;
    inFlight.binary = request.binary;
    inFlight.timeoutMs = endpoint.requestTimeoutMs;
    inFlight.maxBodyBytes = endpoint.maxBodyBytes;

#if QT_CONFIG(ssl)
    if (endpoint.verifyPeer) {
        connect(reply, &QNetworkReply::sslErrors, this, [this, serial](const QList<QSslError> &errors) {
            const auto found = m_inFlight.find(serial);
            if (found != m_inFlight.end())
                found->second.tlsErrors = AriTlsPolicy::describe(errors);
        });
    } else {
        connect(
            reply, &QNetworkReply::sslErrors, reply, [reply](const QList<QSslError> &) { reply->ignoreSslErrors(); });
    }
#endif
    if (inFlight.maxBodyBytes > 0) {
        // The announced length when there is one, else what has arrived so far: either way the
        // reply is cut before more than the limit is kept.
        connect(reply, &QNetworkReply::metaDataChanged, this, [this, serial, reply] {
            const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
            if (length.isValid())
                checkSize(serial, length.toLongLong());
        });
        connect(reply, &QNetworkReply::downloadProgress, this,
            [this, serial](qint64 received, qint64 total) { checkSize(serial, std::max(received, total)); });
    }
    if (!request.saveTo.isEmpty()) {
        inFlight.savePath = request.saveTo;
        // The reply keeps at most this much; the rest waits in the socket until it is written.
        reply->setReadBufferSize(s_saveBufferBytes);
        connect(reply, &QNetworkReply::readyRead, this, [this, serial] { saveArrived(serial); });
    }
    connect(reply, &QNetworkReply::finished, this, [this, serial] { onReplyFinished(serial); });
    // Qt reports even immediate failures (an unknown scheme, say) from the event loop; should one
    // ever be finished already, it is still reported, once (onReplyFinished ignores a repeat).
    if (reply->isFinished())
        QMetaObject::invokeMethod(
            this, [this, serial] { onReplyFinished(serial); }, Qt::QueuedConnection);
}

void AriHttpTransport::checkSize(quint64 serial, qint64 size)
{
    const auto it = m_inFlight.find(serial);
    if (it == m_inFlight.end() || it->second.oversized || size <= it->second.maxBodyBytes || !it->second.reply)
        return;
    it->second.oversized = true;
    it->second.reply->abort(); // finished() follows, from abort()
}

void AriHttpTransport::saveArrived(quint64 serial)
{
    const auto it = m_inFlight.find(serial);
    if (it == m_inFlight.end() || !it->second.reply || !it->second.fileError.isEmpty() || it->second.oversized)
        return;
    InFlight &inFlight = it->second;
    QNetworkReply *reply = inFlight.reply;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status < 200 || status >= 300) {
        reply->setReadBufferSize(0); // an error answer is read whole (it is small, and limited)
        return;
    }
    if (!inFlight.file) {
        inFlight.file = std::make_shared<QSaveFile>(inFlight.savePath);
        if (!inFlight.file->open(QIODevice::WriteOnly)) {
            inFlight.fileError = u"cannot write %1: %2"_s.arg(inFlight.savePath, inFlight.file->errorString());
            reply->abort();
            return;
        }
    }
    const QByteArray chunk = reply->readAll();
    if (inFlight.file->write(chunk) != chunk.size()) {
        inFlight.fileError = u"cannot write %1: %2"_s.arg(inFlight.savePath, inFlight.file->errorString());
        reply->abort();
    }
}

AriResult AriHttpTransport::finishSave(InFlight &inFlight, const AriResult &answer)
{
    const std::shared_ptr<QSaveFile> file = std::exchange(inFlight.file, nullptr);
    if (!inFlight.fileError.isEmpty())
        return AriResult::failure(AriResult::Status::NetworkError, answer.httpStatus(), inFlight.fileError);
    if (!answer.isOk())
        return answer; // the file (if opened) goes without a trace, and what was there stays
    QSaveFile empty(inFlight.savePath);
    QSaveFile &target = file ? *file : empty;
    if (!file && !target.open(QIODevice::WriteOnly))
        return AriResult::failure(AriResult::Status::NetworkError, answer.httpStatus(),
            u"cannot write %1: %2"_s.arg(inFlight.savePath, target.errorString()));
    if (!target.commit())
        return AriResult::failure(AriResult::Status::NetworkError, answer.httpStatus(),
            u"cannot write %1: %2"_s.arg(inFlight.savePath, target.errorString()));
    return answer;
}

AriResult AriHttpTransport::mapResult(const InFlight &inFlight, QNetworkReply *reply)
{
    const QNetworkReply::NetworkError error = reply->error();
    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const int httpStatus = statusAttribute.isValid() ? statusAttribute.toInt() : 0;

    if (inFlight.oversized)
        return AriResult::failure(AriResult::Status::NetworkError, httpStatus,
            u"answer body larger than the limit of %1 bytes, dropped"_s.arg(inFlight.maxBodyBytes));

    const QByteArray body = reply->readAll();
    // The transfer timeout aborts the reply (OperationCanceledError in Qt 6.4, TimeoutError in later
    // versions); this transport cancels a request otherwise only for its size, handled above.
    if (error == QNetworkReply::TimeoutError || error == QNetworkReply::OperationCanceledError)
        return AriResult::failure(
            AriResult::Status::Timeout, httpStatus, u"timeout after %1 ms"_s.arg(inFlight.timeoutMs));

#if QT_CONFIG(ssl)
    if (error == QNetworkReply::SslHandshakeFailedError && !inFlight.tlsErrors.isEmpty())
        return AriResult::failure(AriResult::Status::NetworkError, 0,
            u"TLS certificate of %1 refused: %2; %3"_s.arg(
                reply->url().host(), inFlight.tlsErrors, AriTlsPolicy::advice()));
#endif
    if (httpStatus == 0 || (httpStatus >= 200 && httpStatus < 300 && error != QNetworkReply::NoError))
        return AriResult::failure(AriResult::Status::NetworkError, httpStatus, reply->errorString(), body);

    const QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    return AriResult::fromAnswer(httpStatus, reason, body, inFlight.binary);
}

void AriHttpTransport::onReplyFinished(quint64 serial)
{
    const auto it = m_inFlight.find(serial);
    if (it == m_inFlight.end())
        return;
    QNetworkReply *reply = it->second.reply;
    if (!reply)
        return;
    if (!it->second.savePath.isEmpty())
        saveArrived(serial); // the last bytes
    AriResult result = mapResult(it->second, reply);
    if (!it->second.savePath.isEmpty())
        result = finishSave(it->second, result);
    m_inFlight.erase(it);
    reply->deleteLater();
    Q_EMIT finished(serial, result);
}

#include "moc_AriHttpTransport.cpp"

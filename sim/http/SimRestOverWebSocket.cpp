#include "sim/http/SimRestOverWebSocket.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QUrl>
#include <QWebSocket>

#include "sim/engine/SimEngine.h"
#include "sim/http/SimEventHub.h"
#include "sim/engine/SimFaultPlan.h"
#include "sim/engine/SimTimer.h"
#include "sim/http/SimHttpRequest.h"
#include "sim/http/SimHttpResponse.h"
#include "sim/engine/SimLogging.h"

using namespace Qt::StringLiterals;

namespace {

QByteArray encoded(const QString &text)
{
    return QUrl::toPercentEncoding(text);
}

// Asterisk hangs a channel up, and dials an originated one, on another thread: the answer goes
// first (DELETE channels/{id}; POST channels and channels/{id}).
bool effectsFollowTheAnswer(const QString &method, const QString &path)
{
    const QStringList segments = path.split(u'/');
    if (segments.value(0) != u"channels"_s)
        return false;
    if (method == u"DELETE"_s)
        return segments.size() == 2 && !segments.at(1).isEmpty();
    if (method == u"POST"_s)
        return segments.size() == 1 || (segments.size() == 2 && segments.at(1) != u"create"_s);
    return false;
}

} // namespace

SimRestOverWebSocket::SimRestOverWebSocket(SimEngine *engine, SimEventHub *hub, Dispatcher dispatch)
    : m_engine(engine)
    , m_hub(hub)
    , m_dispatch(std::move(dispatch))
{
}

QJsonObject SimRestOverWebSocket::answer(QWebSocket *socket, const QJsonObject &request, int status,
    const QByteArray &reason, const QByteArray &contentType, const QByteArray &body) const
{
    QString uri = request.value(u"uri"_s).toString();
    const qsizetype question = uri.indexOf(u'?');
    if (question >= 0)
        uri.truncate(question);
    QJsonObject response { { u"type"_s, u"RESTResponse"_s },
        { u"transaction_id"_s, request.value(u"transaction_id"_s).toString() },
        { u"request_id"_s, request.value(u"request_id"_s).toString() }, { u"status_code"_s, status },
        { u"reason_phrase"_s, QString::fromLatin1(reason) }, { u"uri"_s, uri },
        { u"application"_s, m_hub->applicationOf(socket) }, { u"timestamp"_s, m_engine->timestamp() },
        { u"asterisk_id"_s, m_engine->asteriskId() } };
    if (!body.isEmpty()) {
        response.insert(u"content_type"_s, QString::fromLatin1(contentType));
        response.insert(u"message_body"_s, QString::fromUtf8(body));
    }
    return response;
}

void SimRestOverWebSocket::handleFrame(QWebSocket *socket, const QString &frame)
{
    const auto send = [this, socket](const QJsonObject &response) {
        m_hub->sendFrame(socket, QJsonDocument(response).toJson(QJsonDocument::Compact));
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(frame.toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        qCInfo(lcSim) << "event socket: a frame that is not JSON answered with 400";
        send(answer(socket, {}, 400, QByteArrayLiteral("Failed to parse request message JSON"), {}, {}));
        return;
    }
    const QJsonObject request = document.object();
    if (request.value(u"type"_s).toString() != u"RESTRequest"_s) {
        qCInfo(lcSim) << "event socket: a frame of type" << request.value(u"type"_s).toString() << "ignored";
        return;
    }
    const QString method = request.value(u"method"_s).toString();
    static const QStringList s_methods { u"GET"_s, u"POST"_s, u"PUT"_s, u"DELETE"_s };
    if (!s_methods.contains(method)) {
        send(answer(socket, request, 400, QByteArrayLiteral("Bad request"), QByteArrayLiteral("application/json"),
            QByteArrayLiteral("{\"message\":\"Unknown or missing 'method' property.\"}")));
        return;
    }
    const QString uri = request.value(u"uri"_s).toString();
    if (uri.startsWith(u'/')) {
        const SimHttpResponse invalid = SimHttpResponse::error(405, u"Invalid method"_s);
        send(answer(socket, request, invalid.status(), invalid.reason(), invalid.contentType(), invalid.body()));
        return;
    }

    // The query: whatever the uri carries, then query_strings (Asterisk reads both).
    const qsizetype question = uri.indexOf(u'?');
    const QString path = question >= 0 ? uri.left(question) : uri;
    QByteArray query = question >= 0 ? uri.mid(question + 1).toUtf8() : QByteArray();
    const QJsonArray queryStrings = request.value(u"query_strings"_s).toArray();
    for (const QJsonValue &item : queryStrings) {
        const QJsonObject parameter = item.toObject();
        if (!query.isEmpty())
            query += '&';
        query += encoded(parameter.value(u"name"_s).toString()) + '=' + encoded(parameter.value(u"value"_s).toString());
    }
    const QByteArray body = request.value(u"message_body"_s).toString().toUtf8();
    const QByteArray contentType = request.value(u"content_type"_s).toString().toUtf8();
    const SimHttpRequest httpRequest
        = SimHttpRequest::make(method.toLatin1(), "/ari/" + path.toUtf8(), query, body, contentType);

    qCDebug(lcSim).noquote() << "event socket:" << method << uri << "at" << m_engine->nowMs() << "ms";
    if (m_faults) {
        const SimFaultPlan::RequestVerdict verdict = m_faults->takeRequestFault();
        switch (verdict.fault) {
        case SimFaultPlan::RequestFault::None:
            break;
        case SimFaultPlan::RequestFault::ServerError: {
            qCInfo(lcSim).noquote() << "fault: answering" << method << uri << "on the event socket with 500";
            const SimHttpResponse error = SimHttpResponse::error(500, u"Internal Server Error"_s);
            send(answer(socket, request, error.status(), error.reason(), error.contentType(), error.body()));
            return;
        }
        case SimFaultPlan::RequestFault::NoAnswer:
            qCInfo(lcSim).noquote() << "fault: leaving" << method << uri << "on the event socket unanswered";
            return;
        case SimFaultPlan::RequestFault::Delay: {
            qCInfo(lcSim).noquote() << "fault: serving" << method << uri << "on the event socket after"
                                    << verdict.delayMs << "simulated ms";
            const QPointer<QWebSocket> target(socket);
            SimTimer::singleShot(m_faults->clock(), verdict.delayMs, m_hub,
                [this, target, request, httpRequest, method, path] {
                    if (target)
                        serve(target, request, httpRequest, method, path);
                });
            return;
        }
        }
    }
    serve(socket, request, httpRequest, method, path);
}

void SimRestOverWebSocket::serve(QWebSocket *socket, const QJsonObject &request, const SimHttpRequest &httpRequest,
    const QString &method, const QString &path)
{
    const auto send = [this, socket](const QJsonObject &response) {
        m_hub->sendFrame(socket, QJsonDocument(response).toJson(QJsonDocument::Compact));
    };
    const bool answerFirst = effectsFollowTheAnswer(method, path);
    m_hub->holdFrames(socket);
    const SimHttpResponse response = m_dispatch(httpRequest);
    const QJsonObject frameOut
        = answer(socket, request, response.status(), response.reason(), response.contentType(), response.body());
    if (answerFirst) {
        // Sent ahead of the events held back meanwhile.
        socket->sendTextMessage(QString::fromUtf8(QJsonDocument(frameOut).toJson(QJsonDocument::Compact)));
        m_hub->releaseFrames();
    } else {
        m_hub->releaseFrames();
        send(frameOut);
    }
}

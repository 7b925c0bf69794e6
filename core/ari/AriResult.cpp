#include "core/ari/AriResult.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype s_maxErrorTextLength = 200;

// The text of a failed call: ARI's {"message": …} (or {"error": …}, as Asterisk sends for some
// 500s), else a short plain-text version of whatever the body is, else the reason phrase.
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

AriResult AriResult::success(int httpStatus, const QByteArray &body, const QJsonValue &json)
{
    AriResult result;
    result.m_status = Status::Ok;
    result.m_httpStatus = httpStatus;
    result.m_body = body;
    result.m_json = json;
    return result;
}

AriResult AriResult::failure(Status status, int httpStatus, const QString &message, const QByteArray &body)
{
    AriResult result;
    result.m_status = status;
    result.m_httpStatus = httpStatus;
    result.m_message = message;
    result.m_body = body;
    return result;
}

AriResult AriResult::fromAnswer(int httpStatus, const QString &reasonPhrase, const QByteArray &body, bool binary)
{
    if (httpStatus < 200 || httpStatus >= 300)
        return failure(Status::HttpError, httpStatus, errorText(body, reasonPhrase, httpStatus), body);
    if (binary || body.trimmed().isEmpty())
        return success(httpStatus, body, QJsonValue());
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return failure(Status::MalformedBody, httpStatus,
            u"not JSON (%1 at offset %2)"_s.arg(parseError.errorString()).arg(parseError.offset), body);
    if (document.isArray())
        return success(httpStatus, body, document.array());
    return success(httpStatus, body, document.object());
}

QString AriResult::statusName(Status status)
{
    switch (status) {
    case Status::Ok:
        return u"ok"_s;
    case Status::HttpError:
        return u"http-error"_s;
    case Status::NetworkError:
        return u"network-error"_s;
    case Status::Timeout:
        return u"timeout"_s;
    case Status::MalformedBody:
        return u"malformed-body"_s;
    }
    return u"unknown"_s;
}

QString AriResult::describe() const
{
    switch (m_status) {
    case Status::Ok:
        return u"%1 ok"_s.arg(m_httpStatus);
    case Status::HttpError:
        return m_message.isEmpty() ? QString::number(m_httpStatus) : u"%1 %2"_s.arg(m_httpStatus).arg(m_message);
    case Status::NetworkError:
        return u"network error: "_s + m_message;
    case Status::Timeout:
        return m_message.isEmpty() ? u"timeout"_s : m_message;
    case Status::MalformedBody:
        return u"malformed response (HTTP %1): %2"_s.arg(m_httpStatus).arg(m_message);
    }
    return m_message;
}

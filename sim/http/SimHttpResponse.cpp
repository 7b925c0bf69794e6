#include "sim/http/SimHttpResponse.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

using namespace Qt::StringLiterals;

SimHttpResponse SimHttpResponse::json(int status, const QJsonValue &value)
{
    SimHttpResponse response;
    response.m_status = status;
    response.m_contentType = QByteArrayLiteral("application/json");
    if (value.isArray())
        response.m_body = QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    else
        response.m_body = QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    return response;
}

SimHttpResponse SimHttpResponse::error(int status, const QString &message, const QByteArray &reason)
{
    SimHttpResponse response = json(status, QJsonObject{{u"message"_s, message}});
    response.m_reason = reason;
    return response;
}

SimHttpResponse SimHttpResponse::allocationFailed()
{
    return json(500, QJsonObject{{u"error"_s, u"Allocation failed"_s}});
}

SimHttpResponse SimHttpResponse::noContent()
{
    SimHttpResponse response;
    response.m_status = 204;
    return response;
}

SimHttpResponse SimHttpResponse::created(const QByteArray &location, const QJsonValue &value)
{
    SimHttpResponse response = json(201, value);
    response.addHeader(QByteArrayLiteral("Location"), location);
    return response;
}

SimHttpResponse SimHttpResponse::raw(int status, const QByteArray &contentType, const QByteArray &body)
{
    SimHttpResponse response;
    response.m_status = status;
    response.m_contentType = contentType;
    response.m_body = body;
    return response;
}

SimHttpResponse SimHttpResponse::html(int status, const QByteArray &title, const QString &text)
{
    const QByteArray body = QByteArrayLiteral("<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\r\n"
                                              "<html><head>\r\n<title>")
        + QByteArray::number(status) + ' ' + title
        + QByteArrayLiteral("</title>\r\n</head><body>\r\n<h1>") + title
        + QByteArrayLiteral("</h1>\r\n<p>") + text.toHtmlEscaped().toUtf8()
        + QByteArrayLiteral("</p>\r\n<hr />\r\n<address>Asterisk</address>\r\n</body></html>\r\n");
    SimHttpResponse response = raw(status, QByteArrayLiteral("text/html"), body);
    response.m_reason = title;
    return response;
}

QByteArray SimHttpResponse::reason() const
{
    return m_reason.isEmpty() ? standardReason(m_status) : m_reason;
}

void SimHttpResponse::addHeader(const QByteArray &name, const QByteArray &value)
{
    m_headers.append({name, value});
}

QByteArray SimHttpResponse::standardReason(int status)
{
    switch (status) {
    case 101: return QByteArrayLiteral("Switching Protocols");
    case 200: return QByteArrayLiteral("OK");
    case 201: return QByteArrayLiteral("Created");
    case 204: return QByteArrayLiteral("No Content");
    case 302: return QByteArrayLiteral("Found");
    case 400: return QByteArrayLiteral("Bad Request");
    case 401: return QByteArrayLiteral("Unauthorized");
    case 403: return QByteArrayLiteral("Forbidden");
    case 404: return QByteArrayLiteral("Not Found");
    case 405: return QByteArrayLiteral("Method Not Allowed");
    case 409: return QByteArrayLiteral("Conflict");
    case 412: return QByteArrayLiteral("Precondition Failed");
    case 413: return QByteArrayLiteral("Request Entity Too Large");
    case 414: return QByteArrayLiteral("Request-URI Too Long");
    case 422: return QByteArrayLiteral("Unprocessable Entity");
    case 500: return QByteArrayLiteral("Internal Server Error");
    case 501: return QByteArrayLiteral("Not Implemented");
    case 503: return QByteArrayLiteral("Service Unavailable");
    default: return QByteArrayLiteral("Unknown");
    }
}

QByteArray SimHttpResponse::serialize(bool headOnly, bool closeConnection) const
{
    const QByteArray date = QLocale::c()
                                .toString(QDateTime::currentDateTimeUtc(), u"ddd, dd MMM yyyy HH:mm:ss"_s)
                                .toLatin1()
        + QByteArrayLiteral(" GMT");
    QByteArray out;
    out.reserve(256 + m_body.size());
    out += QByteArrayLiteral("HTTP/1.1 ") + QByteArray::number(m_status) + ' ' + reason() + "\r\n";
    out += QByteArrayLiteral("Server: Asterisk\r\n");
    out += QByteArrayLiteral("Date: ") + date + "\r\n";
    if (closeConnection)
        out += QByteArrayLiteral("Connection: close\r\n");
    out += QByteArrayLiteral("Cache-Control: no-cache, no-store\r\n");
    if (!m_contentType.isEmpty())
        out += QByteArrayLiteral("Content-Type: ") + m_contentType + "\r\n";
    for (const auto &header : m_headers)
        out += header.first + QByteArrayLiteral(": ") + header.second + "\r\n";
    out += QByteArrayLiteral("Content-Length: ") + QByteArray::number(m_body.size()) + "\r\n\r\n";
    if (!headOnly)
        out += m_body;
    return out;
}

#include "core/ari/AriResult.h"

using namespace Qt::StringLiterals;

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

#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QString>

// One HTTP response of the simulator, written byte for byte the way Asterisk writes its
// responses: status line with Asterisk's own reason phrase when it uses one ("404 Variable Not
// Found"), "Server: Asterisk", "Cache-Control: no-cache, no-store", the content type and length.
class SimHttpResponse
{
public:
    SimHttpResponse() = default;

    // 200/201/... with a JSON document (object or array).
    static SimHttpResponse json(int status, const QJsonValue &value);
    // An ARI error: {"message": message}. `reason` overrides the reason phrase.
    static SimHttpResponse error(int status, const QString &message, const QByteArray &reason = {});
    // Asterisk's answer when it cannot allocate: 500 {"error":"Allocation failed"}.
    static SimHttpResponse allocationFailed();
    static SimHttpResponse noContent();
    // 201 with a Location header ("/ari/playbacks/pb-1").
    static SimHttpResponse created(const QByteArray &location, const QJsonValue &value);
    static SimHttpResponse raw(int status, const QByteArray &contentType, const QByteArray &body);
    // Asterisk's HTML error page (used for problems found before ARI gets the request).
    static SimHttpResponse html(int status, const QByteArray &title, const QString &text);

    int status() const { return m_status; }
    QByteArray reason() const;          // the phrase of the status line
    QByteArray contentType() const { return m_contentType; }
    QByteArray body() const { return m_body; }
    QList<QPair<QByteArray, QByteArray>> headers() const { return m_headers; }
    void addHeader(const QByteArray &name, const QByteArray &value);
    void setReason(const QByteArray &reason) { m_reason = reason; }

    // The standard phrase for a status code ("Not Found").
    static QByteArray standardReason(int status);
    // The complete response (status line, headers, body unless headOnly).
    QByteArray serialize(bool headOnly, bool closeConnection) const;

private:
    int m_status = 200;
    QByteArray m_reason;
    QByteArray m_contentType;
    QByteArray m_body;
    QList<QPair<QByteArray, QByteArray>> m_headers;
};

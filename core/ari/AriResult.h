#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

// The outcome of one REST call. Exactly one of: success (2xx), an HTTP error carrying the status
// and ARI's `message`, a network failure, a timeout, or a 2xx whose JSON body could not be read.
class AriResult
{
public:
    enum class Status {
        Ok,
        HttpError,     // httpStatus() is 4xx/5xx; message() is ARI's "message" (or "error") text
        NetworkError,  // refused, reset, DNS, TLS …
        Timeout,       // no answer within the endpoint's requestTimeoutMs
        MalformedBody, // 2xx, but the body is not the JSON it should be
    };

    AriResult() = default;
    // `body`: the JSON text of the answer (json() reads it), or empty.
    static AriResult success(int httpStatus, const QByteArray &body);
    static AriResult failure(Status status, int httpStatus, const QString &message, const QByteArray &body = {});
    static QString statusName(Status status); // "ok", "http-error", "network-error", "timeout", "malformed-body"
    // The result of an answer the server gave (over HTTP or on the event socket, the same way):
    // 2xx → Ok (the body checked to be JSON, read by json() when asked; an empty body, e.g. 204,
    // gives a null json(); a `binary` answer keeps the raw bytes), a 2xx that is not JSON →
    // MalformedBody, anything else → HttpError with ARI's "message" (or "error", or a short text of
    // a non-JSON body, or the reason phrase).
    static AriResult fromAnswer(int httpStatus, const QString &reasonPhrase, const QByteArray &body, bool binary);

    bool isOk() const { return m_status == Status::Ok; }
    Status status() const { return m_status; }
    int httpStatus() const { return m_httpStatus; }
    // The server answered with this 4xx/5xx status.
    bool isHttpError(int status) const { return m_status == Status::HttpError && m_httpStatus == status; }
    // The server said how things stand: a success, a 4xx, or a 2xx with a body we could not read.
    // Otherwise (no answer, a lost connection, a timeout, a 5xx) the request may or may not have
    // been carried out, and only asking again tells.
    bool isConclusive() const
    {
        return m_status == Status::Ok || m_status == Status::MalformedBody
            || (m_status == Status::HttpError && m_httpStatus < 500);
    }
    QString message() const { return m_message; }
    QByteArray body() const { return m_body; }
    // The body of a success as JSON (an object or an array), read on each call: most answers are
    // never read, so none is read before it is asked for. Null for an empty or binary body and for
    // every other status.
    QJsonValue json() const;

    // "404 Channel not found", "network error: Connection refused", "timeout after 10000 ms" …
    QString describe() const;

private:
    Status m_status = Status::NetworkError;
    int m_httpStatus = 0;
    QString m_message;
    QByteArray m_body;
    bool m_binary = false;
};

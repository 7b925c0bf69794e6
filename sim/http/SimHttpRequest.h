#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

class QHttpServerRequest;

// One HTTP request as the simulator's handlers see it: the method, the path split into decoded
// segments (so "voicemail%2F305" is one segment "voicemail/305" while a raw '/' separates
// segments), the parameters of the query string and of a JSON body (ARI takes parameters from
// both; the body wins), and the path parameters the router extracted.
//
// Parameter look-up follows Asterisk: a repeated key counts only with its last value; numbers are
// read like C's atoi ("abc" → 0, "12x" → 12); booleans like ast_true ("yes", "true", "y", "t",
// "1", "on").
class SimHttpRequest
{
public:
    SimHttpRequest() = default;
    // Builds a request from Qt's parsed request (body parsing errors are recorded, not thrown).
    static SimHttpRequest fromQt(const QHttpServerRequest &request);
    // For tests and internal use: method, encoded path ("/ari/sounds/digits%2F1") and encoded
    // query ("a=1&b=2").
    static SimHttpRequest make(const QByteArray &method, const QByteArray &encodedPath,
                               const QByteArray &encodedQuery = {}, const QByteArray &body = {},
                               const QByteArray &contentType = {});

    QByteArray method() const { return m_method; }
    QStringList segments() const { return m_segments; }
    QString path() const;                  // decoded, for logs
    QByteArray encodedPath() const { return m_encodedPath; }
    QByteArray header(const QByteArray &name) const;   // case-insensitive, empty when absent
    QList<QPair<QByteArray, QByteArray>> headers() const { return m_headers; }

    bool hasParam(const QString &name) const;
    // Last value of the parameter (empty when absent).
    QString param(const QString &name) const;
    // The last value split at ',' (ARI's allowMultiple parameters); empty items are dropped.
    QStringList listParam(const QString &name) const;
    int intParam(const QString &name, int defaultValue = 0) const;
    bool boolParam(const QString &name, bool defaultValue = false) const;
    static int parseInt(const QString &text);
    static bool parseBool(const QString &text);

    QByteArray body() const { return m_body; }
    bool hasJsonBody() const { return m_hasJsonBody; }
    bool bodyParseFailed() const { return m_bodyParseFailed; }
    QJsonObject jsonBody() const { return m_jsonBody; }

    QString pathParam(const QString &name) const { return m_pathParams.value(name); }
    void setPathParams(const QHash<QString, QString> &params) { m_pathParams = params; }

    // Percent-decodes one path segment or query component ('+' is a space only in queries).
    static QString decodeComponent(const QByteArray &encoded, bool plusIsSpace);

private:
    void parseQuery(const QByteArray &encodedQuery);
    void parseBody(const QByteArray &contentType);
    void splitPath();

    QByteArray m_method;
    QByteArray m_encodedPath;
    QStringList m_segments;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QList<QPair<QString, QString>> m_params;
    QHash<QString, QString> m_pathParams;
    QByteArray m_body;
    QJsonObject m_jsonBody;
    bool m_hasJsonBody = false;
    bool m_bodyParseFailed = false;
};

#pragma once

#include <QByteArray>
#include <QString>

class SimHttpRequest;
class SimHttpResponse;

// ARI's credential check: HTTP basic authentication, or an `api_key=user:password` query
// parameter (which Asterisk looks at first when present). Used for REST, the control API and the
// WebSocket handshake alike.
class SimAuth
{
public:
    SimAuth(const QString &user, const QString &password);

    bool isAuthorized(const SimHttpRequest &request) const;
    // The Authorization header value / api_key value forms, for direct checks.
    bool checkBasic(const QByteArray &authorizationHeader) const;
    bool checkApiKey(const QString &apiKey) const;

    // 401 {"message":"Authentication required"} with WWW-Authenticate, as Asterisk sends it.
    static SimHttpResponse unauthorized();

private:
    bool matches(const QString &user, const QString &password) const;

    QString m_user;
    QString m_password;
};

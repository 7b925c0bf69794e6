#include "sim/http/SimAuth.h"

#include "sim/http/SimHttpRequest.h"
#include "sim/http/SimHttpResponse.h"

using namespace Qt::StringLiterals;

namespace {

// Compares without stopping at the first difference, so timing does not reveal the prefix.
bool equalInConstantTime(const QByteArray &a, const QByteArray &b)
{
    unsigned difference = static_cast<unsigned>(a.size() ^ b.size());
    const qsizetype n = qMin(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i)
        difference |= static_cast<unsigned>(static_cast<unsigned char>(a.at(i)) ^ static_cast<unsigned char>(b.at(i)));
    return difference == 0;
}

} // namespace

SimAuth::SimAuth(const QString &user, const QString &password)
    : m_user(user)
    , m_password(password)
{
}

bool SimAuth::matches(const QString &user, const QString &password) const
{
    const bool userOk = equalInConstantTime(user.toUtf8(), m_user.toUtf8());
    const bool passwordOk = equalInConstantTime(password.toUtf8(), m_password.toUtf8());
    return userOk && passwordOk;
}

bool SimAuth::checkApiKey(const QString &apiKey) const
{
    const qsizetype colon = apiKey.indexOf(u':');
    if (colon < 0)
        return false;
    return matches(apiKey.left(colon), apiKey.mid(colon + 1));
}

bool SimAuth::checkBasic(const QByteArray &authorizationHeader) const
{
    const QByteArray value = authorizationHeader.trimmed();
    if (!value.startsWith("Basic "))
        return false;
    // Asterisk decodes at most 255 bytes of credentials; longer values cannot match anyway.
    const QByteArray encoded = value.mid(6).trimmed().left(1024);
    const auto decoded = QByteArray::fromBase64Encoding(encoded);
    if (!decoded)
        return false;
    const QString text = QString::fromUtf8(*decoded);
    const qsizetype colon = text.indexOf(u':');
    if (colon < 0)
        return false;
    return matches(text.left(colon), text.mid(colon + 1));
}

bool SimAuth::isAuthorized(const SimHttpRequest &request) const
{
    if (request.hasParam(u"api_key"_s))
        return checkApiKey(request.param(u"api_key"_s));
    const QByteArray header = request.header(QByteArrayLiteral("Authorization"));
    return !header.isEmpty() && checkBasic(header);
}

SimHttpResponse SimAuth::unauthorized()
{
    SimHttpResponse response = SimHttpResponse::error(401, u"Authentication required"_s);
    response.addHeader(QByteArrayLiteral("WWW-Authenticate"),
                       QByteArrayLiteral("Basic realm=\"Asterisk REST Interface\""));
    return response;
}

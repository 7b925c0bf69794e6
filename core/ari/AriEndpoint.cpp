#include "core/ari/AriEndpoint.h"

using namespace Qt::StringLiterals;

namespace {

QString encoded(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

} // namespace

QUrl AriEndpoint::eventsUrl() const
{
    QUrl url
        = baseUrl.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash);
    const QString scheme = url.scheme().toLower();
    if (scheme == u"https" || scheme == u"wss")
        url.setScheme(u"wss"_s);
    else
        url.setScheme(u"ws"_s);
    url.setPath(url.path(QUrl::FullyEncoded) + u"/events"_s, QUrl::TolerantMode);

    // Built by hand so that every name and the key are fully percent-encoded while the commas
    // that separate the application names stay literal.
    QStringList names;
    names.reserve(applications.size());
    for (const QString &application : applications)
        names.append(encoded(application));
    QString query = u"app="_s + names.join(u',');
    if (subscribeAll)
        query += u"&subscribeAll=true"_s;
    if (useApiKey)
        query += u"&api_key="_s + encoded(user + u':' + password);
    url.setQuery(query, QUrl::TolerantMode);
    return url;
}

QString AriEndpoint::redactedUrl() const
{
    return baseUrl.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment).toString();
}

QString AriEndpoint::restTransportName(RestTransport transport)
{
    switch (transport) {
    case RestTransport::Auto:
        return u"auto"_s;
    case RestTransport::WebSocket:
        return u"websocket"_s;
    case RestTransport::Http:
        return u"http"_s;
    }
    return u"auto"_s;
}

bool AriEndpoint::parseRestTransport(const QString &name, RestTransport *transport)
{
    for (const RestTransport candidate : { RestTransport::Auto, RestTransport::WebSocket, RestTransport::Http }) {
        if (name.compare(restTransportName(candidate), Qt::CaseInsensitive) == 0) {
            *transport = candidate;
            return true;
        }
    }
    return false;
}

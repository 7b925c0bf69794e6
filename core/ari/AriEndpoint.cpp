#include "core/ari/AriEndpoint.h"

using namespace Qt::StringLiterals;

namespace {

QString encoded(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

} // namespace

QUrl AriEndpoint::restUrl() const
{
    QUrl url
        = baseUrl.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::StripTrailingSlash);
    const QString path = url.path(QUrl::FullyEncoded);
    if (path.isEmpty() || path == u"/"_s)
        url.setPath(u"/ari"_s);
    return url;
}

QUrl AriEndpoint::eventsUrl() const
{
    QUrl url = restUrl();
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

QString AriEndpoint::notFoundAdvice() const
{
    const QUrl rest = restUrl();
    const QString server = rest.adjusted(QUrl::RemovePath).toString();
    const QString path = rest.path();
    if (path == u"/ari"_s) {
        return u"there is no ARI at %1: check that ARI is enabled (ari.conf enabled=yes, http.conf "
               "enabled=yes) and, if http.conf sets a prefix, put it in the URL (%2/<prefix>/ari)"_s.arg(
                   rest.toString(), server);
    }
    if (path.endsWith(u"/ari"_s)) {
        return u"there is no ARI at %1: try %2 or %2/ari (Asterisk serves ARI under /ari, after the "
               "http.conf prefix if one is set)"_s.arg(rest.toString(), server);
    }
    return u"there is no ARI at %1: try %1/ari or %2 (Asterisk serves ARI under /ari, after the http.conf "
           "prefix if one is set)"_s.arg(rest.toString(), server);
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

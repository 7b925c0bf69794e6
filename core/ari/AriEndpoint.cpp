#include "core/ari/AriEndpoint.h"

#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {

QString percentEncoded(const QString &text, const QByteArray &keep = {})
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text, keep));
}

} // namespace

QUrl AriEndpoint::eventsUrl() const
{
    QUrl url = baseUrl;
    const QString scheme = url.scheme().toLower();
    if (scheme == "https"_L1 || scheme == "wss"_L1)
        url.setScheme(u"wss"_s);
    else
        url.setScheme(u"ws"_s);
    url.setUserInfo(QString());
    url.setFragment(QString());

    QString path = url.path();
    while (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + "/events"_L1);

    // Values are percent-encoded here, so a password with '&', '+' or '%' survives; commas
    // between application names stay literal, as ARI splits on them.
    QStringList encodedApps;
    encodedApps.reserve(applications.size());
    for (const QString &app : applications)
        encodedApps.append(percentEncoded(app));
    QString query = "app="_L1 + encodedApps.join(u',');
    if (subscribeAll)
        query += "&subscribeAll=true"_L1;
    if (useApiKey)
        query += "&api_key="_L1 + percentEncoded(user + u':' + password);
    url.setQuery(query, QUrl::StrictMode);
    return url;
}

QString AriEndpoint::redactedUrl() const
{
    QUrl url = baseUrl;
    url.setUserInfo(QString());
    QUrlQuery query(url);
    if (query.hasQueryItem(u"api_key"_s)) {
        query.removeAllQueryItems(u"api_key"_s);
        url.setQuery(query);
    }
    return url.toString();
}

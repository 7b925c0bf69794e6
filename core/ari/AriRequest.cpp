#include "core/ari/AriRequest.h"

#include <QUrl>

using namespace Qt::StringLiterals;

QString AriRequest::methodName(Method method)
{
    switch (method) {
    case Method::Get:
        return u"GET"_s;
    case Method::Post:
        return u"POST"_s;
    case Method::Put:
        return u"PUT"_s;
    case Method::Delete:
        return u"DELETE"_s;
    }
    return u"GET"_s;
}

QString AriRequest::encodedQuery() const
{
    QString encoded;
    const auto items = query.queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items) {
        if (!encoded.isEmpty())
            encoded += u'&';
        encoded += QString::fromLatin1(QUrl::toPercentEncoding(key)) + u'='
            + QString::fromLatin1(QUrl::toPercentEncoding(value));
    }
    return encoded;
}

QString AriRequest::target() const
{
    const QString encoded = encodedQuery();
    if (encoded.isEmpty())
        return path;
    return path + u'?' + encoded;
}

QString AriRequest::describe() const
{
    return methodName(method) + u' ' + target();
}

#include "sim/http/SimHttpRequest.h"

#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QUrl>

#include <limits>

using namespace Qt::StringLiterals;

namespace {

// Asterisk's MAX_HTTP_LINE_LENGTH.
constexpr qsizetype s_maxRequestLine = 4096;

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get: return QByteArrayLiteral("GET");
    case QHttpServerRequest::Method::Put: return QByteArrayLiteral("PUT");
    case QHttpServerRequest::Method::Delete: return QByteArrayLiteral("DELETE");
    case QHttpServerRequest::Method::Post: return QByteArrayLiteral("POST");
    case QHttpServerRequest::Method::Head: return QByteArrayLiteral("HEAD");
    case QHttpServerRequest::Method::Options: return QByteArrayLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch: return QByteArrayLiteral("PATCH");
    case QHttpServerRequest::Method::Connect: return QByteArrayLiteral("CONNECT");
    case QHttpServerRequest::Method::Trace: return QByteArrayLiteral("TRACE");
    default: return QByteArrayLiteral("UNKNOWN");
    }
}

QString jsonScalarText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String: return value.toString();
    case QJsonValue::Bool: return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double: {
        const double number = value.toDouble();
        if (number == static_cast<double>(static_cast<qint64>(number)))
            return QString::number(static_cast<qint64>(number));
        return QString::number(number);
    }
    default: return {};
    }
}

} // namespace

SimHttpRequest SimHttpRequest::fromQt(const QHttpServerRequest &request)
{
    SimHttpRequest result;
    result.m_method = methodName(request.method());
    const QUrl url = request.url();
    QByteArray path = url.path(QUrl::FullyEncoded).toLatin1();
    QByteArray query = url.query(QUrl::FullyEncoded).toLatin1();
    // Asterisk reads the request line into a 4096-byte buffer: whatever does not fit is not part
    // of the URI it acts on. Cut the target the same way ("GET " + target must fit in 4095).
    const qsizetype room = s_maxRequestLine - 1 - result.m_method.size() - 1;
    if (path.size() > room) {
        path.truncate(room);
        query.clear();
    } else if (path.size() + 1 + query.size() > room) {
        query.truncate(room - path.size() - 1);
    }
    result.m_encodedPath = path;
    result.m_headers = request.headers();
    result.m_body = request.body();
    result.splitPath();
    result.parseQuery(query);
    result.parseBody(request.value(QByteArrayLiteral("content-type")));
    return result;
}

SimHttpRequest SimHttpRequest::make(const QByteArray &method, const QByteArray &encodedPath,
                                    const QByteArray &encodedQuery, const QByteArray &body,
                                    const QByteArray &contentType)
{
    SimHttpRequest result;
    result.m_method = method;
    result.m_encodedPath = encodedPath;
    result.m_body = body;
    if (!contentType.isEmpty())
        result.m_headers.append({QByteArrayLiteral("Content-Type"), contentType});
    result.splitPath();
    result.parseQuery(encodedQuery);
    result.parseBody(contentType);
    return result;
}

QString SimHttpRequest::decodeComponent(const QByteArray &encoded, bool plusIsSpace)
{
    if (!plusIsSpace)
        return QUrl::fromPercentEncoding(encoded);
    QByteArray copy = encoded;
    copy.replace('+', ' ');
    return QUrl::fromPercentEncoding(copy);
}

void SimHttpRequest::splitPath()
{
    // Split the still-encoded path at raw '/' only, then decode each segment: %2F stays inside
    // its segment, exactly the distinction Asterisk makes.
    const QList<QByteArray> parts = m_encodedPath.split('/');
    for (const QByteArray &part : parts) {
        if (part.isEmpty())
            continue;
        m_segments.append(decodeComponent(part, false));
    }
}

void SimHttpRequest::parseQuery(const QByteArray &encodedQuery)
{
    if (encodedQuery.isEmpty())
        return;
    const QList<QByteArray> pairs = encodedQuery.split('&');
    for (const QByteArray &pair : pairs) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf('=');
        const QByteArray key = eq < 0 ? pair : pair.left(eq);
        const QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        m_params.append({decodeComponent(key, true), decodeComponent(value, true)});
    }
}

void SimHttpRequest::parseBody(const QByteArray &contentType)
{
    if (m_body.trimmed().isEmpty())
        return;
    const bool declaredJson = contentType.toLower().contains("json");
    if (!declaredJson && !contentType.isEmpty())
        return; // Asterisk only reads application/json bodies
    if (!declaredJson) {
        // No content type: read it when it looks like JSON, ignore it otherwise.
        const QByteArray start = m_body.trimmed().left(1);
        if (start != "{" && start != "[")
            return;
    }
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(m_body, &error);
    if (error.error != QJsonParseError::NoError) {
        m_bodyParseFailed = true;
        return;
    }
    m_hasJsonBody = true;
    if (!document.isObject())
        return;
    m_jsonBody = document.object();
    for (auto it = m_jsonBody.constBegin(); it != m_jsonBody.constEnd(); ++it) {
        const QJsonValue value = it.value();
        if (value.isArray()) {
            QStringList items;
            const QJsonArray array = value.toArray();
            for (const QJsonValue &item : array)
                items.append(jsonScalarText(item));
            m_params.append({it.key(), items.join(u',')});
        } else if (!value.isObject() && !value.isNull() && !value.isUndefined()) {
            m_params.append({it.key(), jsonScalarText(value)});
        }
    }
}

QString SimHttpRequest::path() const
{
    return u"/"_s + m_segments.join(u'/');
}

QByteArray SimHttpRequest::header(const QByteArray &name) const
{
    for (const auto &header : m_headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

bool SimHttpRequest::hasParam(const QString &name) const
{
    for (const auto &param : m_params) {
        if (param.first == name)
            return true;
    }
    return false;
}

QString SimHttpRequest::param(const QString &name) const
{
    for (auto it = m_params.crbegin(); it != m_params.crend(); ++it) {
        if (it->first == name)
            return it->second;
    }
    return {};
}

QStringList SimHttpRequest::listParam(const QString &name) const
{
    QStringList result;
    const QStringList parts = param(name).split(u',');
    for (const QString &part : parts) {
        if (!part.isEmpty())
            result.append(part);
    }
    return result;
}

int SimHttpRequest::parseInt(const QString &text)
{
    // atoi: optional blanks, optional sign, digits; stops at the first other character.
    qsizetype i = 0;
    while (i < text.size() && (text.at(i) == u' ' || text.at(i) == u'\t'))
        ++i;
    bool negative = false;
    if (i < text.size() && (text.at(i) == u'-' || text.at(i) == u'+')) {
        negative = text.at(i) == u'-';
        ++i;
    }
    qint64 value = 0;
    while (i < text.size() && text.at(i).isDigit() && text.at(i).unicode() < 128) {
        value = value * 10 + (text.at(i).unicode() - u'0');
        if (value > std::numeric_limits<int>::max())
            value = std::numeric_limits<int>::max();
        ++i;
    }
    return static_cast<int>(negative ? -value : value);
}

bool SimHttpRequest::parseBool(const QString &text)
{
    const QString lower = text.trimmed().toLower();
    return lower == u"yes"_s || lower == u"true"_s || lower == u"y"_s || lower == u"t"_s
        || lower == u"1"_s || lower == u"on"_s;
}

int SimHttpRequest::intParam(const QString &name, int defaultValue) const
{
    if (!hasParam(name))
        return defaultValue;
    return parseInt(param(name));
}

bool SimHttpRequest::boolParam(const QString &name, bool defaultValue) const
{
    if (!hasParam(name))
        return defaultValue;
    return parseBool(param(name));
}

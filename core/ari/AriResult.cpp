#include "core/ari/AriResult.h"

#include "core/ari/QtJsonRules.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <cstring>

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype s_maxErrorTextLength = 200;

// The text of a failed call: ARI's {"message": …} (or {"error": …}, as Asterisk sends for some
// 500s), else a short plain-text version of whatever the body is, else the reason phrase.
QString errorText(const QByteArray &body, const QString &reasonPhrase, int httpStatus)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error == QJsonParseError::NoError && document.isObject()) {
        const QJsonObject object = document.object();
        for (const QLatin1StringView key : { "message"_L1, "error"_L1 }) {
            const QString text = object.value(key).toString();
            if (!text.isEmpty())
                return text;
        }
    }
    QString text = QString::fromUtf8(body);
    static const QRegularExpression s_markup(u"<[^>]*>"_s);
    if (text.trimmed().startsWith(u'<'))
        text.replace(s_markup, u" "_s);
    text = text.simplified();
    if (text.size() > s_maxErrorTextLength)
        text = text.left(s_maxErrorTextLength) + u"…"_s;
    if (!text.isEmpty())
        return text;
    if (!reasonPhrase.isEmpty())
        return reasonPhrase;
    return u"HTTP %1"_s.arg(httpStatus);
}

// Accepts what RapidJSON reads as one object or array, nested no deeper than Qt reads, its numbers
// within a double's range: with valid UTF-8, text that Qt's parser reads too, checked without
// building anything. Whatever it refuses, Qt's parser decides on.
class JsonShapeCheck : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, JsonShapeCheck>
{
public:
    bool Default() { return m_depth > 0; } // a scalar only inside an object or array
    bool RawNumber(const char *text, rapidjson::SizeType length, bool)
    {
        return m_depth > 0 && QtJsonRules::readNumber(text, length).has_value();
    }
    bool String(const char *, rapidjson::SizeType, bool) { return m_depth > 0; }
    bool StartObject() { return ++m_depth <= QtJsonRules::maxNesting; }
    bool EndObject(rapidjson::SizeType)
    {
        --m_depth;
        return true;
    }
    bool StartArray() { return ++m_depth <= QtJsonRules::maxNesting; }
    bool EndArray(rapidjson::SizeType)
    {
        --m_depth;
        return true;
    }

private:
    int m_depth = 0;
};

// Whether `body` is the JSON of an object or an array, as Qt's parser reads JSON; if not, `error`
// says why.
bool isJsonDocument(const QByteArray &body, QJsonParseError *error)
{
    // RapidJSON stops at a NUL byte, Qt's parser reads on; Qt's refuses a string that is not
    // UTF-8 (outside strings only ASCII is JSON at all): such a text is left to Qt.
    if (!std::memchr(body.constData(), 0, size_t(body.size())) && QByteArrayView(body).isValidUtf8()) {
        rapidjson::MemoryStream input(body.constData(), size_t(body.size()));
        rapidjson::Reader reader;
        JsonShapeCheck check; // (its nesting limit bounds the parser's recursion)
        if (!reader.Parse<rapidjson::kParseNumbersAsStringsFlag>(input, check).IsError())
            return true;
    }
    QJsonDocument::fromJson(body, error);
    return error->error == QJsonParseError::NoError;
}

} // namespace

AriResult AriResult::success(int httpStatus, const QByteArray &body)
{
    AriResult result;
    result.m_status = Status::Ok;
    result.m_httpStatus = httpStatus;
    result.m_body = body;
    return result;
}

AriResult AriResult::failure(Status status, int httpStatus, const QString &message, const QByteArray &body)
{
    AriResult result;
    result.m_status = status;
    result.m_httpStatus = httpStatus;
    result.m_message = message;
    result.m_body = body;
    return result;
}

AriResult AriResult::fromAnswer(int httpStatus, const QString &reasonPhrase, const QByteArray &body, bool binary)
{
    if (httpStatus < 200 || httpStatus >= 300)
        return failure(Status::HttpError, httpStatus, errorText(body, reasonPhrase, httpStatus), body);
    if (binary) {
        AriResult result = success(httpStatus, body);
        result.m_binary = true;
        return result;
    }
    QJsonParseError parseError;
    if (QByteArrayView(body).trimmed().isEmpty() || isJsonDocument(body, &parseError))
        return success(httpStatus, body);
    return failure(Status::MalformedBody, httpStatus,
        u"not JSON (%1 at offset %2)"_s.arg(parseError.errorString()).arg(parseError.offset), body);
}

QJsonValue AriResult::json() const
{
    if (m_status != Status::Ok || m_binary || m_body.isEmpty())
        return QJsonValue();
    const QJsonDocument document = QJsonDocument::fromJson(m_body);
    if (document.isArray())
        return document.array();
    if (document.isObject())
        return document.object();
    return QJsonValue();
}

QString AriResult::statusName(Status status)
{
    switch (status) {
    case Status::Ok:
        return u"ok"_s;
    case Status::HttpError:
        return u"http-error"_s;
    case Status::NetworkError:
        return u"network-error"_s;
    case Status::Timeout:
        return u"timeout"_s;
    case Status::MalformedBody:
        return u"malformed-body"_s;
    }
    return u"unknown"_s;
}

QString AriResult::describe() const
{
    switch (m_status) {
    case Status::Ok:
        return u"%1 ok"_s.arg(m_httpStatus);
    case Status::HttpError:
        return m_message.isEmpty() ? QString::number(m_httpStatus) : u"%1 %2"_s.arg(m_httpStatus).arg(m_message);
    case Status::NetworkError:
        return u"network error: "_s + m_message;
    case Status::Timeout:
        return m_message.isEmpty() ? u"timeout"_s : m_message;
    case Status::MalformedBody:
        return u"malformed response (HTTP %1): %2"_s.arg(m_httpStatus).arg(m_message);
    }
    return m_message;
}

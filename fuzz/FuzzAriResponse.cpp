// libFuzzer target: the body of an ARI REST response. It is decoded as the REST client decodes a
// 2xx body (JSON object or array, else a malformed body), and the decision must be Qt's parser's:
// a body taken as JSON is one Qt reads as an object or array, a body Qt reads is taken. The body is
// read into every ARI model the product builds from REST results; the same bytes are also read as
// the body of an error answer.
#include "core/ari/AriResult.h"
#include "core/ari/model/Application.h"
#include "core/ari/model/AsteriskInfo.h"
#include "core/ari/model/Bridge.h"
#include "core/ari/model/Channel.h"
#include "core/ari/model/LiveRecording.h"
#include "core/ari/model/Playback.h"
#include "core/ari/model/Sound.h"
#include "core/ari/model/StoredRecording.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstddef>
#include <cstdint>

namespace {

void readObject(const QJsonObject &object)
{
    (void)Application::fromJson(object);
    (void)AsteriskInfo::fromJson(object);
    (void)Bridge::fromJson(object).isValid();
    (void)Channel::fromJson(object).isValid();
    (void)LiveRecording::fromJson(object).isValid();
    (void)Playback::fromJson(object).isValid();
    const Sound sound = Sound::fromJson(object);
    (void)sound.playableLanguageFor(QStringLiteral("en_US"));
    (void)sound.playableLanguageFor(QString());
    (void)StoredRecording::fromJson(object);
}

void readArray(const QJsonArray &array)
{
    (void)Application::listFromJson(array);
    (void)Sound::listFromJson(array);
    (void)StoredRecording::listFromJson(array);
    for (const QJsonValue &value : array)
        readObject(value.toObject());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    const bool qtReads = parseError.error == QJsonParseError::NoError;
    const AriResult result = AriResult::fromAnswer(200, QStringLiteral("OK"), body, false);
    const bool blank = QByteArrayView(body).trimmed().isEmpty();
    if (result.isOk() != (qtReads || blank))
        __builtin_trap();
    const QJsonValue json = result.json();
    const QJsonValue expected = document.isArray() ? QJsonValue(document.array())
        : document.isObject()                      ? QJsonValue(document.object())
                                                   : QJsonValue();
    if (json != expected)
        __builtin_trap();
    if (json.isArray())
        readArray(json.toArray());
    else
        readObject(json.toObject());
    if (result.describe().isEmpty())
        __builtin_trap();

    const AriResult error = AriResult::failure(AriResult::Status::HttpError, 404, QString::fromUtf8(body), body);
    if (error.isOk() || error.describe().isEmpty())
        __builtin_trap();
    return 0;
}

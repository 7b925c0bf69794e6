#include "RestReply.h"

using namespace Qt::StringLiterals;

QString RestReply::message() const
{
    return json.object().value("message"_L1).toString();
}

QByteArray RestReply::header(const QByteArray &name) const
{
    const QByteArray wanted = name.toLower();
    for (const auto &[key, value] : headers) {
        if (key == wanted)
            return value;
    }
    return {};
}

QByteArray RestReply::describe() const
{
    QByteArray text = QByteArray::number(status);
    if (timedOut)
        text += " (timed out)";
    if (!networkError.isEmpty())
        text += " [" + networkError.toUtf8() + ']';
    text += ' ';
    text += body.left(400);
    return text;
}

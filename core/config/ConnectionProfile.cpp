#include "core/config/ConnectionProfile.h"

#include <QRegularExpression>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace {

// Empty when `text` is a URL with one of `schemes`, a host and no credentials.
QString urlProblem(const QString &text, const QStringList &schemes, const QString &example)
{
    if (text.trimmed().isEmpty())
        return QObject::tr("Enter a URL such as %1.").arg(example);
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() || !schemes.contains(url.scheme()))
        return QObject::tr("Not a URL this can use: enter one such as %1.").arg(example);
    if (!url.userInfo().isEmpty())
        return QObject::tr("Put no user or password in the URL: use the fields below.");
    return {};
}

QString nameProblem(const QString &text, const QString &what)
{
    static const QRegularExpression s_valid(u"^[A-Za-z0-9._-]{1,64}$"_s);
    if (text.isEmpty())
        return QObject::tr("Enter the %1.").arg(what);
    if (!s_valid.match(text).hasMatch())
        return QObject::tr("Use letters, digits, '.', '_' or '-' only (at most 64).");
    return {};
}

} // namespace

QHash<ConnectionProfile::Field, QString> ConnectionProfile::validate() const
{
    QHash<Field, QString> problems;
    const auto note = [&problems](Field field, const QString &problem) {
        if (!problem.isEmpty())
            problems.insert(field, problem);
    };
    static const QRegularExpression s_profileName(u"^[A-Za-z0-9 ._-]{1,64}$"_s);
    if (name.trimmed().isEmpty())
        note(Field::Name, QObject::tr("Give the profile a name."));
    else if (!s_profileName.match(name).hasMatch() || name.trimmed() != name)
        note(Field::Name, QObject::tr("Use letters, digits, spaces, '.', '_' or '-' only (at most 64)."));
    if (user.isEmpty())
        note(Field::User, QObject::tr("Enter the user name."));
    else if (user.contains(u':') || user.trimmed() != user)
        note(Field::User, QObject::tr("A user name has no ':' and no surrounding spaces."));
    if (kind == Kind::Ari) {
        note(Field::AriUrl, urlProblem(ariUrl, { u"http"_s, u"https"_s }, u"http://pbx.example:8088/ari"_s));
        note(Field::VmRecordApp, nameProblem(vmRecordApp, QObject::tr("application name")));
        note(Field::VmPlaybackApp, nameProblem(vmPlaybackApp, QObject::tr("application name")));
        note(Field::QueueApp, nameProblem(queueApp, QObject::tr("application name")));
    } else {
        note(Field::ServiceUrl, urlProblem(serviceUrl, { u"ws"_s, u"wss"_s }, u"wss://supervisor.example:8089"_s));
    }
    return problems;
}

#include "core/models/PartyNames.h"

#include <utility>

using namespace Qt::StringLiterals;

PartyNames::PartyNames(QHash<QString, QString> namesByNumber)
    : m_names(std::move(namesByNumber))
{
}

QString PartyNames::endpointResource(const QString &channelName)
{
    const qsizetype slash = channelName.indexOf(u'/');
    if (slash < 0)
        return {};
    QString resource = channelName.mid(slash + 1);
    // The channel's unique suffix: "-0000002a" for PJSIP/SIP, "@context-…;n" for Local.
    const qsizetype at = resource.indexOf(u'@');
    if (at >= 0)
        resource.truncate(at);
    const qsizetype dash = resource.lastIndexOf(u'-');
    if (dash > 0)
        resource.truncate(dash);
    return resource;
}

QString PartyNames::configuredName(const QString &number, const QString &channelName) const
{
    if (!number.isEmpty()) {
        const auto it = m_names.constFind(number);
        if (it != m_names.cend())
            return it.value();
    }
    const QString resource = endpointResource(channelName);
    return resource.isEmpty() ? QString() : m_names.value(resource);
}

QString PartyNames::display(const QString &callerName, const QString &number, const QString &channelName) const
{
    QString name = configuredName(number, channelName);
    if (name.isEmpty())
        name = callerName.trimmed();
    if (!name.isEmpty() && !number.isEmpty() && name != number)
        return name + u" ("_s + number + u')';
    if (!name.isEmpty())
        return name;
    if (!number.isEmpty())
        return number;
    return channelName;
}

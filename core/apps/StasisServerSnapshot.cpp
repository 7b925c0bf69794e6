#include "core/apps/StasisServerSnapshot.h"

#include <algorithm>

using namespace Qt::StringLiterals;

StasisServerSnapshot StasisServerSnapshot::fromJson(const QJsonArray &channels, const QJsonArray &bridges)
{
    StasisServerSnapshot snapshot;
    QHash<QString, QString> bridgeOf;
    for (const QJsonValue &value : bridges) {
        const QJsonObject bridge = value.toObject();
        const QString id = bridge.value("id"_L1).toString();
        if (id.isEmpty())
            continue;
        QStringList members;
        const QJsonArray ids = bridge.value("channels"_L1).toArray();
        for (const QJsonValue &member : ids) {
            members.append(member.toString());
            bridgeOf.insert(member.toString(), id);
        }
        snapshot.m_bridges.insert(id, members);
    }
    for (const QJsonValue &value : channels) {
        const QJsonObject json = value.toObject();
        StasisFoundChannel found;
        found.json = json;
        found.channel = Channel::fromJson(json);
        if (found.channel.id.isEmpty())
            continue;
        snapshot.m_live.insert(found.channel.id);
        // A channel in Stasis runs the dialplan application Stasis with "<app>,<args…>".
        const QJsonObject dialplan = json.value("dialplan"_L1).toObject();
        if (dialplan.value("app_name"_L1).toString().compare("Stasis"_L1, Qt::CaseInsensitive) != 0)
            continue;
        QStringList data = dialplan.value("app_data"_L1).toString().split(u',');
        const QString application = data.takeFirst().trimmed();
        if (application.isEmpty())
            continue;
        found.args = data;
        found.application = application;
        found.bridgeId = bridgeOf.value(found.channel.id);
        found.created = QDateTime::fromString(json.value("creationtime"_L1).toString().left(23), Qt::ISODateWithMs);
        snapshot.m_byApplication[application].append(found);
        snapshot.m_inStasis.insert(found.channel.id, found);
    }
    for (QList<StasisFoundChannel> &list : snapshot.m_byApplication) {
        std::stable_sort(list.begin(), list.end(),
            [](const StasisFoundChannel &a, const StasisFoundChannel &b) { return a.created < b.created; });
    }
    return snapshot;
}

const StasisFoundChannel *StasisServerSnapshot::find(const QString &channelId) const
{
    const auto it = m_inStasis.constFind(channelId);
    return it == m_inStasis.constEnd() ? nullptr : &it.value();
}

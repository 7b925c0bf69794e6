#pragma once

#include "core/ari/model/Channel.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

// One channel the server has in a Stasis application: its model, its JSON (to replay it as a
// StasisStart), the Stasis arguments (from the dialplan's app_data, "queue,caller") and the bridge
// it is in, if any.
struct StasisFoundChannel
{
    Channel channel;
    QJsonObject json;
    QStringList args;
    QString bridgeId;
    QString application;
    QDateTime created;
};

// What the server holds after a (re)connect (SPEC CN-5), read from GET /channels and GET /bridges:
// the live channels, those in each Stasis application (oldest first, so waiting callers keep
// their order) and the members of each bridge. Built once per recovery; lookups are hashes.
class StasisServerSnapshot
{
public:
    static StasisServerSnapshot fromJson(const QJsonArray &channels, const QJsonArray &bridges);

    const QSet<QString> &liveChannelIds() const { return m_live; }
    bool hasBridge(const QString &bridgeId) const { return m_bridges.contains(bridgeId); }
    QStringList bridgeIds() const { return m_bridges.keys(); }
    QStringList bridgeMembers(const QString &bridgeId) const { return m_bridges.value(bridgeId); }
    // The channels in `application`, oldest first.
    QList<StasisFoundChannel> channelsIn(const QString &application) const
    {
        return m_byApplication.value(application);
    }
    // A channel in any Stasis application; null when it is in none.
    const StasisFoundChannel *find(const QString &channelId) const;

private:
    QSet<QString> m_live;
    QHash<QString, QStringList> m_bridges; // bridge id → its channels
    QHash<QString, QList<StasisFoundChannel>> m_byApplication; // application → its channels
    QHash<QString, StasisFoundChannel> m_inStasis; // channel id → it
};

#include "sim/engine/SimBridge.h"

#include <QJsonArray>

#include "sim/engine/SimChannel.h"
#include "sim/engine/SimLiveRecording.h"
#include "sim/media/SimMediaQueue.h"
#include "sim/engine/SimTimestamps.h"

using namespace Qt::StringLiterals;

SimBridge::SimBridge(const QString &id, const QString &name, const QStringList &types,
                     const QDateTime &creationTime, QObject *parent)
    : QObject(parent)
    , m_id(id)
    , m_name(name)
    , m_types(types)
    , m_creationTime(creationTime)
    , m_mediaQueue(new SimMediaQueue(this))
{
}

SimBridge::~SimBridge() = default;

QString SimBridge::bridgeType() const
{
    return m_types.contains(u"holding"_s) ? u"holding"_s : u"mixing"_s;
}

QString SimBridge::technology() const
{
    return bridgeType() == u"holding"_s ? u"holding_bridge"_s : u"simple_bridge"_s;
}

QJsonObject SimBridge::toJson() const
{
    return QJsonObject{{u"id"_s, m_id},
                       {u"technology"_s, technology()},
                       {u"bridge_type"_s, bridgeType()},
                       {u"bridge_class"_s, u"stasis"_s},
                       {u"creator"_s, u"Stasis"_s},
                       {u"name"_s, m_name},
                       {u"channels"_s, QJsonArray::fromStringList(memberIds())},
                       {u"creationtime"_s, SimTimestamps::format(m_creationTime)},
                       {u"video_mode"_s, u"talker"_s}};
}

QList<SimChannel *> SimBridge::members() const
{
    QList<SimChannel *> result;
    for (const QPointer<SimChannel> &member : m_members) {
        if (member)
            result.append(member.data());
    }
    return result;
}

QStringList SimBridge::memberIds() const
{
    QStringList result;
    for (const QPointer<SimChannel> &member : m_members) {
        if (member)
            result.append(member->id());
    }
    return result;
}

bool SimBridge::hasMember(const SimChannel *channel) const
{
    for (const QPointer<SimChannel> &member : m_members) {
        if (member.data() == channel)
            return true;
    }
    return false;
}

void SimBridge::addMember(SimChannel *channel)
{
    if (!hasMember(channel))
        m_members.append(channel);
}

void SimBridge::removeMember(SimChannel *channel)
{
    m_members.removeIf([channel](const QPointer<SimChannel> &member) {
        return !member || member.data() == channel;
    });
}

QList<SimLiveRecording *> SimBridge::recordings() const
{
    QList<SimLiveRecording *> result;
    for (const QPointer<SimLiveRecording> &recording : m_recordings) {
        if (recording && !recording->isFinished())
            result.append(recording.data());
    }
    return result;
}

void SimBridge::addRecording(SimLiveRecording *recording)
{
    m_recordings.removeIf([](const QPointer<SimLiveRecording> &r) { return !r || r->isFinished(); });
    m_recordings.append(recording);
}

void SimBridge::setMusicOnHold(const QString &mohClass, int heardEntry)
{
    m_mohClass = mohClass;
    m_mohEntry = heardEntry;
}

void SimBridge::clearMusicOnHold()
{
    m_mohClass.clear();
    m_mohEntry = -1;
}

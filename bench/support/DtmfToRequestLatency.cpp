#include "DtmfToRequestLatency.h"

#include "BenchMeasures.h"

#include "sim/http/SimHttpRequest.h"

#include <QStringList>

using namespace Qt::StringLiterals;
using BenchMeasures::nowNs;

void DtmfToRequestLatency::onEvent(const QJsonObject &event)
{
    const QString type = event.value("type"_L1).toString();
    const QString channel = event.value("channel"_L1).toObject().value("id"_L1).toString();
    if (type == u"ChannelDtmfReceived"_s) {
        m_dtmfAtNs.insert(channel, nowNs());
    } else if (type == u"PlaybackStarted"_s) {
        const QJsonObject playback = event.value("playback"_L1).toObject();
        m_targetOf.insert(playback.value("id"_L1).toString(), playback.value("target_uri"_L1).toString());
    } else if (type == u"PlaybackFinished"_s) {
        m_targetOf.remove(event.value("playback"_L1).toObject().value("id"_L1).toString());
    } else if (type == u"RecordingStarted"_s) {
        const QJsonObject recording = event.value("recording"_L1).toObject();
        m_targetOf.insert(recording.value("name"_L1).toString(), recording.value("target_uri"_L1).toString());
    } else if (type == u"RecordingFinished"_s || type == u"RecordingFailed"_s) {
        m_targetOf.remove(event.value("recording"_L1).toObject().value("name"_L1).toString());
    } else if (type == u"ChannelEnteredBridge"_s) {
        m_bridgeMembers[event.value("bridge"_L1).toObject().value("id"_L1).toString()].insert(channel);
    } else if (type == u"ChannelLeftBridge"_s) {
        m_bridgeMembers[event.value("bridge"_L1).toObject().value("id"_L1).toString()].remove(channel);
    } else if (type == u"BridgeDestroyed"_s) {
        m_bridgeMembers.remove(event.value("bridge"_L1).toObject().value("id"_L1).toString());
    } else if (type == u"ChannelDestroyed"_s) {
        m_dtmfAtNs.remove(channel);
    }
}

void DtmfToRequestLatency::settle(const QString &channelId, qint64 now)
{
    const auto it = m_dtmfAtNs.find(channelId);
    if (it == m_dtmfAtNs.end())
        return;
    m_samples.push_back({ channelId, it.value(), now });
    m_dtmfAtNs.erase(it);
}

void DtmfToRequestLatency::settleTarget(const QString &targetUri, qint64 now)
{
    if (targetUri.startsWith(u"channel:"_s)) {
        settle(targetUri.mid(8), now);
    } else if (targetUri.startsWith(u"bridge:"_s)) {
        const QSet<QString> members = m_bridgeMembers.value(targetUri.mid(7));
        for (const QString &member : members)
            settle(member, now);
    }
}

void DtmfToRequestLatency::onRequest(const SimHttpRequest &request)
{
    if (m_dtmfAtNs.isEmpty())
        return;
    const qint64 now = nowNs();
    const QStringList segments = request.segments(); // "ari", resource, …
    const QString resource = segments.value(1);
    if (resource == u"channels"_s && segments.size() >= 3)
        settle(segments.at(2), now);
    else if (resource == u"playbacks"_s && segments.size() >= 3)
        settleTarget(m_targetOf.value(segments.at(2)), now);
    else if (resource == u"bridges"_s && segments.size() >= 3)
        settleTarget(u"bridge:"_s + segments.at(2), now);
    else if (resource == u"recordings"_s && segments.value(2) == u"live"_s && segments.size() >= 4)
        settleTarget(m_targetOf.value(segments.at(3)), now);
}

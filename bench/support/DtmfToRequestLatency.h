#pragma once

#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QString>

#include <vector>

class SimHttpRequest;

// Latency from a caller's DTMF at the simulator (its ChannelDtmfReceived being published) to the
// first ARI request that arrives at the simulator about that caller: naming the channel, or a
// playback, bridge or live recording of it (followed through the events). A DTMF that causes no
// request is forgotten at the channel's next DTMF or at its end. Lives on the far end's thread.
class DtmfToRequestLatency
{
public:
    void onEvent(const QJsonObject &event);
    void onRequest(const SimHttpRequest &request);
    std::vector<qint64> samplesNs() const { return m_samplesNs; }

private:
    void settle(const QString &channelId, qint64 now);
    void settleTarget(const QString &targetUri, qint64 now);

    QHash<QString, qint64> m_dtmfAtNs; // channel → when its DTMF was published
    QHash<QString, QString> m_targetOf; // playback id or recording name → "channel:…"/"bridge:…"
    QHash<QString, QSet<QString>> m_bridgeMembers; // bridge → channels
    std::vector<qint64> m_samplesNs;
};

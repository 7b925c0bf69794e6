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
// Each sample keeps its channel and both moments, so that the client's side can split it where
// the client read the event (ConcurrentCallsBench).
class DtmfToRequestLatency
{
public:
    void onEvent(const QJsonObject &event);
    void onRequest(const SimHttpRequest &request);
    struct Sample
    {
        QString channelId;
        qint64 publishedNs = 0; // the ChannelDtmfReceived published (steady clock)
        qint64 requestNs = 0; // the first request about that caller arrived
    };
    std::vector<Sample> samples() const { return m_samples; }

private:
    void settle(const QString &channelId, qint64 now);
    void settleTarget(const QString &targetUri, qint64 now);

    QHash<QString, qint64> m_dtmfAtNs; // channel → when its DTMF was published
    QHash<QString, QString> m_targetOf; // playback id or recording name → "channel:…"/"bridge:…"
    QHash<QString, QSet<QString>> m_bridgeMembers; // bridge → channels
    std::vector<Sample> m_samples;
};

#include "core/ari/AriRequestLatency.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

constexpr std::array<AriRequestLatency::Transport, 2> s_transports { AriRequestLatency::Transport::WebSocket,
    AriRequestLatency::Transport::Http };

} // namespace

QLatin1StringView AriRequestLatency::transportName(Transport transport)
{
    return transport == Transport::WebSocket ? "websocket"_L1 : "http"_L1;
}

void AriRequestLatency::record(Transport transport, qint64 nanoseconds)
{
    Histogram &histogram = m_histograms.at(static_cast<std::size_t>(transport));
    const double seconds = static_cast<double>(std::max<qint64>(nanoseconds, 0)) / 1e9;
    const auto bound = std::lower_bound(s_bounds.cbegin(), s_bounds.cend(), seconds);
    histogram.buckets.at(static_cast<std::size_t>(bound - s_bounds.cbegin())).fetch_add(1, std::memory_order_relaxed);
    histogram.sumNanoseconds.fetch_add(
        static_cast<quint64>(std::max<qint64>(nanoseconds, 0)), std::memory_order_relaxed);
}

quint64 AriRequestLatency::count(Transport transport) const
{
    quint64 total = 0;
    for (const std::atomic<quint64> &bucket : m_histograms.at(static_cast<std::size_t>(transport)).buckets)
        total += bucket.load(std::memory_order_relaxed);
    return total;
}

QString AriRequestLatency::prometheusText(QLatin1StringView name) const
{
    QString text = u"# HELP %1 Time REST requests to Asterisk took, by the transport that carried them.\n"
                   "# TYPE %1 histogram\n"_s.arg(name);
    for (const Transport transport : s_transports) {
        const Histogram &histogram = m_histograms.at(static_cast<std::size_t>(transport));
        const QLatin1StringView label = transportName(transport);
        // Cumulative, and _count is the +Inf bucket: consistent even while requests are recorded.
        quint64 cumulative = 0;
        for (std::size_t i = 0; i < histogram.buckets.size(); ++i) {
            cumulative += histogram.buckets.at(i).load(std::memory_order_relaxed);
            const QString bound = i < s_bounds.size() ? QString::number(s_bounds.at(i), 'g', 6) : u"+Inf"_s;
            text += u"%1_bucket{transport=\"%2\",le=\"%3\"} %4\n"_s.arg(name, label, bound).arg(cumulative);
        }
        const double sum = static_cast<double>(histogram.sumNanoseconds.load(std::memory_order_relaxed)) / 1e9;
        text += u"%1_sum{transport=\"%2\"} %3\n"_s.arg(name, label, QString::number(sum, 'g', 17));
        text += u"%1_count{transport=\"%2\"} %3\n"_s.arg(name, label).arg(cumulative);
    }
    return text;
}

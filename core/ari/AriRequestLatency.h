#pragma once

#include <QLatin1StringView>
#include <QString>

#include <array>
#include <atomic>

// How long REST requests to Asterisk took, from leaving their ordering lane to their answer (or
// error, or timeout), by the transport that carried them: a Prometheus histogram per transport
// (SPEC OP-5). Recorded on the REST client's thread; read from any thread (the service's
// /metrics): every counter is atomic, and nothing waits.
class AriRequestLatency
{
public:
    enum class Transport { WebSocket, Http };

    // Upper bounds of the buckets, in seconds (+Inf after the last).
    static constexpr std::array<double, 12> s_bounds { 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0,
        2.5, 10.0 };

    void record(Transport transport, qint64 nanoseconds);

    // Requests recorded for `transport` so far.
    quint64 count(Transport transport) const;

    // The histograms in Prometheus text format (HELP, TYPE, then per transport the cumulative
    // `_bucket{transport=…,le=…}` series, `_sum` in seconds and `_count`) under `name`.
    QString prometheusText(QLatin1StringView name) const;

    static QLatin1StringView transportName(Transport transport);

private:
    struct Histogram
    {
        std::array<std::atomic<quint64>, s_bounds.size() + 1> buckets {}; // not cumulative; the last: +Inf
        std::atomic<quint64> sumNanoseconds { 0 };
    };
    std::array<Histogram, 2> m_histograms;
};

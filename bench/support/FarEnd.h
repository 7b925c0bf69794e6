#pragma once

#include "DtmfToRequestLatency.h"

#include "sim/SimServer.h"

#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <functional>
#include <memory>
#include <vector>

class QNetworkReply;

// One call the far end places: the `index`th caller (caller number FarEnd::callerNumber(index))
// into `application` with `args`.
struct Placement
{
    int index = 0;
    QString application;
    QString args;
};

// The far end of the calls, on a thread of its own: the ARI simulator and the callers, who use its
// control API over loopback HTTP like any other client. Every member function runs on that thread
// (the main thread calls them through queued or blocking-queued invocations); results come back
// as signals.
class FarEnd final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FarEnd)

public:
    // What the simulator is started with: its clock rate and the mailboxes it holds (each with
    // messagesPerMailbox messages of messageMs, a second of silence first).
    struct Options
    {
        double speed = 10.0;
        int mailboxes = 20;
        int messagesPerMailbox = 3;
        int messageMs = 8000;
    };

    static constexpr int s_callerNumberBase = 100000; // caller number of call i: base + i
    static constexpr int s_mailboxBase = 2000; // mailboxes 2000, 2001, …
    static constexpr int s_countsIntervalMs = 20;
    static constexpr char s_credentials[] = "asterisk:asterisk"; // the simulator's default ARI user

    static QString callerNumber(int index) { return QString::number(s_callerNumberBase + index); }
    static QString mailboxName(int index) { return QString::number(s_mailboxBase + index); }

    struct Counts
    {
        int channels = -1;
        int bridges = -1;
        int playbacks = -1;
        int recordings = -1;
        int sockets = -1;
    };

    explicit FarEnd(QObject *parent = nullptr)
        : QObject(parent)
    {
    }
    ~FarEnd() override;

    bool start(const Options &options, QString *error);
    void stop();
    QUrl baseUrl() const;
    Counts counts() const;

    // With spreadMs 0 every request leaves at once, in order; otherwise each at a moment drawn from
    // [0, spreadMs] wall ms by a generator seeded with `seed`.
    void placeCalls(const QList<Placement> &placements, int spreadMs = 0, quint32 seed = 1);
    std::vector<DtmfToRequestLatency::Sample> dtmfLatencies() const { return m_dtmfLatency.samples(); }
    // Each caller presses `digits`, betweenMs apart.
    void press(const QStringList &channelIds, const QString &digits, int betweenMs, int spreadMs = 0, quint32 seed = 1);
    void hangUp(const QStringList &channelIds, int spreadMs = 0, quint32 seed = 1);

Q_SIGNALS:
    // What the simulator holds, every s_countsIntervalMs: the main thread reads it without ever
    // waiting for this thread.
    void countsPublished(int channels, int bridges, int playbacks, int recordings, int sockets);
    // `requestedNs`: when the control-API request was issued (steady clock).
    void placed(int index, const QString &channelId, int status, qint64 requestedNs);
    void pressed(const QString &channelId, int status);
    void hungUp(const QString &channelId, int status);

private:
    bool seedMailboxes(const Options &options, QString *error);
    QNetworkReply *send(const QByteArray &method, const QString &path, const QUrlQuery &query = {});
    // Calls action(0) … action(count - 1): at once, or each at its random moment of spreadMs.
    void atMoments(qsizetype count, int spreadMs, quint32 seed, const std::function<void(qsizetype)> &action);
    void placeNow(const Placement &placement);
    void pressNow(const QString &channelId, const QString &digits, int betweenMs);
    void hangUpNow(const QString &channelId);

    QTemporaryDir m_recordings;
    std::unique_ptr<SimServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<QTimer> m_publish;
    DtmfToRequestLatency m_dtmfLatency;
};

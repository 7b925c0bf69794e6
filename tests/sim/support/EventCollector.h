#pragma once

#include <QAbstractSocket>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QWebSocket>

#include <functional>

class QNetworkRequest;

// Opens one ARI event WebSocket (/ari/events?app=...) and records every event in arrival order.
// Tests wait for events with waitFor()/waitForNext() (event-loop waits, no sleeps) and compare
// type sequences with types().
class EventCollector final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventCollector)

public:
    using Predicate = std::function<bool(const QJsonObject &)>;

    explicit EventCollector(QObject *parent = nullptr);
    ~EventCollector() override;

    // Opens the socket and waits until the handshake completed (true) or failed (false).
    bool open(const QNetworkRequest &request, int timeoutMs = 5000);
    void close();
    bool isOpen() const;
    // Sends one text frame on the socket (REST requests on the event socket).
    void sendText(const QString &frame);
    // Waits until the server closed the socket (or it is already closed).
    bool waitForDisconnected(int timeoutMs = 5000);
    QWebSocketProtocol::CloseCode closeCode() const { return m_closeCode; }
    QString lastError() const { return m_lastError; }

    // All events since the last clear(), in arrival order.
    const QList<QJsonObject> &events() const { return m_events; }
    int count() const { return int(m_events.size()); }
    int count(const QString &type, const Predicate &predicate = {}) const;
    // The "type" of every recorded event (optionally only those matching the predicate).
    QStringList types(const Predicate &predicate = {}) const;
    // Index of the first event at or after `from` with that type (empty = any) matching the predicate; -1 if none.
    int indexOf(const QString &type, const Predicate &predicate = {}, int from = 0) const;
    bool has(const QString &type, const Predicate &predicate = {}) const { return indexOf(type, predicate) >= 0; }
    // Waits until an event of that type matching the predicate was recorded (searching from the first
    // event); returns it, or an empty object on timeout.
    QJsonObject waitFor(const QString &type, const Predicate &predicate = {}, int timeoutMs = 5000);
    // Like waitFor() but searches only after the cursor and moves the cursor past the match, so a
    // series of waitForNext() calls also checks the order of the events.
    QJsonObject waitForNext(const QString &type, const Predicate &predicate = {}, int timeoutMs = 5000);
    // Waits until at least n events of that type matching the predicate were recorded.
    bool waitForCount(const QString &type, int n, const Predicate &predicate = {}, int timeoutMs = 5000);
    // Waits until at least n events in total were recorded.
    bool waitForTotal(int n, int timeoutMs = 5000);
    int cursor() const { return m_cursor; }
    void setCursor(int cursor) { m_cursor = cursor; }
    // Forgets every event recorded so far and resets the cursor.
    void clear();
    // Raw text frames that were not a JSON object (should stay empty).
    const QStringList &malformedFrames() const { return m_malformed; }

    // Predicates on the usual ARI event payloads.
    static Predicate forChannel(const QString &channelId);   // event.channel.id
    static Predicate forPlayback(const QString &playbackId); // event.playback.id
    static Predicate forRecording(const QString &name);      // event.recording.name
    static Predicate forBridge(const QString &bridgeId);     // event.bridge.id
    static Predicate both(Predicate a, Predicate b);
    // Matches events whose "type" is not one of `types` (to leave out e.g. ChannelVarset).
    static Predicate notOfType(const QStringList &types);

    // The event's "timestamp" ("2026-11-26T07:00:53.720+0000") as ms since the epoch; -1 if absent
    // or malformed.
    static qint64 timestampMs(const QJsonObject &event);
    // Whether a timestamp string has ARI's form: yyyy-MM-ddTHH:mm:ss.zzz followed by +hhmm/-hhmm.
    static bool isAriTimestamp(const QString &text);

Q_SIGNALS:
    void eventReceived(const QJsonObject &event);

private:
    void onTextMessage(const QString &text);

    QWebSocket m_socket;
    QList<QJsonObject> m_events;
    QStringList m_malformed;
    int m_cursor = 0;
    bool m_failed = false;
    QString m_lastError;
    QWebSocketProtocol::CloseCode m_closeCode = QWebSocketProtocol::CloseCodeNormal;
};

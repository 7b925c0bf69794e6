#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <functional>
#include <memory>

class QWebSocket;
class SimFaultPlan;

// The event side of ARI: the WebSockets connected to /ari/events and the applications they
// registered. One socket may register several applications (app=a,b); an application name
// belongs to at most one socket — a newer connection for the same name takes it over and the
// older socket receives ApplicationReplaced, then nothing more for that name. Closing a socket
// unregisters its applications.
//
// publish() delivers an event to the applications it concerns (the apps subscribed to the
// channel/bridge it is about) and to every subscribeAll application, once per application, with
// its "application" field set, subject to the application's event filter.
class SimEventHub final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimEventHub)

public:
    explicit SimEventHub(const QString &asteriskId, QObject *parent = nullptr);
    ~SimEventHub() override;

    // Takes the socket over; `timestamp` is used for ApplicationReplaced events.
    void addConnection(std::unique_ptr<QWebSocket> socket, const QStringList &applications, bool subscribeAll,
        const QString &timestamp);

    bool isRegistered(const QString &application) const;
    bool subscribesAll(const QString &application) const;
    QStringList applications() const; // sorted
    int socketCount() const;

    // Event filters of PUT /applications/{app}/eventFilter: lists of {"type": ...} objects.
    void setEventFilter(const QString &application, const QJsonArray &allowed, const QJsonArray &disallowed);
    QJsonArray allowedEvents(const QString &application) const;
    QJsonArray disallowedEvents(const QString &application) const;

    // deviceState:<name> subscriptions of POST/DELETE /applications/{app}/subscription. Any name
    // may be subscribed to (Asterisk does not check that the device exists); the subscriptions of
    // an application end when it unregisters.
    void subscribeDevice(const QString &application, const QString &device);
    void unsubscribeDevice(const QString &application, const QString &device);
    QStringList subscribedDevices(const QString &application) const; // sorted
    QSet<QString> deviceSubscribers(const QString &device) const;

    // Sends `event` (without "application") to `applications` and the subscribeAll ones.
    void publish(const QJsonObject &event, const QSet<QString> &applications);
    // Sends to the subscribeAll applications only (events only such sockets see).
    void publishToSubscribeAll(const QJsonObject &event);

    // Closes every socket (server shutdown).
    void closeAll();
    // Cuts every socket at once, no close frame (an injected fault): their applications are
    // unregistered now, as when Asterisk notices a client gone.
    void dropAll();
    // Consulted once per event frame sent (SimFaultPlan::eventDelivered); may be null.
    void setFaultPlan(SimFaultPlan *faults) { m_faults = faults; }

    // REST on the event socket: every text frame a client sends goes to this handler (without
    // one, such frames are ignored).
    using FrameHandler = std::function<void(QWebSocket *socket, const QString &frame)>;
    void setFrameHandler(FrameHandler handler) { m_frameHandler = std::move(handler); }
    // The application a socket's answers name (the first one it registered; empty if none).
    QString applicationOf(QWebSocket *socket) const;
    // Sends one frame on `socket`, in order with its events.
    void sendFrame(QWebSocket *socket, const QByteArray &frame);
    // Until releaseFrames(), frames for `socket` (events included) are held back in order; then
    // they are sent. Lets an answer go after or before the events its request caused.
    void holdFrames(QWebSocket *socket);
    void releaseFrames();

    // Sees every event published (before it is delivered): for measurements only.
    void setPublishObserver(std::function<void(const QJsonObject &event)> observer)
    {
        m_publishObserver = std::move(observer);
    }

Q_SIGNALS:
    void applicationRegistered(const QString &application);
    void applicationUnregistered(const QString &application);

private:
    struct Filter
    {
        QJsonArray allowed;
        QJsonArray disallowed;
    };

    void onDisconnected(QWebSocket *socket);
    bool passesFilter(const QString &application, const QString &type) const;
    void deliver(const QString &application, QJsonObject event);
    void writeFrame(QWebSocket *socket, const QByteArray &frame);

    static constexpr qint64 s_writeAfterNs = 1'000'000;

    QString m_asteriskId;
    SimFaultPlan *m_faults = nullptr;
    bool m_dropPending = false; // a fault cuts the sockets: nothing more is sent before
    FrameHandler m_frameHandler;
    std::function<void(const QJsonObject &event)> m_publishObserver;
    QWebSocket *m_heldSocket = nullptr;
    QList<QByteArray> m_heldFrames;
    QElapsedTimer m_clock;
    QHash<QWebSocket *, qint64> m_unwrittenSince; // socket → when its oldest unwritten frame was given (m_clock)
    QHash<QWebSocket *, QStringList> m_sockets; // socket → applications it owns
    QHash<QString, QWebSocket *> m_owners; // application → owning socket
    QSet<QString> m_subscribeAll; // registered applications with subscribeAll
    QHash<QString, Filter> m_filters;
    QHash<QString, QSet<QString>> m_deviceSubscribers; // device → applications
    QHash<QString, QSet<QString>> m_subscribedDevices; // application → devices
};

#include "sim/http/SimEventHub.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QWebSocket>

#include <algorithm>
#include <utility>

#include "sim/engine/SimEvents.h"
#include "sim/engine/SimFaultPlan.h"
#include "sim/engine/SimLogging.h"

using namespace Qt::StringLiterals;

SimEventHub::SimEventHub(const QString &asteriskId, QObject *parent)
    : QObject(parent)
    , m_asteriskId(asteriskId)
{
    m_clock.start();
}

SimEventHub::~SimEventHub()
{
    // Sockets are children of this object; make sure their disconnected() signals do not call
    // back into a half-destroyed hub.
    for (QWebSocket *socket : m_sockets.keys())
        socket->disconnect(this);
}

void SimEventHub::addConnection(
    std::unique_ptr<QWebSocket> owned, const QStringList &applications, bool subscribeAll, const QString &timestamp)
{
    QWebSocket *socket = owned.release();
    socket->setParent(this);
    connect(socket, &QWebSocket::disconnected, this, [this, socket] { onDisconnected(socket); });
    // What the client sends is a REST request on the event socket (Asterisk 22.4+).
    connect(socket, &QWebSocket::textMessageReceived, this, [this, socket](const QString &frame) {
        if (m_frameHandler && m_sockets.contains(socket))
            m_frameHandler(socket, frame);
    });

    QStringList ownedApps;
    for (const QString &application : applications) {
        if (application.isEmpty() || ownedApps.contains(application))
            continue;
        ownedApps.append(application);
        QWebSocket *previous = m_owners.value(application);
        if (previous && previous != socket) {
            QJsonObject replaced { { u"type"_s, SimEvents::name(SimEvents::ApplicationReplaced) },
                { u"timestamp"_s, timestamp }, { u"application"_s, application }, { u"asterisk_id"_s, m_asteriskId } };
            previous->sendTextMessage(QString::fromUtf8(QJsonDocument(replaced).toJson(QJsonDocument::Compact)));
            m_sockets[previous].removeAll(application);
            qCInfo(lcSim) << "application" << application << "replaced by a newer connection";
        }
        const bool wasRegistered = m_owners.contains(application);
        m_owners.insert(application, socket);
        if (subscribeAll)
            m_subscribeAll.insert(application);
        else
            m_subscribeAll.remove(application);
        if (!wasRegistered)
            Q_EMIT applicationRegistered(application);
    }
    m_sockets.insert(socket, ownedApps);
    qCInfo(lcSim) << "event socket connected for" << ownedApps << (subscribeAll ? "(subscribeAll)" : "");
}

void SimEventHub::onDisconnected(QWebSocket *socket)
{
    m_unwrittenSince.remove(socket);
    const auto it = m_sockets.find(socket);
    if (it == m_sockets.end())
        return;
    const QStringList applications = it.value();
    m_sockets.erase(it);
    for (const QString &application : applications) {
        if (m_owners.value(application) != socket)
            continue;
        m_owners.remove(application);
        m_subscribeAll.remove(application);
        m_filters.remove(application);
        const QSet<QString> devices = m_subscribedDevices.take(application);
        for (const QString &device : devices)
            unsubscribeDevice(application, device);
        qCInfo(lcSim) << "application" << application << "unregistered (socket closed)";
        Q_EMIT applicationUnregistered(application);
    }
    socket->deleteLater();
}

bool SimEventHub::isRegistered(const QString &application) const
{
    return m_owners.contains(application);
}

bool SimEventHub::subscribesAll(const QString &application) const
{
    return m_subscribeAll.contains(application);
}

QStringList SimEventHub::applications() const
{
    QStringList result = m_owners.keys();
    std::sort(result.begin(), result.end());
    return result;
}

int SimEventHub::socketCount() const
{
    return static_cast<int>(m_sockets.size());
}

void SimEventHub::setEventFilter(const QString &application, const QJsonArray &allowed, const QJsonArray &disallowed)
{
    m_filters.insert(application, Filter { allowed, disallowed });
}

QJsonArray SimEventHub::allowedEvents(const QString &application) const
{
    return m_filters.value(application).allowed;
}

QJsonArray SimEventHub::disallowedEvents(const QString &application) const
{
    return m_filters.value(application).disallowed;
}

void SimEventHub::subscribeDevice(const QString &application, const QString &device)
{
    m_deviceSubscribers[device].insert(application);
    m_subscribedDevices[application].insert(device);
}

void SimEventHub::unsubscribeDevice(const QString &application, const QString &device)
{
    const auto subscribers = m_deviceSubscribers.find(device);
    if (subscribers != m_deviceSubscribers.end()) {
        subscribers->remove(application);
        if (subscribers->isEmpty())
            m_deviceSubscribers.erase(subscribers);
    }
    const auto devices = m_subscribedDevices.find(application);
    if (devices != m_subscribedDevices.end()) {
        devices->remove(device);
        if (devices->isEmpty())
            m_subscribedDevices.erase(devices);
    }
}

QStringList SimEventHub::subscribedDevices(const QString &application) const
{
    QStringList result = m_subscribedDevices.value(application).values();
    std::sort(result.begin(), result.end());
    return result;
}

QSet<QString> SimEventHub::deviceSubscribers(const QString &device) const
{
    return m_deviceSubscribers.value(device);
}

bool SimEventHub::passesFilter(const QString &application, const QString &type) const
{
    const auto it = m_filters.constFind(application);
    if (it == m_filters.constEnd())
        return true;
    const auto listed = [&type](const QJsonArray &list) {
        for (const QJsonValue &entry : list) {
            if (entry.toObject().value(u"type"_s).toString() == type)
                return true;
        }
        return false;
    };
    if (!it->allowed.isEmpty() && !listed(it->allowed))
        return false;
    return !listed(it->disallowed);
}

void SimEventHub::deliver(const QString &application, QJsonObject event)
{
    QWebSocket *socket = m_owners.value(application);
    if (!socket || m_dropPending || !passesFilter(application, event.value(u"type"_s).toString()))
        return;
    event.insert(u"asterisk_id"_s, m_asteriskId);
    event.insert(u"application"_s, application);
    sendFrame(socket, QJsonDocument(event).toJson(QJsonDocument::Compact));
    if (m_faults && m_faults->eventDelivered()) {
        // Not from inside publish(), which iterates the registrations dropAll() changes.
        m_dropPending = true;
        QMetaObject::invokeMethod(this, &SimEventHub::dropAll, Qt::QueuedConnection);
    }
}

QString SimEventHub::applicationOf(QWebSocket *socket) const
{
    return m_sockets.value(socket).value(0);
}

void SimEventHub::sendFrame(QWebSocket *socket, const QByteArray &frame)
{
    if (socket == m_heldSocket) {
        m_heldFrames.append(frame);
        return;
    }
    writeFrame(socket, frame);
}

void SimEventHub::writeFrame(QWebSocket *socket, const QByteArray &frame)
{
    // The socket writes what it was given when the event loop next runs. In a long stretch of
    // work (a burst of timers, a large read of requests) that would hold every frame back to its
    // end, where Asterisk writes each frame as it goes: frames leave once the oldest one unwritten
    // has waited a millisecond.
    const bool wasIdle = socket->bytesToWrite() == 0;
    socket->sendTextMessage(QString::fromUtf8(frame));
    const qint64 now = m_clock.nsecsElapsed();
    const auto since = m_unwrittenSince.find(socket);
    if (wasIdle || since == m_unwrittenSince.end()) {
        m_unwrittenSince.insert(socket, now);
    } else if (now - since.value() >= s_writeAfterNs) {
        m_unwrittenSince.erase(since);
        socket->flush();
    }
}

void SimEventHub::holdFrames(QWebSocket *socket)
{
    releaseFrames();
    m_heldSocket = socket;
}

void SimEventHub::releaseFrames()
{
    QWebSocket *socket = m_heldSocket;
    m_heldSocket = nullptr;
    const QList<QByteArray> frames = std::exchange(m_heldFrames, {});
    if (!socket || !m_sockets.contains(socket))
        return;
    for (const QByteArray &frame : frames)
        writeFrame(socket, frame);
}

void SimEventHub::publish(const QJsonObject &event, const QSet<QString> &applications)
{
    if (m_publishObserver)
        m_publishObserver(event);
    for (const QString &application : applications) {
        if (!m_subscribeAll.contains(application))
            deliver(application, event);
    }
    for (const QString &application : std::as_const(m_subscribeAll))
        deliver(application, event);
}

void SimEventHub::publishToSubscribeAll(const QJsonObject &event)
{
    for (const QString &application : std::as_const(m_subscribeAll))
        deliver(application, event);
}

void SimEventHub::dropAll()
{
    m_dropPending = false;
    const QList<QWebSocket *> sockets = m_sockets.keys();
    for (QWebSocket *socket : sockets) {
        socket->flush(); // what was sent before the fault still leaves
        onDisconnected(socket);
        socket->abort();
    }
}

void SimEventHub::closeAll()
{
    const QList<QWebSocket *> sockets = m_sockets.keys();
    for (QWebSocket *socket : sockets)
        socket->close();
}

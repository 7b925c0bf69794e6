#pragma once

#include "core/service/RemoteSupervisor.h"
#include "core/service/ServiceSettings.h"
#include "core/service/ServiceUsers.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <memory>

class SimFixture;
class SupervisorAccess;
class SupervisorBackend;
class SupervisorService;

// A supervisor service (backend with the core on its own thread + the service on this thread)
// connected to a simulator of the tests, and desks attached to it over loopback.
// The three application names a service registers.
struct ServiceAppNames
{
    QString vmRecord = QStringLiteral("vm-record");
    QString vmPlayback = QStringLiteral("vm-playback");
    QString queue = QStringLiteral("queue");
};

class ServiceRig
{
public:
    using Names = ServiceAppNames;

    // Users of every rig: "boss" (supervisor, password "s3cret") and "watcher" (viewer, "look").
    static ServiceUsers users();
    static ServiceSettings defaultSettings(); // 127.0.0.1, any free port, quick login delay

    // `partyNames`: the service's [names] (number → the name that person goes by).
    ServiceRig(SimFixture *sim, const ServiceSettings &settings = defaultSettings(), const Names &names = {},
        const QString &supervisorEndpoint = QStringLiteral("PJSIP/1001"),
        const QHash<QString, QString> &partyNames = {});
    ~ServiceRig();

    // Starts the service and waits for the ARI connection; false (with a warning) on failure.
    bool start();
    SupervisorBackend *backend() const { return m_backend.get(); }
    SupervisorService *service() const { return m_service.get(); }
    QUrl url() const;
    // Stops the service (the backend and its calls go on) / starts it again on the same port.
    void stopService();
    bool restartService();

    RemoteSupervisor::Options deskOptions(
        const QString &user = QStringLiteral("boss"), const QString &password = QStringLiteral("s3cret")) const;
    std::unique_ptr<RemoteSupervisor> attach(
        const QString &user = QStringLiteral("boss"), const QString &password = QStringLiteral("s3cret")) const;

    // The models of `access` as one value (the protocol's snapshot), with the event log's last
    // `logRows` lines: two accesses that show the same give equal values.
    static QJsonObject models(const SupervisorAccess &access, int logRows);
    // Random calls on the simulator (queue callers and agents with their keys, voicemail callers,
    // hang-ups), `steps` of them; returns the channels still up.
    static QStringList randomTraffic(SimFixture *sim, const Names &names, int steps, quint32 seed);

    // Waits until `desk` applied every change the service sent; then compares their models.
    bool sameAsService(const RemoteSupervisor &desk, QString *difference) const;

private:
    SimFixture *m_sim;
    ServiceSettings m_settings;
    std::unique_ptr<SupervisorBackend> m_backend;
    std::unique_ptr<SupervisorService> m_service;
    quint16 m_port = 0;
};

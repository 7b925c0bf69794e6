#pragma once

#include <QObject>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

class SimServer;

// `ari-supervisor --demo`: an ARI simulator started in-process on a free loopback port, with a
// recordings directory that already holds sample voicemail messages, so that a new user sees the
// product work with no PBX (SPEC SIM-4). Their metadata (who called, when, how long, which were
// heard: SPEC VM-1) is in a state directory of the demo's own, which the service uses instead of
// any configured one.
class DemoEnvironment final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoEnvironment)

public:
    explicit DemoEnvironment(double speed, QObject *parent = nullptr);
    ~DemoEnvironment() override;

    bool start(QString *error);

    QString ariUrl() const;   // http://127.0.0.1:<port>/ari
    QUrl controlUrl() const;  // http://127.0.0.1:<port>/sim
    QString user() const;
    QString password() const;
    QString stateDir() const { return m_state.path(); }
    double speed() const { return m_speed; }

private:
    bool seedMailboxes(QString *error);

    double m_speed;
    QString m_password;
    QTemporaryDir m_recordings;
    QTemporaryDir m_state;
    std::unique_ptr<SimServer> m_server;
};

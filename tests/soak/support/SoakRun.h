#pragma once

#include "support/SoakFigures.h"
#include "support/SoakLedger.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QRandomGenerator>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrlQuery>

#include <memory>

class RemoteSupervisor;
class SimServer;
class SupervisorBackend;
class SupervisorService;

// One seeded soak (SPEC RB-1): the simulator, a supervisor service running the three applications
// (its core on this thread, so the checks read the applications' own state), and a desk attached
// to it over loopback. Each step is one random move drawn from the seed — a caller or an agent
// dials in, keys (alone or in bursts faster than the prompts), a caller talks or hangs up, the
// desk acts (queue recording buttons, listen, delete, restore), a fault of the server (SPEC CN-6)
// — followed by the invariants that hold at every moment; every few steps the driver pauses until
// the applications and the server agree, and compares them. After the last call every caller
// hangs up and nothing may be left.
class SoakRun final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SoakRun)

public:
    struct Options
    {
        quint32 seed = 1;
        int calls = 40; // callers and agents placed in all
        double speed = 25; // the simulator's clock
        int maxLive = 14; // channels up at once
        int checkpointEvery = 40; // steps
        bool faults = true;
    };

    explicit SoakRun(const Options &options, QObject *parent = nullptr);
    ~SoakRun() override;

    // Runs the whole scenario; false with *failure (what broke, at which step) on the first broken
    // invariant.
    bool run(QString *failure);
    const SoakFigures &figures() const { return m_figures; }

private:
    enum class Role { QueueCaller, QueueAgent, Record, Playback };
    struct Party
    {
        QString channelId;
        Role role = Role::QueueCaller;
    };

    bool start(QString *failure);
    void step();
    void placeCall();
    void pressKeys();
    void talk();
    void hangUp();
    void deskAction();
    void injectFault();
    bool drain(QString *failure);
    void finishFigures(qint64 wallMs);

    // The invariants of every moment (the applications' own state); false with the reason.
    bool checkEveryStep(QString *failure);
    // Waits until the server is reachable and the applications have rebuilt from it, then until
    // they agree with the server (within a safety net of wall time); false with what differs.
    bool checkpoint(QString *failure);
    QString disagreement(const QJsonObject &simState);
    bool waitUntilRecovered(QString *failure);

    void forgetEndedChannels();
    int live(Role role) const;
    qsizetype pick(qsizetype size);
    QJsonObject simState();
    QJsonValue control(
        const QByteArray &method, const QString &path, const QUrlQuery &query = {}, int *status = nullptr);

    Options m_options;
    QRandomGenerator m_random;
    SoakFigures m_figures;
    SoakLedger m_ledger;
    QTemporaryDir m_recordings;
    std::unique_ptr<SimServer> m_sim;
    std::unique_ptr<SupervisorBackend> m_backend;
    std::unique_ptr<SupervisorService> m_service;
    std::unique_ptr<RemoteSupervisor> m_desk;
    QNetworkAccessManager m_network;
    QList<Party> m_parties; // up, in the order they were placed
    QHash<QString, qint64> m_rank; // channel → order of placement (FIFO check)
    qint64 m_placed = 0;
    int m_baselineSubscriptions = 0;
    quint64 m_connects = 0; // the event stream connected (each time)
    quint64 m_recoveredAfter = 0; // the connect the last successful rebuild followed
};

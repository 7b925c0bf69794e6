#pragma once

#include "core/calls/StasisCall.h"

#include <QDateTime>

class QueueApp;

// One channel in the call queue application (SPEC §6): an agent or a caller, with its state
// machine (QueueApp::buildStateTable()). Makes the states; the queues and the bridges are the
// application's.
class QueueCall final : public StasisCall
{
public:
    enum class Role { Caller, Agent };

    struct States
    {
        static QString joining() { return QStringLiteral("joining"); }
        static QString callerWaiting() { return QStringLiteral("caller-waiting"); }
        static QString announcing() { return QStringLiteral("announcing"); }
        static QString callerBridged() { return QStringLiteral("caller-bridged"); }
        static QString agentWaiting() { return QStringLiteral("agent-waiting"); }
        static QString agentBridged() { return QStringLiteral("agent-bridged"); }
        static QString ending() { return QStringLiteral("ending"); }
        static QString hungUp() { return QStringLiteral("hung-up"); }
    };
    struct Events
    {
        static QString caller() { return QStringLiteral("caller"); } // answered, a caller
        static QString agent() { return QStringLiteral("agent"); } // answered, an agent
        static QString answerFailed() { return QStringLiteral("answerFailed"); }
        static QString announce() { return QStringLiteral("announce"); } // the interval is over
        static QString announcementDone() { return QStringLiteral("announcementDone"); }
        static QString matched() { return QStringLiteral("matched"); } // connected to a partner
        static QString callEnded() { return QStringLiteral("callEnded"); } // the bridged call is over
        static QString requeued() { return QStringLiteral("requeued"); } // back to the queue, at its place
    };

    static QString roleName(Role role)
    {
        return role == Role::Agent ? QStringLiteral("agent") : QStringLiteral("caller");
    }

    QueueCall(
        QueueApp &app, const CallEnvironment &environment, const Channel &channel, const QStringList &args, Role role);
    ~QueueCall() override;

    std::unique_ptr<CallState> createState(const QString &name, CallStateMachine &machine) override;

    QueueApp &app() const { return m_app; }
    Role role() const { return m_role; }
    bool isAgent() const { return m_role == Role::Agent; }
    // What the supervisor sees as the name: caller id name, else number, else the channel name.
    QString displayName() const;

    // When, and as how many-th, the caller first joined the queue (0: not yet).
    const QDateTime &joinedAt() const { return m_joinedAt; }
    quint64 ticket() const { return m_ticket; }
    void setJoined(const QDateTime &at, quint64 ticket);
    // The caller's place in order of arrival: its channel was made before the other's (the
    // server's creation times; the tickets when those are equal or missing). Callers wait in this
    // order, whether they just joined, came back from a call that never got connected, or were
    // adopted after a reconnect (which gives them a new ticket, not a new arrival).
    bool arrivedBefore(const QueueCall &other) const;

private:
    QueueApp &m_app;
    Role m_role;
    QDateTime m_joinedAt;
    QDateTime m_arrivedAt; // the channel's creation time, else when it joined
    quint64 m_ticket = 0;
};

#pragma once

#include "core/queue/QueueCallAction.h"
#include "core/queue/QueueMonitorMode.h"

#include <QHash>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;
class SelectedRowTracker;
class SupervisorAccess;

// The call queue (SPEC UI-4): agents waiting (since when), callers waiting (position, waited,
// next announcement) and calls in progress (agent, caller, talk time, recording state), with the
// Q-7 buttons for the selected call: Record, Pause, Resume, Stop, Discard, End call and Announce.
// A button is enabled exactly when the selected call's action of that kind is (the core's
// QueueCallAction, the object the agent's keys use too); a click triggers that action. End call
// and Discard ask first, naming the call, and then act on that call (SPEC UX-1). A second row puts
// the supervisor's phone on the selected call (SPEC UX-4): Listen in, Whisper, Barge in (which
// asks first: the caller hears the supervisor) and Hang up (the phone leaves the call).
class QueuesView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueuesView)

public:
    explicit QueuesView(SupervisorAccess *backend, QWidget *parent = nullptr);
    ~QueuesView() override;

    QTableView *agentsTable() const { return m_agents; }
    QTableView *callersTable() const { return m_callers; }
    QTableView *callsTable() const { return m_calls; }
    QPushButton *button(QueueCallAction::Kind kind) const { return m_buttons.value(kind); }
    // The supervisor's phone buttons; None: Hang up.
    QPushButton *monitorButton(QueueMonitorMode mode) const { return m_monitorButtons.value(mode); }
    // The bridge of the selected call in progress; empty when none is selected.
    QString selectedBridge() const;

private:
    void updateButtons();
    void onButtonClicked(QueueCallAction::Kind kind);
    void onMonitorClicked(QueueMonitorMode mode);
    QLayout *makeMonitorButtons();
    // "agent ↔ caller" for a call in progress; empty when it is gone.
    QString callName(const QString &bridgeId) const;
    static QTableView *makeTable(QWidget *parent, const QString &name, const QString &accessibleName);

    SupervisorAccess *m_backend;
    QTableView *m_agents = nullptr;
    QTableView *m_callers = nullptr;
    QTableView *m_calls = nullptr;
    SelectedRowTracker *m_selectedCall = nullptr;
    QLabel *m_message = nullptr;
    QHash<QueueCallAction::Kind, QPushButton *> m_buttons;
    QHash<QueueMonitorMode, QPushButton *> m_monitorButtons;
};

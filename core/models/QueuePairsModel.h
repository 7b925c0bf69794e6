#pragma once

#include "core/models/KeyedRowStore.h"
#include "core/models/PartyNames.h"
#include "core/queue/QueueBridgedPair.h"
#include "core/queue/QueueCallAction.h"

#include <QAbstractTableModel>
#include <QTimer>

// The calls in progress in the call queue (SPEC UI-4): agent, caller, talk time, the recording
// state, the recordings kept and the supervisor's phone on the call (SPEC UX-4: who listens in,
// whispers or barges). A mirror of the core's QueueState (pairAdded / pairChanged /
// pairRemoved, in the order the calls were connected), fed through queued connections. It also
// holds, per call, which of the Q-7 actions are enabled now (setEnabledActions, from the core's
// QueueCallAction objects), so the buttons of the view follow them without touching core objects.
class QueuePairsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueuePairsModel)

public:
    enum Column {
        AgentColumn,
        CallerColumn,
        TalkTimeColumn,
        RecordingColumn,
        StoredColumn,
        SupervisorColumn,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role {
        BridgeIdRole = Qt::UserRole + 1, // QString
        AgentChannelRole,                // QString
        CallerChannelRole,               // QString
        RecordingStateRole,              // int (QueueRecordingState)
        RecordingNameRole,               // QString
        StoredRecordingsRole,            // QStringList
        EnabledActionsRole,              // int: bit (1 << Kind) set when that action is enabled
        TalkTimeMsRole,                  // qint64
        CallNameRole, // QString: "agent ↔ caller", the call's name in every view
        MonitorModeRole, // int (QueueMonitorMode): the supervisor's phone on the call
        MonitoredByRole, // QString: who put it there (empty: the all-in-one window)
        RecordingElapsedMsRole, // qint64: how long the current (or last) recording has recorded
    };

    static int bit(QueueCallAction::Kind kind) { return 1 << static_cast<int>(kind); }

    explicit QueuePairsModel(QObject *parent = nullptr);
    ~QueuePairsModel() override;

    void setRefreshInterval(int ms);
    int rowOf(const QString &bridgeId) const { return m_rows.rowOf(bridgeId); }
    // "agent ↔ caller" for the call in `bridgeId`; empty when it is not here.
    QString callName(const QString &bridgeId) const;
    const PartyNames &partyNames() const { return m_names; }
    void setPartyNames(const PartyNames &names);
    QueueBridgedPair pair(int row) const { return m_rows.at(row).pair; }
    int enabledActions(int row) const { return m_rows.at(row).enabled; }
    bool isEnabled(const QString &bridgeId, QueueCallAction::Kind kind) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

public Q_SLOTS:
    void addPair(int row, const QueueBridgedPair &pair);
    void changePair(int row, const QueueBridgedPair &pair);
    void removePair(int row, const QString &bridgeId);
    void setEnabledActions(const QString &bridgeId, int enabledMask);
    void clear();
    void refresh();

Q_SIGNALS:
    void enabledActionsChanged(const QString &bridgeId, int enabledMask);

private:
    struct Row
    {
        QueueBridgedPair pair;
        int enabled = 0;
    };
    int checkedRow(int row, const QString &bridgeId) const;

    QString agentName(const QueueBridgedPair &pair) const;
    QString callerName(const QueueBridgedPair &pair) const;

    KeyedRowStore<Row> m_rows;
    PartyNames m_names;
    QHash<QString, int> m_earlyMasks; // masks that arrived before their pair
    QTimer m_refresh;
};

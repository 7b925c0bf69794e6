#pragma once

#include "core/models/KeyedRowStore.h"
#include "core/models/PartyNames.h"
#include "core/queue/QueueWaitingAgent.h"

#include <QAbstractTableModel>
#include <QTimer>

// The agents waiting in the call queue (SPEC UI-4): position, agent, channel, waiting since and
// for how long. A mirror of the core's QueueState (agentAdded / agentRemoved, rows in queue
// order, row 0 the front), fed through queued connections; one row change per signal. The
// "waited" column moves with time: a timer reports that column changed.
class QueueAgentsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueAgentsModel)

public:
    // The first column names the entry (it stays put while positions move); views show the
    // position first.
    enum Column { AgentColumn, PositionColumn, ChannelColumn, SinceColumn, WaitedColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role { ChannelIdRole = Qt::UserRole + 1, SinceRole, WaitedMsRole };

    explicit QueueAgentsModel(QObject *parent = nullptr);
    ~QueueAgentsModel() override;

    void setRefreshInterval(int ms); // 0: never (tests call refresh())
    int rowOf(const QString &channelId) const { return m_rows.rowOf(channelId); }
    const PartyNames &partyNames() const { return m_names; }
    void setPartyNames(const PartyNames &names);
    QueueWaitingAgent agent(int row) const { return m_rows.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

public Q_SLOTS:
    void addAgent(int row, const QueueWaitingAgent &agent);
    void removeAgent(int row, const QString &channelId);
    void clear();
    void refresh();

private:
    KeyedRowStore<QueueWaitingAgent> m_rows;
    PartyNames m_names;
    QTimer m_refresh;
};

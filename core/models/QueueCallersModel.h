#pragma once

#include "core/models/KeyedRowStore.h"
#include "core/models/PartyNames.h"
#include "core/queue/QueueDayFigures.h"
#include "core/queue/QueueWaitingCaller.h"

#include <QAbstractTableModel>
#include <QTimer>

// The callers waiting in the call queue (SPEC UI-4): position, caller, channel, how long they
// have waited and when their next announcement comes (or that one plays now). A mirror of the
// core's QueueState (callerAdded / callerRemoved / callerChanged, rows in queue order), fed
// through queued connections; one row change per signal. Time columns follow a timer.
class QueueCallersModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(QueueCallersModel)

public:
    // The first column names the entry (it stays put while positions move); views show the
    // position first.
    enum Column { CallerColumn, PositionColumn, ChannelColumn, WaitedColumn, AnnouncementColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role { ChannelIdRole = Qt::UserRole + 1, SinceRole, WaitedMsRole, NextAnnouncementRole, AnnouncingRole };

    explicit QueueCallersModel(QObject *parent = nullptr);
    ~QueueCallersModel() override;

    void setRefreshInterval(int ms);
    int rowOf(const QString &channelId) const { return m_rows.rowOf(channelId); }
    const PartyNames &partyNames() const { return m_names; }
    void setPartyNames(const PartyNames &names);
    QueueWaitingCaller caller(int row) const { return m_rows.at(row); }
    // The calls answered and abandoned today, as the program that runs the queue counts them
    // (its local day, SPEC UX-3).
    const QueueDayFigures &dayFigures() const { return m_dayFigures; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

public Q_SLOTS:
    void addCaller(int row, const QueueWaitingCaller &caller);
    void removeCaller(int row, const QString &channelId);
    void changeCaller(int row, const QueueWaitingCaller &caller);
    void clear();
    void refresh();
    void setDayFigures(const QueueDayFigures &figures);

Q_SIGNALS:
    void dayFiguresChanged(const QueueDayFigures &figures);

private:
    int checkedRow(int row, const QString &channelId) const;

    KeyedRowStore<QueueWaitingCaller> m_rows;
    PartyNames m_names;
    QTimer m_refresh;
    QueueDayFigures m_dayFigures;
};

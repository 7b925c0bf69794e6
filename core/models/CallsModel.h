#pragma once

#include "core/calls/CallInfo.h"
#include "core/models/KeyedRowStore.h"
#include "core/models/PartyNames.h"

#include <QAbstractTableModel>

// Every live Stasis call (SPEC UI-5): channel id, channel name, caller, application, the current
// state of its state machine and since when. A mirror of the core's CallTracker, fed by its
// signals (queued across threads), one row change per signal; never a reset. Lives on the GUI
// thread.
class CallsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CallsModel)

public:
    enum Column {
        ChannelColumn,
        NameColumn,
        CallerColumn,
        ApplicationColumn,
        StateColumn,
        SinceColumn,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role {
        ChannelIdRole = Qt::UserRole + 1, // QString
        ApplicationRole,                  // QString
        StateRole,                        // QString
        StartedRole,                      // QDateTime
        StateSinceRole,                   // QDateTime
        SortRole,
    };

    explicit CallsModel(QObject *parent = nullptr);
    ~CallsModel() override;

    int rowOf(const QString &channelId) const { return m_rows.rowOf(channelId); }
    // The name of the party on `channelId` (PartyNames); empty when the call is not here.
    QString partyName(const QString &channelId) const;
    const PartyNames &partyNames() const { return m_names; }
    void setPartyNames(const PartyNames &names);
    CallInfo call(int row) const { return m_rows.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

public Q_SLOTS:
    void addCall(const CallInfo &info);
    void changeState(const CallTransition &transition);
    void removeCall(const CallInfo &info);
    void removeChannel(const QString &channelId);
    void clear();

private:
    KeyedRowStore<CallInfo> m_rows;
    PartyNames m_names;
};

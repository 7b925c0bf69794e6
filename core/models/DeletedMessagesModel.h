#pragma once

#include "core/voicemail/VoicemailMessage.h"

#include <QAbstractTableModel>
#include <QList>

// The voicemail trash (SPEC VM-3): every deleted message that can still be restored, one row each,
// in the order they were deleted. A mirror of the core's trash, fed by its signals (trashAdded,
// trashRemoved); a message's name is its trash recording's name. Deletes and restores are a
// supervisor's actions, not events: a removal looks the row up in the list. Lives on the GUI
// thread.
class DeletedMessagesModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DeletedMessagesModel)

public:
    enum Column { MailboxColumn, ReceivedColumn, CallerColumn, DeletedColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        RecordingNameRole = Qt::UserRole + 1, // QString: the trash recording's name
        MailboxRole, // QString
        SortRole,
    };

    explicit DeletedMessagesModel(QObject *parent = nullptr);
    ~DeletedMessagesModel() override;

    const QList<VoicemailMessage> &messages() const { return m_messages; }
    int rowOf(const QString &trashName) const; // -1 when absent

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

public Q_SLOTS:
    void addMessage(const VoicemailMessage &message);
    void removeMessage(const VoicemailMessage &message);
    void clear();

private:
    QList<VoicemailMessage> m_messages;
};

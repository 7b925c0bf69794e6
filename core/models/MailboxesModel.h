#pragma once

#include "core/voicemail/VoicemailMessage.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QSet>

#include <memory>
#include <vector>

// Every mailbox and its messages, as a tree (SPEC UI-2): mailboxes at the top (in name order,
// numbers compared as numbers: 30 before 305), their messages below in time order: received time
// (the first column: it names the message), number, duration and format. A mirror of the core's VoicemailStore, fed by its signals
// (queued across threads: they carry values and the row of each change), one fine-grained
// insertion or removal per change, never a reset: 10,000 messages in 500 mailboxes stay cheap.
// Lives on the GUI thread.
class MailboxesModel final : public QAbstractItemModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MailboxesModel)

public:
    // CallerColumn: a message's caller id; a mailbox's new/old counts (SPEC VM-1, VM-5).
    enum Column { NameColumn, NumberColumn, DurationColumn, FormatColumn, RecordingColumn, CallerColumn, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        IsMailboxRole = Qt::UserRole + 1, // bool
        MailboxRole,                      // QString
        RecordingNameRole,                // QString (messages only)
        NumberRole,                       // int, 1-based (messages only)
        ReceivedRole,                     // QDateTime
        DurationMsRole,                   // qint64, -1 unknown
        MessageCountRole,                 // int (mailboxes only)
        SortRole,                         // what the column sorts by
        HeardRole,                        // bool (messages only)
        NewCountRole,                     // int, messages not heard (mailboxes only)
        IsNewRole,                        // bool: a message not heard, a mailbox with one (SPEC VM-5)
    };

    explicit MailboxesModel(QObject *parent = nullptr);
    ~MailboxesModel() override;

    int mailboxCount() const { return static_cast<int>(m_mailboxes.size()); }
    int messageCount() const { return m_messageCount; }
    // Messages not heard yet, in every mailbox (the sum of the mailboxes' "N new").
    int newMessageCount() const { return m_newMessageCount; }
    int newCount(const QString &mailbox) const;
    // "Alice Example (2001)", the number alone, or "unknown caller".
    static QString callerText(const VoicemailMessage &message);
    QModelIndex mailboxIndex(const QString &mailbox, int column = 0) const;
    QModelIndex messageIndex(const QString &recordingName, int column = 0) const;
    // Messages of a mailbox whose length is not known yet (to ask the core for them).
    QStringList messagesWithoutDuration(const QString &mailbox) const;
    // The rows as values (a snapshot of the model): the mailbox of a top-level row, and the
    // message of a row of that mailbox with its length in ms (-1 unknown).
    QString mailboxAt(int row) const { return m_mailboxes.at(static_cast<size_t>(row))->name; }
    VoicemailMessage messageAt(int mailboxRow, int row, qint64 *durationMs = nullptr) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Numbers as numbers ("30" < "305" < "1000"), then text.
    static bool mailboxLess(const QString &a, const QString &b);

public Q_SLOTS:
    void addMailbox(const QString &mailbox);
    void removeMailbox(const QString &mailbox);
    void addMessage(const VoicemailMessage &message, int row);
    void removeMessage(const VoicemailMessage &message, int row);
    void changeMessage(const VoicemailMessage &message, int row);
    // A length learned by the supervisor (from the stored file), in ms.
    void setDuration(const QString &recordingName, qint64 durationMs);
    void clear();

private:
    struct Message
    {
        VoicemailMessage message;
        qint64 durationMs = -1;
    };
    struct Mailbox
    {
        QString name;
        QList<Message> messages;
        int newCount = 0; // messages not heard, kept as they change
    };

    int mailboxRow(const QString &mailbox) const;  // -1 when absent
    int insertionRow(const QString &mailbox) const;
    int messageRow(const Mailbox &mailbox, const QString &recordingName, int hint) const;
    static qint64 durationOf(const VoicemailMessage &message);
    QVariant mailboxData(const Mailbox &mailbox, int column, int role) const;
    QVariant messageData(const Message &message, int row, int column, int role) const;

    std::vector<std::unique_ptr<Mailbox>> m_mailboxes; // sorted by mailboxLess
    QHash<QString, Mailbox *> m_byName;
    QHash<QString, qint64> m_learnedDurations; // recording name → ms, learned before or after the message
    int m_messageCount = 0;
    int m_newMessageCount = 0;
};

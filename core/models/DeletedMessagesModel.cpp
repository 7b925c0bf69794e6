#include "core/models/DeletedMessagesModel.h"

#include "core/models/MailboxesModel.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace {
QString timeText(qint64 ms)
{
    return ms < 0 ? QString() : QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s);
}
} // namespace

DeletedMessagesModel::DeletedMessagesModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

DeletedMessagesModel::~DeletedMessagesModel() = default;

int DeletedMessagesModel::rowOf(const QString &trashName) const
{
    for (qsizetype row = 0; row < m_messages.size(); ++row) {
        if (m_messages.at(row).name == trashName)
            return int(row);
    }
    return -1;
}

int DeletedMessagesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_messages.size());
}

int DeletedMessagesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeletedMessagesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_messages.size())
        return {};
    const VoicemailMessage &message = m_messages.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case MailboxColumn:
            return message.mailbox;
        case ReceivedColumn:
            return message.receivedMs < 0 ? message.id : timeText(message.receivedMs);
        case CallerColumn:
            return MailboxesModel::callerText(message);
        case DeletedColumn:
            return timeText(message.deletedMs);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return message.name;
    case Qt::AccessibleTextRole:
        return tr("Deleted message of mailbox %1 from %2").arg(message.mailbox, MailboxesModel::callerText(message));
    case RecordingNameRole:
        return message.name;
    case MailboxRole:
        return message.mailbox;
    case SortRole:
        switch (index.column()) {
        case ReceivedColumn:
            return message.receivedMs;
        case DeletedColumn:
            return message.deletedMs;
        default:
            return data(index, Qt::DisplayRole);
        }
    default:
        return {};
    }
}

QVariant DeletedMessagesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case MailboxColumn:
        return tr("Mailbox");
    case ReceivedColumn:
        return tr("Received");
    case CallerColumn:
        return tr("Caller");
    case DeletedColumn:
        return tr("Deleted");
    default:
        return {};
    }
}

void DeletedMessagesModel::addMessage(const VoicemailMessage &message)
{
    if (message.name.isEmpty() || rowOf(message.name) >= 0)
        return;
    const int row = int(m_messages.size());
    beginInsertRows({}, row, row);
    m_messages.append(message);
    endInsertRows();
}

void DeletedMessagesModel::removeMessage(const VoicemailMessage &message)
{
    const int row = rowOf(message.name);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_messages.removeAt(row);
    endRemoveRows();
}

void DeletedMessagesModel::clear()
{
    if (m_messages.isEmpty())
        return;
    beginResetModel();
    m_messages.clear();
    endResetModel();
}

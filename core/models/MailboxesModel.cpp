#include "core/models/MailboxesModel.h"

#include "core/models/PlaybacksModel.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

bool isDigits(const QString &text)
{
    return !text.isEmpty() && std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.isDigit(); });
}

} // namespace

MailboxesModel::MailboxesModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

MailboxesModel::~MailboxesModel() = default;

bool MailboxesModel::mailboxLess(const QString &a, const QString &b)
{
    const bool aNumber = isDigits(a);
    const bool bNumber = isDigits(b);
    if (aNumber && bNumber) {
        // Compare as numbers without converting (mailboxes may be 64 digits long).
        QStringView x(a), y(b);
        while (x.size() > 1 && x.front() == u'0')
            x = x.mid(1);
        while (y.size() > 1 && y.front() == u'0')
            y = y.mid(1);
        if (x.size() != y.size())
            return x.size() < y.size();
        const int byValue = x.compare(y);
        return byValue != 0 ? byValue < 0 : a < b;
    }
    if (aNumber != bNumber)
        return aNumber; // numbers first
    const int folded = a.compare(b, Qt::CaseInsensitive);
    return folded != 0 ? folded < 0 : a < b;
}

int MailboxesModel::mailboxRow(const QString &mailbox) const
{
    const auto it = std::lower_bound(m_mailboxes.cbegin(), m_mailboxes.cend(), mailbox,
                                     [](const std::unique_ptr<Mailbox> &node, const QString &name) {
                                         return mailboxLess(node->name, name);
                                     });
    if (it == m_mailboxes.cend() || (*it)->name != mailbox)
        return -1;
    return static_cast<int>(it - m_mailboxes.cbegin());
}

int MailboxesModel::insertionRow(const QString &mailbox) const
{
    const auto it = std::lower_bound(m_mailboxes.cbegin(), m_mailboxes.cend(), mailbox,
                                     [](const std::unique_ptr<Mailbox> &node, const QString &name) {
                                         return mailboxLess(node->name, name);
                                     });
    return static_cast<int>(it - m_mailboxes.cbegin());
}

int MailboxesModel::messageRow(const Mailbox &mailbox, const QString &recordingName, int hint) const
{
    if (hint >= 0 && hint < mailbox.messages.size() && mailbox.messages.at(hint).message.name == recordingName)
        return hint;
    for (int row = 0; row < mailbox.messages.size(); ++row) {
        if (mailbox.messages.at(row).message.name == recordingName)
            return row;
    }
    return -1;
}

QModelIndex MailboxesModel::mailboxIndex(const QString &mailbox, int column) const
{
    const int row = mailboxRow(mailbox);
    return row < 0 ? QModelIndex() : createIndex(row, column, nullptr);
}

QModelIndex MailboxesModel::messageIndex(const QString &recordingName, int column) const
{
    const std::optional<VoicemailMessage> parsed = VoicemailMessage::fromRecording(recordingName, {});
    if (!parsed)
        return {};
    Mailbox *mailbox = m_byName.value(parsed->mailbox);
    if (!mailbox)
        return {};
    const int row = messageRow(*mailbox, recordingName, -1);
    return row < 0 ? QModelIndex() : createIndex(row, column, mailbox);
}

QStringList MailboxesModel::messagesWithoutDuration(const QString &mailbox) const
{
    QStringList names;
    const Mailbox *node = m_byName.value(mailbox);
    if (!node)
        return names;
    for (const Message &message : node->messages) {
        if (message.durationMs < 0)
            names.append(message.message.name);
    }
    return names;
}

QModelIndex MailboxesModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (!parent.isValid()) {
        if (row >= mailboxCount())
            return {};
        return createIndex(row, column, nullptr);
    }
    if (parent.internalPointer() || parent.column() != 0 || parent.row() >= mailboxCount())
        return {};
    Mailbox *mailbox = m_mailboxes.at(static_cast<size_t>(parent.row())).get();
    if (row >= mailbox->messages.size())
        return {};
    return createIndex(row, column, mailbox);
}

QModelIndex MailboxesModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || !child.internalPointer())
        return {};
    const auto *mailbox = static_cast<const Mailbox *>(child.internalPointer());
    const int row = mailboxRow(mailbox->name);
    return row < 0 ? QModelIndex() : createIndex(row, 0, nullptr);
}

int MailboxesModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return mailboxCount();
    if (parent.internalPointer() || parent.column() != 0 || parent.row() >= mailboxCount())
        return 0;
    return static_cast<int>(m_mailboxes.at(static_cast<size_t>(parent.row()))->messages.size());
}

int MailboxesModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool MailboxesModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

VoicemailMessage MailboxesModel::messageAt(int mailboxRow, int row, qint64 *durationMs) const
{
    const Message &entry = m_mailboxes.at(static_cast<size_t>(mailboxRow))->messages.at(row);
    if (durationMs)
        *durationMs = entry.durationMs;
    return entry.message;
}

qint64 MailboxesModel::durationOf(const VoicemailMessage &message)
{
    return message.durationSeconds ? qint64(*message.durationSeconds) * 1000 : -1;
}

QVariant MailboxesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.column() >= ColumnCount)
        return {};
    if (!index.internalPointer()) {
        if (index.row() >= mailboxCount())
            return {};
        return mailboxData(*m_mailboxes.at(static_cast<size_t>(index.row())), index.column(), role);
    }
    const auto *mailbox = static_cast<const Mailbox *>(index.internalPointer());
    if (index.row() >= mailbox->messages.size())
        return {};
    return messageData(mailbox->messages.at(index.row()), index.row(), index.column(), role);
}

QVariant MailboxesModel::mailboxData(const Mailbox &mailbox, int column, int role) const
{
    const int count = static_cast<int>(mailbox.messages.size());
    const QDateTime newest = count > 0 ? mailbox.messages.constLast().message.received() : QDateTime();
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn:
            return mailbox.name;
        case NumberColumn:
            return count;
        case RecordingColumn:
            return newest.isValid()
                ? tr("newest %1").arg(newest.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s))
                : QString();
        case CallerColumn:
            return tr("%1 new, %2 old").arg(mailbox.newCount).arg(count - mailbox.newCount);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return tr("Mailbox %1: %n message(s)", nullptr, count).arg(mailbox.name);
    case Qt::AccessibleTextRole:
        return tr("Mailbox %1, %n message(s)", nullptr, count).arg(mailbox.name);
    case IsMailboxRole:
        return true;
    case MailboxRole:
        return mailbox.name;
    case MessageCountRole:
        return count;
    case NewCountRole:
        return mailbox.newCount;
    case IsNewRole:
        return mailbox.newCount > 0;
    case ReceivedRole:
        return newest;
    case SortRole:
        if (column == RecordingColumn)
            return newest.isValid() ? newest.toMSecsSinceEpoch() : qint64(-1);
        if (column == NumberColumn)
            return count;
        return mailbox.name;
    default:
        return {};
    }
}

QVariant MailboxesModel::messageData(const Message &entry, int row, int column, int role) const
{
    const VoicemailMessage &message = entry.message;
    const int number = row + 1;
    switch (role) {
    case Qt::DisplayRole:
        switch (column) {
        case NameColumn: {
            const QDateTime received = message.received();
            return received.isValid() ? received.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s) : message.id;
        }
        case NumberColumn:
            return number;
        case DurationColumn:
            return entry.durationMs < 0 ? QString() : PlaybacksModel::formatDuration(entry.durationMs);
        case FormatColumn:
            return message.format;
        case RecordingColumn:
            return message.name;
        case CallerColumn:
            return callerText(message);
        default:
            return {};
        }
    case HeardRole:
        return message.heard;
    case IsNewRole:
        return !message.heard;
    case Qt::ToolTipRole:
        return message.name;
    case Qt::AccessibleTextRole:
        return tr("Message %1 of mailbox %2").arg(number).arg(message.mailbox);
    case IsMailboxRole:
        return false;
    case MailboxRole:
        return message.mailbox;
    case RecordingNameRole:
        return message.name;
    case NumberRole:
        return number;
    case ReceivedRole:
        return message.received();
    case DurationMsRole:
        return entry.durationMs;
    case SortRole:
        switch (column) {
        case NameColumn:
            return message.receivedMs;
        case NumberColumn:
            return number;
        case DurationColumn:
            return entry.durationMs;
        case FormatColumn:
            return message.format;
        case CallerColumn:
            return callerText(message);
        default:
            return message.name;
        }
    default:
        return {};
    }
}

QVariant MailboxesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractItemModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Mailbox / received");
    case NumberColumn:
        return tr("Number");
    case DurationColumn:
        return tr("Duration");
    case FormatColumn:
        return tr("Format");
    case RecordingColumn:
        return tr("Recording");
    case CallerColumn:
        return tr("Caller");
    default:
        return {};
    }
}

int MailboxesModel::newCount(const QString &mailbox) const
{
    const Mailbox *found = m_byName.value(mailbox);
    return found ? found->newCount : 0;
}

QString MailboxesModel::callerText(const VoicemailMessage &message)
{
    if (!message.callerName.isEmpty() && !message.callerNumber.isEmpty())
        return tr("%1 (%2)").arg(message.callerName, message.callerNumber);
    if (!message.callerNumber.isEmpty())
        return message.callerNumber;
    if (!message.callerName.isEmpty())
        return message.callerName;
    return tr("unknown caller");
}

void MailboxesModel::addMailbox(const QString &mailbox)
{
    if (mailbox.isEmpty() || m_byName.contains(mailbox))
        return;
    const int row = insertionRow(mailbox);
    auto node = std::make_unique<Mailbox>();
    node->name = mailbox;
    beginInsertRows({}, row, row);
    m_byName.insert(mailbox, node.get());
    m_mailboxes.insert(m_mailboxes.begin() + row, std::move(node));
    endInsertRows();
}

void MailboxesModel::removeMailbox(const QString &mailbox)
{
    const int row = mailboxRow(mailbox);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_messageCount -= static_cast<int>(m_mailboxes.at(static_cast<size_t>(row))->messages.size());
    m_newMessageCount -= m_mailboxes.at(static_cast<size_t>(row))->newCount;
    m_byName.remove(mailbox);
    m_mailboxes.erase(m_mailboxes.begin() + row);
    endRemoveRows();
}

void MailboxesModel::addMessage(const VoicemailMessage &message, int row)
{
    if (message.mailbox.isEmpty() || message.name.isEmpty())
        return;
    addMailbox(message.mailbox);
    Mailbox *mailbox = m_byName.value(message.mailbox);
    if (messageRow(*mailbox, message.name, row) >= 0) {
        changeMessage(message, row);
        return;
    }
    const int count = static_cast<int>(mailbox->messages.size());
    // The store's row; a stale one (it cannot be, signals arrive in order) would still be kept in range.
    row = std::clamp(row, 0, count);
    const QModelIndex parent = mailboxIndex(message.mailbox);
    Message entry{message, durationOf(message)};
    if (entry.durationMs < 0)
        entry.durationMs = m_learnedDurations.value(message.name, -1);
    beginInsertRows(parent, row, row);
    mailbox->messages.insert(row, entry);
    ++m_messageCount;
    if (!message.heard) {
        ++mailbox->newCount;
        ++m_newMessageCount;
    }
    endInsertRows();
    // The numbers of the later messages moved on, and the mailbox's count changed.
    if (row + 1 <= count)
        Q_EMIT dataChanged(index(row + 1, NumberColumn, parent), index(count, NumberColumn, parent));
    Q_EMIT dataChanged(index(parent.row(), 0), index(parent.row(), ColumnCount - 1));
}

void MailboxesModel::removeMessage(const VoicemailMessage &message, int row)
{
    Mailbox *mailbox = m_byName.value(message.mailbox);
    if (!mailbox)
        return;
    row = messageRow(*mailbox, message.name, row);
    if (row < 0)
        return;
    const QModelIndex parent = mailboxIndex(message.mailbox);
    beginRemoveRows(parent, row, row);
    if (!mailbox->messages.at(row).message.heard) {
        --mailbox->newCount;
        --m_newMessageCount;
    }
    mailbox->messages.removeAt(row);
    --m_messageCount;
    endRemoveRows();
    m_learnedDurations.remove(message.name);
    const int count = static_cast<int>(mailbox->messages.size());
    if (row < count)
        Q_EMIT dataChanged(index(row, NumberColumn, parent), index(count - 1, NumberColumn, parent));
    Q_EMIT dataChanged(index(parent.row(), 0), index(parent.row(), ColumnCount - 1));
}

void MailboxesModel::changeMessage(const VoicemailMessage &message, int row)
{
    Mailbox *mailbox = m_byName.value(message.mailbox);
    if (!mailbox)
        return;
    row = messageRow(*mailbox, message.name, row);
    if (row < 0)
        return;
    Message &entry = mailbox->messages[row];
    const bool heardChanged = entry.message.heard != message.heard;
    if (heardChanged) {
        mailbox->newCount += message.heard ? -1 : 1;
        m_newMessageCount += message.heard ? -1 : 1;
    }
    entry.message = message;
    const qint64 duration = durationOf(message);
    if (duration >= 0)
        entry.durationMs = duration;
    const QModelIndex parent = mailboxIndex(message.mailbox);
    Q_EMIT dataChanged(index(row, 0, parent), index(row, ColumnCount - 1, parent));
    if (heardChanged) // the mailbox's new/old counts
        Q_EMIT dataChanged(index(parent.row(), 0), index(parent.row(), ColumnCount - 1));
}

void MailboxesModel::setDuration(const QString &recordingName, qint64 durationMs)
{
    if (durationMs < 0)
        return;
    m_learnedDurations.insert(recordingName, durationMs);
    const QModelIndex found = messageIndex(recordingName, DurationColumn);
    if (!found.isValid())
        return;
    auto *mailbox = static_cast<Mailbox *>(found.internalPointer());
    mailbox->messages[found.row()].durationMs = durationMs;
    Q_EMIT dataChanged(found, found);
}

void MailboxesModel::clear()
{
    if (m_mailboxes.empty())
        return;
    beginRemoveRows({}, 0, mailboxCount() - 1);
    m_mailboxes.clear();
    m_byName.clear();
    m_messageCount = 0;
    m_newMessageCount = 0;
    endRemoveRows();
}

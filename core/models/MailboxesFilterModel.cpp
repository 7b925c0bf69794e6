#include "core/models/MailboxesFilterModel.h"

#include "core/models/MailboxesModel.h"

MailboxesFilterModel::MailboxesFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(MailboxesModel::SortRole);
}

MailboxesFilterModel::~MailboxesFilterModel() = default;

void MailboxesFilterModel::setMailboxFilter(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_filter)
        return;
    m_filter = trimmed;
    invalidateFilter();
}

void MailboxesFilterModel::setExact(bool exact)
{
    if (exact == m_exact)
        return;
    m_exact = exact;
    invalidateFilter();
}

bool MailboxesFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid())
        return true; // a message shows with its mailbox
    if (m_filter.isEmpty())
        return true;
    const QString mailbox =
        sourceModel()->data(sourceModel()->index(sourceRow, 0, sourceParent), MailboxesModel::MailboxRole).toString();
    return m_exact ? mailbox == m_filter : mailbox.contains(m_filter, Qt::CaseInsensitive);
}

bool MailboxesFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const bool mailboxes = left.data(MailboxesModel::IsMailboxRole).toBool();
    if (mailboxes && left.column() == MailboxesModel::NameColumn)
        return MailboxesModel::mailboxLess(left.data(MailboxesModel::MailboxRole).toString(),
                                           right.data(MailboxesModel::MailboxRole).toString());
    const QVariant a = left.data(MailboxesModel::SortRole);
    const QVariant b = right.data(MailboxesModel::SortRole);
    int order = 0;
    if (a.typeId() == QMetaType::QString || b.typeId() == QMetaType::QString)
        order = a.toString().compare(b.toString(), Qt::CaseInsensitive);
    else
        order = a.toLongLong() < b.toLongLong() ? -1 : (b.toLongLong() < a.toLongLong() ? 1 : 0);
    if (order != 0)
        return order < 0;
    // Ties: mailboxes by name, messages in time order.
    if (mailboxes)
        return MailboxesModel::mailboxLess(left.data(MailboxesModel::MailboxRole).toString(),
                                           right.data(MailboxesModel::MailboxRole).toString());
    return left.row() < right.row();
}

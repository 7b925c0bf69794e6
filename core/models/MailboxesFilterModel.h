#pragma once

#include <QSortFilterProxyModel>

// Sorting and filtering of the MailboxesModel by mailbox (SPEC UI-2). The filter keeps the
// mailboxes whose name contains the text (an exact match when `exact`), each with all its
// messages. Sorting uses the model's SortRole: mailboxes by name (numbers as numbers), message
// count or newest message; messages by time, number, duration or format.
class MailboxesFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MailboxesFilterModel)

public:
    explicit MailboxesFilterModel(QObject *parent = nullptr);
    ~MailboxesFilterModel() override;

    QString mailboxFilter() const { return m_filter; }
    bool isExact() const { return m_exact; }

public Q_SLOTS:
    void setMailboxFilter(const QString &text);
    void setExact(bool exact);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_filter;
    bool m_exact = false;
};

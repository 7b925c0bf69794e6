#pragma once

#include <QWidget>

class CallsModel;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

// Every live Stasis call with its application and the current state of its state machine
// (SPEC UI-5), sortable and filterable by any text.
class CallsView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CallsView)

public:
    explicit CallsView(CallsModel *model, QWidget *parent = nullptr);
    ~CallsView() override;

    QTableView *table() const { return m_table; }

private:
    void updateCount();

    CallsModel *m_model;
    QSortFilterProxyModel *m_filter = nullptr;
    QLineEdit *m_filterText = nullptr;
    QTableView *m_table = nullptr;
    QLabel *m_count = nullptr;
};

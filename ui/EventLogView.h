#pragma once

#include <QWidget>

class EventLogFilterModel;
class EventLogModel;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

// The event log pane (SPEC UI-6): a table over the core's EventLogModel through a filter by
// level, source and text, with the number of lines shown (and a word when the filter hides them
// all). Follows new lines while scrolled to the bottom.
class EventLogView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLogView)

public:
    explicit EventLogView(EventLogModel *model, QWidget *parent = nullptr);
    ~EventLogView() override;

    EventLogFilterModel *filter() const { return m_filter; }
    QTableView *table() const { return m_table; }

private:
    void updateCategories();
    void updateCount();

    EventLogModel *m_model;
    EventLogFilterModel *m_filter = nullptr;
    QTableView *m_table = nullptr;
    QComboBox *m_level = nullptr;
    QComboBox *m_category = nullptr;
    QLineEdit *m_text = nullptr;
    QCheckBox *m_follow = nullptr;
    QPushButton *m_clear = nullptr;
    QLabel *m_count = nullptr;
};

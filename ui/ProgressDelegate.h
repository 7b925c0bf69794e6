#pragma once

#include <QStyledItemDelegate>

// Draws a progress bar in a cell from two roles of the model: a per-mille value (0…1000, or -1
// when the length is unknown: an empty bar showing only the elapsed time) and the text to show.
class ProgressDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProgressDelegate)

public:
    explicit ProgressDelegate(int permilleRole, QObject *parent = nullptr);
    ~ProgressDelegate() override;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_permilleRole;
};

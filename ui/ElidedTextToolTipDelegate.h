#pragma once

#include <QStyledItemDelegate>

// Draws cells as usual (text that does not fit is elided by the view) and, when a cell's text is
// elided, shows the whole text as its tooltip, followed by the model's own tooltip if it has one
// (SPEC UX-7: narrow windows lose no information).
class ElidedTextToolTipDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ElidedTextToolTipDelegate)

public:
    explicit ElidedTextToolTipDelegate(QObject *parent = nullptr);
    ~ElidedTextToolTipDelegate() override;

    // Cells whose `role` is true are drawn bold (e.g. new voicemail messages); -1: none.
    void setBoldRole(int role) { m_boldRole = role; }

    // Whether the display text of `index` fits in `rect` as drawn by this delegate in `view`.
    bool textFits(const QStyleOptionViewItem &option, const QModelIndex &index) const;

    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
        const QModelIndex &index) override;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;

private:
    int m_boldRole = -1;
};

#include "ui/ElidedTextToolTipDelegate.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QHelpEvent>
#include <QStyle>
#include <QToolTip>

using namespace Qt::StringLiterals;

ElidedTextToolTipDelegate::ElidedTextToolTipDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

ElidedTextToolTipDelegate::~ElidedTextToolTipDelegate() = default;

void ElidedTextToolTipDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (m_boldRole >= 0 && index.data(m_boldRole).toBool()) {
        option->font.setBold(true);
        option->fontMetrics = QFontMetrics(option->font);
    }
}

bool ElidedTextToolTipDelegate::textFits(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem item = option;
    initStyleOption(&item, index);
    if (item.text.isEmpty())
        return true;
    const QStyle *style = item.widget ? item.widget->style() : QApplication::style();
    const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &item, item.widget);
    // The style leaves a margin on both sides of the text.
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, item.widget) + 1;
    return item.fontMetrics.horizontalAdvance(item.text) + 2 * margin <= textRect.width();
}

bool ElidedTextToolTipDelegate::helpEvent(
    QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (!event || !view || event->type() != QEvent::ToolTip || !index.isValid())
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    if (textFits(option, index))
        return QStyledItemDelegate::helpEvent(event, view, option, index);
    const QString text = index.data(Qt::DisplayRole).toString();
    const QString own = index.data(Qt::ToolTipRole).toString();
    // Shown as plain text whatever it contains (server-supplied names may look like markup).
    const QString plain = own.isEmpty() ? text : text + u"\n\n"_s + own;
    QToolTip::showText(event->globalPos(),
        u"<p style=\"white-space:pre\">"_s + plain.toHtmlEscaped().replace(u'\n', u"<br>"_s) + u"</p>"_s, view);
    return true;
}

#include "ui/TableColumns.h"

#include "ui/ElidedTextToolTipDelegate.h"

#include <QAbstractItemView>
#include <QHeaderView>

#include <algorithm>

using namespace Qt::StringLiterals;

void TableColumns::prepare(QAbstractItemView *view, QHeaderView *header)
{
    view->setItemDelegate(new ElidedTextToolTipDelegate(view));
    view->setTextElideMode(Qt::ElideRight);
    header->setStretchLastSection(false);
    header->setMinimumSectionSize(view->fontMetrics().horizontalAdvance(u"0000"_s));
}

void TableColumns::fit(QHeaderView *header, int column, const QString &sample)
{
    // Room for the cell's margins, and in the header for the sort arrow.
    const int cell = header->fontMetrics().horizontalAdvance(sample) + 16;
    const QString title
        = header->model() ? header->model()->headerData(column, header->orientation()).toString() : QString();
    const int heading = header->fontMetrics().horizontalAdvance(title) + 28;
    header->setSectionResizeMode(column, QHeaderView::Interactive);
    header->resizeSection(column, std::max(cell, heading));
}

void TableColumns::stretch(QHeaderView *header, std::initializer_list<int> columns)
{
    for (int column : columns)
        header->setSectionResizeMode(column, QHeaderView::Stretch);
}

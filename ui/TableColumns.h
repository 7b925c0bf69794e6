#pragma once

#include <QString>

#include <initializer_list>

class QAbstractItemView;
class QHeaderView;

// Column widths that keep every column of a table in sight in a small window (SPEC UX-7). Short
// columns (numbers, times, states) get a width measured from a sample of their text in the view's
// font, wide enough for their header too; text columns share the rest of the width and elide
// what does not fit, the whole text shown in a tooltip (ElidedTextToolTipDelegate).
class TableColumns final
{
public:
    // The eliding delegate with its tooltips, no stretched last section (the text columns stretch).
    static void prepare(QAbstractItemView *view, QHeaderView *header);
    // `column` as wide as `sample` (or its header, if wider), resizable by the user.
    static void fit(QHeaderView *header, int column, const QString &sample);
    // These columns share the width the others leave.
    static void stretch(QHeaderView *header, std::initializer_list<int> columns);
};

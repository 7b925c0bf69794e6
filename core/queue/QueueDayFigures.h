#pragma once

#include <QDate>
#include <QMetaType>

// The calls of the queue on one day, the service's local day (SPEC UX-3): answered (a caller
// connected to an agent) and abandoned (a caller who hung up while waiting, or once matched with an
// agent but before being connected). A value.
struct QueueDayFigures
{
    QDate day; // invalid: nothing counted yet
    int answered = 0;
    int abandoned = 0;

    bool operator==(const QueueDayFigures &) const = default;
};

Q_DECLARE_METATYPE(QueueDayFigures)

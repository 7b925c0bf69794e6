#include "core/config/WaitThresholds.h"

#include <QObject>
#include <QSettings>

using namespace Qt::StringLiterals;

QString WaitThresholds::problem() const
{
    if (warningSeconds < 1 || alertSeconds < 1)
        return QObject::tr("Give each threshold at least one second.");
    if (alertSeconds < warningSeconds)
        return QObject::tr("The alert comes at or after the warning: make it %1 s or more.").arg(warningSeconds);
    return {};
}

WaitThresholds WaitThresholds::load(QSettings &settings)
{
    WaitThresholds thresholds;
    WaitThresholds read;
    read.warningSeconds = settings.value(u"alerts/waitWarningSeconds"_s, thresholds.warningSeconds).toInt();
    read.alertSeconds = settings.value(u"alerts/waitAlertSeconds"_s, thresholds.alertSeconds).toInt();
    // A hand-edited file with nonsense in it: the defaults.
    return read.problem().isEmpty() ? read : thresholds;
}

void WaitThresholds::save(QSettings &settings) const
{
    settings.setValue(u"alerts/waitWarningSeconds"_s, warningSeconds);
    settings.setValue(u"alerts/waitAlertSeconds"_s, alertSeconds);
    settings.sync();
}

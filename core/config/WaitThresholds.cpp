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
    if (abandonedWarningPercent < 0 || abandonedAlertPercent > 100 || abandonedAlertPercent < abandonedWarningPercent)
        return QObject::tr("The shares of abandoned calls go from 0 to 100 %, the alert at or after the warning.");
    return {};
}

WaitThresholds WaitThresholds::load(QSettings &settings)
{
    WaitThresholds thresholds;
    WaitThresholds read;
    read.warningSeconds = settings.value(u"alerts/waitWarningSeconds"_s, thresholds.warningSeconds).toInt();
    read.alertSeconds = settings.value(u"alerts/waitAlertSeconds"_s, thresholds.alertSeconds).toInt();
    read.abandonedWarningPercent
        = settings.value(u"alerts/abandonedWarningPercent"_s, thresholds.abandonedWarningPercent).toInt();
    read.abandonedAlertPercent
        = settings.value(u"alerts/abandonedAlertPercent"_s, thresholds.abandonedAlertPercent).toInt();
    // A hand-edited file with nonsense in it: the defaults.
    return read.problem().isEmpty() ? read : thresholds;
}

void WaitThresholds::save(QSettings &settings) const
{
    settings.setValue(u"alerts/waitWarningSeconds"_s, warningSeconds);
    settings.setValue(u"alerts/waitAlertSeconds"_s, alertSeconds);
    settings.setValue(u"alerts/abandonedWarningPercent"_s, abandonedWarningPercent);
    settings.setValue(u"alerts/abandonedAlertPercent"_s, abandonedAlertPercent);
    settings.sync();
}

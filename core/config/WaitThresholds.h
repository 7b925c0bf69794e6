#pragma once

#include <QString>
#include <QtGlobal>

class QSettings;

// How long a caller may wait before the window colours the wait orange (warning) and red, and
// notifies the desktop (alert), and the share of abandoned calls coloured alike (SPEC UX-3, UX-5).
// Kept in the window's QSettings (group "alerts"), changed in the settings dialog.
struct WaitThresholds
{
    int warningSeconds = 60;
    int alertSeconds = 120;
    // The calls abandoned today, as a share of those answered or abandoned, in percent: orange
    // from the first, red from the second (keys alerts/abandonedWarningPercent, …AlertPercent).
    int abandonedWarningPercent = 10;
    int abandonedAlertPercent = 20;

    // Empty when usable; else what is wrong.
    QString problem() const;
    static WaitThresholds load(QSettings &settings);
    void save(QSettings &settings) const;
    bool operator==(const WaitThresholds &) const = default;
};

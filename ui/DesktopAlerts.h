#pragma once

#include "core/supervisor/AlertThrottle.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>

class SupervisorAccess;

// Desktop notifications (SPEC UX-5): a caller who has waited past the alert threshold, a new
// voicemail, the connection (or the service) lost. Kept few by an AlertThrottle: what comes
// within the interval after a notification is told with one notification at the interval's end
// (the latest alert, and how many others there were). Shown through `Notifier` (the window's tray
// icon; nothing when there is no tray).
class DesktopAlerts final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DesktopAlerts)

public:
    using Notifier = std::function<void(const QString &title, const QString &message)>;
    using Clock = std::function<qint64()>; // ms since the epoch

    DesktopAlerts(SupervisorAccess *access, Notifier notifier, QObject *parent = nullptr);
    ~DesktopAlerts() override;

    void setNotifier(Notifier notifier);
    void setClock(Clock clock);
    void setIntervalMs(qint64 ms);
    // Tells what was held back, if its time has come (the timer calls it).
    void flushHeldBack();

private:
    void alert(const QString &title, const QString &message);
    static QString othersText(int others);
    void onConnectionChanged();
    void onAccessChanged();

    SupervisorAccess *m_access;
    Notifier m_notifier;
    Clock m_clock;
    AlertThrottle m_throttle;
    QTimer m_flush;
    QString m_heldTitle;
    QString m_heldMessage;
    bool m_wasConnected = false;
    bool m_wasAvailable = true;
};

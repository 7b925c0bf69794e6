#include "ui/DesktopAlerts.h"

#include "core/models/CallCentreSummary.h"
#include "core/models/ConnectionStatus.h"
#include "core/models/PlaybacksModel.h"
#include "core/supervisor/SupervisorAccess.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

DesktopAlerts::DesktopAlerts(SupervisorAccess *access, Notifier notifier, QObject *parent)
    : QObject(parent)
    , m_access(access)
    , m_notifier(std::move(notifier))
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
{
    m_flush.setSingleShot(true);
    connect(&m_flush, &QTimer::timeout, this, &DesktopAlerts::flushHeldBack);
    CallCentreSummary *summary = m_access->summary();
    connect(summary, &CallCentreSummary::callerWaitingLong, this,
        [this](const QString &, const QString &callerName, qint64 waitedMs) {
            alert(tr("Caller waiting"),
                tr("%1 has waited %2 in the queue").arg(callerName, PlaybacksModel::formatDuration(waitedMs)));
        });
    connect(summary, &CallCentreSummary::voicemailArrived, this,
        [this](const QString &mailbox, const QString &, const QDateTime &received) {
            alert(tr("New voicemail"),
                tr("Mailbox %1: a message received at %2")
                    .arg(mailbox, QLocale().toString(received.toLocalTime().time(), QLocale::ShortFormat)));
        });
    m_wasConnected = m_access->connectionStatus()->state() == ConnectionStatus::State::Connected;
    m_wasAvailable = m_access->isAvailable();
    connect(m_access->connectionStatus(), &ConnectionStatus::changed, this, &DesktopAlerts::onConnectionChanged);
    connect(m_access, &SupervisorAccess::accessChanged, this, &DesktopAlerts::onAccessChanged);
}

DesktopAlerts::~DesktopAlerts() = default;

void DesktopAlerts::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

void DesktopAlerts::setNotifier(Notifier notifier)
{
    m_notifier = std::move(notifier);
}

void DesktopAlerts::setIntervalMs(qint64 ms)
{
    m_throttle = AlertThrottle(ms);
}

void DesktopAlerts::alert(const QString &title, const QString &message)
{
    const qint64 now = m_clock();
    if (m_throttle.admit(now)) {
        // Anything still held back is older than this one: told with it.
        m_flush.stop();
        const int held = m_throttle.flush(now);
        if (m_notifier)
            m_notifier(title, held == 0 ? message : message + u" ("_s + othersText(held) + u')');
        return;
    }
    m_heldTitle = title;
    m_heldMessage = message;
    m_flush.start(static_cast<int>(std::clamp<qint64>(m_throttle.nextAllowedMs() - now, 0, 24 * 3600 * 1000)));
}

QString DesktopAlerts::othersText(int others)
{
    return others == 1 ? tr("and 1 other alert") : tr("and %1 other alerts").arg(others);
}

void DesktopAlerts::flushHeldBack()
{
    const qint64 now = m_clock();
    const qint64 next = m_throttle.nextAllowedMs();
    if (next < 0)
        return;
    if (now < next) {
        m_flush.start(static_cast<int>(next - now));
        return;
    }
    const int count = m_throttle.flush(now);
    if (!m_notifier)
        return;
    m_notifier(m_heldTitle, count == 1 ? m_heldMessage : m_heldMessage + u" ("_s + othersText(count - 1) + u')');
}

void DesktopAlerts::onConnectionChanged()
{
    const ConnectionStatus *status = m_access->connectionStatus();
    const bool connected = status->state() == ConnectionStatus::State::Connected;
    // Lost: once, when a connection that was up goes; a desk away from its service says that
    // instead (onAccessChanged).
    if (m_wasConnected && !connected && m_access->isAvailable())
        alert(tr("Connection lost"), tr("Not connected to %1: the data shown may be stale").arg(status->server()));
    m_wasConnected = connected;
}

void DesktopAlerts::onAccessChanged()
{
    const bool available = m_access->isAvailable();
    if (m_wasAvailable && !available)
        alert(tr("Service lost"), m_access->availabilityText());
    m_wasAvailable = available;
}

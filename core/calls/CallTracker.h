#pragma once

#include "core/calls/CallInfo.h"

#include <QHash>
#include <QList>
#include <QObject>

#include <optional>

// Every live call of every application, with its current state (SPEC SM-2, UI-5, HL-1). Calls
// report to it; views and the headless log listen to its signals (one callStateChanged per
// transition). Lookups are by channel id; nothing here scans all calls per event.
class CallTracker final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CallTracker)

public:
    explicit CallTracker(QObject *parent = nullptr);
    ~CallTracker() override;

    QList<CallInfo> calls() const; // in no particular order
    std::optional<CallInfo> call(const QString &channelId) const;
    int count() const { return int(m_calls.size()); }
    int count(const QString &application) const { return m_perApplication.value(application); }

    // Reporting (used by the calls).
    void reportStarted(const CallInfo &info);
    void reportTransition(const CallTransition &transition);
    void reportEnded(const QString &channelId, const QString &reason);
    // A call an application refused before it started (bad Stasis arguments, SEC-3).
    void reportRefused(const QString &channelId, const QString &application, const QString &reason);

Q_SIGNALS:
    void callStarted(const CallInfo &info);
    void callStateChanged(const CallTransition &transition);
    void callEnded(const CallInfo &info, const QString &reason);
    void callRefused(const QString &channelId, const QString &application, const QString &reason);

private:
    QHash<QString, CallInfo> m_calls;
    QHash<QString, int> m_perApplication;
};

#pragma once

#include "app/DemoSchedule.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QUrl>

class QNetworkAccessManager;

// The callers and agents of the demo: scripted phones that the simulator's control API places
// into the three applications and that press keys, talk and hang up as a DemoSchedule plans it
// (SPEC UX-8), so every view of the supervisor has something live to show. The plan is in
// simulated time; at `speed` the simulator runs that many times faster than real time.
class DemoTraffic final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DemoTraffic)

public:
    struct Applications
    {
        QString vmRecord;
        QString vmPlayback;
        QString queue;
    };

    DemoTraffic(const QUrl &controlUrl, const QString &user, const QString &password, double speed,
                const Applications &applications, QObject *parent = nullptr);

    // The supervisor's own phone in the demo ("Listen" rings it; the simulator answers it).
    static QString supervisorPhone();

    void start();

private:
    // Plans the next stretch of the demo and sets a timer for each of its actions.
    void planAhead();
    void perform(const DemoSchedule::Action &action);
    void placeCall(int party, const QString &app, const QString &args);
    void control(const QByteArray &verb, const QString &path);
    qint64 simulatedNowMs() const;

    QUrl m_controlUrl;
    QByteArray m_authorization;
    double m_speed;
    Applications m_apps;
    QNetworkAccessManager *m_network = nullptr; // child
    DemoSchedule m_schedule;
    QTimer m_planner;
    qint64 m_startedAtMs = 0; // wall clock, ms since the epoch
    qint64 m_plannedUpToMs = 0; // simulated
    QHash<int, QString> m_channels; // party -> channel id
    quint32 m_callerNumber = 0;
};

#pragma once

#include <QObject>
#include <QRandomGenerator>
#include <QString>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QTimer;

// The callers and agents of the demo: scripted phones that the simulator's control API places
// into the three applications and that press keys, talk and hang up, in a steady trickle, so every
// view of the supervisor has something live to show.
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
    using ChannelAction = std::function<void(const QString &channelId)>;

    void placeCall(const QString &app, const QString &args, const ChannelAction &then);
    void control(const QByteArray &verb, const QString &path);
    void after(int simulatedMs, const std::function<void()> &action);

    void leaveMessage();
    void listenToMessages();
    void callTheQueue();
    void agentLogsIn();

    QUrl m_controlUrl;
    QByteArray m_authorization;
    double m_speed;
    Applications m_apps;
    QNetworkAccessManager *m_network = nullptr; // child
    QRandomGenerator m_random;
};

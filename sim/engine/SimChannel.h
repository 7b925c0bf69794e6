#pragma once

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>

#include "sim/engine/SimTimer.h"

class SimBridge;
class SimClock;
class SimMediaQueue;

// A simulated channel: the state ARI shows of it (JSON of GET /channels/{id}), its variables,
// the applications that receive its events, its media queue (playbacks and recordings run one
// after the other), music on hold, and the far end's behaviour (talking, for recordings).
class SimChannel final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimChannel)

public:
    struct Interval
    {
        qint64 startMs = 0;
        qint64 endMs = 0;
    };

    SimChannel(const QString &id, const QString &name, const QDateTime &creationTime, SimClock *clock,
               QObject *parent = nullptr);
    ~SimChannel() override;

    QString id() const { return m_id; }
    QString name() const { return m_name; }
    QString heardKey() const { return QStringLiteral("channel:") + m_id; }

    QString state() const { return m_state; }
    void setState(const QString &state) { m_state = state; }
    QString language() const { return m_language; }
    void setLanguage(const QString &language) { m_language = language; }
    void setCaller(const QString &name, const QString &number);
    void setConnected(const QString &name, const QString &number);
    QString callerName() const { return m_callerName; }
    QString callerNumber() const { return m_callerNumber; }
    void setDialplan(const QString &context, const QString &exten, int priority, const QString &appName,
                     const QString &appData);
    QString context() const { return m_context; }
    QString exten() const { return m_exten; }
    QJsonObject toJson() const;

    bool hasVariable(const QString &name) const { return m_variables.contains(name); }
    QString variable(const QString &name) const { return m_variables.value(name); }
    void setVariable(const QString &name, const QString &value) { m_variables.insert(name, value); }
    // A variable set with report_events: its value appears in "channelvars" of the channel JSON
    // (and so in every event about the channel) from now on.
    void reportVariable(const QString &name);

    // Stasis membership.
    bool inStasis() const { return !m_stasisApp.isEmpty(); }
    QString stasisApp() const { return m_stasisApp; }
    QStringList stasisArgs() const { return m_stasisArgs; }
    void enterStasis(const QString &application, const QStringList &args);
    void leaveStasis();

    // Applications that receive this channel's events.
    const QSet<QString> &applications() const { return m_applications; }
    void subscribe(const QString &application) { m_applications.insert(application); }
    void unsubscribe(const QString &application) { m_applications.remove(application); }

    // Originated by ARI (gets ChannelDestroyed on its application's socket) / created by
    // POST /channels/create (may be dialled).
    bool isOriginated() const { return m_originated; }
    void setOriginated(bool originated) { m_originated = originated; }
    bool isCreatedByAri() const { return m_createdByAri; }
    void setCreatedByAri(bool created) { m_createdByAri = created; }
    QString technology() const { return m_technology; }
    QString resource() const { return m_resource; }
    void setEndpoint(const QString &technology, const QString &resource);

    // What an originated channel runs once answered (Stasis application and arguments).
    QString plannedApplication() const { return m_plannedApplication; }
    QStringList plannedArgs() const { return m_plannedArgs; }
    void setPlan(const QString &application, const QStringList &args)
    {
        m_plannedApplication = application;
        m_plannedArgs = args;
    }

    // A snoop channel: the channel it listens to, what it hears of it (`spy`: "in" what the
    // channel says, "out" what it hears, "both", "none") and where what it is given goes
    // (`whisper`: "out" to the channel's far end, "in" into what the channel sends, "both", "none").
    SimChannel *snoopTarget() const;
    bool isSnoop() const { return !m_snoopSpy.isEmpty(); }
    QString snoopSpy() const { return m_snoopSpy; }
    QString snoopWhisper() const { return m_snoopWhisper; }
    void setSnoopTarget(SimChannel *target, const QString &spy, const QString &whisper);
    // Snoop channels listening to this channel.
    QList<SimChannel *> snoops() const;
    void addSnoop(SimChannel *snoop);

    // Device whose state this channel counts for ("Local/caller@queue", "PJSIP/1001").
    QString deviceName() const { return m_deviceName; }
    void setDeviceName(const QString &name) { m_deviceName = name; }

    SimBridge *bridge() const;
    void setBridge(SimBridge *bridge);
    SimChannel *peer() const;
    void setPeer(SimChannel *peer);

    SimMediaQueue *mediaQueue() const { return m_mediaQueue; }

    // The parties the far end hears now, by channel id → their entry in its heard log.
    const QHash<QString, int> &voiceEntries() const { return m_voiceEntries; }
    QHash<QString, int> &voiceEntries() { return m_voiceEntries; }

    // Music on hold heard by the far end (not a playback; does not occupy the media queue).
    bool hasMusicOnHold() const { return !m_mohClass.isEmpty(); }
    QString musicOnHoldClass() const { return m_mohClass; }
    int musicOnHoldEntry() const { return m_mohEntry; }
    void setMusicOnHold(const QString &mohClass, int heardEntry);
    void clearMusicOnHold();

    // The far end speaks for `durationMs` from now (extends a running stretch).
    void talk(qint64 durationMs);
    bool isTalking() const { return m_talking; }
    // Talking stretches (the running one ends at the planned end).
    QList<Interval> talkIntervals() const { return m_talk; }
    qint64 lastTalkEndMs() const;

    // The far end presses keys: dtmfReceived() per digit when it ends, one digit after the other
    // (`betweenMs` after the previous one); keys of later requests queue behind earlier ones.
    struct Dtmf
    {
        QChar digit;
        qint64 durationMs = 100;
        qint64 betweenMs = 100;
    };
    void queueDtmf(const QList<Dtmf> &digits);

    quint64 sequence() const { return m_sequence; }
    void setSequence(quint64 sequence) { m_sequence = sequence; }

    bool isHangingUp() const { return m_hangingUp; }
    void setHangingUp() { m_hangingUp = true; }

Q_SIGNALS:
    void talkingChanged(bool talking);
    void dtmfReceived(const QString &digit, int durationMs);

private:
    void onTalkTimeout();
    void scheduleDtmf();
    void onDtmfTimeout();

    QString m_id;
    QString m_name;
    QString m_state = QStringLiteral("Down");
    QString m_callerName;
    QString m_callerNumber;
    QString m_connectedName;
    QString m_connectedNumber;
    QString m_context = QStringLiteral("default");
    QString m_exten = QStringLiteral("s");
    int m_priority = 1;
    QString m_appName;
    QString m_appData;
    QDateTime m_creationTime;
    QString m_language = QStringLiteral("en");
    QHash<QString, QString> m_variables;
    QStringList m_reportedVariables;
    QString m_stasisApp;
    QStringList m_stasisArgs;
    QSet<QString> m_applications;
    bool m_originated = false;
    bool m_createdByAri = false;
    QString m_technology;
    QString m_resource;
    QString m_plannedApplication;
    QStringList m_plannedArgs;
    QPointer<SimBridge> m_bridge;
    QPointer<SimChannel> m_peer;
    QPointer<SimChannel> m_snoopTarget;
    QString m_snoopSpy;
    QString m_snoopWhisper;
    QHash<QString, int> m_voiceEntries;
    QList<QPointer<SimChannel>> m_snoops;
    QString m_deviceName;
    SimMediaQueue *m_mediaQueue = nullptr;
    QString m_mohClass;
    int m_mohEntry = -1;
    SimClock *m_clock = nullptr;
    SimTimer m_talkTimer;
    bool m_talking = false;
    QList<Interval> m_talk;
    QList<Dtmf> m_dtmf;
    SimTimer m_dtmfTimer;
    qint64 m_dtmfReadyAtMs = 0;
    bool m_hangingUp = false;
    quint64 m_sequence = 0;
};

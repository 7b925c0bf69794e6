#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>

class SimChannel;
class SimLiveRecording;
class SimMediaQueue;

// A simulated Stasis bridge: members, the applications that receive its events, its own media
// queue for bridge playbacks (Asterisk's announcer channel), its recordings and music on hold.
class SimBridge final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimBridge)

public:
    SimBridge(const QString &id, const QString &name, const QStringList &types,
              const QDateTime &creationTime, QObject *parent = nullptr);
    ~SimBridge() override;

    QString id() const { return m_id; }
    QString name() const { return m_name; }
    QString heardKey() const { return QStringLiteral("bridge:") + m_id; }
    // "holding" when the type list has it, else "mixing".
    QString bridgeType() const;
    QString technology() const;
    QJsonObject toJson() const;

    QList<SimChannel *> members() const;
    QStringList memberIds() const;
    bool hasMember(const SimChannel *channel) const;
    void addMember(SimChannel *channel);
    void removeMember(SimChannel *channel);

    const QSet<QString> &applications() const { return m_applications; }
    void subscribe(const QString &application) { m_applications.insert(application); }
    void unsubscribe(const QString &application) { m_applications.remove(application); }

    SimMediaQueue *mediaQueue() const { return m_mediaQueue; }

    QList<SimLiveRecording *> recordings() const;
    void addRecording(SimLiveRecording *recording);

    quint64 sequence() const { return m_sequence; }
    void setSequence(quint64 sequence) { m_sequence = sequence; }

    bool hasMusicOnHold() const { return !m_mohClass.isEmpty(); }
    int musicOnHoldEntry() const { return m_mohEntry; }
    void setMusicOnHold(const QString &mohClass, int heardEntry);
    void clearMusicOnHold();

private:
    QString m_id;
    QString m_name;
    QStringList m_types;
    QDateTime m_creationTime;
    QList<QPointer<SimChannel>> m_members;
    QSet<QString> m_applications;
    SimMediaQueue *m_mediaQueue = nullptr;
    QList<QPointer<SimLiveRecording>> m_recordings;
    QString m_mohClass;
    int m_mohEntry = -1;
    quint64 m_sequence = 0;
};

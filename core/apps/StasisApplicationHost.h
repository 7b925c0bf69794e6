#pragma once

#include "core/ari/AriSubscription.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QStringList>

class AriEvent;
class AriEventRouter;
class AriRestClient;
class CallTracker;
class SoundCatalog;
class QueueApp;
class StasisApplication;
class VoicemailPlaybackApp;
class VoicemailRecordApp;
class VoicemailStore;
struct QueueOptions;
struct VoicemailPlaybackOptions;
struct VoicemailRecordOptions;

// Runs the Stasis applications of one Asterisk connection, for the headless mode and the UI
// alike. Owns the call tracker (live calls and their states) and the voicemail store, routes each
// StasisStart to the application of that name (one subscription, a hash lookup per event), and
// after a reconnect of the event stream re-reads what may have changed while nobody listened
// (the live channels: calls whose channel is gone are ended; the stored messages).
//
// Typical use with an AriConnection:
//     StasisApplicationHost host(connection.rest(), connection.router());
//     host.addVoicemailRecord(recordOptions);
//     host.addVoicemailPlayback(playbackOptions);
//     host.addQueue(queueOptions);
//     host.addApplication(application); // any other StasisApplication
//     QObject::connect(connection.events(), &AriEventStream::resynced, &host, &StasisApplicationHost::resync);
//     host.start(); connection.open();
class StasisApplicationHost final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StasisApplicationHost)

public:
    StasisApplicationHost(AriRestClient *rest, AriEventRouter *router, QObject *parent = nullptr);
    ~StasisApplicationHost() override;

    AriRestClient *rest() const { return m_rest; }
    AriEventRouter *router() const { return m_router; }
    CallTracker *tracker() const { return m_tracker; }
    VoicemailStore *voicemail() const { return m_voicemail; }
    SoundCatalog *sounds() const { return m_sounds; }

    // Takes ownership (the host becomes its parent). Names must be unique.
    bool addApplication(StasisApplication *application);
    VoicemailRecordApp *addVoicemailRecord(const VoicemailRecordOptions &options);
    VoicemailPlaybackApp *addVoicemailPlayback(const VoicemailPlaybackOptions &options);
    QueueApp *addQueue(const QueueOptions &options);

    StasisApplication *application(const QString &name) const { return m_applications.value(name); }
    QList<StasisApplication *> applications() const { return m_ordered; }
    QStringList applicationNames() const; // what the event stream registers
    int callCount() const;

public Q_SLOTS:
    // Loads the mailboxes.
    void start();
    // After the event stream reconnected (connect AriEventStream::resynced here).
    void resync();

private:
    void onStasisStart(const AriEvent &event);

    AriRestClient *m_rest = nullptr;
    AriEventRouter *m_router = nullptr;
    CallTracker *m_tracker = nullptr; // child
    VoicemailStore *m_voicemail = nullptr; // child
    SoundCatalog *m_sounds = nullptr;       // child: shared by the applications' calls
    AriSubscriptionPtr m_stasisStart;
    QHash<QString, StasisApplication *> m_applications; // children
    QList<StasisApplication *> m_ordered;
};

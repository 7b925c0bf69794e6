#pragma once

#include "core/ari/AriEventStream.h"
#include "core/ari/AriSubscription.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QStringList>

class AriEvent;
class AriEventRouter;
class AriRestClient;
class CallTracker;
class MailboxLamps;
class QueueApp;
class SoundCatalog;
class StasisApplication;
class StasisServerSnapshot;
class VoicemailPlaybackApp;
class VoicemailRecordApp;
class VoicemailStore;
struct QueueOptions;
struct VoicemailPlaybackOptions;
struct VoicemailRecordOptions;

// Runs the Stasis applications of one Asterisk connection, for the headless mode and the UI
// alike. Owns the call tracker (live calls and their states) and the voicemail store, routes each
// StasisStart to the application of that name (one subscription, a hash lookup per event), and
// whenever the event stream connects (the first time, even after failed attempts, and after every
// reconnect) rebuilds from the server what may have changed while nobody listened (SPEC CN-5):
// the stored messages (and the message lamps, MailboxLamps), and the calls: those whose channel is gone end; channels in our
// applications that no call knows are adopted by their application (StasisApplication::recover).
//
// Typical use with an AriConnection:
//     StasisApplicationHost host(connection.rest(), connection.router());
//     host.addVoicemailRecord(recordOptions);
//     host.addVoicemailPlayback(playbackOptions);
//     host.addQueue(queueOptions);
//     host.addApplication(application); // any other StasisApplication
//     QObject::connect(connection.events(), &AriEventStream::stateChanged, &host,
//     &StasisApplicationHost::onStreamState); host.start(); connection.open();
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
    MailboxLamps *lamps() const { return m_lamps; }
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
    // How long after a failed rebuild (the server answered with an error) it is tried again while
    // the stream stays connected.
    void setRebuildRetryDelay(int milliseconds) { m_rebuildRetryMs = milliseconds; }

public Q_SLOTS:
    // Loads the mailboxes.
    void start();
    // Connect AriEventStream::stateChanged here: every Connected rebuilds (resync()).
    void onStreamState(AriEventStream::State state);
    // Re-reads the mailboxes, the channels and the bridges and lets each application recover.
    void resync();

Q_SIGNALS:
    // A rebuild begins to read the server's channels and bridges (serverRead follows unless the
    // read fails or a newer rebuild supersedes it).
    void serverReadStarted();
    // What the server holds, read during a rebuild, before the applications recover from it (for
    // those outside the applications that own channels too: the supervisor's listening call).
    void serverRead(const StasisServerSnapshot &snapshot);
    // A rebuild from the server is complete (every application has recovered); ok false when
    // the server could not be read (it is tried again after the retry delay while connected).
    void recovered(bool ok);

private:
    void onStasisStart(const AriEvent &event);
    void rebuildFailed();

    AriRestClient *m_rest = nullptr;
    AriEventRouter *m_router = nullptr;
    CallTracker *m_tracker = nullptr; // child
    VoicemailStore *m_voicemail = nullptr; // child
    MailboxLamps *m_lamps = nullptr; // child: follows m_voicemail
    SoundCatalog *m_sounds = nullptr; // child: shared by the applications' calls
    AriSubscriptionPtr m_stasisStart;
    QHash<QString, StasisApplication *> m_applications; // children
    QList<StasisApplication *> m_ordered;
    bool m_streamConnected = false;
    bool m_retryScheduled = false;
    int m_rebuildRetryMs = 2000;
    quint64 m_rebuild = 0; // one per resync(): an older one's answers are dropped
};

#pragma once

#include "core/ari/AriOperations.h"
#include "core/ari/AriSubscription.h"
#include "core/voicemail/ListenStatus.h"

#include <QLoggingCategory>
#include <QObject>
#include <QPointer>

#include <functional>

class AriEvent;
class AriEventRouter;
class AriRestClient;
class PlaybackTracker;
class StasisServerSnapshot;

Q_DECLARE_LOGGING_CATEGORY(lcListenSession)

// The supervisor listens to a voicemail message on their own phone (SPEC UI-2): a call is
// originated to the supervisor's endpoint (setting supervisor/endpoint, e.g. PJSIP/1001) into a
// Stasis application of this program; once it is answered the message plays there
// (`recording:<name>` with the configured skipms). Pause/resume, back, forward and restart are
// playback controls; stop ends the playback and hangs the call up. Listening to another message
// while the call is up plays it on the same call.
//
// Ids are chosen here and subscribed before each request (AR-8); every request of the call goes
// in the call's order (its channel id as ordering key). Controls that make no sense in the
// current state are ignored (restart while paused first unpauses, as Asterisk refuses a restart
// of a paused playback). Lives on the core thread; statusChanged() carries every change.
class ListenSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ListenSession)

public:
    ListenSession(AriRestClient *rest, AriEventRouter *router, PlaybackTracker *tracker, QObject *parent = nullptr);
    ~ListenSession() override;

    void setEndpoint(const QString &endpoint);
    void setApplication(const QString &application);
    void setSkipMs(int skipMs);
    // Stasis arguments (the first one) of channels that another owner keeps in the listening
    // application (the queue monitor's phone and snoop channels): recover() leaves them alone.
    void setForeignRoles(const QStringList &roles) { m_foreignRoles = roles; }
    // Why the supervisor's phone cannot be called now (another owner has it on a call); empty
    // when it can. Asked before each new call.
    void setBusyCheck(std::function<QString()> check) { m_busy = std::move(check); }
    QString application() const { return m_application; }
    const ListenStatus &status() const { return m_status; }

public Q_SLOTS:
    void listen(const QString &recordingName);
    void pause();
    void resume();
    void togglePause();
    void forward();
    void reverse();
    void restart();
    void stop();
    // A message was deleted (from here or from a phone): stop playing it if it is ours.
    void onRecordingDeleted(const QString &recordingName);
    // A read of the server's channels begins: only the call that exists now can be judged by it
    // (one started meanwhile is not in the answer yet).
    void serverReadStarted();
    // After every (re)connect (SPEC CN-5): our call, if it existed when the read began and the
    // server no longer has it, ended while nobody listened; any other channel in the listening
    // application was left by an earlier run of the service (its place in the message is lost)
    // and is hung up with a log line.
    void recover(const StasisServerSnapshot &snapshot);

Q_SIGNALS:
    void statusChanged(const ListenStatus &status);

private:
    using State = ListenStatus::State;

    void originate();
    void play();
    void startPlayback();
    void stopPlayback();
    void control(AriOperations::PlaybackOperation operation);
    void onChannelEvent(const AriEvent &event);
    void onPlaybackEvent(const AriEvent &event);
    void onPlaybackChanged(const PlaybackInfo &info);
    void callEnded(const QString &reason);
    void fail(const QString &message);
    void setState(State state);
    void publish();

    QPointer<AriRestClient> m_rest;
    QPointer<AriEventRouter> m_router;
    QPointer<PlaybackTracker> m_tracker;
    QString m_application;
    QStringList m_foreignRoles;
    std::function<QString()> m_busy;
    int m_skipMs = 5000;
    ListenStatus m_status;
    bool m_answered = false;
    QString m_callAtServerRead; // our channel when the last read of the server began
    quint64 m_playSerial = 0; // a play superseded by another one is ignored when it answers
    AriSubscriptionPtr m_channelSubscription;
    AriSubscriptionPtr m_playbackSubscription;
};

#pragma once

#include "core/ari/AriSubscription.h"
#include "core/ari/model/Channel.h"
#include "core/calls/CallEnvironment.h"
#include "core/calls/CallStateFactory.h"
#include "core/calls/CallStateMachine.h"

#include <QHash>
#include <QString>
#include <QStringList>

class AriEvent;

// One call in a Stasis application: the channel that entered it, its arguments and its state
// machine. The call itself listens for the two events that matter in every state: the hang-up
// (ChannelHangupRequest, which the table turns into its "hangup" transition unless the call is
// already in a final state) and StasisEnd (the call is over: the machine finishes and the owner is
// told, and deletes the call later). An application derives from it and makes the states.
class StasisCall : public CallStateFactory
{
public:
    // Told when a call has ended; must not delete the call synchronously.
    class Owner
    {
    public:
        virtual void callEnded(StasisCall *call) = 0;

    protected:
        ~Owner() = default;
    };

    StasisCall(const CallStateTable &table, const CallEnvironment &environment, Owner &owner, const Channel &channel,
        const QStringList &args, const QString &application);
    ~StasisCall() override;

    // Subscribes to the call's hang-up and end, reports the call to the tracker, runs onBegin()
    // and starts the machine in the table's initial state.
    void begin(const QString &cause);
    // The same, starting the machine in `state`: a call adopted where the server shows it (a
    // caller already in a bridge, SPEC CN-5).
    void resume(const QString &state, const QString &cause);
    // Ends the call from outside (its channel is gone, e.g. found after a reconnect).
    void end(const QString &reason);

    CallStateMachine &machine() { return m_machine; }
    const CallStateMachine &machine() const { return m_machine; }
    const Channel &channel() const { return m_channel; }
    const QString &channelId() const { return m_channel.id; }
    const QStringList &args() const { return m_args; }
    bool isEnded() const { return m_ended; }

    // Per-call caches of the media checks (see CallMediaState).
    bool languageKnown() const { return m_languageKnown; }
    const QString &language() const { return m_language; }
    void setLanguage(const QString &language);
    QString playableLanguage(const QString &soundId, bool *known) const;
    void setPlayableLanguage(const QString &soundId, const QString &language);

protected:
    // Called by begin() before the machine starts (answer the channel, …).
    virtual void onBegin();

private:
    void onHangupRequest(const AriEvent &event);
    void onStasisEnd();
    void channelGone(const QString &why) override;

    Owner &m_owner;
    Channel m_channel;
    QStringList m_args;
    CallStateMachine m_machine;
    AriSubscriptionPtr m_hangupSubscription;
    AriSubscriptionPtr m_endSubscription;
    QString m_language;
    QHash<QString, QString> m_playableLanguages;
    bool m_languageKnown = false;
    bool m_ended = false;
};

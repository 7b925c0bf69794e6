#include "core/calls/StasisCall.h"

#include "core/ari/AriEvent.h"
#include "core/ari/AriEventRouter.h"
#include "core/calls/CallEvents.h"
#include "core/calls/CallTracker.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

StasisCall::StasisCall(const CallStateTable &table, const CallEnvironment &environment, Owner &owner,
    const Channel &channel, const QStringList &args, const QString &application)
    : m_owner(owner)
    , m_channel(channel)
    , m_args(args)
    , m_machine(table, *this, environment, channel.id, application)
{
}

StasisCall::~StasisCall() = default;

void StasisCall::begin(const QString &cause)
{
    resume(QString(), cause);
}

void StasisCall::resume(const QString &state, const QString &cause)
{
    const CallEnvironment &environment = m_machine.environment();
    m_hangupSubscription = environment.router->onChannel(
        m_channel.id, [this](const AriEvent &event) { onHangupRequest(event); }, AriEvent::Type::ChannelHangupRequest);
    m_endSubscription = environment.router->onChannel(
        m_channel.id, [this](const AriEvent &) { onStasisEnd(); }, AriEvent::Type::StasisEnd);

    if (environment.tracker) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        environment.tracker->reportStarted(CallInfo { m_channel.id, m_channel.name, m_channel.callerNumber,
            m_machine.application(), m_args, QString(), now, now, m_channel.callerName });
    }
    m_machine.run([&] {
        onBegin();
        if (m_ended)
            return;
        if (state.isEmpty())
            m_machine.start(cause);
        else
            m_machine.start(state, cause);
    });
}

void StasisCall::onBegin() { }

void StasisCall::end(const QString &reason)
{
    if (m_ended)
        return;
    m_ended = true;
    // The call's own subscriptions end with the call object, which the owner deletes later; until
    // then m_ended makes them do nothing.
    m_machine.finish(reason);
    m_owner.callEnded(this);
}

void StasisCall::onHangupRequest(const AriEvent &event)
{
    if (m_ended || !m_machine.isStarted() || m_machine.isInFinalState())
        return;
    const int cause = event.cause();
    const QString why
        = event.soft() ? u"hang-up requested (cause %1)"_s.arg(cause) : u"caller hung up (cause %1)"_s.arg(cause);
    m_machine.handle(CallEvents::hangup(), why);
}

void StasisCall::onStasisEnd()
{
    if (m_ended)
        return;
    m_machine.run([&] {
        if (m_machine.isStarted() && !m_machine.isInFinalState())
            m_machine.handle(CallEvents::hangup(), u"left the application"_s);
    });
    end(u"StasisEnd"_s);
}

void StasisCall::channelGone(const QString &why)
{
    // Asterisk no longer has the channel and its StasisEnd will never come: the call ends here,
    // as if it had (its recording, if any, is Asterisk's and stays).
    if (m_ended)
        return;
    qCWarning(lcCalls).noquote() << m_channel.id << m_machine.application()
                                 << u": the channel is gone (%1), the call ends"_s.arg(why);
    m_machine.run([&] {
        if (m_machine.isStarted() && !m_machine.isInFinalState())
            m_machine.handle(CallEvents::hangup(), u"channel gone"_s);
    });
    end(u"channel gone"_s);
}

void StasisCall::setLanguage(const QString &language)
{
    m_language = language;
    m_languageKnown = true;
}

QString StasisCall::playableLanguage(const QString &soundId, bool *known) const
{
    const auto it = m_playableLanguages.constFind(soundId);
    *known = it != m_playableLanguages.constEnd();
    return *known ? *it : QString();
}

void StasisCall::setPlayableLanguage(const QString &soundId, const QString &language)
{
    m_playableLanguages.insert(soundId, language);
}

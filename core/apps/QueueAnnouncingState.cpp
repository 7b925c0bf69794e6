#include "core/apps/QueueAnnouncingState.h"

#include "core/apps/QueueApp.h"
#include "core/apps/QueueCall.h"
#include "core/queue/QueueLogging.h"

using namespace Qt::StringLiterals;

QueueAnnouncingState::QueueAnnouncingState(QueueCall &call, CallStateMachine &machine)
    : CallMediaState(call, machine)
    , m_queueCall(call)
{
}

void QueueAnnouncingState::enter()
{
    m_prompts = m_queueCall.app().announcementFor(channelId());
    m_queueCall.app().announcementStarted(m_queueCall);
    qCDebug(lcQueue).noquote() << channelId() << ": announcing" << m_prompts.join(u", "_s);
    playNext();
}

void QueueAnnouncingState::playNext()
{
    if (m_next >= m_prompts.size()) {
        post(QueueCall::Events::announcementDone(), u"announcement played"_s);
        return;
    }
    const QString media = m_prompts.at(m_next++);
    play(media, {}, [this, media](const QString &how) {
        if (how != u"done"_s)
            qCInfo(lcQueue).noquote() << channelId() << ": announcement prompt" << media << "ended:" << how;
        playNext();
    });
}

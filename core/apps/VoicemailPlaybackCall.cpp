#include "core/apps/VoicemailPlaybackCall.h"

#include "core/apps/VoicemailEmptyState.h"
#include "core/apps/VoicemailListeningState.h"
#include "core/apps/VoicemailPlaybackApp.h"
#include "core/apps/VoicemailPreambleState.h"
#include "core/ari/AriOperations.h"
#include "core/calls/CallEndingState.h"
#include "core/calls/CallHungUpState.h"
#include "core/voicemail/VoicemailStore.h"

VoicemailPlaybackCall::VoicemailPlaybackCall(VoicemailPlaybackApp &app, const CallEnvironment &environment,
    const Channel &channel, const QStringList &args, const QString &mailbox)
    : StasisCall(app.stateTable(), environment, app, channel, args, app.name())
    , m_app(app)
    , m_mailbox(mailbox)
{
}

VoicemailPlaybackCall::~VoicemailPlaybackCall() = default;

std::unique_ptr<CallState> VoicemailPlaybackCall::createState(const QString &name, CallStateMachine &machine)
{
    if (name == States::preamble())
        return std::make_unique<VoicemailPreambleState>(*this, machine);
    if (name == States::listening())
        return std::make_unique<VoicemailListeningState>(*this, machine);
    if (name == States::empty())
        return std::make_unique<VoicemailEmptyState>(*this, machine);
    if (name == States::ending())
        return std::make_unique<CallEndingState>(machine);
    if (name == States::hungUp())
        return std::make_unique<CallHungUpState>(machine);
    return nullptr;
}

const VoicemailPlaybackOptions &VoicemailPlaybackCall::options() const
{
    return m_app.options();
}

VoicemailStore *VoicemailPlaybackCall::store() const
{
    return m_app.store();
}

void VoicemailPlaybackCall::setMessages(const QList<VoicemailMessage> &messages)
{
    m_entries.clear();
    m_entries.reserve(messages.size());
    int number = 0;
    for (const VoicemailMessage &message : messages)
        m_entries.append(Entry { ++number, message.name });
    m_index = 0;
    m_listed = true;
}

void VoicemailPlaybackCall::next()
{
    m_forward = true;
    if (m_entries.isEmpty())
        return;
    m_index = (m_index + 1) % int(m_entries.size());
}

void VoicemailPlaybackCall::previous()
{
    m_forward = false;
    if (m_entries.isEmpty())
        return;
    m_index = (m_index - 1 + int(m_entries.size())) % int(m_entries.size());
}

void VoicemailPlaybackCall::remove(const QString &name)
{
    for (int i = 0; i < int(m_entries.size()); ++i) {
        if (m_entries.at(i).name != name)
            continue;
        m_entries.removeAt(i);
        const int size = int(m_entries.size());
        if (i < m_index || (i == m_index && !m_forward))
            --m_index;
        if (m_index < 0)
            m_index = size > 0 ? size - 1 : 0;
        if (m_index >= size)
            m_index = 0;
        return;
    }
}

void VoicemailPlaybackCall::removeAndGoOn(const QString &name)
{
    m_forward = true;
    remove(name);
}

void VoicemailPlaybackCall::dropDeleted()
{
    const VoicemailStore *messages = store();
    QStringList gone;
    for (const Entry &entry : std::as_const(m_entries)) {
        if (!messages->contains(entry.name))
            gone.append(entry.name);
    }
    for (const QString &name : std::as_const(gone))
        remove(name);
}

void VoicemailPlaybackCall::onBegin()
{
    machine().sendDetached(AriOperations::answer(channelId()));
}

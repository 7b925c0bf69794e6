#include "core/apps/VoicemailPlaybackApp.h"

#include "core/apps/VoicemailPlaybackCall.h"
#include "core/ari/AriEvent.h"
#include "core/ari/model/Channel.h"
#include "core/calls/CallEvents.h"
#include "core/voicemail/VoicemailMessage.h"

using namespace Qt::StringLiterals;

CallStateTable VoicemailPlaybackApp::buildStateTable()
{
    using States = VoicemailPlaybackCall::States;
    CallStateTable table(kindName());
    table.setInitialState(States::preamble());
    table.addTransition(States::preamble(), CallEvents::dtmf(u'#'), States::listening());
    table.addTransition(States::preamble(), CallEvents::playbackFinished(), States::listening());
    table.addTransition(States::preamble(), VoicemailPlaybackCall::mailboxEmptyEvent(), States::empty());
    table.addTransition(States::preamble(), CallEvents::soundMissing(), States::ending());
    table.addTransition(States::preamble(), CallEvents::hangup(), States::hungUp());
    table.addTransition(States::listening(), CallEvents::dtmf(u'4'), States::preamble());
    table.addTransition(States::listening(), CallEvents::dtmf(u'6'), States::preamble());
    table.addTransition(States::listening(), CallEvents::dtmf(u'*'), States::preamble());
    table.addTransition(States::listening(), VoicemailPlaybackCall::messageGoneEvent(), States::preamble());
    table.addTransition(States::listening(), CallEvents::dtmf(u'#'), States::ending());
    table.addTransition(States::listening(), CallEvents::hangup(), States::hungUp());
    table.addTransition(States::empty(), CallEvents::playbackFinished(), States::ending());
    table.addTransition(States::empty(), CallEvents::soundMissing(), States::ending());
    table.addTransition(States::empty(), CallEvents::hangup(), States::hungUp());
    table.addFinalState(States::ending());
    table.addFinalState(States::hungUp());
    return table;
}

VoicemailPlaybackApp::VoicemailPlaybackApp(const VoicemailPlaybackOptions &options, AriRestClient *rest,
    AriEventRouter *router, CallTracker *tracker, VoicemailStore *store, QObject *parent)
    : StasisApplication(options.name, rest, router, tracker, parent)
    , m_options(options)
    , m_table(buildStateTable())
    , m_store(store)
{
}

VoicemailPlaybackApp::~VoicemailPlaybackApp() = default;

std::unique_ptr<StasisCall> VoicemailPlaybackApp::createCall(const AriEvent &stasisStart, const Channel &channel)
{
    const QStringList args = stasisStart.args();
    if (args.isEmpty() || args.constFirst().isEmpty()) {
        refuse(channel, u"no mailbox given (Stasis arguments: mailbox)"_s);
        return nullptr;
    }
    const QString mailbox = args.constFirst();
    if (!VoicemailMessage::isValidMailbox(mailbox)) {
        refuse(channel, u"invalid mailbox %1 (allowed: 1-64 of A-Z a-z 0-9 _ -)"_s.arg(printable(mailbox)));
        return nullptr;
    }
    return std::make_unique<VoicemailPlaybackCall>(*this, environment(), channel, args, mailbox);
}

#include "core/apps/VoicemailRecordApp.h"

#include "core/apps/StasisServerSnapshot.h"
#include "core/apps/VoicemailRecordCall.h"
#include "core/ari/AriEvent.h"
#include "core/ari/model/Channel.h"
#include "core/calls/CallEvents.h"
#include "core/voicemail/VoicemailMessage.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

CallStateTable VoicemailRecordApp::buildStateTable()
{
    using S = VoicemailRecordCall::States;
    CallStateTable table(kindName());
    table.setInitialState(S::greeting());
    table.addTransition(S::greeting(), CallEvents::dtmf(u'#'), S::recording());
    table.addTransition(S::greeting(), CallEvents::playbackFinished(), S::recording());
    table.addTransition(S::greeting(), CallEvents::soundMissing(), S::ending());
    table.addTransition(S::greeting(), CallEvents::hangup(), S::hungUp());
    table.addTransition(S::recording(), CallEvents::dtmf(u'#'), S::reviewing());
    table.addTransition(S::recording(), CallEvents::dtmf(u'*'), S::recording());
    table.addTransition(S::recording(), CallEvents::recordingFinished(), S::reviewing());
    table.addTransition(S::recording(), CallEvents::recordingFailed(), S::ending());
    table.addTransition(S::recording(), CallEvents::hangup(), S::hungUp());
    table.addTransition(S::reviewing(), CallEvents::dtmf(u'#'), S::ending());
    table.addTransition(S::reviewing(), CallEvents::dtmf(u'*'), S::recording());
    table.addTransition(S::reviewing(), VoicemailRecordCall::recordingMissingEvent(), S::recording());
    table.addTransition(S::reviewing(), CallEvents::hangup(), S::hungUp());
    table.addFinalState(S::ending());
    table.addFinalState(S::hungUp());
    return table;
}

VoicemailRecordApp::VoicemailRecordApp(const VoicemailRecordOptions &options, AriRestClient *rest,
    AriEventRouter *router, CallTracker *tracker, VoicemailStore *store, QObject *parent)
    : StasisApplication(options.name, rest, router, tracker, parent)
    , m_options(options)
    , m_table(buildStateTable())
    , m_store(store)
{
}

VoicemailRecordApp::~VoicemailRecordApp() = default;

QString VoicemailRecordApp::newRecordingName(const QString &mailbox)
{
    const qint64 now = m_options.clock ? m_options.clock() : QDateTime::currentMSecsSinceEpoch();
    m_lastStampMs = std::max(now, m_lastStampMs + 1);
    return VoicemailMessage::recordingPrefix(mailbox) + QString::number(m_lastStampMs);
}

void VoicemailRecordApp::adopt(const StasisFoundChannel &found)
{
    if (found.channel.state != u"Up"_s) {
        restartCall(found); // never answered: it entered while nobody listened, a new caller
        return;
    }
    hangUpAdopted(found,
        u"its place in the message was lost (the event stream was down or the service restarted); "
        "a recording in progress is kept"_s);
}

std::unique_ptr<StasisCall> VoicemailRecordApp::createCall(const AriEvent &stasisStart, const Channel &channel)
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
    return std::make_unique<VoicemailRecordCall>(*this, environment(), channel, args, mailbox);
}

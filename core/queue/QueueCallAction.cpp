#include "core/queue/QueueCallAction.h"

#include "core/queue/QueueCallActions.h"

using namespace Qt::StringLiterals;

QString QueueCallAction::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Record:
        return u"record"_s;
    case Kind::Pause:
        return u"pause"_s;
    case Kind::Resume:
        return u"resume"_s;
    case Kind::Stop:
        return u"stop"_s;
    case Kind::Discard:
        return u"discard"_s;
    case Kind::EndCall:
        return u"end-call"_s;
    case Kind::Announce:
        return u"announce"_s;
    }
    return {};
}

QString QueueCallAction::textFor(Kind kind)
{
    switch (kind) {
    case Kind::Record:
        return u"Record"_s;
    case Kind::Pause:
        return u"Pause"_s;
    case Kind::Resume:
        return u"Resume"_s;
    case Kind::Stop:
        return u"Stop"_s;
    case Kind::Discard:
        return u"Discard"_s;
    case Kind::EndCall:
        return u"End call"_s;
    case Kind::Announce:
        return u"Announce"_s;
    }
    return {};
}

QChar QueueCallAction::keyFor(Kind kind)
{
    switch (kind) {
    case Kind::Record:
        return u'0';
    case Kind::Pause:
    case Kind::Resume:
        return u'5';
    case Kind::Stop:
        return u'7';
    case Kind::Discard:
        return u'9';
    case Kind::EndCall:
        return u'#';
    case Kind::Announce:
        return {};
    }
    return {};
}

QueueCallAction::QueueCallAction(Kind kind, QueueCallActions *owner)
    : QObject(owner)
    , m_owner(owner)
    , m_kind(kind)
{
}

QueueCallAction::~QueueCallAction() = default;

void QueueCallAction::trigger()
{
    m_owner->perform(m_kind, QueueCallActions::Origin::Supervisor);
}

void QueueCallAction::setEnabled(bool enabled)
{
    if (m_enabled == enabled)
        return;
    m_enabled = enabled;
    Q_EMIT enabledChanged(enabled);
}

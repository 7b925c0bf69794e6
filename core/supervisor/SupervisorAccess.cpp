#include "core/supervisor/SupervisorAccess.h"

#include "core/models/CallCentreSummary.h"
#include "core/models/CallsModel.h"
#include "core/models/ConnectionStatus.h"
#include "core/models/DeletedMessagesModel.h"
#include "core/models/EventLogModel.h"
#include "core/models/MailboxesModel.h"
#include "core/models/PlaybacksModel.h"
#include "core/models/QueueAgentsModel.h"
#include "core/models/QueueCallersModel.h"
#include "core/models/PartyNames.h"
#include "core/models/QueuePairsModel.h"

SupervisorAccess::SupervisorAccess(Clock clock, QObject *parent)
    : QObject(parent)
    , m_clock(std::move(clock))
    , m_status(new ConnectionStatus(this))
    , m_eventLog(new EventLogModel(this))
    , m_playbacks(new PlaybacksModel(this))
    , m_calls(new CallsModel(this))
    , m_mailboxes(new MailboxesModel(this))
    , m_deletedMessages(new DeletedMessagesModel(this))
    , m_queueAgents(new QueueAgentsModel(this))
    , m_queueCallers(new QueueCallersModel(this))
    , m_queuePairs(new QueuePairsModel(this))
    , m_summary(new CallCentreSummary(m_queueAgents, m_queueCallers, m_queuePairs, m_mailboxes, this))
{
    m_playbacks->setClock(m_clock);
}

SupervisorAccess::~SupervisorAccess() = default;

void SupervisorAccess::setClock(Clock clock)
{
    m_clock = std::move(clock);
    m_playbacks->setClock(m_clock);
}

void SupervisorAccess::setListenStatus(const ListenStatus &status)
{
    m_listenStatus = status;
    Q_EMIT listenStatusChanged(status);
}

void SupervisorAccess::setCanAct(bool canAct)
{
    if (m_canAct == canAct)
        return;
    m_canAct = canAct;
    Q_EMIT accessChanged();
}

void SupervisorAccess::setAvailable(bool available, const QString &text)
{
    if (m_available == available && m_availabilityText == text)
        return;
    m_available = available;
    m_availabilityText = text;
    Q_EMIT accessChanged();
}

void SupervisorAccess::setPartyNames(const PartyNames &names)
{
    m_calls->setPartyNames(names);
    m_queueAgents->setPartyNames(names);
    m_queueCallers->setPartyNames(names);
    m_queuePairs->setPartyNames(names);
}

void SupervisorAccess::clearModels()
{
    m_eventLog->clear();
    m_playbacks->clear();
    m_calls->clear();
    m_mailboxes->clear();
    m_deletedMessages->clear();
    m_queueAgents->clear();
    m_queueCallers->clear();
    m_queuePairs->clear();
    setListenStatus({});
}

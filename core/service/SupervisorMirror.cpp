#include "core/service/SupervisorMirror.h"

#include "core/models/CallsModel.h"
#include "core/models/ConnectionStatus.h"
#include "core/models/DeletedMessagesModel.h"
#include "core/models/EventLogModel.h"
#include "core/models/MailboxesModel.h"
#include "core/models/PlaybacksModel.h"
#include "core/models/QueueAgentsModel.h"
#include "core/models/QueueCallersModel.h"
#include "core/models/QueuePairsModel.h"
#include "core/service/SupervisorWire.h"

using namespace Qt::StringLiterals;
using namespace SupervisorWire;

SupervisorMirror::SupervisorMirror(const Models &models, ListenSink listen)
    : m_models(models)
    , m_listen(std::move(listen))
{
    ConnectionStatus *status = m_models.status;
    m_changes.insert(
        u"status.state"_s, [status](const QJsonArray &a) { status->setState(connectionStateFrom(a.at(0))); });
    m_changes.insert(
        u"status.version"_s, [status](const QJsonArray &a) { status->setAsteriskVersion(a.at(0).toString()); });
    m_changes.insert(u"status.error"_s, [status](const QJsonArray &a) { status->setLastError(a.at(0).toString()); });
    EventLogModel *log = m_models.eventLog;
    m_changes.insert(u"log.append"_s, [log](const QJsonArray &a) { log->appendEntries(eventLogEntriesFrom(a.at(0))); });
    PlaybacksModel *plays = m_models.playbacks;
    m_changes.insert(u"playback.upsert"_s, [plays](const QJsonArray &a) { plays->upsert(playbackFrom(a.at(0))); });
    m_changes.insert(u"playback.remove"_s, [plays](const QJsonArray &a) { plays->remove(a.at(0).toString()); });
    m_changes.insert(u"playback.clear"_s, [plays](const QJsonArray &) { plays->clear(); });
    CallsModel *rows = m_models.calls;
    m_changes.insert(u"call.add"_s, [rows](const QJsonArray &a) { rows->addCall(callFrom(a.at(0))); });
    m_changes.insert(u"call.state"_s, [rows](const QJsonArray &a) { rows->changeState(callTransitionFrom(a.at(0))); });
    m_changes.insert(u"call.remove"_s, [rows](const QJsonArray &a) { rows->removeCall(callFrom(a.at(0))); });
    MailboxesModel *boxes = m_models.mailboxes;
    m_changes.insert(u"mailbox.add"_s, [boxes](const QJsonArray &a) { boxes->addMailbox(a.at(0).toString()); });
    m_changes.insert(u"mailbox.remove"_s, [boxes](const QJsonArray &a) { boxes->removeMailbox(a.at(0).toString()); });
    m_changes.insert(
        u"message.add"_s, [boxes](const QJsonArray &a) { boxes->addMessage(messageFrom(a.at(0)), a.at(1).toInt()); });
    m_changes.insert(u"message.remove"_s,
        [boxes](const QJsonArray &a) { boxes->removeMessage(messageFrom(a.at(0)), a.at(1).toInt()); });
    m_changes.insert(u"message.change"_s,
        [boxes](const QJsonArray &a) { boxes->changeMessage(messageFrom(a.at(0)), a.at(1).toInt()); });
    DeletedMessagesModel *trash = m_models.trash;
    m_changes.insert(u"trash.add"_s, [trash](const QJsonArray &a) { trash->addMessage(messageFrom(a.at(0))); });
    m_changes.insert(u"trash.remove"_s, [trash](const QJsonArray &a) { trash->removeMessage(messageFrom(a.at(0))); });
    m_changes.insert(u"message.duration"_s,
        [boxes](const QJsonArray &a) { boxes->setDuration(a.at(0).toString(), integerFrom(a.at(1))); });
    QueueAgentsModel *agents = m_models.agents;
    m_changes.insert(
        u"agent.add"_s, [agents](const QJsonArray &a) { agents->addAgent(a.at(0).toInt(), agentFrom(a.at(1))); });
    m_changes.insert(
        u"agent.remove"_s, [agents](const QJsonArray &a) { agents->removeAgent(a.at(0).toInt(), a.at(1).toString()); });
    QueueCallersModel *callers = m_models.callers;
    m_changes.insert(
        u"caller.add"_s, [callers](const QJsonArray &a) { callers->addCaller(a.at(0).toInt(), callerFrom(a.at(1))); });
    m_changes.insert(u"caller.remove"_s,
        [callers](const QJsonArray &a) { callers->removeCaller(a.at(0).toInt(), a.at(1).toString()); });
    m_changes.insert(u"caller.change"_s,
        [callers](const QJsonArray &a) { callers->changeCaller(a.at(0).toInt(), callerFrom(a.at(1))); });
    QueuePairsModel *pairs = m_models.pairs;
    m_changes.insert(
        u"pair.add"_s, [pairs](const QJsonArray &a) { pairs->addPair(a.at(0).toInt(), pairFrom(a.at(1))); });
    m_changes.insert(
        u"pair.change"_s, [pairs](const QJsonArray &a) { pairs->changePair(a.at(0).toInt(), pairFrom(a.at(1))); });
    m_changes.insert(
        u"pair.remove"_s, [pairs](const QJsonArray &a) { pairs->removePair(a.at(0).toInt(), a.at(1).toString()); });
    m_changes.insert(u"pair.actions"_s,
        [pairs](const QJsonArray &a) { pairs->setEnabledActions(a.at(0).toString(), a.at(1).toInt()); });
    m_changes.insert(u"queue.today"_s,
        [callers](const QJsonArray &a) { callers->setDayFigures(dayFiguresFrom(a.at(0))); });
    m_changes.insert(u"listen"_s, [this](const QJsonArray &a) { m_listen(listenStatusFrom(a.at(0))); });
}

void SupervisorMirror::applySnapshot(const QJsonObject &snapshot)
{
    const QJsonObject connection = snapshot.value("connection"_L1).toObject();
    ConnectionStatus *status = m_models.status;
    status->setServer(connection.value("server"_L1).toString());
    status->setState(connectionStateFrom(connection.value("state"_L1)));
    status->setAsteriskVersion(connection.value("version"_L1).toString());
    status->setLastError(connection.value("error"_L1).toString());

    MailboxesModel *boxes = m_models.mailboxes;
    for (const QJsonValue &box : snapshot.value("mailboxes"_L1).toArray()) {
        const QJsonObject mailbox = box.toObject();
        boxes->addMailbox(mailbox.value("name"_L1).toString());
        int row = 0;
        for (const QJsonValue &item : mailbox.value("messages"_L1).toArray()) {
            const QJsonObject entry = item.toObject();
            const VoicemailMessage message = messageFrom(entry.value("message"_L1));
            const qint64 durationMs = integerFrom(entry.value("durationMs"_L1), -1);
            boxes->addMessage(message, row++);
            if (durationMs >= 0 && !message.durationSeconds)
                boxes->setDuration(message.name, durationMs);
        }
    }
    for (const QJsonValue &item : snapshot.value("trash"_L1).toArray())
        m_models.trash->addMessage(messageFrom(item));
    for (const QJsonValue &call : snapshot.value("calls"_L1).toArray())
        m_models.calls->addCall(callFrom(call));
    for (const QJsonValue &playback : snapshot.value("playbacks"_L1).toArray())
        m_models.playbacks->upsert(playbackFrom(playback));
    int row = 0;
    for (const QJsonValue &agent : snapshot.value("agents"_L1).toArray())
        m_models.agents->addAgent(row++, agentFrom(agent));
    row = 0;
    for (const QJsonValue &caller : snapshot.value("callers"_L1).toArray())
        m_models.callers->addCaller(row++, callerFrom(caller));
    row = 0;
    for (const QJsonValue &item : snapshot.value("pairs"_L1).toArray()) {
        const QJsonObject entry = item.toObject();
        const QueueBridgedPair pair = pairFrom(entry.value("pair"_L1));
        m_models.pairs->addPair(row++, pair);
        m_models.pairs->setEnabledActions(pair.bridgeId, entry.value("enabledActions"_L1).toInt());
    }
    m_models.eventLog->appendEntries(eventLogEntriesFrom(snapshot.value("log"_L1)));
    m_models.callers->setDayFigures(dayFiguresFrom(snapshot.value("today"_L1)));
    m_listen(listenStatusFrom(snapshot.value("listen"_L1)));
}

bool SupervisorMirror::applyChange(const QString &kind, const QJsonArray &arguments)
{
    const auto handler = m_changes.constFind(kind);
    if (handler == m_changes.cend())
        return false;
    (*handler)(arguments);
    return true;
}

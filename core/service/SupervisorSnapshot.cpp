#include "core/service/SupervisorSnapshot.h"

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
#include "core/supervisor/SupervisorAccess.h"

using namespace Qt::StringLiterals;
using SupervisorWire::toJson;

namespace SupervisorSnapshot {

QJsonObject capture(const SupervisorAccess &access, int logTail)
{
    const ConnectionStatus *status = access.connectionStatus();
    const QJsonObject connection { { u"server"_s, status->server() }, { u"state"_s, toJson(status->state()) },
        { u"version"_s, status->asteriskVersion() }, { u"error"_s, status->lastError() } };

    QJsonArray mailboxes;
    const MailboxesModel *boxes = access.mailboxes();
    for (int m = 0; m < boxes->mailboxCount(); ++m) {
        QJsonArray messages;
        const int count = boxes->rowCount(boxes->index(m, 0));
        for (int row = 0; row < count; ++row) {
            qint64 durationMs = -1;
            const VoicemailMessage message = boxes->messageAt(m, row, &durationMs);
            messages.append(QJsonObject { { u"message"_s, toJson(message) }, { u"durationMs"_s, toJson(durationMs) } });
        }
        mailboxes.append(QJsonObject { { u"name"_s, boxes->mailboxAt(m) }, { u"messages"_s, messages } });
    }

    QJsonArray calls;
    for (int row = 0; row < access.calls()->rowCount(); ++row)
        calls.append(toJson(access.calls()->call(row)));
    QJsonArray playbacks;
    for (int row = 0; row < access.playbacks()->rowCount(); ++row)
        playbacks.append(toJson(access.playbacks()->playback(row)));
    QJsonArray agents;
    for (int row = 0; row < access.queueAgents()->rowCount(); ++row)
        agents.append(toJson(access.queueAgents()->agent(row)));
    QJsonArray callers;
    for (int row = 0; row < access.queueCallers()->rowCount(); ++row)
        callers.append(toJson(access.queueCallers()->caller(row)));
    QJsonArray pairs;
    const QueuePairsModel *pairRows = access.queuePairs();
    for (int row = 0; row < pairRows->rowCount(); ++row) {
        pairs.append(QJsonObject {
            { u"pair"_s, toJson(pairRows->pair(row)) }, { u"enabledActions"_s, pairRows->enabledActions(row) } });
    }
    QJsonArray log;
    const EventLogModel *events = access.eventLog();
    for (int row = std::max(0, events->rowCount() - logTail); row < events->rowCount(); ++row)
        log.append(toJson(events->entry(row)));

    QJsonArray trash;
    for (const VoicemailMessage &message : access.deletedMessages()->messages())
        trash.append(toJson(message));

    return QJsonObject { { u"connection"_s, connection }, { u"mailboxes"_s, mailboxes }, { u"trash"_s, trash },
        { u"calls"_s, calls },
        { u"playbacks"_s, playbacks }, { u"agents"_s, agents }, { u"callers"_s, callers }, { u"pairs"_s, pairs },
        { u"log"_s, log }, { u"listen"_s, toJson(access.listenStatus()) },
        { u"today"_s, toJson(access.queueCallers()->dayFigures()) } };
}

} // namespace SupervisorSnapshot

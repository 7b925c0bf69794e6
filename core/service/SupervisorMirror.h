#pragma once

#include "core/voicemail/ListenStatus.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QtGlobal>

#include <functional>

class CallsModel;
class ConnectionStatus;
class DeletedMessagesModel;
class EventLogModel;
class MailboxesModel;
class PlaybacksModel;
class QueueAgentsModel;
class QueueCallersModel;
class QueuePairsModel;

// The desk's reading of the service's model messages (docs/supervisor-protocol.md): a snapshot
// fills empty models, each change applies one step to them, through the same slots the service's
// own models took. What the service sends is input from the network: a value of the wrong type
// reads as empty, a row out of range is kept in range by the models, an unknown change is
// reported and skipped (the fuzz target fuzz_supervisor_messages feeds it anything).
class SupervisorMirror
{
    Q_DISABLE_COPY_MOVE(SupervisorMirror)

public:
    struct Models
    {
        ConnectionStatus *status = nullptr;
        EventLogModel *eventLog = nullptr;
        PlaybacksModel *playbacks = nullptr;
        CallsModel *calls = nullptr;
        MailboxesModel *mailboxes = nullptr;
        QueueAgentsModel *agents = nullptr;
        QueueCallersModel *callers = nullptr;
        QueuePairsModel *pairs = nullptr;
        DeletedMessagesModel *trash = nullptr; // a mailbox's deleted messages (VM-3)
    };
    using ListenSink = std::function<void(const ListenStatus &)>;

    SupervisorMirror(const Models &models, ListenSink listen);

    // The models must be empty (a fresh snapshot follows a clear).
    void applySnapshot(const QJsonObject &snapshot);
    // false: no change of that kind (nothing done).
    bool applyChange(const QString &kind, const QJsonArray &arguments);

private:
    Models m_models;
    ListenSink m_listen;
    QHash<QString, std::function<void(const QJsonArray &)>> m_changes; // by kind
};

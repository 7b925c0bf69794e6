// libFuzzer target: the supervisor protocol's messages (docs/supervisor-protocol.md) as they
// arrive from the network. The input is a sequence of WebSocket text frames, one per line:
// - on a desk, each frame is read as the desk reads a service's message: a welcome's log capacity,
//   a snapshot into empty models, a change or a batch of changes applied to them
//   (SupervisorMirror, the desk's own code, over the real models), a result's fields;
// - on the service, each frame is read as the service reads a desk's message: its type, a hello's
//   version, user and password, an ack's sequence, a request's action and arguments.
// After every frame each model it changed is walked whole (every cell of every row, every role the
// views use), and every model after the last frame: a model whose row count and rows disagree, or a
// crash, a sanitizer report or a leak, stops the run.
#include "core/models/CallsModel.h"
#include "core/models/ConnectionStatus.h"
#include "core/models/DeletedMessagesModel.h"
#include "core/models/EventLogModel.h"
#include "core/models/MailboxesModel.h"
#include "core/models/PlaybacksModel.h"
#include "core/models/QueueAgentsModel.h"
#include "core/models/QueueCallersModel.h"
#include "core/models/QueuePairsModel.h"
#include "core/service/SupervisorMirror.h"
#include "core/service/SupervisorWire.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>

using namespace Qt::StringLiterals;

namespace {

// Every cell (and, for a tree, every child's cell) with the roles the views ask for.
void walk(const QAbstractItemModel &model, const QModelIndex &parent = {}, int depth = 0)
{
    const int rows = model.rowCount(parent);
    const int columns = model.columnCount(parent);
    if (rows < 0 || columns < 0 || depth > 2)
        __builtin_trap();
    for (int row = 0; row < rows; ++row) {
        for (int column = 0; column < columns; ++column) {
            const QModelIndex index = model.index(row, column, parent);
            if (!index.isValid() || index.row() != row || index.column() != column)
                __builtin_trap();
            for (const int role : { int(Qt::DisplayRole), int(Qt::ToolTipRole), int(Qt::UserRole) })
                (void)model.data(index, role);
        }
        const QModelIndex first = model.index(row, 0, parent);
        if (model.hasChildren(first))
            walk(model, first, depth + 1);
    }
    if (model.index(rows, 0, parent).isValid())
        __builtin_trap();
}

// What the service reads of a desk's message (SupervisorService::onText, onHello, onRequest).
void readAsService(const QJsonObject &message)
{
    const QString type = message.value("type"_L1).toString();
    if (type == "hello"_L1) {
        (void)message.value("version"_L1).toInt(-1);
        (void)message.value("user"_L1).toString();
        (void)message.value("password"_L1).toString();
        (void)message.value("features"_L1).toArray().contains(QJsonValue(SupervisorWire::s_featureBatches));
    } else if (type == "ack"_L1) {
        (void)static_cast<quint64>(std::max<qint64>(0, SupervisorWire::integerFrom(message.value("seq"_L1))));
    } else if (type == "request"_L1) {
        (void)message.value("id"_L1);
        (void)message.value("action"_L1).toString();
        (void)message.value("recording"_L1).toString();
        (void)message.value("bridge"_L1).toString();
        (void)message.value("kind"_L1).toString();
        (void)SupervisorWire::stringListFrom(message.value("recordings"_L1));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));

    ConnectionStatus status;
    EventLogModel eventLog;
    PlaybacksModel playbacks;
    CallsModel calls;
    MailboxesModel mailboxes;
    QueueAgentsModel agents;
    QueueCallersModel callers;
    QueuePairsModel pairs;
    DeletedMessagesModel trash;
    playbacks.setClock([] { return qint64(1000); });
    ListenStatus listen;
    SupervisorMirror mirror({ &status, &eventLog, &playbacks, &calls, &mailboxes, &agents, &callers, &pairs, &trash },
        [&listen](const ListenStatus &value) { listen = value; });
    const QList<const QAbstractItemModel *> models { &eventLog, &playbacks, &calls, &mailboxes, &agents, &callers,
        &pairs, &trash };

    // A model is walked again after a frame that changed it (any of its change signals), and every
    // model once at the end: a model no frame touched is as it was at its last walk.
    QList<bool> changed(models.size(), true);
    for (qsizetype i = 0; i < models.size(); ++i) {
        const QAbstractItemModel *model = models.at(i);
        const auto mark = [&changed, i] { changed[i] = true; };
        QObject::connect(model, &QAbstractItemModel::rowsInserted, mark);
        QObject::connect(model, &QAbstractItemModel::rowsRemoved, mark);
        QObject::connect(model, &QAbstractItemModel::rowsMoved, mark);
        QObject::connect(model, &QAbstractItemModel::dataChanged, mark);
        QObject::connect(model, &QAbstractItemModel::modelReset, mark);
        QObject::connect(model, &QAbstractItemModel::layoutChanged, mark);
        QObject::connect(model, &QAbstractItemModel::headerDataChanged, mark);
    }

    for (const QByteArray &frame : input.split('\n')) {
        QJsonParseError error {};
        const QJsonObject message = QJsonDocument::fromJson(frame, &error).object();
        readAsService(message);
        const QString type = message.value("type"_L1).toString();
        if (type == "welcome"_L1) {
            eventLog.setCapacity(message.value("logCapacity"_L1).toInt(EventLogModel::s_defaultCapacity));
        } else if (type == "snapshot"_L1) {
            // As RemoteSupervisor does: the models emptied, then filled.
            eventLog.clear();
            playbacks.clear();
            calls.clear();
            mailboxes.clear();
            agents.clear();
            callers.clear();
            pairs.clear();
            mirror.applySnapshot(message);
        } else if (type == "change"_L1) {
            const bool known
                = mirror.applyChange(message.value("kind"_L1).toString(), message.value("args"_L1).toArray());
            (void)known;
        } else if (type == "changes"_L1) {
            // A batch (the "changes" feature): each entry applied in turn, as RemoteSupervisor does.
            (void)SupervisorWire::integerFrom(message.value("seq"_L1));
            for (const QJsonValue &item : message.value("changes"_L1).toArray()) {
                const QJsonObject change = item.toObject();
                const bool known
                    = mirror.applyChange(change.value("kind"_L1).toString(), change.value("args"_L1).toArray());
                (void)known;
            }
        } else if (type == "result"_L1) {
            (void)message.value("ok"_L1).toBool();
            (void)message.value("error"_L1).toString();
            (void)SupervisorWire::integerFrom(message.value("size"_L1)); // as RemoteSupervisor reads it
        }
        for (qsizetype i = 0; i < models.size(); ++i) {
            if (std::exchange(changed[i], false))
                walk(*models.at(i));
        }
    }
    for (const QAbstractItemModel *model : models)
        walk(*model);
    return 0;
}

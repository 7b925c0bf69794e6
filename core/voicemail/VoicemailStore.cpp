#include "core/voicemail/VoicemailStore.h"

#include "core/ari/AriEvent.h"
#include "core/ari/AriEventRouter.h"
#include "core/ari/AriOperations.h"
#include "core/ari/AriReply.h"
#include "core/ari/AriRestClient.h"
#include "core/ari/AriResult.h"
#include "core/ari/model/LiveRecording.h"
#include "core/ari/model/StoredRecording.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QTimer>

#include <algorithm>

Q_LOGGING_CATEGORY(lcVoicemail, "supervisor.voicemail")

using namespace Qt::StringLiterals;

namespace {

// A recording that finished is looked up until the server answers (1 s, 2 s, 4 s, 8 s later).
constexpr int s_confirmAttempts = 5;
constexpr int s_confirmRetryMs = 1000;
// A read of the stored recordings that the server answered with an error (or not at all) is tried
// again 1 s, 2 s, 4 s … later, at most every 30 s, until one succeeds: until then the mailboxes may
// miss messages. One that could not reach the server waits for the reconnect, which reads again.
constexpr int s_refreshRetryFirstMs = 1000;
constexpr int s_refreshRetryMaxMs = 30000;

// The ordering key of the moves of one message, to the trash and back.
QString orderingKeyOf(const QString &name)
{
    return u"message:"_s + name;
}

bool isNotFound(const AriResult &result)
{
    return result.status() == AriResult::Status::HttpError && result.httpStatus() == 404;
}

} // namespace

VoicemailStore::VoicemailStore(AriRestClient *rest, AriEventRouter *router, QObject *parent)
    : QObject(parent)
    , m_rest(rest)
{
    qRegisterMetaType<VoicemailMessage>();
    if (router) {
        m_recordingFinished = router->onType(AriEvent::Type::RecordingFinished,
            [this](const AriEvent &event) { onRecordingFinished(event.recordingName(), event.recording().duration); });
    }
}

VoicemailStore::~VoicemailStore() = default;

QStringList VoicemailStore::mailboxes() const
{
    QStringList result = m_mailboxes.keys();
    std::sort(result.begin(), result.end());
    return result;
}

QList<VoicemailMessage> VoicemailStore::messages(const QString &mailbox) const
{
    QList<VoicemailMessage> result = m_mailboxes.value(mailbox);
    for (qsizetype i = 0; i < result.size(); ++i)
        result[i].number = int(i + 1);
    return result;
}

int VoicemailStore::messageCount(const QString &mailbox) const
{
    const auto it = m_mailboxes.constFind(mailbox);
    return it == m_mailboxes.constEnd() ? 0 : int(it->size());
}

std::optional<VoicemailMessage> VoicemailStore::message(const QString &name) const
{
    const int index = row(name);
    if (index < 0)
        return std::nullopt;
    const std::optional<VoicemailMessage> parsed = VoicemailMessage::fromRecording(name, QString());
    VoicemailMessage found = m_mailboxes.value(parsed->mailbox).at(index);
    found.number = index + 1;
    return found;
}

int VoicemailStore::row(const QString &name) const
{
    const std::optional<VoicemailMessage> parsed = VoicemailMessage::fromRecording(name, QString());
    if (!parsed)
        return -1;
    const auto it = m_mailboxes.constFind(parsed->mailbox);
    if (it == m_mailboxes.constEnd())
        return -1;
    const QList<VoicemailMessage> &list = *it;
    const auto position = std::lower_bound(list.cbegin(), list.cend(), *parsed, &VoicemailMessage::lessInTime);
    if (position != list.cend() && position->name == name)
        return int(position - list.cbegin());
    return -1;
}

void VoicemailStore::refresh()
{
    m_waiting.append(Waiter {});
    if (!m_refreshing)
        startRefresh();
}

void VoicemailStore::refresh(QObject *context, RefreshHandler done)
{
    m_waiting.append(Waiter { context, std::move(done), true });
    if (!m_refreshing)
        startRefresh();
}

void VoicemailStore::startRefresh()
{
    m_refreshing = true;
    m_touched.clear();
    QList<Waiter> batch;
    batch.swap(m_waiting);
    m_rest->send(AriOperations::listStored())->then(this, [this, batch](const AriResult &result) {
        const QJsonValue json = result.json();
        bool ok = json.isArray();
        if (ok) {
            QList<QPair<QString, QString>> stored;
            const QJsonArray array = json.toArray();
            stored.reserve(array.size());
            for (const QJsonValue &value : array) {
                const QJsonObject object = value.toObject();
                stored.append({ object.value(QLatin1StringView("name")).toString(),
                    object.value(QLatin1StringView("format")).toString() });
            }
            applyList(stored);
            m_loaded = true;
        } else {
            const QString error = result.isOk() ? QStringLiteral("the list of stored recordings is not a JSON array")
                                                : result.describe();
            qCWarning(lcVoicemail).noquote() << "reading the stored recordings failed:" << error;
            Q_EMIT refreshFailed(error);
        }
        m_refreshing = false;
        if (ok) {
            m_refreshFailures = 0;
            Q_EMIT refreshed();
            purgeExpiredTrash();
        } else if (result.status() != AriResult::Status::NetworkError) {
            // (Not when the server cannot be reached: the read after the reconnect is the next.)
            scheduleRefreshRetry();
        }
        for (const Waiter &waiter : batch) {
            if (waiter.done && (!waiter.hasContext || waiter.context))
                waiter.done(ok);
        }
        if (!m_waiting.isEmpty() && !m_refreshing)
            startRefresh();
    });
}

void VoicemailStore::scheduleRefreshRetry()
{
    const int delay = std::min(s_refreshRetryFirstMs << std::min(m_refreshFailures, 5), s_refreshRetryMaxMs);
    ++m_refreshFailures;
    const int failures = m_refreshFailures;
    QTimer::singleShot(delay, this, [this, failures] {
        // Not when a read succeeded or another failure scheduled its own retry meanwhile.
        if (m_refreshFailures == failures)
            refresh();
    });
}

void VoicemailStore::applyList(const QList<QPair<QString, QString>> &stored)
{
    QHash<QString, VoicemailMessage> seen;
    QHash<QString, QString> trashed; // name → format
    for (const auto &[name, format] : stored) {
        std::optional<VoicemailMessage> message = VoicemailMessage::fromRecording(name, format);
        if (message)
            seen.insert(name, *message);
        else if (VoicemailMessage::fromTrash(name, format))
            trashed.insert(name, format);
    }
    // Removed elsewhere (a name changed here while the list was read is left as it is now).
    QStringList gone;
    for (auto it = m_mailboxes.cbegin(); it != m_mailboxes.cend(); ++it) {
        for (const VoicemailMessage &message : *it) {
            if (!seen.contains(message.name) && !m_touched.contains(message.name) && !m_moving.contains(message.name))
                gone.append(message.name);
        }
    }
    for (const QString &name : std::as_const(gone))
        remove(name);
    // A trash copy next to its message is what a move that did not finish left behind (the delete
    // or the restore failed half-way, and so did its undo): the message counts, the copy goes.
    // Never while a move of that message is under way (both copies exist for a moment then).
    // (During a move the copy is not listed anew: the move decides where the message ends up.)
    QStringList leftovers;
    for (auto it = trashed.begin(); it != trashed.end();) {
        const QString original = VoicemailMessage::originalNameOf(it.key());
        const bool moving = m_moving.contains(original) || m_touched.contains(original) || m_touched.contains(it.key());
        if (!seen.contains(original) || (moving && m_trash.contains(it.key()))) {
            ++it;
            continue;
        }
        if (!moving)
            leftovers.append(it.key());
        it = trashed.erase(it);
    }
    for (auto it = seen.cbegin(); it != seen.cend(); ++it) {
        if (m_touched.contains(it.key()) || m_moving.contains(it.key()))
            continue; // (a move under way decides where the message is listed)
        if (contains(it.key()))
            update(it.key(), it->format, std::nullopt);
        else
            insert(*it);
    }
    // Metadata of recordings deleted while nobody watched (SPEC VM-1).
    applyTrashList(trashed);
    QSet<QString> kept;
    kept.reserve(seen.size() + trashed.size() + m_touched.size());
    for (auto it = seen.cbegin(); it != seen.cend(); ++it)
        kept.insert(it.key());
    for (auto it = trashed.cbegin(); it != trashed.cend(); ++it)
        kept.insert(it.key());
    kept.unite(m_touched);
    dropMetadataExcept(kept);
    m_touched.clear();
    deleteLeftovers(leftovers);
}

void VoicemailStore::deleteLeftovers(const QStringList &trashNames)
{
    for (const QString &trashName : trashNames) {
        qCInfo(lcVoicemail).noquote() << "deleting" << trashName
                                      << "from the trash: a move that did not finish left it next to its message";
        m_rest->send(AriOperations::deleteStored(trashName), u"trash:"_s + trashName)
            ->then(this, [trashName](const AriResult &result) {
                if (!result.isOk() && !isNotFound(result))
                    qCWarning(lcVoicemail).noquote() << "deleting" << trashName << "failed:" << result.describe();
            });
    }
}

void VoicemailStore::insert(VoicemailMessage message)
{
    if (const auto duration = m_knownDurations.constFind(message.name); duration != m_knownDurations.constEnd()) {
        message.durationSeconds = *duration;
        m_knownDurations.erase(duration);
    }
    touch(message.name);
    attachMetadata(message);
    const bool newMailbox = !m_mailboxes.contains(message.mailbox);
    QList<VoicemailMessage> &list = m_mailboxes[message.mailbox];
    const auto position = std::lower_bound(list.begin(), list.end(), message, &VoicemailMessage::lessInTime);
    const int index = int(position - list.begin());
    list.insert(index, message);
    ++m_total;
    if (newMailbox)
        Q_EMIT mailboxAdded(message.mailbox);
    message.number = index + 1;
    qCDebug(lcVoicemail).noquote() << "message" << message.name << "added (number" << message.number << ')';
    Q_EMIT messageAdded(message, index);
    adjustNewCount(message.mailbox, message.heard ? 0 : 1);
}

void VoicemailStore::remove(const QString &name)
{
    m_knownDurations.remove(name);
    const int index = row(name);
    if (index < 0)
        return;
    touch(name);
    const QString mailbox = VoicemailMessage::fromRecording(name, QString())->mailbox;
    QList<VoicemailMessage> &list = m_mailboxes[mailbox];
    VoicemailMessage message = list.takeAt(index);
    --m_total;
    message.number = index + 1;
    dropMetadata(name);
    m_expected.remove(name);
    qCDebug(lcVoicemail).noquote() << "message" << name << "removed";
    Q_EMIT messageRemoved(message, index);
    if (list.isEmpty()) {
        m_mailboxes.remove(mailbox);
        Q_EMIT mailboxRemoved(mailbox);
    }
    adjustNewCount(mailbox, message.heard ? 0 : -1);
}

void VoicemailStore::update(const QString &name, const QString &format, std::optional<int> durationSeconds)
{
    const int index = row(name);
    if (index < 0)
        return;
    const QString mailbox = VoicemailMessage::fromRecording(name, QString())->mailbox;
    VoicemailMessage &message = m_mailboxes[mailbox][index];
    bool changed = false;
    if (!format.isEmpty() && message.format != format) {
        message.format = format;
        changed = true;
    }
    if (durationSeconds && message.durationSeconds != durationSeconds) {
        message.durationSeconds = durationSeconds;
        changed = true;
        if (const auto row = m_rows.find(name); row != m_rows.end() && row->durationSeconds != durationSeconds) {
            row->durationSeconds = durationSeconds;
            writeMetadata(*row);
        }
    }
    if (!changed)
        return;
    touch(name);
    VoicemailMessage copy = message;
    copy.number = index + 1;
    Q_EMIT messageChanged(copy, index);
}

void VoicemailStore::touch(const QString &name)
{
    if (m_refreshing)
        m_touched.insert(name);
}

void VoicemailStore::confirm(const QString &name, const QString &orderingKey, QObject *context, ExistsHandler done)
{
    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    const quint64 moves = m_moves.value(name);
    m_rest->send(AriOperations::getStored(name), orderingKey)
        ->then(this, [this, name, moves, guard, hasContext, done = std::move(done)](const AriResult &result) {
            bool exists = false;
            // An answer older than a move of the message (to the trash or back) that started since,
            // or one that is under way, tells nothing about where the message is now.
            const bool current = m_moves.value(name) == moves && !m_moving.contains(name);
            if (result.isOk()) {
                exists = true;
                const StoredRecording stored = StoredRecording::fromJson(result.json().toObject());
                if (contains(name)) {
                    update(name, stored.format, std::nullopt);
                } else if (std::optional<VoicemailMessage> message
                    = VoicemailMessage::fromRecording(name, stored.format);
                    message && current) {
                    insert(*message);
                }
            } else if (isNotFound(result)) {
                if (current)
                    remove(name);
            } else {
                qCWarning(lcVoicemail).noquote() << "checking message" << name << "failed:" << result.describe();
            }
            if (done && (!hasContext || guard))
                done(exists, result);
        });
}

void VoicemailStore::deleteMessage(
    const QString &name, const QString &orderingKey, QObject *context, DeleteHandler done)
{
    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    qCInfo(lcVoicemail).noquote() << "deleting message" << name;
    m_rest->send(AriOperations::deleteStored(name), orderingKey)
        ->then(this, [this, name, guard, hasContext, done = std::move(done)](const AriResult &result) {
            if (result.isOk()) {
                remove(name);
            } else if (isNotFound(result)) {
                qCInfo(lcVoicemail).noquote() << "message" << name << "was already deleted";
                remove(name);
            } else {
                qCWarning(lcVoicemail).noquote() << "deleting message" << name << "failed:" << result.describe();
            }
            if (done && (!hasContext || guard))
                done(result);
        });
}

void VoicemailStore::onRecordingFinished(const QString &name, std::optional<int> durationSeconds)
{
    if (!VoicemailMessage::fromRecording(name, QString()))
        return;
    if (durationSeconds) {
        if (contains(name))
            update(name, QString(), durationSeconds);
        else
            m_knownDurations.insert(name, *durationSeconds);
    }
    confirmRecorded(name, 0);
}

void VoicemailStore::confirmRecorded(const QString &name, int attempt)
{
    confirm(name, QString(), nullptr, [this, name, attempt](bool exists, const AriResult &result) {
        if (exists)
            return;
        if (isNotFound(result) || attempt + 1 >= s_confirmAttempts) {
            m_knownDurations.remove(name);
            return;
        }
        // The server could not tell (an error, no answer): a message may have been recorded, and
        // it is to be shown now, not only after the next reload.
        QTimer::singleShot(s_confirmRetryMs << attempt, this, [this, name, attempt] {
            if (!contains(name))
                confirmRecorded(name, attempt + 1);
        });
    });
}

bool VoicemailStore::openMetadata(const QString &filePath, QString *error)
{
    auto metadata = std::make_unique<VoicemailMetadata>();
    if (!metadata->open(filePath, error))
        return false;
    m_rows = metadata->readAll();
    m_metadata = std::move(metadata);
    qCInfo(lcVoicemail).noquote() << "voicemail metadata in"
                                  << (filePath.isEmpty() ? QStringLiteral("memory only") : filePath) << '('
                                  << m_rows.size() << "messages)";
    return true;
}

std::optional<VoicemailMetadataRow> VoicemailStore::metadataOf(const QString &name) const
{
    const auto it = m_rows.constFind(name);
    if (it == m_rows.constEnd())
        return std::nullopt;
    return *it;
}

void VoicemailStore::expectMessage(const QString &name, const QString &callerName, const QString &callerNumber)
{
    m_expected.insert(name, CallerId { callerName, callerNumber });
}

void VoicemailStore::markHeard(const QString &name)
{
    const int index = row(name);
    if (index < 0)
        return;
    const QString mailbox = VoicemailMessage::fromRecording(name, QString())->mailbox;
    VoicemailMessage &message = m_mailboxes[mailbox][index];
    if (message.heard)
        return;
    message.heard = true;
    if (const auto row = m_rows.find(name); row != m_rows.end()) {
        row->heard = true;
        writeMetadata(*row);
    }
    touch(name);
    qCInfo(lcVoicemail).noquote() << "message" << name << "heard";
    VoicemailMessage copy = message;
    copy.number = index + 1;
    Q_EMIT messageChanged(copy, index);
    adjustNewCount(mailbox, -1);
}

void VoicemailStore::attachMetadata(VoicemailMessage &message)
{
    auto row = m_rows.find(message.name);
    if (row == m_rows.end()) {
        VoicemailMetadataRow created;
        created.name = message.name;
        if (const auto caller = m_expected.constFind(message.name); caller != m_expected.constEnd()) {
            created.callerName = caller->name;
            created.callerNumber = caller->number;
            m_expected.erase(caller);
        }
        created.receivedMs = message.receivedMs >= 0 ? message.receivedMs : now();
        created.durationSeconds = message.durationSeconds;
        row = m_rows.insert(message.name, created);
        writeMetadata(created);
    } else if (message.durationSeconds && row->durationSeconds != message.durationSeconds) {
        row->durationSeconds = message.durationSeconds;
        writeMetadata(*row);
    }
    message.callerName = row->callerName;
    message.callerNumber = row->callerNumber;
    message.heard = row->heard;
    if (message.receivedMs < 0)
        message.receivedMs = row->receivedMs;
    if (!message.durationSeconds)
        message.durationSeconds = row->durationSeconds;
}

void VoicemailStore::writeMetadata(const VoicemailMetadataRow &row)
{
    if (m_metadata)
        m_metadata->put(row);
}

void VoicemailStore::dropMetadata(const QString &name)
{
    if (m_rows.remove(name) > 0 && m_metadata)
        m_metadata->remove(name);
}

void VoicemailStore::dropMetadataExcept(const QSet<QString> &stored)
{
    QStringList gone;
    for (auto it = m_rows.cbegin(); it != m_rows.cend(); ++it) {
        if (!stored.contains(it.key()) && !m_expected.contains(it.key()))
            gone.append(it.key());
    }
    for (const QString &name : std::as_const(gone)) {
        qCInfo(lcVoicemail).noquote() << "message" << name << "is no longer stored: its metadata is dropped";
        dropMetadata(name);
    }
}

void VoicemailStore::adjustNewCount(const QString &mailbox, int delta)
{
    if (delta != 0) {
        int &count = m_newCounts[mailbox];
        count += delta;
        if (count <= 0)
            m_newCounts.remove(mailbox);
    }
    Q_EMIT countsChanged(mailbox, newCount(mailbox), oldCount(mailbox));
}

qint64 VoicemailStore::now() const
{
    return m_clock ? m_clock() : QDateTime::currentMSecsSinceEpoch();
}

void VoicemailStore::applyTrashList(const QHash<QString, QString> &stored)
{
    QStringList gone;
    for (auto it = m_trash.cbegin(); it != m_trash.cend(); ++it) {
        if (!stored.contains(it.key()) && !m_touched.contains(it.key()))
            gone.append(it.key());
    }
    for (const QString &trashName : std::as_const(gone))
        removeFromTrash(trashName, false);
    for (auto it = stored.cbegin(); it != stored.cend(); ++it) {
        if (!m_trash.contains(it.key()) && !m_touched.contains(it.key()))
            addToTrash(*VoicemailMessage::fromTrash(it.key(), it.value()));
    }
}

void VoicemailStore::addToTrash(VoicemailMessage entry)
{
    touch(entry.name);
    auto row = m_rows.find(entry.name);
    if (row == m_rows.end()) {
        // Found in the trash without metadata (put there by other means): deleted now.
        VoicemailMetadataRow created;
        created.name = entry.name;
        created.receivedMs = entry.receivedMs;
        row = m_rows.insert(entry.name, created);
    }
    if (row->deletedMs < 0) {
        row->deletedMs = now();
        writeMetadata(*row);
    }
    entry.callerName = row->callerName;
    entry.callerNumber = row->callerNumber;
    entry.heard = row->heard;
    entry.deletedMs = row->deletedMs;
    if (entry.receivedMs < 0)
        entry.receivedMs = row->receivedMs;
    if (!entry.durationSeconds)
        entry.durationSeconds = row->durationSeconds;
    m_trash.insert(entry.name, entry);
    Q_EMIT trashAdded(entry);
}

void VoicemailStore::removeFromTrash(const QString &trashName, bool keepMetadata)
{
    const auto it = m_trash.constFind(trashName);
    if (it == m_trash.constEnd())
        return;
    touch(trashName);
    const VoicemailMessage entry = *it;
    m_trash.erase(it);
    if (!keepMetadata)
        dropMetadata(trashName);
    Q_EMIT trashRemoved(entry);
}

void VoicemailStore::movedToTrash(const QString &name, const QString &trashName)
{
    // The metadata follows the message (one row deleted, one written).
    const std::optional<VoicemailMetadataRow> row = metadataOf(name);
    const std::optional<VoicemailMessage> message = this->message(name);
    remove(name);
    VoicemailMetadataRow moved = row.value_or(VoicemailMetadataRow {});
    moved.name = trashName;
    moved.deletedMs = now();
    if (!row)
        moved.receivedMs = VoicemailMessage::fromTrash(trashName, {})->receivedMs;
    m_rows.insert(trashName, moved);
    writeMetadata(moved);
    if (!m_trash.contains(trashName))
        addToTrash(*VoicemailMessage::fromTrash(trashName, message ? message->format : QString()));
}

void VoicemailStore::restoredFromTrash(const QString &trashName, const QString &name)
{
    const VoicemailMessage entry = m_trash.value(trashName);
    std::optional<VoicemailMetadataRow> row = metadataOf(trashName);
    removeFromTrash(trashName, false);
    if (row && !contains(name)) {
        row->name = name;
        row->deletedMs = -1;
        m_rows.insert(name, *row);
        writeMetadata(*row);
    }
    if (!contains(name)) {
        if (std::optional<VoicemailMessage> message = VoicemailMessage::fromRecording(name, entry.format))
            insert(*message);
    }
}

void VoicemailStore::trashMessage(const QString &name, QObject *context, DeleteHandler done)
{
    const QString trashName = VoicemailMessage::trashNameOf(name);
    if (trashName.isEmpty()) {
        qCWarning(lcVoicemail).noquote() << "not a voicemail message:" << name;
        return;
    }
    const DeleteHandler finish = beginMove(name, context, std::move(done),
        [this, name](QObject *asker, DeleteHandler handler) { trashMessage(name, asker, std::move(handler)); });
    if (!finish)
        return;
    qCInfo(lcVoicemail).noquote() << "moving message" << name << "to the trash";
    const QString orderingKey = orderingKeyOf(name);
    m_rest->send(AriOperations::copyStored(name, trashName), orderingKey)
        ->then(this, [this, name, trashName, orderingKey, finish](const AriResult &copied) {
            // 409: a copy of this message is in the trash already (an earlier attempt).
            const bool copyThere
                = copied.isOk() || (copied.status() == AriResult::Status::HttpError && copied.httpStatus() == 409);
            if (!copyThere) {
                if (isNotFound(copied)) {
                    qCInfo(lcVoicemail).noquote() << "message" << name << "was already deleted";
                    remove(name);
                } else {
                    qCWarning(lcVoicemail).noquote() << "deleting message" << name
                                                     << "failed: copying it to the trash:" << copied.describe()
                                                     << "- nothing was deleted";
                }
                finish(copied);
                return;
            }
            Q_EMIT trashCopyMade(name);
            m_rest->send(AriOperations::deleteStored(name), orderingKey)
                ->then(this, [this, name, trashName, orderingKey, finish](const AriResult &deleted) {
                    if (deleted.isOk() || isNotFound(deleted)) {
                        movedToTrash(name, trashName);
                    } else {
                        qCWarning(lcVoicemail).noquote()
                            << "deleting message" << name << "failed after copying it to the trash:"
                            << deleted.describe() << "- the message stays; its copy in the trash is removed";
                        m_rest->send(AriOperations::deleteStored(trashName), orderingKey);
                        removeFromTrash(trashName, false); // should a reload have listed the copy meanwhile
                    }
                    finish(deleted);
                });
        });
}

void VoicemailStore::restoreMessage(const QString &trashName, QObject *context, DeleteHandler done)
{
    const QString name = VoicemailMessage::originalNameOf(trashName);
    if (name.isEmpty()) {
        qCWarning(lcVoicemail).noquote() << "not a message in the trash:" << trashName;
        return;
    }
    const DeleteHandler finish = beginMove(name, context, std::move(done),
        [this, trashName](QObject *asker, DeleteHandler handler) { restoreMessage(trashName, asker, std::move(handler)); });
    if (!finish)
        return;
    qCInfo(lcVoicemail).noquote() << "restoring message" << name << "from the trash";
    const QString orderingKey = orderingKeyOf(name);
    m_rest->send(AriOperations::copyStored(trashName, name), orderingKey)
        ->then(this, [this, name, trashName, orderingKey, finish](const AriResult &copied) {
            if (!copied.isOk()) {
                if (isNotFound(copied))
                    removeFromTrash(trashName, false);
                qCWarning(lcVoicemail).noquote()
                    << "restoring message" << name << "failed: copying it back:" << copied.describe();
                finish(copied);
                return;
            }
            m_rest->send(AriOperations::deleteStored(trashName), orderingKey)
                ->then(this, [this, name, trashName, finish](const AriResult &deleted) {
                    if (deleted.isOk() || isNotFound(deleted)) {
                        restoredFromTrash(trashName, name);
                    } else {
                        // The message is back and is listed there only; the copy left in the trash
                        // goes at the next reload of the stored recordings.
                        qCWarning(lcVoicemail).noquote()
                            << "message" << name
                            << "is restored but its copy in the trash could not be deleted:" << deleted.describe()
                            << "- it is deleted at the next reload";
                        restoredFromTrash(trashName, name);
                    }
                    finish(deleted);
                });
        });
}

VoicemailStore::DeleteHandler VoicemailStore::beginMove(
    const QString &name, QObject *context, DeleteHandler done, std::function<void(QObject *, DeleteHandler)> again)
{
    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    if (const auto busy = m_moving.find(name); busy != m_moving.end()) {
        // One move of a message at a time: this one waits for the one under way.
        busy->append([guard, hasContext, done = std::move(done), again = std::move(again)]() mutable {
            if (hasContext && !guard)
                done = {}; // the one who asked is gone: the move is made all the same
            again(guard.data(), std::move(done));
        });
        return {};
    }
    m_moving.insert(name, {});
    ++m_moves[name];
    return [this, name, guard, hasContext, done = std::move(done)](const AriResult &result) {
        finishMove(name);
        if (done && (!hasContext || guard))
            done(result);
    };
}

void VoicemailStore::finishMove(const QString &name)
{
    QList<std::function<void()>> waiting = m_moving.take(name);
    if (waiting.isEmpty())
        return;
    // The next move of this message starts once this one is over (on the next turn of the loop,
    // after the caller of this one has had its answer); those behind it wait for it in turn.
    QTimer::singleShot(0, this, [this, name, waiting = std::move(waiting)]() mutable {
        for (qsizetype i = 0; i < waiting.size(); ++i) {
            if (const auto started = m_moving.find(name); started != m_moving.end()) {
                for (qsizetype later = i; later < waiting.size(); ++later)
                    started->append(std::move(waiting[later]));
                return;
            }
            waiting[i]();
        }
    });
}

int VoicemailStore::purgeExpiredTrash()
{
    const qint64 limit = now() - qint64(m_trashDays) * 24 * 3600 * 1000;
    QStringList expired;
    for (auto it = m_trash.cbegin(); it != m_trash.cend(); ++it) {
        if (it->deletedMs >= 0 && it->deletedMs <= limit)
            expired.append(it.key());
    }
    for (const QString &trashName : std::as_const(expired)) {
        qCInfo(lcVoicemail).noquote() << "purging" << trashName << "from the trash (deleted more than" << m_trashDays
                                      << "days ago)";
        m_rest->send(AriOperations::deleteStored(trashName), u"trash:"_s + trashName)
            ->then(this, [this, trashName](const AriResult &result) {
                if (result.isOk() || isNotFound(result))
                    removeFromTrash(trashName, false);
                else
                    qCWarning(lcVoicemail).noquote() << "purging" << trashName << "failed:" << result.describe();
            });
    }
    return int(expired.size());
}

#pragma once

#include "core/ari/AriSubscription.h"
#include "core/voicemail/VoicemailMessage.h"
#include "core/voicemail/VoicemailMetadata.h"

#include <QHash>
#include <QList>
#include <QLoggingCategory>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

Q_DECLARE_LOGGING_CATEGORY(lcVoicemail)

class AriEventRouter;
class AriRestClient;
class AriResult;

// Every mailbox and its messages, as the server stores them (SPEC VP-5, VR-5, UI-2): one model
// shared by both voicemail applications and the supervisor's views.
//
// It learns of changes without polling everything: refresh() reads GET /recordings/stored (at
// start, after a reconnect, when a listening call starts before any read has succeeded, and again
// 1 s, 2 s, 4 s … (at most 30 s) after a read the server failed (an error, no answer); concurrent
// refreshes share one request); a RecordingFinished of a "voicemail/…" name is checked with one GET and added; a
// deletion made through deleteMessage() (phone or supervisor) is applied at once; a message found
// missing (confirm() answers 404) is removed. Each change is one signal with the message and its
// row in messages(mailbox), so an item model can mirror the store (possibly on another thread,
// through queued connections: the signals carry values).
//
// Each message carries its metadata (SPEC VM-1: caller id, received time, duration, heard), kept in
// memory by recording name and, once openMetadata() succeeded, in an SQLite file
// (VoicemailMetadata) written when a message changes. A message gets its row when it is first
// seen: with the caller id vm-record announced through expectMessage(), or without one when it
// appeared by other means; a message that disappears loses its row; after each refresh, rows
// whose recording is gone are dropped. New/old counts per mailbox are kept as messages change.
class VoicemailStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VoicemailStore)

public:
    VoicemailStore(AriRestClient *rest, AriEventRouter *router, QObject *parent = nullptr);
    ~VoicemailStore() override;

    bool isLoaded() const { return m_loaded; } // a refresh has succeeded once
    QStringList mailboxes() const; // with at least one message, sorted
    // In time order, numbered from 1.
    QList<VoicemailMessage> messages(const QString &mailbox) const;
    int messageCount(const QString &mailbox) const;
    int newCount(const QString &mailbox) const { return m_newCounts.value(mailbox); }
    int oldCount(const QString &mailbox) const { return messageCount(mailbox) - newCount(mailbox); }
    int totalCount() const { return m_total; }
    std::optional<VoicemailMessage> message(const QString &name) const;
    bool contains(const QString &name) const { return row(name) >= 0; }
    int row(const QString &name) const; // index in messages(mailbox of name); -1 if absent

    // Keeps the metadata in the SQLite file `filePath` (empty: in memory only) from now on; loads
    // what it holds. Call before the first refresh. False (with the reason) if it cannot be used:
    // the metadata then stays in memory.
    bool openMetadata(const QString &filePath, QString *error);
    const VoicemailMetadata *metadata() const { return m_metadata.get(); }
    // The metadata of a recording name (also before its message is stored); nullopt if none.
    std::optional<VoicemailMetadataRow> metadataOf(const QString &name) const;
    // The clock for received times of messages whose name has none (ms since the epoch).
    using Clock = std::function<qint64()>;
    void setClock(Clock clock) { m_clock = std::move(clock); }

    // vm-record is recording `name` for this caller: the message gets this caller id when stored.
    void expectMessage(const QString &name, const QString &callerName, const QString &callerNumber);
    // The recording of `name` was discarded before it was stored.
    void forgetExpected(const QString &name) { m_expected.remove(name); }
    // The message was heard (played to its end, or far enough, SPEC VM-2): it is no longer new.
    void markHeard(const QString &name);

    // Reads the stored recordings again. `done(ok)` runs after the model is up to date, unless
    // `context` is gone by then. (In every call here a null `context` means: always call back.)
    using RefreshHandler = std::function<void(bool ok)>;
    void refresh();
    void refresh(QObject *context, RefreshHandler done);

    // Asks the server whether `name` is stored (GET /recordings/stored/{name}) and updates the
    // model: added if it is, removed if it is not. `orderingKey` orders the request with a call's
    // other operations (may be empty).
    using ExistsHandler = std::function<void(bool exists, const AriResult &result)>;
    void confirm(const QString &name, const QString &orderingKey, QObject *context, ExistsHandler done);

    // Deletes a message (DELETE /recordings/stored/{name}); the model drops it when the server
    // says it is gone (204, or 404: deleted elsewhere already). `done` gets the server's answer.
    using DeleteHandler = std::function<void(const AriResult &result)>;
    void deleteMessage(const QString &name, const QString &orderingKey, QObject *context, DeleteHandler done);

    // SPEC VM-3, the trash: recordings "voicemail-trash/<mailbox>/<id>", listed by trash(), each
    // with the metadata its message had and the time of the delete.
    QList<VoicemailMessage> trash() const { return m_trash.values(); }
    int trashCount() const { return int(m_trash.size()); }
    bool isInTrash(const QString &trashName) const { return m_trash.contains(trashName); }
    void setTrashDays(int days) { m_trashDays = days; }
    int trashDays() const { return m_trashDays; }
    // Moves a message to the trash: copies the recording to its trash name, then deletes the
    // original (never the other way round). A failed copy deletes nothing; a delete that fails
    // after the copy leaves the message where it was (the copy is removed again). `done` gets the
    // answer that decided (ok: moved; 404 on the copy: the message was gone already). The moves of
    // one message, to the trash and back, are made one after the other, whoever asks for them
    // (their requests share the message's ordering key), so none acts on the other's half-way state.
    void trashMessage(const QString &name, QObject *context, DeleteHandler done);
    // Moves a message back from the trash (copy to its name, then delete the trash copy).
    void restoreMessage(const QString &trashName, QObject *context, DeleteHandler done);
    // Deletes the trash entries older than trashDays() by the clock; returns how many it deletes.
    // Also run after each refresh.
    int purgeExpiredTrash();

Q_SIGNALS:
    void mailboxAdded(const QString &mailbox);
    void mailboxRemoved(const QString &mailbox);
    // `row` is the message's row in messages(mailbox) after the insertion / before the removal.
    void messageAdded(const VoicemailMessage &message, int row);
    void messageRemoved(const VoicemailMessage &message, int row);
    void messageChanged(const VoicemailMessage &message, int row); // duration, format or heard
    // The new/old counts of a mailbox changed (a message added, removed or heard).
    void countsChanged(const QString &mailbox, int newMessages, int oldMessages);
    // A message entered the trash / left it (restored or purged); `message.name` is the trash name.
    void trashAdded(const VoicemailMessage &message);
    void trashRemoved(const VoicemailMessage &message);
    // trashMessage(): the copy in the trash is made; the original is deleted next.
    void trashCopyMade(const QString &name);
    void refreshed();
    void refreshFailed(const QString &error);

private:
    struct Waiter
    {
        QPointer<QObject> context;
        RefreshHandler done;
        bool hasContext = false;
    };

    void startRefresh();
    void scheduleRefreshRetry();
    void applyList(const QList<QPair<QString, QString>> &stored);
    void insert(VoicemailMessage message);
    void remove(const QString &name);
    void update(const QString &name, const QString &format, std::optional<int> durationSeconds);
    void touch(const QString &name);
    void onRecordingFinished(const QString &name, std::optional<int> durationSeconds);
    // Asks whether a recording that finished is stored; asked again later while the server cannot
    // answer (`attempt` counts from 0).
    void confirmRecorded(const QString &name, int attempt);
    // Deletes trash copies whose message is in its mailbox too (a move that did not finish).
    void deleteLeftovers(const QStringList &trashNames);
    // A move of `name` to or from the trash is over: the next one waiting for it starts.
    // Starts a move of message `name` (to the trash or back) and returns what ends it: that hands
    // its result to `done` (unless `context` is gone by then). One move of a message at a time:
    // while one is under way, `again` (this same move, asked once more) waits for it, and the
    // return is empty.
    DeleteHandler beginMove(
        const QString &name, QObject *context, DeleteHandler done, std::function<void(QObject *, DeleteHandler)> again);
    void finishMove(const QString &name);
    // Fills in the message's metadata, creating (and writing) its row when it has none.
    void attachMetadata(VoicemailMessage &message);
    void writeMetadata(const VoicemailMetadataRow &row);
    void dropMetadata(const QString &name);
    void dropMetadataExcept(const QSet<QString> &stored);
    void adjustNewCount(const QString &mailbox, int delta);
    void applyTrashList(const QHash<QString, QString> &stored);
    void addToTrash(VoicemailMessage entry);
    void removeFromTrash(const QString &trashName, bool keepMetadata);
    void movedToTrash(const QString &name, const QString &trashName);
    void restoredFromTrash(const QString &trashName, const QString &name);
    qint64 now() const;

    struct CallerId
    {
        QString name;
        QString number;
    };

    AriRestClient *m_rest = nullptr;
    AriSubscriptionPtr m_recordingFinished;
    QHash<QString, QList<VoicemailMessage>> m_mailboxes; // each list in time order
    QHash<QString, int> m_knownDurations; // from RecordingFinished, until stored
    std::unique_ptr<VoicemailMetadata> m_metadata; // null: in memory only
    QHash<QString, VoicemailMetadataRow> m_rows; // by recording name
    QHash<QString, CallerId> m_expected; // recordings in progress, until stored
    QHash<QString, int> m_newCounts; // mailbox → messages not heard
    QHash<QString, VoicemailMessage> m_trash; // by trash recording name
    int m_trashDays = 30;
    Clock m_clock;
    QList<Waiter> m_waiting;
    QSet<QString> m_touched; // names changed locally while a refresh is in flight
    // Messages being moved to or from the trash (both copies may exist meanwhile), with the moves
    // of the same message that wait for that one.
    QHash<QString, QList<std::function<void()>>> m_moving;
    QHash<QString, quint64> m_moves; // moves of each message started so far (a check older than one is stale)
    int m_total = 0;
    int m_refreshFailures = 0; // reads of the stored recordings failed in a row
    bool m_loaded = false;
    bool m_refreshing = false;
};

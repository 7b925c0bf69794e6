#pragma once

#include "core/ari/AriSubscription.h"
#include "core/voicemail/VoicemailMessage.h"

#include <QHash>
#include <QList>
#include <QLoggingCategory>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>

#include <functional>
#include <optional>

Q_DECLARE_LOGGING_CATEGORY(lcVoicemail)

class AriEventRouter;
class AriRestClient;
class AriResult;

// Every mailbox and its messages, as the server stores them (SPEC VP-5, VR-5, UI-2): one model
// shared by both voicemail applications and the supervisor's views.
//
// It learns of changes without polling everything: refresh() reads GET /recordings/stored (at
// start, after a reconnect, and when a listening call starts before any read has succeeded;
// concurrent refreshes share one request); a RecordingFinished of a "voicemail/…" name is checked with one GET and added; a
// deletion made through deleteMessage() (phone or supervisor) is applied at once; a message found
// missing (confirm() answers 404) is removed. Each change is one signal with the message and its
// row in messages(mailbox), so an item model can mirror the store (possibly on another thread,
// through queued connections: the signals carry values).
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
    int totalCount() const { return m_total; }
    std::optional<VoicemailMessage> message(const QString &name) const;
    bool contains(const QString &name) const { return row(name) >= 0; }
    int row(const QString &name) const; // index in messages(mailbox of name); -1 if absent

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

Q_SIGNALS:
    void mailboxAdded(const QString &mailbox);
    void mailboxRemoved(const QString &mailbox);
    // `row` is the message's row in messages(mailbox) after the insertion / before the removal.
    void messageAdded(const VoicemailMessage &message, int row);
    void messageRemoved(const VoicemailMessage &message, int row);
    void messageChanged(const VoicemailMessage &message, int row); // duration or format learned
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
    void applyList(const QList<QPair<QString, QString>> &stored);
    void insert(VoicemailMessage message);
    void remove(const QString &name);
    void update(const QString &name, const QString &format, std::optional<int> durationSeconds);
    void touch(const QString &name);
    void onRecordingFinished(const QString &name, std::optional<int> durationSeconds);

    AriRestClient *m_rest = nullptr;
    AriSubscriptionPtr m_recordingFinished;
    QHash<QString, QList<VoicemailMessage>> m_mailboxes; // each list in time order
    QHash<QString, int> m_knownDurations; // from RecordingFinished, until stored
    QList<Waiter> m_waiting;
    QSet<QString> m_touched; // names changed locally while a refresh is in flight
    int m_total = 0;
    bool m_loaded = false;
    bool m_refreshing = false;
};

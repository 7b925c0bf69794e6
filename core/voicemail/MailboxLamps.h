#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

class AriRestClient;
class VoicemailStore;

// Message lamps (SPEC VM-2): keeps Asterisk's mailbox state, which phones subscribed to a mailbox
// show, in step with the voicemail store. Whenever a mailbox's new/old counts change (a message
// stored, heard, deleted or restored) it sends `PUT /mailboxes/<mailbox>@<context>?oldMessages=
// &newMessages=`; changes of one pass of the event loop are combined into one request per mailbox
// (a refresh that adds 500 messages sends one request per mailbox, not 500). After every refresh
// (start, reconnect: Asterisk may have restarted and forgotten) every mailbox is sent again. A
// mailbox's requests go in order (its own ordering key). A failed update is logged; the next
// change or refresh sends the counts again.
class MailboxLamps final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MailboxLamps)

public:
    MailboxLamps(AriRestClient *rest, VoicemailStore *store, QObject *parent = nullptr);
    ~MailboxLamps() override;

    void setContext(const QString &context) { m_context = context; }
    QString context() const { return m_context; }
    // "305@default"
    QString mailboxName(const QString &mailbox) const { return mailbox + u'@' + m_context; }

Q_SIGNALS:
    // Asterisk answered an update (ok, or the error).
    void updated(const QString &mailbox, int newMessages, int oldMessages, bool ok);

private:
    struct Counts
    {
        int newMessages = 0;
        int oldMessages = 0;
    };

    void onCounts(const QString &mailbox, int newMessages, int oldMessages);
    void onRefreshed();
    void schedule();
    void flush();

    QPointer<AriRestClient> m_rest;
    VoicemailStore *m_store = nullptr;
    QString m_context = QStringLiteral("default");
    QHash<QString, Counts> m_pending; // to send at the end of this pass
    QHash<QString, Counts> m_lit; // last counts sent per mailbox (to turn a lamp off when it empties)
    bool m_scheduled = false;
};

#include "core/voicemail/MailboxLamps.h"

#include "core/ari/AriOperations.h"
#include "core/ari/AriReply.h"
#include "core/ari/AriRestClient.h"
#include "core/ari/AriResult.h"
#include "core/voicemail/VoicemailStore.h"

#include <QTimer>

using namespace Qt::StringLiterals;

MailboxLamps::MailboxLamps(AriRestClient *rest, VoicemailStore *store, QObject *parent)
    : QObject(parent)
    , m_rest(rest)
    , m_store(store)
{
    connect(store, &VoicemailStore::countsChanged, this, &MailboxLamps::onCounts);
    connect(store, &VoicemailStore::refreshed, this, &MailboxLamps::onRefreshed);
}

MailboxLamps::~MailboxLamps() = default;

void MailboxLamps::onCounts(const QString &mailbox, int newMessages, int oldMessages)
{
    m_pending.insert(mailbox, Counts { newMessages, oldMessages });
    schedule();
}

void MailboxLamps::onRefreshed()
{
    // Every mailbox the server stores, and those lit before that are empty now.
    for (const QString &mailbox : m_store->mailboxes())
        m_pending.insert(mailbox, Counts { m_store->newCount(mailbox), m_store->oldCount(mailbox) });
    for (auto it = m_lit.cbegin(); it != m_lit.cend(); ++it) {
        if (!m_pending.contains(it.key()))
            m_pending.insert(it.key(), Counts { m_store->newCount(it.key()), m_store->oldCount(it.key()) });
    }
    schedule();
}

void MailboxLamps::schedule()
{
    if (m_scheduled)
        return;
    m_scheduled = true;
    QTimer::singleShot(0, this, &MailboxLamps::flush);
}

void MailboxLamps::flush()
{
    m_scheduled = false;
    QHash<QString, Counts> batch;
    batch.swap(m_pending);
    if (!m_rest)
        return;
    for (auto it = batch.cbegin(); it != batch.cend(); ++it) {
        const QString mailbox = it.key();
        const Counts counts = *it;
        if (counts.newMessages == 0 && counts.oldMessages == 0)
            m_lit.remove(mailbox);
        else
            m_lit.insert(mailbox, counts);
        m_rest
            ->send(AriOperations::updateMailbox(mailboxName(mailbox), counts.oldMessages, counts.newMessages),
                u"mailbox:"_s + mailbox)
            ->then(this, [this, mailbox, counts](const AriResult &result) {
                if (!result.isOk()) {
                    qCWarning(lcVoicemail).noquote()
                        << "updating the message lamp of" << mailboxName(mailbox) << "failed:" << result.describe();
                } else {
                    qCDebug(lcVoicemail).noquote() << "message lamp of" << mailboxName(mailbox) << ":"
                                                   << counts.newMessages << "new," << counts.oldMessages << "old";
                }
                Q_EMIT updated(mailbox, counts.newMessages, counts.oldMessages, result.isOk());
            });
    }
}

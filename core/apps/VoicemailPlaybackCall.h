#pragma once

#include "core/calls/StasisCall.h"
#include "core/voicemail/VoicemailMessage.h"

#include <QList>

class VoicemailPlaybackApp;
class VoicemailStore;
struct VoicemailPlaybackOptions;

// One caller listening to a mailbox (SPEC §5). Holds the call's list of messages, taken when the
// call starts and numbered then (a message keeps its number for the whole call), and the current
// one. Previous/next wrap around. Messages deleted (here or elsewhere) leave the list.
class VoicemailPlaybackCall final : public StasisCall
{
public:
    struct States
    {
        static QString preamble() { return QStringLiteral("preamble"); }
        static QString listening() { return QStringLiteral("listening"); }
        static QString empty() { return QStringLiteral("empty"); }
        static QString ending() { return QStringLiteral("ending"); }
        static QString hungUp() { return QStringLiteral("hung-up"); }
    };
    static QString mailboxEmptyEvent() { return QStringLiteral("mailboxEmpty"); }
    // The message about to be played is gone (deleted elsewhere): announce the next one.
    static QString messageGoneEvent() { return QStringLiteral("messageGone"); }

    struct Entry
    {
        int number = 0;
        QString name;
    };

    VoicemailPlaybackCall(VoicemailPlaybackApp &app, const CallEnvironment &environment, const Channel &channel,
        const QStringList &args, const QString &mailbox);
    ~VoicemailPlaybackCall() override;

    std::unique_ptr<CallState> createState(const QString &name, CallStateMachine &machine) override;

    const QString &mailbox() const { return m_mailbox; }
    const VoicemailPlaybackOptions &options() const;
    VoicemailStore *store() const;

    // The list of messages.
    bool isListed() const { return m_listed; }
    void setMessages(const QList<VoicemailMessage> &messages); // numbered from 1 in this order
    bool isEmpty() const { return m_entries.isEmpty(); }
    int size() const { return int(m_entries.size()); }
    const Entry &current() const { return m_entries.at(m_index); } // only when not empty
    const QList<Entry> &entries() const { return m_entries; }
    void next();
    void previous();
    // Drops a message from the list. When it was the current one, the one after it becomes
    // current, or the one before it if the caller was going back (4): a skipped message never
    // reverses the caller's direction.
    void remove(const QString &name);
    // Drops the current message (deleted with *) and goes on to the one after it.
    void removeAndGoOn(const QString &name);
    // Drops the messages the store no longer has (deleted elsewhere).
    void dropDeleted();
    // The message the announcement just found on the server: listening plays it without asking
    // again (while the store still has it).
    void setConfirmed(const QString &name) { m_confirmed = name; }
    bool isConfirmed(const QString &name) const { return !name.isEmpty() && name == m_confirmed; }

protected:
    void onBegin() override;

private:
    VoicemailPlaybackApp &m_app;
    QString m_mailbox;
    QList<Entry> m_entries;
    QString m_confirmed;
    int m_index = 0;
    bool m_listed = false;
    bool m_forward = true;
};

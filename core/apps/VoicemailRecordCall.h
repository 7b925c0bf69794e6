#pragma once

#include "core/calls/StasisCall.h"

class VoicemailRecordApp;
class VoicemailStore;
struct VoicemailRecordOptions;

// One caller leaving a message (SPEC §4). Holds the mailbox and the message name, fixed once per
// call (a re-record reuses it), and makes the states of VoicemailRecordApp's table.
class VoicemailRecordCall final : public StasisCall
{
public:
    struct States
    {
        static QString greeting() { return QStringLiteral("greeting"); }
        static QString recording() { return QStringLiteral("recording"); }
        static QString reviewing() { return QStringLiteral("reviewing"); }
        static QString ending() { return QStringLiteral("ending"); }
        static QString hungUp() { return QStringLiteral("hung-up"); }
    };
    // Reviewing found nothing stored to play back: record again.
    static QString recordingMissingEvent() { return QStringLiteral("recordingMissing"); }

    VoicemailRecordCall(VoicemailRecordApp &app, const CallEnvironment &environment, const Channel &channel,
        const QStringList &args, const QString &mailbox);
    ~VoicemailRecordCall() override;

    std::unique_ptr<CallState> createState(const QString &name, CallStateMachine &machine) override;

    const QString &mailbox() const { return m_mailbox; }
    const QString &recordingName() const { return m_recordingName; }
    // The server accepted a recording under recordingName(): from now on a 409 on it is the
    // re-record race, not a name taken by someone else.
    bool nameEstablished() const { return m_nameEstablished; }
    void setNameEstablished() { m_nameEstablished = true; }
    // The name was taken by another message: pick a new one (only before it is established).
    void renameRecording();

    const VoicemailRecordOptions &options() const;
    VoicemailStore *store() const;

protected:
    void onBegin() override;

private:
    VoicemailRecordApp &m_app;
    QString m_mailbox;
    QString m_recordingName;
    bool m_nameEstablished = false;
};

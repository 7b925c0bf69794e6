#pragma once

#include "core/apps/StasisApplication.h"
#include "core/calls/CallStateTable.h"

#include <QString>

#include <functional>

class VoicemailStore;

// Settings of the voicemail recording application.
struct VoicemailRecordOptions
{
    QString name = QStringLiteral("vm-record"); // the Stasis application name
    QString greetingSound = QStringLiteral("vm-intro");
    QString format = QStringLiteral("wav");
    int maxDurationSeconds = 300; // 0: no limit
    int maxSilenceSeconds = 0; // 0: no limit
    bool beep = true;
    // Re-recording under the same name right after a cancel or a delete can meet Asterisk's
    // "already exists" (409) until it has released the old recording: retry this many times,
    // this far apart.
    int rerecordRetries = 20;
    int rerecordRetryDelayMs = 25;
    // Milliseconds since the epoch for message names; empty: the system clock.
    std::function<qint64()> clock;
};

// The voicemail recording application, `vm-record` (SPEC §4, VR-1 … VR-5). Stasis args: mailbox.
// States: greeting → recording → reviewing → ending, and hung-up from every state (see
// buildStateTable()). Messages go to "voicemail/<mailbox>/<unix time in ms>", a name fixed once
// per call and unique in this process (never another caller's: the first record uses
// ifExists=fail and a taken name is replaced).
// A channel found in the application with no call after a (re)connect (SPEC CN-5): one never
// answered starts as a new caller; an answered one is hung up with a log line: where it was in its
// message cannot be known, and a recording in progress is kept by the server when the channel
// hangs up (its RecordingFinished then adds it to the mailbox).
class VoicemailRecordApp final : public StasisApplication
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VoicemailRecordApp)

public:
    static QString kindName() { return QStringLiteral("vm-record"); }
    static CallStateTable buildStateTable();

    VoicemailRecordApp(const VoicemailRecordOptions &options, AriRestClient *rest, AriEventRouter *router,
        CallTracker *tracker, VoicemailStore *store, QObject *parent = nullptr);
    ~VoicemailRecordApp() override;

    QString kind() const override { return kindName(); }
    const CallStateTable &stateTable() const override { return m_table; }
    const VoicemailRecordOptions &options() const { return m_options; }
    VoicemailStore *store() const { return m_store; }

    // A new message name for `mailbox`: "voicemail/<mailbox>/<ms since epoch>", strictly later
    // than any name made before by this application.
    QString newRecordingName(const QString &mailbox);

protected:
    std::unique_ptr<StasisCall> createCall(const AriEvent &stasisStart, const Channel &channel) override;
    void adopt(const StasisFoundChannel &found) override;

private:
    VoicemailRecordOptions m_options;
    CallStateTable m_table;
    VoicemailStore *m_store = nullptr;
    qint64 m_lastStampMs = 0;
};

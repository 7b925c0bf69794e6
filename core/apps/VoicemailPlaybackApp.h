#pragma once

#include "core/apps/StasisApplication.h"
#include "core/calls/CallStateTable.h"

#include <QString>

class PlaybackTracker;
class VoicemailStore;

// Settings of the voicemail listening application.
struct VoicemailPlaybackOptions
{
    QString name = QStringLiteral("vm-playback"); // the Stasis application name
    QString messageSound = QStringLiteral("vm-message");
    QString noMoreSound = QStringLiteral("vm-nomore");
    int skipMs = 5000; // how far keys 1 and 3 move in a message (SPEC VP-3, Reader Exercise 2)
    // SPEC VM-2: a message played this far (percent of its length) is heard, as one played to its
    // end is; measured where its playback was when the caller paused, moved, left it or hung up.
    int heardPercent = 80;
    // Where the callers' playbacks are (the connection's estimates); null: only the end counts.
    const PlaybackTracker *playbacks = nullptr;
};

// The voicemail listening application, `vm-playback` (SPEC §5, VP-1 … VP-5). Stasis args:
// mailbox. States: preamble ("message <n>") → listening, empty ("no more messages") → ending,
// and hung-up from every state (see buildStateTable()). The messages are those of the mailbox
// in the shared VoicemailStore when the call starts, numbered in time order.
class VoicemailPlaybackApp final : public StasisApplication
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VoicemailPlaybackApp)

public:
    static QString kindName() { return QStringLiteral("vm-playback"); }
    static CallStateTable buildStateTable();

    VoicemailPlaybackApp(const VoicemailPlaybackOptions &options, AriRestClient *rest, AriEventRouter *router,
        CallTracker *tracker, VoicemailStore *store, QObject *parent = nullptr);
    ~VoicemailPlaybackApp() override;

    QString kind() const override { return kindName(); }
    const CallStateTable &stateTable() const override { return m_table; }
    const VoicemailPlaybackOptions &options() const { return m_options; }
    // Changes how far keys 1 and 3 move (SIGHUP); used from the next message a caller hears.
    void setSkipMs(int skipMs) { m_options.skipMs = skipMs; }
    VoicemailStore *store() const { return m_store; }

protected:
    std::unique_ptr<StasisCall> createCall(const AriEvent &stasisStart, const Channel &channel) override;

private:
    VoicemailPlaybackOptions m_options;
    CallStateTable m_table;
    VoicemailStore *m_store = nullptr;
};

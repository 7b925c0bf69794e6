#pragma once

#include "core/calls/CallEnvironment.h"
#include "core/calls/StasisCall.h"

#include <QLoggingCategory>
#include <QObject>
#include <QSet>
#include <QString>

#include <memory>
#include <unordered_map>
#include <vector>

Q_DECLARE_LOGGING_CATEGORY(lcApps)

class AriEvent;
class AriEventRouter;
class AriRestClient;
class CallStateTable;
class CallTracker;
class StasisServerSnapshot;
struct Channel;
struct StasisFoundChannel;

// A Stasis application: receives the channels that enter it (StasisStart, routed here by
// StasisApplicationHost by application name) and runs one call per channel until its StasisEnd.
// A derived class makes the calls and owns its state table. Ended calls are deleted on the next
// turn of the event loop (never from inside one of their own callbacks).
class StasisApplication : public QObject, public StasisCall::Owner
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StasisApplication)

public:
    ~StasisApplication() override;

    const QString &name() const { return m_name; } // the Stasis application name
    virtual QString kind() const = 0; // its StateMachineCatalog name ("vm-record")
    virtual const CallStateTable &stateTable() const = 0;

    int callCount() const { return int(m_calls.size()); }
    bool hasCall(const QString &channelId) const { return m_calls.count(channelId) > 0; }
    StasisCall *call(const QString &channelId) const;
    QStringList callIds() const;

    // A channel entered this application.
    void handleStasisStart(const AriEvent &event);
    // After the event stream reconnected: calls whose channel is not in `liveChannelIds` ended
    // while nobody listened; they are ended here.
    virtual void reconcile(const QSet<QString> &liveChannelIds);
    // The sound checks of this application's calls go through `catalog` (shared, may be null).
    void setSoundCatalog(SoundCatalog *catalog) { m_environment.sounds = catalog; }
    // After every (re)connect (SPEC CN-5): reconcile() with the server's live channels (only the
    // calls in `callsAtRequest`, those that existed when the server was asked: a call that
    // entered since is not in its answer), then adopt() each channel the server has in this
    // application and no call here knows (it entered while the event stream was down, or the
    // service restarted), oldest first.
    virtual void recover(const StasisServerSnapshot &snapshot, const QSet<QString> &callsAtRequest);

Q_SIGNALS:
    void callCountChanged(int count);

protected:
    StasisApplication(
        const QString &name, AriRestClient *rest, AriEventRouter *router, CallTracker *tracker, QObject *parent);

    const CallEnvironment &environment() const { return m_environment; }

    // Makes the call for a channel that entered (or refuses it with refuse() and returns null).
    virtual std::unique_ptr<StasisCall> createCall(const AriEvent &stasisStart, const Channel &channel) = 0;
    // Refuses a call before answering it (SPEC SEC-3): a clear log line, the tracker is told, and
    // the channel is hung up without being answered.
    void refuse(const Channel &channel, const QString &reason);

    void callEnded(StasisCall *call) override;

    // A channel found in this application with no call. By default its call starts again as if
    // the channel had just entered (restartCall()).
    virtual void adopt(const StasisFoundChannel &found);
    // Makes and begins the call of `found` as if its StasisStart had arrived now.
    void restartCall(const StasisFoundChannel &found);
    // Ends `found` cleanly: a log line saying why, then a hang-up (never a caller left in silence).
    void hangUpAdopted(const StasisFoundChannel &found, const QString &reason);
    // Takes a call made for an adopted channel and begins it in `state` (a state of the table).
    StasisCall *resumeCall(std::unique_ptr<StasisCall> call, const QString &state, const QString &cause);

    // `text` quoted for a log line, at most 80 characters of it kept (a Stasis argument comes from
    // outside and may be hostile). Its control characters are escaped where the line is written
    // (LogText), like those of any other text from outside.
    static QString printable(const QString &text);

private:
    void deleteEnded();

    QString m_name;
    CallEnvironment m_environment;
    std::unordered_map<QString, std::unique_ptr<StasisCall>> m_calls;
    std::vector<std::unique_ptr<StasisCall>> m_ended;
    bool m_deleteScheduled = false;
};

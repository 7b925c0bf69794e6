#pragma once

#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QStringList>

#include <optional>

#include "sim/media/MediaResolver.h"
#include "sim/engine/SimEvents.h"
#include "sim/engine/SimHeardLog.h"
#include "sim/media/SimMediaTask.h"
#include "sim/engine/SimTimer.h"

class SimBridge;
class SimChannel;
class SimEngine;

// One ARI playback: a list of media URIs played one after the other on a channel or a bridge,
// with Asterisk's states and events:
//
//   queued ──begin──▶ playing ─(item ends, more items)─▶ continuing ─▶ playing … ─▶ done/failed
//   PlaybackStarted per item, PlaybackContinuing between items, PlaybackFinished at the end;
//   pause emits nothing, unpause emits PlaybackStarted again; stop ends the whole list with
//   "done"; stopping a queued playback cancels it (PlaybackFinished "done" when its turn comes,
//   without PlaybackStarted); a media that "never ends" (unknown scheme, missing recording,
//   number:abc) makes the playback vanish silently after its PlaybackStarted when it is the last.
//
// Timing comes from MediaResolver durations on the simulated clock; forward/reverse move by
// skipms (forward past the end is ignored), restart goes back to the start of the current item.
class SimPlayback final : public SimMediaTask
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimPlayback)

public:
    enum class State { Queued, Playing, Paused, Continuing, Done, Failed, Cancelled };
    enum class Operation { Restart, Pause, Unpause, Reverse, Forward };
    enum class ControlResult { Ok, NotPlaying };

    SimPlayback(SimEngine *engine, const QString &id, const QStringList &media,
                const QString &language, SimChannel *channel, SimBridge *bridge, qint64 skipMs,
                qint64 offsetMs, QObject *parent = nullptr);
    ~SimPlayback() override;

    static std::optional<Operation> parseOperation(const QString &text);

    QString id() const { return m_id; }
    State state() const { return m_state; }
    QString stateText() const;
    QString targetUri() const { return m_targetUri; }
    QString language() const { return m_language; }
    SimChannel *channel() const;
    SimBridge *bridge() const;
    QJsonObject toJson() const;
    // Simulated ms into the current media item (for tests and logs).
    qint64 positionMs() const;

    // DELETE /playbacks/{id}.
    void stop();
    // POST /playbacks/{id}/control.
    ControlResult control(Operation operation);

    void begin() override;
    void abortRunning() override;
    void abortWaiting() override;

private:
    void startItem();
    void onTimeout();
    void endItem(bool failed);
    void endRemaining(int fromIndex, SimHeardLog::End end);
    void seek(qint64 positionMs);
    void publish(SimEvents::Type type);

    SimEngine *m_engine = nullptr;
    QString m_id;
    QStringList m_media;
    QString m_language;
    QPointer<SimChannel> m_channel;
    QPointer<SimBridge> m_bridge;
    QString m_targetUri;
    QString m_heardKey;
    QList<int> m_heardEntries;
    qint64 m_skipMs = 3000;
    qint64 m_offsetMs = 0;
    State m_state = State::Queued;
    int m_index = 0;
    MediaResolver::Resolution m_resolution;
    qint64 m_basePositionMs = 0;
    SimTimer m_timer;
};

#pragma once

#include <QList>
#include <QMetaType>
#include <QString>

// What the supervisor knows about one active playback (SPEC UI-3). ARI reports no position, so
// the position is an estimate: `positionMs` was true at clock time `anchorMs`; while `running` it
// advances with the clock. `durationMs` is -1 when the media's length is not known (the view then
// shows the elapsed time with an indeterminate bar). Clock times are milliseconds of the
// PlaybackTracker's clock, which the model that shows them uses too.
struct PlaybackInfo
{
    QString id;
    QString targetUri;    // "channel:<id>" or "bridge:<id>"
    QString mediaUri;     // the item playing now ("recording:voicemail/305/1411503204")
    QString nextMediaUri; // the next item of a list, if any
    QString language;
    QString state;        // queued, playing, paused, continuing
    qint64 durationMs = -1;
    qint64 positionMs = 0;
    qint64 anchorMs = 0;
    bool running = false;
    int skipMs = 3000;    // what the play was started with (ARI's default is 3000)

    bool isDurationKnown() const { return durationMs >= 0; }
    // The estimated position at clock time `nowMs` (never past the end when the length is known).
    qint64 positionAt(qint64 nowMs) const;
    // 0…1000, or -1 when the length is not known.
    int permilleAt(qint64 nowMs) const;
    QString targetKind() const; // "channel" / "bridge" / ""
    QString targetId() const;

    friend bool operator==(const PlaybackInfo &, const PlaybackInfo &) = default;
};

using PlaybackInfoList = QList<PlaybackInfo>;

Q_DECLARE_METATYPE(PlaybackInfo)

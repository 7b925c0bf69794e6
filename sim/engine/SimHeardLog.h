#pragma once

#include <QJsonArray>
#include <QList>
#include <QPair>
#include <QString>

// What the far end of a channel (or the members of a bridge) heard, for the control API's
// GET /sim/calls/{id}/heard: one entry per media item of every playback, in the order they were
// queued, and one per music-on-hold interval. Times are simulated milliseconds.
//
// Entry JSON: {"playbackId","media","language","startMs","endMs","end","heardMs"}; music on hold:
// {"media":"moh:<class>","startMs","endMs","end"}; the voice of another party (a channel the
// audio of this one's far end comes from: a bridge peer, a snoop's whisper, a spied channel):
// {"media":"voice:<channel id>","voice":"<channel id>","startMs","endMs","end"}, one entry per
// stretch of time that party could be heard. "end" is "queued", "playing", "finished",
// "stopped" or "failed"; startMs/endMs are null until known; heardMs excludes paused time.
class SimHeardLog
{
public:
    enum class End { Queued, Playing, Finished, Stopped, Failed };

    int addMedia(const QString &playbackId, const QString &media, const QString &language);
    int addMusicOnHold(const QString &mohClass, qint64 nowMs);
    // `speakerId` can be heard from now on (playing until finish()).
    int addVoice(const QString &speakerId, qint64 nowMs);

    void start(int index, qint64 nowMs);
    void pause(int index, qint64 nowMs);
    void resume(int index, qint64 nowMs);
    // Ends the entry (only when it is queued or playing).
    void finish(int index, qint64 nowMs, End end);
    End endOf(int index) const;

    int size() const { return static_cast<int>(m_entries.size()); }
    // [start, end) of every playback and music on hold that was heard (a running entry ends at
    // `nowMs`); voices are left out (a party that can be heard is not always talking).
    QList<QPair<qint64, qint64>> intervals(qint64 nowMs) const;
    QJsonArray toJson(qint64 nowMs) const;

private:
    struct Entry
    {
        QString playbackId;
        QString media;
        QString language;
        bool musicOnHold = false;
        QString voice; // the speaker's channel id, for a voice entry
        qint64 startMs = -1;
        qint64 endMs = -1;
        qint64 pausedMs = 0;
        qint64 pausedSince = -1;
        End end = End::Queued;
    };

    bool valid(int index) const { return index >= 0 && index < m_entries.size(); }

    QList<Entry> m_entries;
};

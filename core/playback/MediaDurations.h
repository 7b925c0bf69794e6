#pragma once

#include <QHash>
#include <QLoggingCategory>
#include <QObject>
#include <QPointer>
#include <QString>

class AriRestClient;

Q_DECLARE_LOGGING_CATEGORY(lcMediaDurations)

// Lengths of the media a playback plays, for the position estimate (SPEC UI-3).
// - `recording:<name>`: the stored file is fetched once (GET /recordings/stored/{name}/file),
//   its WAV header read and the length cached until forget() (a recording re-made under the same
//   name, or deleted).
// - `sound:<id>` (and `sound:/absolute/path`): from a local sounds directory when one is set and
//   readable (<dir>/<language>/<id>.<ext>, then the base language, then <dir>/<id>.<ext>).
// - anything else (number:, digits:, tone: …): unknown, -1.
// Results, known or not, are cached: each media is looked up at most once.
class MediaDurations final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MediaDurations)

public:
    explicit MediaDurations(AriRestClient *rest, QObject *parent = nullptr);
    ~MediaDurations() override;

    void setSoundsDirectory(const QString &directory);
    QString soundsDirectory() const { return m_soundsDirectory; }

    // The length in ms when known now; otherwise -1, and for a recording a download starts
    // (durationKnown() follows).
    qint64 lookup(const QString &mediaUri, const QString &language = {});
    void forget(const QString &mediaUri);
    bool isPending(const QString &mediaUri) const { return m_downloads.contains(mediaUri); }
    int pendingDownloads() const { return static_cast<int>(m_downloads.size()); }

Q_SIGNALS:
    // A recording's length became known (or -1: it could not be read).
    void durationKnown(const QString &mediaUri, qint64 durationMs);

private:
    qint64 soundDuration(const QString &soundId, const QString &language) const;
    void download(const QString &mediaUri, const QString &recordingName);

    QPointer<AriRestClient> m_rest;
    QString m_soundsDirectory;
    QHash<QString, qint64> m_cache;     // key: media uri (recordings) or uri + '|' + language
    QHash<QString, quint64> m_downloads; // recording uri → generation of the request in flight
    quint64 m_generation = 0;
};

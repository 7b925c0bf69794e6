#include "sim/engine/SimHeardLog.h"

#include <QJsonObject>
#include <QJsonValue>

using namespace Qt::StringLiterals;

namespace {

QString endText(SimHeardLog::End end)
{
    switch (end) {
    case SimHeardLog::End::Queued: return u"queued"_s;
    case SimHeardLog::End::Playing: return u"playing"_s;
    case SimHeardLog::End::Finished: return u"finished"_s;
    case SimHeardLog::End::Stopped: return u"stopped"_s;
    case SimHeardLog::End::Failed: return u"failed"_s;
    }
    return u"failed"_s;
}

QJsonValue msValue(qint64 ms)
{
    return ms < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(static_cast<double>(ms));
}

} // namespace

int SimHeardLog::addMedia(const QString &playbackId, const QString &media, const QString &language)
{
    Entry entry;
    entry.playbackId = playbackId;
    entry.media = media;
    entry.language = language;
    m_entries.append(entry);
    return size() - 1;
}

int SimHeardLog::addMusicOnHold(const QString &mohClass, qint64 nowMs)
{
    Entry entry;
    entry.media = u"moh:"_s + mohClass;
    entry.musicOnHold = true;
    entry.startMs = nowMs;
    entry.end = End::Playing;
    m_entries.append(entry);
    return size() - 1;
}

int SimHeardLog::addVoice(const QString &speakerId, qint64 nowMs)
{
    Entry entry;
    entry.media = u"voice:"_s + speakerId;
    entry.voice = speakerId;
    entry.startMs = nowMs;
    entry.end = End::Playing;
    m_entries.append(entry);
    return size() - 1;
}

void SimHeardLog::start(int index, qint64 nowMs)
{
    if (!valid(index) || m_entries[index].end != End::Queued)
        return;
    Entry &entry = m_entries[index];
    entry.startMs = nowMs;
    entry.end = End::Playing;
}

void SimHeardLog::pause(int index, qint64 nowMs)
{
    if (!valid(index) || m_entries[index].end != End::Playing || m_entries[index].pausedSince >= 0)
        return;
    m_entries[index].pausedSince = nowMs;
}

void SimHeardLog::resume(int index, qint64 nowMs)
{
    if (!valid(index) || m_entries[index].pausedSince < 0)
        return;
    Entry &entry = m_entries[index];
    entry.pausedMs += nowMs - entry.pausedSince;
    entry.pausedSince = -1;
}

void SimHeardLog::finish(int index, qint64 nowMs, End end)
{
    if (!valid(index))
        return;
    Entry &entry = m_entries[index];
    if (entry.end != End::Queued && entry.end != End::Playing)
        return;
    resume(index, nowMs);
    if (entry.startMs >= 0)
        entry.endMs = nowMs;
    entry.end = end;
}

SimHeardLog::End SimHeardLog::endOf(int index) const
{
    return valid(index) ? m_entries.at(index).end : End::Failed;
}

QJsonArray SimHeardLog::toJson(qint64 nowMs) const
{
    QJsonArray result;
    for (const Entry &entry : m_entries) {
        QJsonObject object;
        const bool media = !entry.musicOnHold && entry.voice.isEmpty();
        if (media) {
            object.insert(u"playbackId"_s, entry.playbackId);
            object.insert(u"language"_s, entry.language);
        }
        object.insert(u"media"_s, entry.media);
        object.insert(u"startMs"_s, msValue(entry.startMs));
        object.insert(u"endMs"_s, msValue(entry.endMs));
        object.insert(u"end"_s, endText(entry.end));
        if (!entry.voice.isEmpty())
            object.insert(u"voice"_s, entry.voice);
        if (media) {
            qint64 heard = 0;
            if (entry.startMs >= 0) {
                const qint64 until = entry.endMs >= 0 ? entry.endMs : nowMs;
                qint64 paused = entry.pausedMs;
                if (entry.pausedSince >= 0)
                    paused += nowMs - entry.pausedSince;
                heard = qMax<qint64>(0, until - entry.startMs - paused);
            }
            object.insert(u"heardMs"_s, static_cast<double>(heard));
        }
        result.append(object);
    }
    return result;
}

QList<QPair<qint64, qint64>> SimHeardLog::intervals(qint64 nowMs) const
{
    QList<QPair<qint64, qint64>> result;
    for (const Entry &entry : m_entries) {
        if (entry.startMs < 0 || !entry.voice.isEmpty())
            continue;
        const qint64 end = entry.endMs >= 0 ? entry.endMs : nowMs;
        if (end > entry.startMs)
            result.append({entry.startMs, end});
    }
    return result;
}

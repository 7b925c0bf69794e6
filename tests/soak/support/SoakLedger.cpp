#include "support/SoakLedger.h"

#include "sim/http/SimHttpRequest.h"

#include <QJsonObject>

#include <utility>

using namespace Qt::StringLiterals;

namespace {

const QString s_voicemail = u"voicemail/"_s;

bool isMessageName(const QString &name)
{
    return name.startsWith(s_voicemail);
}

} // namespace

QString SoakLedger::trashNameOf(const QString &name)
{
    return u"voicemail-trash/"_s + name.mid(s_voicemail.size());
}

void SoakLedger::onRequest(const SimHttpRequest &request)
{
    // ["ari", "recordings", "live"|"stored", <name>, <operation>?]
    const QStringList segments = request.segments();
    if (segments.size() < 4 || segments.at(1) != u"recordings"_s)
        return;
    if (segments.at(3).startsWith(u"voicemail-trash/"_s)) {
        m_history[s_voicemail + segments.at(3).mid(16)].append(QString::fromLatin1(request.method()) + u' '
            + segments.mid(2).join(u'/') + u' ' + request.param(u"destinationRecordingName"_s));
        return;
    }
    if (!isMessageName(segments.at(3)))
        return;
    const QString &name = segments.at(3);
    const QByteArray method = request.method();
    m_history[name].append(QString::fromLatin1(method) + u' ' + segments.mid(2).join(u'/') + u' '
        + request.param(u"destinationRecordingName"_s));
    if (segments.at(2) == u"live"_s) {
        if (method == "DELETE" && segments.size() == 4)
            m_cancelled.insert(name);
        return;
    }
    if (segments.at(2) != u"stored"_s)
        return;
    if (method == "POST" && segments.value(4) == u"copy"_s
        && request.param(u"destinationRecordingName"_s) == trashNameOf(name)) {
        m_copiedToTrash.insert(name);
    } else if (method == "DELETE" && segments.size() == 4 && m_finished.contains(name)
        && !m_copiedToTrash.contains(name)
        && (m_liveChannels.contains(m_channelOfRecording.value(name))
            || m_pressedStar.contains(m_channelOfRecording.value(name)))) {
        // The call that made it throws its take away, its caller still on the line.
        m_discarded.insert(name);
    }
}

void SoakLedger::onEvent(const QJsonObject &event)
{
    const QString type = event.value("type"_L1).toString();
    if (type == u"StasisStart"_s) {
        m_liveChannels.insert(event.value("channel"_L1).toObject().value("id"_L1).toString());
    } else if (type == u"StasisEnd"_s) {
        const QString id = event.value("channel"_L1).toObject().value("id"_L1).toString();
        if (m_liveChannels.remove(id))
            m_ended.append(id);
    } else if (type == u"ChannelDtmfReceived"_s && event.value("digit"_L1).toString() == u"*"_s) {
        m_pressedStar.insert(event.value("channel"_L1).toObject().value("id"_L1).toString());
    } else if (type == u"RecordingStarted"_s || type == u"RecordingFinished"_s) {
        const QJsonObject recording = event.value("recording"_L1).toObject();
        const QString name = recording.value("name"_L1).toString();
        if (!isMessageName(name))
            return;
        const QString target = recording.value("target_uri"_L1).toString();
        m_history[name].append(type + u" on "_s + target
            + (m_liveChannels.contains(target.mid(target.indexOf(u':') + 1)) ? u" (up)"_s : u" (gone)"_s));
        if (type == u"RecordingStarted"_s) {
            m_channelOfRecording.insert(name, target.mid(target.indexOf(u':') + 1));
            m_cancelled.remove(name);
            m_finished.remove(name);
            m_discarded.remove(name);
            m_copiedToTrash.remove(name);

        } else if (!m_cancelled.contains(name)) {
            m_finished.insert(name);
        }
    }
}

QStringList SoakLedger::keptMessages() const
{
    QStringList names;
    for (const QString &name : m_finished) {
        if (!m_discarded.contains(name))
            names.append(name);
    }
    names.sort();
    return names;
}

QStringList SoakLedger::takeEndedChannels()
{
    return std::exchange(m_ended, {});
}

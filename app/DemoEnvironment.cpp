#include "app/DemoEnvironment.h"

#include "core/voicemail/VoicemailMetadata.h"
#include "sim/SimServer.h"
#include "sim/media/WavFile.h"

#include <QDateTime>
#include <QDir>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

DemoEnvironment::DemoEnvironment(double speed, QObject *parent)
    : QObject(parent)
    , m_speed(speed)
    , m_password(QString::number(QRandomGenerator::system()->generate64(), 36))
{
}

DemoEnvironment::~DemoEnvironment() = default;

bool DemoEnvironment::start(QString *error)
{
    if (!m_recordings.isValid() || !m_state.isValid()) {
        *error = u"cannot create a temporary recordings or state directory"_s;
        return false;
    }
    if (!seedMailboxes(error))
        return false;

    SimServer::Options options;
    options.password = m_password; // a fresh one each run: the demo server is for this process only
    options.speed = m_speed;
    options.recordingsDir = m_recordings.path();
    options.systemName = u"demo"_s;
    m_server = std::make_unique<SimServer>(options);
    return m_server->start(error);
}

bool DemoEnvironment::seedMailboxes(QString *error)
{
    // A few messages per mailbox, received over the last days; mailbox 30 and 305 side by side
    // show that one mailbox never sees the other's messages. Each has its caller (colleagues by
    // extension, outsiders by their number; fictitious numbers); the older ones were heard.
    struct Sample
    {
        const char *mailbox;
        int count;
    };
    struct Caller
    {
        const char *name;
        const char *number;
    };
    const Sample samples[] = { { "100", 3 }, { "101", 1 }, { "30", 2 }, { "305", 4 } };
    const Caller callers[] = {
        { "Margaret Collins", "2014" },
        { "", "+44 20 7946 0321" },
        { "Rajesh Patel", "2031" },
        { "Front desk", "2000" },
        { "Sofia Moreno", "+1 312 555 0143" },
        { "Kenji Watanabe", "+1 415 555 0199" },
        { "Lena Hoffmann", "2047" },
        { "", "+1 202 555 0187" },
        { "Tom Becker", "2022" },
        { "Claire Dubois", "+44 161 496 0855" },
    };
    VoicemailMetadata metadata;
    if (!metadata.open(QDir(m_state.path()).filePath(VoicemailMetadata::fileName()), error))
        return false;
    QRandomGenerator random(305);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    int next = 0;
    for (const Sample &sample : samples) {
        const QString mailbox = QLatin1StringView(sample.mailbox);
        const QString folder = m_recordings.filePath(u"voicemail/"_s + mailbox);
        if (!QDir().mkpath(folder)) {
            *error = u"cannot create %1"_s.arg(folder);
            return false;
        }
        for (int i = 0; i < sample.count; ++i) {
            const qint64 received = now - 3600 * (i + 1) * (1 + static_cast<qint64>(random.bounded(20)));
            const qint64 lengthMs = 4000 + random.bounded(14000);
            const QString id = QString::number(received);
            const QString path = folder + u'/' + id + u".wav"_s;
            if (!WavFile::write(path, { { 1000, false }, { lengthMs - 1000, true } }, 8000, error))
                return false;
            const Caller &caller = callers[next++ % std::size(callers)];
            VoicemailMetadataRow row;
            row.name = u"voicemail/%1/%2"_s.arg(mailbox, id);
            row.callerName = QString::fromUtf8(caller.name);
            row.callerNumber = QString::fromUtf8(caller.number);
            row.receivedMs = received * 1000;
            row.durationSeconds = static_cast<int>((lengthMs + 500) / 1000);
            row.heard = i >= 2; // a mailbox's first two are new, the others were heard
            if (!metadata.put(row)) {
                *error = u"cannot write the demo's voicemail metadata"_s;
                return false;
            }
        }
    }
    return true;
}

QString DemoEnvironment::ariUrl() const
{
    return m_server->baseUrl().toString() + u"/ari"_s;
}

QUrl DemoEnvironment::controlUrl() const
{
    return QUrl(m_server->baseUrl().toString() + u"/sim"_s);
}

QString DemoEnvironment::user() const
{
    return u"asterisk"_s;
}

QString DemoEnvironment::password() const
{
    return m_password;
}

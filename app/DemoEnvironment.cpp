#include "app/DemoEnvironment.h"

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
    if (!m_recordings.isValid()) {
        *error = u"cannot create a temporary recordings directory"_s;
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
    // show that one mailbox never sees the other's messages.
    struct Sample
    {
        const char *mailbox;
        int count;
    };
    const Sample samples[] = {{"100", 3}, {"101", 1}, {"30", 2}, {"305", 4}};
    QRandomGenerator random(305);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (const Sample &sample : samples) {
        const QString folder = m_recordings.filePath(u"voicemail/"_s + QLatin1StringView(sample.mailbox));
        if (!QDir().mkpath(folder)) {
            *error = u"cannot create %1"_s.arg(folder);
            return false;
        }
        for (int i = 0; i < sample.count; ++i) {
            const qint64 received = now - 3600 * (i + 1) * (1 + static_cast<qint64>(random.bounded(20)));
            const qint64 lengthMs = 4000 + random.bounded(14000);
            const QString path = folder + u'/' + QString::number(received) + u".wav"_s;
            if (!WavFile::write(path, {{1000, false}, {lengthMs - 1000, true}}, 8000, error))
                return false;
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

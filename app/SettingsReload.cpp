#include "app/SettingsReload.h"

#include "core/apps/QueueApp.h"
#include "core/apps/StasisApplicationHost.h"
#include "core/apps/VoicemailPlaybackApp.h"
#include "core/supervisor/SupervisorCore.h"
#include "core/voicemail/ListenSession.h"

#include <QLoggingCategory>
#include <QMetaObject>
#include <QThread>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcSettingsReload, "supervisor.settings")

SettingsReload::SettingsReload(
    const QString &configPath, const SupervisorSettings::Overrides &overrides, const SupervisorSettings &loaded)
    : m_configPath(configPath)
    , m_overrides(overrides)
    , m_started(loaded)
    , m_current(loaded)
{
}

void SettingsReload::requestReload(SupervisorCore *core)
{
    if (core->thread() == QThread::currentThread()) {
        reload(core);
        return;
    }
    QMetaObject::invokeMethod(
        core, [this, core] { reload(core); }, Qt::QueuedConnection);
}

void SettingsReload::reload(SupervisorCore *core)
{
    Q_ASSERT(core->thread() == QThread::currentThread());
    SupervisorSettings newer;
    QString error;
    if (!newer.load(m_configPath, QProcessEnvironment::systemEnvironment(), m_overrides, &error)) {
        qCWarning(lcSettingsReload).noquote() << "SIGHUP: the settings were not reloaded, they keep their values:"
                                              << QString(error).replace(u'\n', u"; "_s);
        return;
    }
    // Live settings are compared with what was last applied, the others with what the service
    // started with: a change that needs a restart is reported at every reload until then.
    const QStringList live = m_current.changesTo(newer).live;
    const QStringList needRestart = m_started.changesTo(newer).needRestart;
    if (live.isEmpty() && needRestart.isEmpty()) {
        qCInfo(lcSettingsReload).noquote() << "SIGHUP: settings reloaded, nothing changed";
        return;
    }

    if (QueueApp *queue = core->queue()) {
        queue->setAnnouncementIntervalMs(newer.announcementIntervalMs());
        queue->setPositionWording(newer.positionWording());
    }
    if (core->host()) {
        if (auto *playback = qobject_cast<VoicemailPlaybackApp *>(core->host()->application(m_started.vmPlaybackApp())))
            playback->setSkipMs(newer.skipMs());
    }
    if (ListenSession *listen = core->listenSession())
        listen->setSkipMs(newer.skipMs());

    if (!live.isEmpty())
        qCInfo(lcSettingsReload).noquote() << "SIGHUP: applied now:" << live.join(u", "_s);
    if (!needRestart.isEmpty())
        qCWarning(lcSettingsReload).noquote()
            << "SIGHUP: changed, but in effect only after a restart:" << needRestart.join(u", "_s);
    // Last, so that the lines above are written at the level they were asked at.
    if (newer.logLevel() != m_current.logLevel())
        applyLogLevel(newer.logLevel());
    m_current = newer;
}

void SettingsReload::applyLogLevel(SupervisorSettings::LogLevel level)
{
    if (!qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        return;
    switch (level) {
    case SupervisorSettings::LogLevel::Debug:
        QLoggingCategory::setFilterRules(u"*.debug=true"_s);
        break;
    case SupervisorSettings::LogLevel::Info:
        QLoggingCategory::setFilterRules(u"*.debug=false"_s);
        break;
    case SupervisorSettings::LogLevel::Warning:
        QLoggingCategory::setFilterRules(u"*.debug=false\n*.info=false"_s);
        break;
    }
}

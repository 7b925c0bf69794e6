#include "app/HeadlessSession.h"

#include "app/SessionLog.h"
#include "core/supervisor/SupervisorCore.h"

HeadlessSession::HeadlessSession(const SupervisorSettings &settings, const SupervisorOptions &options, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_core(new SupervisorCore(settings, options, this))
{
    SessionLog::followCalls(m_core);
    connect(m_core, &SupervisorCore::connectionStateChanged, this, [this](ConnectionStatus::State state) {
        if (state == ConnectionStatus::State::Connected)
            Q_EMIT connected();
    });
}

HeadlessSession::~HeadlessSession()
{
    m_core->shutdown();
}

void HeadlessSession::start()
{
    SessionLog::warnIfNoPassword(m_settings);
    m_core->start();
    m_core->open();
}

void HeadlessSession::stop()
{
    m_core->close();
}

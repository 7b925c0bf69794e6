#include "app/HeadlessSession.h"

#include "core/ari/AriConnection.h"
#include "core/ari/AriEventStream.h"

#include <QLoggingCategory>
#include <QMetaEnum>

Q_LOGGING_CATEGORY(lcHeadless, "supervisor.headless")

HeadlessSession::HeadlessSession(const SupervisorSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_connection(new AriConnection(settings.endpoint(), this))
{
    AriEventStream *events = m_connection->events();
    connect(events, &AriEventStream::stateChanged, this, [](AriEventStream::State state) {
        qCInfo(lcHeadless).noquote() << "event stream"
                                     << QString::fromLatin1(QMetaEnum::fromType<AriEventStream::State>().valueToKey(
                                            static_cast<int>(state)))
                                            .toLower();
    });
    connect(events, &AriEventStream::errorOccurred, this,
            [](const QString &message) { qCWarning(lcHeadless).noquote() << "event stream:" << message; });
    connect(events, &AriEventStream::applicationReplaced, this, [](const QString &application) {
        qCCritical(lcHeadless).noquote()
            << "another client took over the application" << application
            << "- two instances must use different application names; not reconnecting";
    });
}

HeadlessSession::~HeadlessSession() = default;

void HeadlessSession::start()
{
    if (!m_settings.hasPassword())
        qCWarning(lcHeadless) << "no ARI password set (ARI_PASSWORD, --password-file or the INI file)";
    m_connection->open();
}

void HeadlessSession::stop()
{
    m_connection->close();
}

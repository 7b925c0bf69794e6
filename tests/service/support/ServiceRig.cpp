#include "support/ServiceRig.h"

#include "support/SimFixture.h"

#include "core/config/SupervisorSettings.h"
#include "core/models/ConnectionStatus.h"
#include "core/models/EventLogModel.h"
#include "core/service/SupervisorService.h"
#include "core/service/SupervisorSnapshot.h"
#include "core/supervisor/SupervisorBackend.h"
#include "core/supervisor/SupervisorOptions.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;

ServiceUsers ServiceRig::users()
{
    ServiceUsers users;
    users.add(u"boss"_s, ServiceUsers::Role::Supervisor, u"s3cret"_s, 1000);
    users.add(u"watcher"_s, ServiceUsers::Role::Viewer, u"look"_s, 1000);
    return users;
}

ServiceSettings ServiceRig::defaultSettings()
{
    ServiceSettings settings;
    QString error;
    settings.setListen(u"127.0.0.1:0"_s, &error);
    settings.setLoginDelayMs(50);
    return settings;
}

ServiceRig::ServiceRig(SimFixture *sim, const ServiceSettings &settings, const Names &names,
    const QString &supervisorEndpoint, const QHash<QString, QString> &partyNames)
    : m_sim(sim)
    , m_settings(settings)
{
    SupervisorSettings supervisor;
    SupervisorSettings::Overrides overrides;
    overrides.url = m_sim->ariUrl();
    overrides.user = u"asterisk"_s;
    overrides.supervisorEndpoint = supervisorEndpoint;
    overrides.vmRecordApp = names.vmRecord;
    overrides.vmPlaybackApp = names.vmPlayback;
    overrides.queueApp = names.queue;
    QProcessEnvironment environment;
    environment.insert(u"ARI_PASSWORD"_s, u"asterisk"_s);
    QString error;
    if (!supervisor.load({}, environment, overrides, &error))
        qWarning().noquote() << "settings:" << error;
    supervisor.setPartyNames(partyNames);
    SupervisorOptions options;
    options.clockRate = m_sim->speed();
    options.eventLogBatchMs = 10;
    options.progressRefreshMs = 0;
    options.listenApplication = supervisor.listenApp();
    m_backend = std::make_unique<SupervisorBackend>(supervisor, options);
    m_service = std::make_unique<SupervisorService>(m_backend.get(), m_settings, users());
}

ServiceRig::~ServiceRig()
{
    m_service.reset();
    m_backend.reset();
}

bool ServiceRig::start()
{
    QString error;
    if (!m_service->start(&error)) {
        qWarning().noquote() << error;
        return false;
    }
    m_port = m_service->port();
    m_backend->open();
    return QTest::qWaitFor(
        [this] { return m_backend->connectionStatus()->state() == ConnectionStatus::State::Connected; }, 20000);
}

QUrl ServiceRig::url() const
{
    return QUrl(u"%1://127.0.0.1:%2"_s.arg(m_settings.usesTls() ? u"wss"_s : u"ws"_s).arg(m_port));
}

void ServiceRig::stopService()
{
    m_service.reset();
}

bool ServiceRig::restartService()
{
    ServiceSettings settings = m_settings;
    QString error;
    settings.setListen(u"127.0.0.1:%1"_s.arg(m_port), &error);
    m_service = std::make_unique<SupervisorService>(m_backend.get(), settings, users());
    if (!m_service->start(&error)) {
        qWarning().noquote() << error;
        return false;
    }
    return true;
}

RemoteSupervisor::Options ServiceRig::deskOptions(const QString &user, const QString &password) const
{
    RemoteSupervisor::Options options;
    options.url = url();
    options.user = user;
    options.password = password;
    options.firstRetryMs = 100;
    options.maxRetryMs = 1000;
    return options;
}

std::unique_ptr<RemoteSupervisor> ServiceRig::attach(const QString &user, const QString &password) const
{
    auto desk = std::make_unique<RemoteSupervisor>(deskOptions(user, password));
    desk->open();
    return desk;
}

QJsonObject ServiceRig::models(const SupervisorAccess &access, int logRows)
{
    return SupervisorSnapshot::capture(access, logRows);
}

bool ServiceRig::sameAsService(const RemoteSupervisor &desk, QString *difference) const
{
    if (!QTest::qWaitFor([&] { return desk.sequence() == m_service->sequence(); }, 20000)) {
        *difference = u"the desk applied %1 changes of %2"_s.arg(desk.sequence()).arg(m_service->sequence());
        return false;
    }
    const int rows = desk.eventLog()->rowCount();
    const QJsonObject mine = models(desk, rows);
    const QJsonObject theirs = models(*m_backend, rows);
    if (mine == theirs)
        return true;
    for (auto it = theirs.begin(); it != theirs.end(); ++it) {
        if (mine.value(it.key()) != it.value()) {
            *difference = u"%1 differs:\nservice %2\ndesk    %3"_s.arg(it.key(),
                QString::fromUtf8(QJsonDocument(QJsonObject { { it.key(), it.value() } }).toJson().left(3000)),
                QString::fromUtf8(
                    QJsonDocument(QJsonObject { { it.key(), mine.value(it.key()) } }).toJson().left(3000)));
            return false;
        }
    }
    *difference = u"the snapshots differ"_s;
    return false;
}

QStringList ServiceRig::randomTraffic(SimFixture *sim, const Names &names, int steps, quint32 seed)
{
    QRandomGenerator random(seed);
    QStringList live;
    QStringList agents;
    const auto pick = [&random](const QStringList &list) {
        return list.at(static_cast<qsizetype>(random.bounded(static_cast<quint32>(list.size()))));
    };
    for (int step = 0; step < steps; ++step) {
        switch (random.bounded(7)) {
        case 0:
        case 1:
            live.append(sim->placeCall(names.queue, { u"caller"_s }, u"55501%1"_s.arg(step)).value("id"_L1).toString());
            break;
        case 2: {
            const QString id = sim->placeCall(names.queue, { u"agent"_s }).value("id"_L1).toString();
            live.append(id);
            agents.append(id);
            break;
        }
        case 3:
            live.append(sim->placeCall(random.bounded(2) ? names.vmRecord : names.vmPlayback,
                               { random.bounded(2) ? u"305"_s : u"30"_s })
                            .value("id"_L1)
                            .toString());
            break;
        case 4:
            if (!agents.isEmpty())
                sim->pressDtmf(pick(agents), pick({ u"0"_s, u"5"_s, u"7"_s, u"9"_s }));
            break;
        case 5:
            if (!live.isEmpty())
                sim->pressDtmf(pick(live), u"#"_s);
            break;
        default:
            if (!live.isEmpty()) {
                const QString id = pick(live);
                sim->hangup(id);
                live.removeOne(id);
                agents.removeOne(id);
            }
            break;
        }
        QTest::qWait(static_cast<int>(random.bounded(40)));
    }
    return live;
}

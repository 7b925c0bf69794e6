#include "core/models/ConnectionStatus.h"

ConnectionStatus::ConnectionStatus(QObject *parent)
    : QObject(parent)
{
}

ConnectionStatus::~ConnectionStatus() = default;

QString ConnectionStatus::stateText() const
{
    return stateName(m_state);
}

QString ConnectionStatus::stateName(State state)
{
    switch (state) {
    case State::Disconnected:
        return tr("disconnected");
    case State::Connecting:
        return tr("connecting");
    case State::Connected:
        return tr("connected");
    case State::Reconnecting:
        return tr("reconnecting");
    case State::Failed:
        return tr("failed");
    }
    return {};
}

void ConnectionStatus::setServer(const QString &server)
{
    if (server == m_server)
        return;
    m_server = server;
    Q_EMIT changed();
}

void ConnectionStatus::setAsteriskVersion(const QString &version)
{
    if (version == m_asteriskVersion)
        return;
    m_asteriskVersion = version;
    Q_EMIT changed();
}

void ConnectionStatus::setState(ConnectionStatus::State state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT changed();
}

void ConnectionStatus::setLastError(const QString &error)
{
    if (error == m_lastError)
        return;
    m_lastError = error;
    Q_EMIT changed();
}

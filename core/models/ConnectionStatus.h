#pragma once

#include <QObject>
#include <QString>

// What the window shows of the connection at all times (SPEC UI-1): the server (a URL without
// credentials), Asterisk's version, the state of the event socket and the last error. Lives on
// the GUI thread; SupervisorBackend feeds it from the core thread through queued signals.
class ConnectionStatus final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectionStatus)
    Q_PROPERTY(QString server READ server NOTIFY changed)
    Q_PROPERTY(QString asteriskVersion READ asteriskVersion NOTIFY changed)
    Q_PROPERTY(State state READ state NOTIFY changed)
    Q_PROPERTY(QString lastError READ lastError NOTIFY changed)

public:
    // The same states as AriEventStream::State (kept apart so the GUI needs no ARI header).
    enum class State { Disconnected, Connecting, Connected, Reconnecting, Failed };
    Q_ENUM(State)

    explicit ConnectionStatus(QObject *parent = nullptr);
    ~ConnectionStatus() override;

    QString server() const { return m_server; }
    QString asteriskVersion() const { return m_asteriskVersion; }
    State state() const { return m_state; }
    QString stateText() const;
    static QString stateName(State state);
    QString lastError() const { return m_lastError; }

public Q_SLOTS:
    void setServer(const QString &server);
    void setAsteriskVersion(const QString &version);
    void setState(ConnectionStatus::State state);
    void setLastError(const QString &error);

Q_SIGNALS:
    void changed();

private:
    QString m_server;
    QString m_asteriskVersion;
    State m_state = State::Disconnected;
    QString m_lastError;
};

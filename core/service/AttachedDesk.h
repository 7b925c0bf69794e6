#pragma once

#include "core/service/ServiceUsers.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QIODevice;
class QWebSocket;

// One desk's WebSocket on the service's side (SPEC SV-3): what it said it is, and a bounded
// outgoing queue. send() never blocks: the frame joins the socket's buffer, and a desk whose unsent
// data would pass the limit is dropped (it re-attaches and gets a fresh snapshot).
class AttachedDesk final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttachedDesk)

public:
    // The largest message a desk may send (its requests are a few hundred bytes; a list of
    // durations to ask for stays far below).
    static constexpr quint64 s_maxMessageBytes = 1024 * 1024;
    // The largest frame sent to a desk: a larger message goes in several (see the constructor).
    static constexpr quint64 s_outgoingFrameBytes = 16 * 1024;

    // (The service's thread keeps its own view of the protocol's states: SupervisorService::Desk.)
    enum class State {
        Greeting, // not attached yet: its messages all go to the service
        Attached, // takes changes; its acknowledgements are kept here
        Closed,
    };

    AttachedDesk(std::unique_ptr<QWebSocket> socket, qint64 queueLimitBytes, QObject *parent = nullptr);
    ~AttachedDesk() override;

    State state() const { return m_state; }
    QString peer() const { return m_peer; }
    QString user() const { return m_user; }
    ServiceUsers::Role role() const { return m_role; }
    void attach(const QString &user, ServiceUsers::Role role);
    qint64 pendingBytes() const { return m_pending; }
    // Whether the desk takes changes in batches ("changes" messages, the feature it named in its hello).
    bool takesBatches() const { return m_batches; }
    void setTakesBatches(bool batches) { m_batches = batches; }
    // The last change the desk said it applied (its `ack`); the snapshot counts as one.
    quint64 acknowledged() const { return m_acknowledged; }
    void setAcknowledged(quint64 sequence) { m_acknowledged = std::max(m_acknowledged, sequence); }
    // Drops the desk: it fell behind (see SupervisorService).
    void drop(const QString &reason);

    // False when the desk is closed or was dropped by this frame. The snapshot (`initial`) may
    // pass the limit: the limit counts what falls behind after it.
    bool sendText(const QString &text, bool initial = false);
    // A batch of changes: UTF-8 JSON in one binary frame, the same bytes for every desk.
    bool sendBatch(const QByteArray &utf8);
    // A file of `size` bytes in binary frames of `chunkBytes`, one after the other, read from
    // `file` as the desk takes them: the socket never holds more than two frames of it, so a
    // recording is never whole in memory. Until its last frame has gone, the desk's other messages
    // wait in order (nothing comes between a file's frames) and count against the limit. A file
    // that cannot be read to its size drops the desk (it was promised `size` bytes).
    bool sendFile(std::shared_ptr<QIODevice> file, qint64 size, qsizetype chunkBytes);
    bool isSendingFile() const { return m_file != nullptr; }
    // Closes the socket with a reason (close code 1008 for a refusal, else 1009); gone() follows.
    // A desk that falls behind is aborted instead: it reads nothing more, not even a close frame.
    void close(const QString &reason, bool policy = true);

Q_SIGNALS:
    void textReceived(const QString &text);
    void gone(const QString &reason);

private:
    struct Held
    {
        QString text; // a text message, or
        QByteArray binary; // a binary one (a batch of changes), or
        std::shared_ptr<QIODevice> file; // a file of `fileSize` bytes
        qint64 fileSize = 0;
        qint64 bytes = 0; // counted against the limit while it waits
    };

    bool account(qint64 payloadBytes, bool initial = false);
    void pumpFile();
    void hold(Held message);
    void stopFile();

    std::unique_ptr<QWebSocket> m_socket;
    qint64 m_limit;
    qint64 m_pending = 0;
    qint64 m_allowance = 0; // of the snapshot, still unsent
    std::shared_ptr<QIODevice> m_file; // being sent
    qint64 m_fileLeft = 0;
    qsizetype m_chunkBytes = 0;
    QList<Held> m_held; // messages waiting for the file's end
    qint64 m_heldBytes = 0;
    quint64 m_acknowledged = 0;
    State m_state = State::Greeting;
    bool m_batches = false;
    QString m_peer;
    QString m_user;
    ServiceUsers::Role m_role = ServiceUsers::Role::Viewer;
    QString m_closeReason;
};

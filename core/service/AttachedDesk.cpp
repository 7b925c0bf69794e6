#include "core/service/AttachedDesk.h"

#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace {

// A WebSocket frame from a server: the payload after a 2, 4 or 10 byte header.
qint64 frameBytes(qint64 payload)
{
    return payload + (payload < 126 ? 2 : payload < 65536 ? 4 : 10);
}

} // namespace

AttachedDesk::AttachedDesk(std::unique_ptr<QWebSocket> socket, qint64 queueLimitBytes, QObject *parent)
    : QObject(parent)
    , m_socket(std::move(socket))
    , m_limit(queueLimitBytes)
    , m_peer(u"%1:%2"_s.arg(m_socket->peerAddress().toString()).arg(m_socket->peerPort()))
{
    // A desk sends small requests: a larger message closes its socket (code 1009) before it is kept.
    m_socket->setMaxAllowedIncomingFrameSize(s_maxMessageBytes);
    m_socket->setMaxAllowedIncomingMessageSize(s_maxMessageBytes);
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        if (m_state != State::Closed)
            Q_EMIT textReceived(text);
    });
    connect(m_socket.get(), &QWebSocket::disconnected, this, [this] {
        const bool wasOpen = m_state != State::Closed;
        m_state = State::Closed;
        if (wasOpen || !m_closeReason.isEmpty())
            Q_EMIT gone(m_closeReason.isEmpty() ? u"disconnected"_s : m_closeReason);
        m_closeReason.clear();
    });
}

AttachedDesk::~AttachedDesk()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void AttachedDesk::attach(const QString &user, ServiceUsers::Role role)
{
    m_user = user;
    m_role = role;
    m_state = State::Attached;
}

bool AttachedDesk::account(qint64 payloadBytes, bool initial)
{
    // What the desk has not taken yet; the snapshot's part of it is allowed on top of the limit
    // (the allowance shrinks as the desk reads).
    m_pending = m_socket->bytesToWrite();
    if (initial)
        m_allowance = frameBytes(payloadBytes);
    m_allowance = std::min(m_allowance, m_pending);
    if (m_pending <= m_limit + m_allowance)
        return true;
    drop(u"fell behind (%1 bytes unsent)"_s.arg(m_pending));
    return false;
}

// Too far behind: its state is no longer worth sending; it will re-attach with a snapshot.
void AttachedDesk::drop(const QString &reason)
{
    if (m_state == State::Closed)
        return;
    m_closeReason = reason;
    m_state = State::Closed;
    m_socket->abort();
}

bool AttachedDesk::sendText(const QString &text, bool initial)
{
    if (m_state == State::Closed)
        return false;
    return account(m_socket->sendTextMessage(text), initial);
}

bool AttachedDesk::sendBatch(const QByteArray &utf8)
{
    if (m_state == State::Closed)
        return false;
    const qint64 sent = m_socket->sendBinaryMessage(utf8);
    // Handed to the system now (one write per batch), so that what stays in the socket's buffer is
    // what the desk has not taken: the queue limit then measures the desk, not this turn's batch.
    m_socket->flush();
    return account(sent);
}

bool AttachedDesk::sendFile(const QByteArray &bytes, qsizetype chunkBytes)
{
    if (m_state == State::Closed)
        return false;
    qint64 total = 0;
    for (qsizetype offset = 0; offset < bytes.size(); offset += chunkBytes)
        total += frameBytes(std::min(chunkBytes, bytes.size() - offset));
    for (qsizetype offset = 0; offset < bytes.size(); offset += chunkBytes)
        m_socket->sendBinaryMessage(bytes.mid(offset, chunkBytes));
    // Counted once the whole file is queued, with the file as an allowance (it shrinks as the
    // desk reads), so no frame of it is ever what makes the desk fall behind.
    m_allowance += total;
    return account(0);
}

void AttachedDesk::close(const QString &reason, bool policy)
{
    if (m_state == State::Closed)
        return;
    m_closeReason = reason;
    m_state = State::Closed;
    m_socket->close(policy ? QWebSocketProtocol::CloseCodePolicyViolated : QWebSocketProtocol::CloseCodeTooMuchData,
        reason.left(120));
}

#include "core/service/AttachedDesk.h"

#include <QIODevice>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace {

// A message from a server as it goes on the wire: frames of at most s_outgoingFrameBytes, each
// with a 2, 4 or 10 byte header before its payload.
qint64 frameHeaderBytes(qint64 payload)
{
    return payload < 126 ? 2 : payload < 65536 ? 4 : 10;
}

qint64 frameBytes(qint64 payload)
{
    const qint64 frameSize = AttachedDesk::s_outgoingFrameBytes;
    const qint64 full = payload / frameSize;
    const qint64 rest = payload % frameSize;
    return payload + full * frameHeaderBytes(frameSize) + (rest > 0 || full == 0 ? frameHeaderBytes(rest) : 0);
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
    // A large message (a snapshot) leaves in small frames: each one is a sign of life to the desk,
    // whose heartbeat would otherwise wait for the whole message over a slow link.
    m_socket->setOutgoingFrameSize(s_outgoingFrameBytes);
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this, [this](const QString &text) {
        if (m_state != State::Closed)
            Q_EMIT textReceived(text);
    });
    connect(m_socket.get(), &QWebSocket::bytesWritten, this, [this] {
        if (m_file)
            pumpFile();
    });
    connect(m_socket.get(), &QWebSocket::disconnected, this, [this] {
        stopFile();
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
    m_pending = m_socket->bytesToWrite() + m_heldBytes;
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
    stopFile();
    m_socket->abort();
}

bool AttachedDesk::sendText(const QString &text, bool initial)
{
    if (m_state == State::Closed)
        return false;
    if (m_file) {
        const qint64 bytes = frameBytes(text.toUtf8().size());
        hold({ text, {}, nullptr, 0, bytes });
        return account(0);
    }
    return account(m_socket->sendTextMessage(text), initial);
}

bool AttachedDesk::sendBatch(const QByteArray &utf8)
{
    if (m_state == State::Closed)
        return false;
    if (m_file) {
        hold({ {}, utf8, nullptr, 0, frameBytes(utf8.size()) });
        return account(0);
    }
    const qint64 sent = m_socket->sendBinaryMessage(utf8);
    // Handed to the system now (one write per batch), so that what stays in the socket's buffer is
    // what the desk has not taken: the queue limit then measures the desk, not this turn's batch.
    m_socket->flush();
    return account(sent);
}

bool AttachedDesk::sendFile(std::shared_ptr<QIODevice> file, qint64 size, qsizetype chunkBytes)
{
    if (m_state == State::Closed)
        return false;
    m_chunkBytes = std::max<qsizetype>(chunkBytes, 1);
    if (m_file) {
        // After the file under way and what waits for it (the file's own bytes are paced, not held).
        hold({ {}, {}, std::move(file), size, 0 });
        return account(0);
    }
    m_file = std::move(file);
    m_fileLeft = std::max<qint64>(size, 0);
    pumpFile();
    return m_state != State::Closed && account(0);
}

void AttachedDesk::pumpFile()
{
    while (m_file && m_state != State::Closed) {
        if (m_fileLeft == 0) {
            // The file is whole: what waited goes now, in order, up to the next file if any.
            m_file.reset();
            while (!m_file && !m_held.isEmpty()) {
                Held next = m_held.takeFirst();
                m_heldBytes -= next.bytes;
                if (next.file) {
                    m_file = std::move(next.file);
                    m_fileLeft = std::max<qint64>(next.fileSize, 0);
                } else if (!next.binary.isEmpty()) {
                    m_socket->sendBinaryMessage(next.binary);
                } else {
                    m_socket->sendTextMessage(next.text);
                }
            }
            continue;
        }
        // Two frames in the socket at most; its bytesWritten() brings the next ones.
        if (m_socket->bytesToWrite() >= 2 * frameBytes(m_chunkBytes))
            return;
        const QByteArray chunk = m_file->read(std::min<qint64>(m_chunkBytes, m_fileLeft));
        if (chunk.isEmpty()) {
            drop(u"the file being sent could not be read (%1 bytes short): %2"_s.arg(m_fileLeft)
                     .arg(m_file->errorString()));
            return;
        }
        m_fileLeft -= chunk.size();
        m_socket->sendBinaryMessage(chunk);
    }
}

void AttachedDesk::hold(Held message)
{
    m_heldBytes += message.bytes;
    m_held.append(std::move(message));
}

void AttachedDesk::stopFile()
{
    m_file.reset();
    m_fileLeft = 0;
    m_held.clear();
    m_heldBytes = 0;
}

void AttachedDesk::close(const QString &reason, bool policy)
{
    if (m_state == State::Closed)
        return;
    m_closeReason = reason;
    m_state = State::Closed;
    stopFile();
    m_socket->close(policy ? QWebSocketProtocol::CloseCodePolicyViolated : QWebSocketProtocol::CloseCodeTooMuchData,
        reason.left(120));
}

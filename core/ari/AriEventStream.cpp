#include "core/ari/AriEventStream.h"

#include <QNetworkRequest>
#include <QPointer>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QUrlQuery>
#if QT_CONFIG(ssl)
#include <QSslConfiguration>
#include <QSslSocket>
#endif

#include <algorithm>
#include <cmath>

Q_LOGGING_CATEGORY(lcAriEvents, "supervisor.ari.events")

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

// Qt 6.4 reports a refused upgrade only through the socket's error string (it has no API for the
// status). Two forms exist: for most statuses "...Unhandled http status code: %1 (%2)." with the
// status in it; for 400 a fixed "...Unknown error condition encountered..." (or, when the server
// names WebSocket versions, "...Server requests a version that we don't support: %1."). The texts
// are compared through QWebSocket::tr(), so a translated Qt gives the same answer.
// Returns the HTTP status, or 0 when the error is not a refused upgrade.
int httpStatusOfRefusedUpgrade(const QString &errorString)
{
    const QString unhandled
        = QWebSocket::tr("QWebSocketPrivate::processHandshake: Unhandled http status code: %1 (%2).");
    const qsizetype statusAt = unhandled.indexOf("%1"_L1);
    const qsizetype reasonAt = unhandled.indexOf("%2"_L1);
    if (statusAt >= 0 && reasonAt > statusAt) {
        const QRegularExpression pattern(u"^"_s + QRegularExpression::escape(unhandled.left(statusAt)) + u"([0-9]{3})"_s
            + QRegularExpression::escape(unhandled.mid(statusAt + 2, reasonAt - statusAt - 2)) + u".*"_s);
        const QRegularExpressionMatch match = pattern.match(errorString);
        if (match.hasMatch())
            return match.captured(1).toInt();
    }
    const QString badRequest = QWebSocket::tr(
        "QWebSocketPrivate::processHandshake: Unknown error condition encountered. Aborting connection.");
    if (errorString == badRequest)
        return 400;
    const QString badVersion = QWebSocket::tr("Handshake: Server requests a version that we don't support: %1.");
    const qsizetype versionAt = badVersion.indexOf("%1"_L1);
    if (versionAt > 0 && errorString.startsWith(badVersion.left(versionAt)))
        return 400;
    return 0;
}

constexpr qsizetype s_loggedFrameBytes = 200;

// How long a request may wait in the socket's buffer while later frames are handled.
constexpr qint64 s_flushAfterNs = 1'000'000;

} // namespace

AriEventStream::AriEventStream(const AriEndpoint &endpoint, QObject *parent)
    : QObject(parent)
    , m_endpoint(endpoint)
    , m_tls(endpoint)
    , m_socket(QString(), QWebSocketProtocol::VersionLatest, this)
    , m_retryTimer(this)
    , m_heartbeatTimer(this)
    , m_connectTimer(this)
    , m_random(QRandomGenerator::global()->generate())
{
    if (m_endpoint.requestTimeoutMs > 0)
        m_connectTimeout = std::chrono::milliseconds(m_endpoint.requestTimeoutMs);

    m_retryTimer.setSingleShot(true);
    // Precise: a retry never fires before its delay, so the backoff really spaces attempts.
    m_retryTimer.setTimerType(Qt::PreciseTimer);
    m_connectTimer.setSingleShot(true);

    // SPEC CN-7: Qt stops reading a larger frame or message and closes the socket (code 1009).
    if (m_endpoint.maxEventFrameBytes > 0) {
        m_socket.setMaxAllowedIncomingFrameSize(quint64(m_endpoint.maxEventFrameBytes));
        m_socket.setMaxAllowedIncomingMessageSize(quint64(m_endpoint.maxEventFrameBytes));
    }

    connect(&m_retryTimer, &QTimer::timeout, this, &AriEventStream::startAttempt);
    connect(&m_heartbeatTimer, &QTimer::timeout, this, &AriEventStream::onHeartbeat);
    connect(&m_connectTimer, &QTimer::timeout, this, &AriEventStream::onConnectTimeout);

    connect(&m_socket, &QWebSocket::connected, this, &AriEventStream::onSocketConnected);
    connect(&m_socket, &QWebSocket::stateChanged, this, &AriEventStream::onSocketStateChanged);
    // Qt 6.4's QWebSocket has no errorOccurred() yet: error() is its error signal.
    connect(
        &m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, &AriEventStream::onSocketError);
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &AriEventStream::onTextMessage);
    connect(&m_socket, &QWebSocket::binaryMessageReceived, this, &AriEventStream::onBinaryMessage);
    connect(&m_socket, &QWebSocket::pong, this, &AriEventStream::onPong);
#if QT_CONFIG(ssl)
    connect(&m_socket, &QWebSocket::sslErrors, this, &AriEventStream::onSslErrors);
#endif
}

AriEventStream::~AriEventStream()
{
    // The socket is a member: silence it before it goes, so nothing calls back into a half
    // destroyed object.
    m_attemptActive = false;
    m_stopped = true;
    disconnect(&m_socket, nullptr, this, nullptr);
    if (m_socket.state() == QAbstractSocket::ConnectedState)
        m_socket.close(QWebSocketProtocol::CloseCodeGoingAway);
    else
        m_socket.abort();
}

void AriEventStream::setBackoff(const Backoff &backoff)
{
    m_backoff = backoff;
    m_backoff.initial = std::max(m_backoff.initial, 1ms);
    m_backoff.maximum = std::max(m_backoff.maximum, m_backoff.initial);
    m_backoff.jitter = std::clamp(m_backoff.jitter, 0.0, 1.0);
}

void AriEventStream::setHeartbeatInterval(std::chrono::milliseconds interval)
{
    m_heartbeatInterval = std::max(interval, 0ms);
    if (m_state != State::Connected)
        return;
    m_awaitingPong = false;
    if (m_heartbeatInterval > 0ms)
        m_heartbeatTimer.start(m_heartbeatInterval);
    else
        m_heartbeatTimer.stop();
}

void AriEventStream::setRandomSeed(quint32 seed)
{
    m_random.seed(seed);
}

void AriEventStream::setConnectTimeout(std::chrono::milliseconds timeout)
{
    m_connectTimeout = std::max(timeout, 0ms);
}

std::chrono::milliseconds AriEventStream::nextRetryDelay() const
{
    return m_retryTimer.isActive() ? m_nextRetryDelay : 0ms;
}

int AriEventStream::reconnectAttempts() const
{
    return m_failures;
}

int AriEventStream::lastHttpStatus() const
{
    return m_lastHttpStatus;
}

bool AriEventStream::sendText(const QByteArray &frame)
{
    if (m_state != State::Connected || !m_attemptActive || m_socket.state() != QAbstractSocket::ConnectedState)
        return false;
    m_socket.sendTextMessage(QString::fromUtf8(frame));
    // QWebSocket only queues the frame: the socket writes it when the event loop next runs, which
    // is after every frame already read has been handled. A request caused by an early event of
    // a large read would wait for the whole read; writing after every frame instead costs a
    // system call per request (on loopback about a sixth more client CPU per event). So
    // requests are written once the oldest of them has waited s_flushAfterNs while frames were
    // being handled (checked after each frame), else when the event loop runs.
    if (!m_unflushed) {
        m_unflushed = true;
        m_unflushedSince.start();
    }
    return true;
}

void AriEventStream::open()
{
    if (m_attemptActive)
        return; // an attempt is under way
    if (!m_stopped && m_state != State::Failed)
        return; // connected, or a reconnect is pending
    // From Disconnected, or from Failed (even with a slow retry pending): start again now.
    m_stopped = false;
    m_failures = 0;
    m_wasConnected = false;
    m_lastHttpStatus = 0;
    m_retryTimer.stop();

    if (m_endpoint.applications.isEmpty()) {
        fail(u"no Stasis application name is configured for the event socket"_s);
        return;
    }
    const QUrl url = m_endpoint.eventsUrl();
    if (!url.isValid() || url.host().isEmpty()) {
        fail(u"the ARI URL \"%1\" is not usable for the event socket"_s.arg(m_endpoint.redactedUrl()));
        return;
    }
    if (url.scheme() == "wss"_L1 && !m_tls.isValid()) {
        fail(m_tls.error());
        return;
    }
    setState(State::Connecting);
    startAttempt();
}

void AriEventStream::close()
{
    const bool wasRunning = !m_stopped || m_state != State::Disconnected;
    m_stopped = true;
    m_retryTimer.stop();
    m_heartbeatTimer.stop();
    m_connectTimer.stop();
    m_awaitingPong = false;
    m_failures = 0;
    if (m_attemptActive) {
        m_attemptActive = false;
        if (m_socket.state() == QAbstractSocket::ConnectedState)
            m_socket.close(QWebSocketProtocol::CloseCodeNormal);
        else
            m_socket.abort();
    }
    if (wasRunning)
        qCInfo(lcAriEvents).noquote() << "event socket closed by the user:" << describeUrl();
    setState(State::Disconnected);
}

void AriEventStream::startAttempt()
{
    if (m_stopped)
        return;
    // A socket still closing from an earlier attempt is cut first: its late signals then belong
    // to no attempt.
    if (m_socket.state() != QAbstractSocket::UnconnectedState) {
        m_attemptActive = false;
        m_socket.abort();
    }
    ++m_generation;
    m_httpStatus = 0;
    m_attemptError.clear();
    m_tlsErrors.clear();
    m_connectedThisAttempt = false;
    m_awaitingPong = false;

    QNetworkRequest request(m_endpoint.eventsUrl());
    if (!m_endpoint.useApiKey && !m_endpoint.user.isEmpty()) {
        const QByteArray credentials = (m_endpoint.user + u':' + m_endpoint.password).toUtf8();
        request.setRawHeader(QByteArrayLiteral("Authorization"), "Basic " + credentials.toBase64());
    }
#if QT_CONFIG(ssl)
    // QWebSocket::open() ignores the request's TLS configuration (Qt 6.4): only the socket's counts.
    if (request.url().scheme() == "wss"_L1)
        m_socket.setSslConfiguration(m_tls.configuration());
#endif
    qCDebug(lcAriEvents) << "connecting the event socket:" << describeUrl();
    m_attemptActive = true;
    if (m_connectTimeout > 0ms)
        m_connectTimer.start(m_connectTimeout);
    m_socket.open(request);
}

void AriEventStream::onSocketConnected()
{
    if (!m_attemptActive)
        return;
    m_connectTimer.stop();
    m_connectedThisAttempt = true;
    const bool reconnected = m_wasConnected;
    m_wasConnected = true;
    m_failures = 0;
    m_lastHttpStatus = 0;
    m_lastError.clear();
    m_awaitingPong = false;
    if (m_heartbeatInterval > 0ms)
        m_heartbeatTimer.start(m_heartbeatInterval);
    qCInfo(lcAriEvents).noquote() << "event socket connected:" << describeUrl();
    setState(State::Connected);
    if (reconnected && m_state == State::Connected)
        Q_EMIT resynced();
}

void AriEventStream::onSocketStateChanged(QAbstractSocket::SocketState socketState)
{
    if (socketState == QAbstractSocket::UnconnectedState)
        attemptEnded();
}

void AriEventStream::onSocketError(QAbstractSocket::SocketError error)
{
    if (!m_attemptActive)
        return;
    if (m_attemptError.isEmpty())
        m_attemptError = m_socket.errorString();
    if (error == QAbstractSocket::ConnectionRefusedError && !m_connectedThisAttempt && m_httpStatus == 0) {
        const int status = httpStatusOfRefusedUpgrade(m_socket.errorString());
        if (status != 0) {
            m_httpStatus = status;
            // Qt keeps the TCP connection of a refused upgrade open when the server does; cut
            // it, outside of the socket's own signal.
            closeSocketLater();
        }
    }
}

#if QT_CONFIG(ssl)
void AriEventStream::onSslErrors(const QList<QSslError> &errors)
{
    if (!m_attemptActive)
        return;
    if (!m_tls.verifiesPeer()) {
        m_socket.ignoreSslErrors();
        return;
    }
    m_tlsErrors = AriTlsPolicy::describe(errors);
}
#endif

void AriEventStream::onTextMessage(const QString &message)
{
    handleFrameAndFlush(message.toUtf8());
}

void AriEventStream::onBinaryMessage(const QByteArray &message)
{
    // ARI sends text frames; a binary one is read the same way rather than dropped silently.
    handleFrameAndFlush(message);
}

void AriEventStream::handleFrameAndFlush(const QByteArray &frame)
{
    const QPointer<AriEventStream> self(this); // a handler may delete the stream
    handleFrame(frame);
    if (!self || !m_unflushed)
        return;
    if (m_socket.state() != QAbstractSocket::ConnectedState || m_socket.bytesToWrite() == 0) {
        m_unflushed = false; // written by the event loop, or the socket went
        return;
    }
    if (m_unflushedSince.nsecsElapsed() >= s_flushAfterNs) {
        m_unflushed = false;
        m_socket.flush();
    }
}

void AriEventStream::onPong(quint64 elapsedMs)
{
    if (!m_attemptActive || !m_awaitingPong)
        return;
    m_awaitingPong = false;
    Q_EMIT heartbeatAnswered(std::chrono::milliseconds(elapsedMs));
}

void AriEventStream::onHeartbeat()
{
    if (!m_attemptActive || !m_connectedThisAttempt)
        return;
    if (m_awaitingPong) {
        dropConnection(u"no answer to the heartbeat ping within %1 ms"_s.arg(m_heartbeatInterval.count()));
        return;
    }
    m_awaitingPong = true;
    m_socket.ping();
}

void AriEventStream::onConnectTimeout()
{
    if (m_attemptActive && !m_connectedThisAttempt)
        dropConnection(u"no answer to the WebSocket upgrade within %1 ms"_s.arg(m_connectTimeout.count()));
}

void AriEventStream::handleFrame(const QByteArray &frame)
{
    // Frames already buffered when the stream stopped (close(), ApplicationReplaced) are dropped.
    if (!m_attemptActive || m_stopped)
        return;
    AriEvent event;
    QString error;
    if (!AriEvent::parse(frame, &event, &error)) {
        qCWarning(lcAriEvents).noquote() << "malformed event frame ignored:" << error << "-"
                                         << QString::fromUtf8(frame.left(s_loggedFrameBytes));
        Q_EMIT malformedFrame(frame, error);
        return;
    }
    if (event.type() == AriEvent::Type::RestResponse) {
        Q_EMIT restResponseReceived(event);
        return;
    }
    Q_EMIT eventReceived(event);
    if (event.type() == AriEvent::Type::ApplicationReplaced && m_attemptActive && !m_stopped)
        handleApplicationReplaced(event.application());
}

void AriEventStream::handleApplicationReplaced(const QString &application)
{
    // Another connection registered the same application name (AR-9). Reconnecting would take
    // it back and start a fight between two instances: stop here and say so.
    m_stopped = true;
    m_attemptActive = false;
    m_retryTimer.stop();
    m_heartbeatTimer.stop();
    m_connectTimer.stop();
    closeSocketLater();
    m_lastError = u"application \"%1\" was taken over by another connection (ApplicationReplaced); "
                  "each running instance needs its own application name"_s.arg(application);
    qCWarning(lcAriEvents).noquote() << m_lastError;
    setState(State::Failed);
    Q_EMIT errorOccurred(m_lastError);
    Q_EMIT applicationReplaced(application);
}

void AriEventStream::dropConnection(const QString &reason)
{
    m_attemptError = reason;
    m_socket.abort();
    attemptEnded(); // in case the socket said nothing
}

void AriEventStream::attemptEnded()
{
    if (!m_attemptActive)
        return;
    m_attemptActive = false;
    m_connectTimer.stop();
    m_heartbeatTimer.stop();
    m_awaitingPong = false;
    if (m_stopped)
        return;

    if (m_httpStatus != 0) {
        refused(m_httpStatus);
        return;
    }
    if (!m_tlsErrors.isEmpty() && !m_connectedThisAttempt) {
        certificateRefused();
        return;
    }

    QString why = m_attemptError;
    if (why.isEmpty() && !m_connectedThisAttempt) {
        // A connection that never came up (refused, unreachable): the socket may say it is
        // unconnected before it reports why, so ask it for its error.
        why = m_socket.error() != QAbstractSocket::UnknownSocketError
            ? m_socket.errorString()
            : u"the connection closed before the WebSocket handshake completed"_s;
    }
    if (why.isEmpty() && m_socket.closeCode() == QWebSocketProtocol::CloseCodeTooMuchData)
        why = u"an event frame larger than the limit of %1 bytes was dropped (%2)"_s.arg(m_endpoint.maxEventFrameBytes)
                  .arg(m_socket.closeReason());
    if (why.isEmpty())
        why = u"closed by the server (code %1)"_s.arg(int(m_socket.closeCode()));
    if (m_connectedThisAttempt)
        m_lastError = u"event socket lost: %1"_s.arg(why);
    else
        m_lastError = u"cannot connect the event socket to %1: %2"_s.arg(describeUrl(), why);
    qCWarning(lcAriEvents).noquote() << m_lastError;
    setState(State::Reconnecting);
    Q_EMIT errorOccurred(m_lastError);
    if (m_stopped || m_attemptActive)
        return; // a handler closed or reopened the stream
    scheduleRetry(backoffDelay(++m_failures));
}

void AriEventStream::refused(int httpStatus)
{
    m_lastHttpStatus = httpStatus;
    bool permanent = httpStatus >= 400 && httpStatus < 500;
    if (httpStatus == 401 || httpStatus == 403)
        m_lastError = u"authentication failed (%1): check the ARI user and password"_s.arg(httpStatus);
    else if (httpStatus == 404)
        m_lastError = u"the server answered 404 for the event socket: %1"_s.arg(m_endpoint.notFoundAdvice());
    else if (httpStatus == 400)
        m_lastError = u"the server refused the event socket as a bad request (400): check the application "
                      "names (%1)"_s.arg(m_endpoint.applications.join(u','));
    else
        m_lastError = u"the server refused the event socket with HTTP status %1"_s.arg(httpStatus);
    qCWarning(lcAriEvents).noquote() << m_lastError << "-" << describeUrl();
    ++m_failures;
    if (permanent) {
        // Retrying soon cannot help: only a change on the server can. Retry rarely, no hot loop.
        setState(State::Failed);
        Q_EMIT errorOccurred(m_lastError);
        if (m_stopped || m_attemptActive)
            return;
        scheduleRetry(jittered(m_backoff.maximum));
    } else {
        setState(State::Reconnecting);
        Q_EMIT errorOccurred(m_lastError);
        if (m_stopped || m_attemptActive)
            return;
        scheduleRetry(backoffDelay(m_failures));
    }
}

void AriEventStream::certificateRefused()
{
    // Like a refused upgrade: only a change of the server or of the settings can help.
    m_lastError = u"TLS certificate of %1 refused: %2; %3"_s.arg(
        m_endpoint.eventsUrl().host(), m_tlsErrors, AriTlsPolicy::advice());
    qCWarning(lcAriEvents).noquote() << m_lastError << "-" << describeUrl();
    ++m_failures;
    setState(State::Failed);
    Q_EMIT errorOccurred(m_lastError);
    if (m_stopped || m_attemptActive)
        return;
    scheduleRetry(jittered(m_backoff.maximum));
}

void AriEventStream::fail(const QString &reason)
{
    m_stopped = true;
    m_lastError = reason;
    qCWarning(lcAriEvents).noquote() << reason;
    setState(State::Failed);
    Q_EMIT errorOccurred(reason);
}

void AriEventStream::scheduleRetry(std::chrono::milliseconds delay)
{
    m_nextRetryDelay = delay;
    m_retryTimer.start(delay);
    qCInfo(lcAriEvents) << "event socket: next attempt in" << delay.count() << "ms";
    Q_EMIT reconnectScheduled(delay);
}

void AriEventStream::closeSocketLater()
{
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(
        this,
        [this, generation] {
            // Only if no newer attempt has started meanwhile.
            if (generation != m_generation || m_socket.state() == QAbstractSocket::UnconnectedState)
                return;
            if (m_socket.state() == QAbstractSocket::ConnectedState)
                m_socket.close(QWebSocketProtocol::CloseCodeNormal);
            else
                m_socket.abort();
        },
        Qt::QueuedConnection);
}

std::chrono::milliseconds AriEventStream::backoffDelay(int failures)
{
    // initial, 2×initial, 4×initial, ... capped at maximum; then jitter.
    const double factor = std::ldexp(1.0, std::clamp(failures - 1, 0, 30));
    const double base = std::min(double(m_backoff.initial.count()) * factor, double(m_backoff.maximum.count()));
    return jittered(std::chrono::milliseconds(qint64(base)));
}

std::chrono::milliseconds AriEventStream::jittered(std::chrono::milliseconds delay)
{
    if (m_backoff.jitter <= 0.0)
        return delay;
    std::uniform_real_distribution<double> spread(-m_backoff.jitter, m_backoff.jitter);
    const double value = double(delay.count()) * (1.0 + spread(m_random));
    const qint64 bounded = std::clamp(qint64(std::llround(value)), qint64(1), qint64(m_backoff.maximum.count()));
    return std::chrono::milliseconds(bounded);
}

void AriEventStream::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

QString AriEventStream::describeUrl() const
{
    QUrl url = m_endpoint.eventsUrl();
    QUrlQuery query(url);
    if (query.hasQueryItem(u"api_key"_s)) {
        query.removeAllQueryItems(u"api_key"_s);
        query.addQueryItem(u"api_key"_s, u"***"_s);
        url.setQuery(query);
    }
    return url.toString();
}

// Compiled here rather than in the library's combined moc unit, so linking this class does not
// pull in the meta-objects of unrelated classes.
#include "moc_AriEventStream.cpp"

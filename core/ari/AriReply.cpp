#include "core/ari/AriReply.h"

#include "core/ari/AriRestClient.h"

#include <QPointer>

AriReply::AriReply(QObject *parent)
    : QObject(parent)
{
}

void AriReply::then(QObject *context, std::function<void(const AriResult &)> handler)
{
    if (!context || !handler)
        return;
    if (m_finished) {
        // Already answered (finished() has been emitted): deliver from the event loop, as a
        // connection would have, and only if the context is still there by then.
        const AriResult result = m_result;
        QMetaObject::invokeMethod(
            context, [handler = std::move(handler), result] { handler(result); }, Qt::QueuedConnection);
        return;
    }
    connect(this, &AriReply::finished, context, std::move(handler), Qt::SingleShotConnection);
}

void AriReply::finish(const AriResult &result)
{
    if (m_finished) {
        qCWarning(lcAriRest) << "reply finished twice; the second result is ignored:" << result.describe();
        return;
    }
    m_finished = true;
    m_result = result;
    Q_EMIT finished(m_result);
    deleteLater();
}

#include "moc_AriReply.cpp"

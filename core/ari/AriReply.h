#pragma once

#include "core/ari/AriResult.h"

#include <QObject>

#include <functional>

// The handle of one REST call in flight. Emits finished() exactly once, then deletes itself
// (deleteLater). Owned by the AriRestClient until then.
class AriReply final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AriReply)

public:
    explicit AriReply(QObject *parent = nullptr);

    // Convenience: call `handler` with the result, unless `context` is gone by then.
    void then(QObject *context, std::function<void(const AriResult &)> handler);

    bool isFinished() const { return m_finished; }
    const AriResult &result() const { return m_result; }

    // Used by AriRestClient.
    void finish(const AriResult &result);

Q_SIGNALS:
    void finished(const AriResult &result);

private:
    AriResult m_result;
    bool m_finished = false;
};

#pragma once

#include "core/ari/model/Sound.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

class AriRestClient;
class AriResult;

// What the server says about the sounds the applications play (GET /sounds/{id}), shared by every
// call of every application: one request per sound, not one per call. While a sound is being
// asked for, further checks of it wait for the same answer. A sound found, or found missing (404),
// is remembered until clear() (after the event stream reconnected: the server may have changed);
// any other failure is not remembered, the next check asks again.
class SoundCatalog final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SoundCatalog)

public:
    struct Answer
    {
        enum class Outcome { Found, Missing, Failed };
        Outcome outcome = Outcome::Failed;
        Sound sound; // when found
        QString error; // when failed: the request's failure, for the log
    };
    using Handler = std::function<void(const Answer &answer)>;

    explicit SoundCatalog(AriRestClient *rest, QObject *parent = nullptr);
    ~SoundCatalog() override;

    // `done` runs once with the answer, at once when it is known (the caller guards its own
    // lifetime, e.g. with CallState::guarded()).
    void lookup(const QString &soundId, Handler done);
    void clear();
    int requestCount() const { return m_requests; } // GET /sounds/{id} sent so far

private:
    void onReply(const QString &soundId, quint64 generation, const AriResult &result);

    QPointer<AriRestClient> m_rest;
    QHash<QString, Answer> m_known;
    QHash<QString, QList<Handler>> m_waiting; // sound id → checks waiting for its answer
    quint64 m_generation = 0; // answers to requests sent before clear() are not remembered
    int m_requests = 0;
};

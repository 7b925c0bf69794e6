#include "core/calls/SoundCatalog.h"

#include "core/ari/AriOperations.h"
#include "core/ari/AriReply.h"
#include "core/ari/AriRestClient.h"
#include "core/ari/AriResult.h"

SoundCatalog::SoundCatalog(AriRestClient *rest, QObject *parent)
    : QObject(parent)
    , m_rest(rest)
{
}

SoundCatalog::~SoundCatalog() = default;

void SoundCatalog::lookup(const QString &soundId, Handler done)
{
    if (const auto known = m_known.constFind(soundId); known != m_known.constEnd()) {
        done(*known);
        return;
    }
    auto waiting = m_waiting.find(soundId);
    if (waiting != m_waiting.end()) {
        waiting->append(std::move(done));
        return;
    }
    if (!m_rest) {
        Answer answer;
        answer.error = QStringLiteral("no connection");
        done(answer);
        return;
    }
    m_waiting.insert(soundId, QList<Handler> { std::move(done) });
    ++m_requests;
    const quint64 generation = m_generation;
    m_rest->send(AriOperations::getSound(soundId))->then(this, [this, soundId, generation](const AriResult &result) {
        onReply(soundId, generation, result);
    });
}

void SoundCatalog::clear()
{
    m_known.clear();
    ++m_generation;
}

void SoundCatalog::onReply(const QString &soundId, quint64 generation, const AriResult &result)
{
    Answer answer;
    if (result.isOk()) {
        answer.outcome = Answer::Outcome::Found;
        answer.sound = Sound::fromJson(result.json().toObject());
    } else if (result.status() == AriResult::Status::HttpError && result.httpStatus() == 404) {
        answer.outcome = Answer::Outcome::Missing;
    } else {
        answer.error = result.describe();
    }
    if (answer.outcome != Answer::Outcome::Failed && generation == m_generation)
        m_known.insert(soundId, answer);
    const QList<Handler> handlers = m_waiting.take(soundId);
    for (const Handler &handler : handlers)
        handler(answer);
}

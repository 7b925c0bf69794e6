#include "core/calls/CallMediaState.h"

#include "core/ari/AriIds.h"
#include "core/ari/AriRequest.h"
#include "core/ari/AriResult.h"
#include "core/ari/model/Playback.h"
#include "core/ari/model/Sound.h"
#include "core/calls/CallStateMachine.h"
#include "core/calls/SoundCatalog.h"
#include "core/calls/StasisCall.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

CallMediaState::CallMediaState(StasisCall &call, CallStateMachine &machine)
    : CallState(machine)
    , m_call(call)
{
}

void CallMediaState::exit()
{
    stopPlayback();
}

void CallMediaState::withLanguage(std::function<void()> then)
{
    if (m_call.languageKnown()) {
        then();
        return;
    }
    request(AriOperations::getChannelVar(channelId(), u"CHANNEL(language)"_s),
        [this, then = std::move(then)](const AriResult &result) {
            QString language;
            if (result.isOk())
                language = result.json().toObject().value(QLatin1StringView("value")).toString();
            if (language.isEmpty()) {
                language = m_call.channel().language.isEmpty() ? u"en"_s : m_call.channel().language;
                qCInfo(lcCalls).noquote()
                    << channelId() << machine().application() << ": could not read CHANNEL(language)"
                    << (result.isOk() ? u"(empty)"_s : result.describe()) << "; assuming" << language;
            }
            m_call.setLanguage(language);
            then();
        });
}

void CallMediaState::checkSound(const QString &soundId, SoundHandler done)
{
    bool known = false;
    const QString cached = m_call.playableLanguage(soundId, &known);
    if (known) {
        done(true, cached);
        return;
    }
    withLanguage([this, soundId, done = std::move(done)] {
        SoundCatalog *catalog = machine().environment().sounds;
        if (catalog) {
            catalog->lookup(soundId, guarded([this, soundId, done](const SoundCatalog::Answer &answer) {
                onSoundAnswer(soundId, answer, done);
            }));
            return;
        }
        request(AriOperations::getSound(soundId), [this, soundId, done](const AriResult &result) {
            SoundCatalog::Answer answer;
            if (result.isOk()) {
                answer.outcome = SoundCatalog::Answer::Outcome::Found;
                answer.sound = Sound::fromJson(result.json().toObject());
            } else if (result.status() == AriResult::Status::HttpError && result.httpStatus() == 404) {
                answer.outcome = SoundCatalog::Answer::Outcome::Missing;
            } else {
                answer.error = result.describe();
            }
            onSoundAnswer(soundId, answer, done);
        });
    });
}

void CallMediaState::onSoundAnswer(const QString &soundId, const SoundCatalog::Answer &answer, const SoundHandler &done)
{
    switch (answer.outcome) {
    case SoundCatalog::Answer::Outcome::Found:
        break;
    case SoundCatalog::Answer::Outcome::Missing:
        qCWarning(lcCalls).noquote() << channelId() << machine().application() << ": required sound" << soundId
                                     << "is not installed";
        done(false, QString());
        return;
    case SoundCatalog::Answer::Outcome::Failed:
        qCWarning(lcCalls).noquote() << channelId() << machine().application() << ": checking sound" << soundId
                                     << "failed:" << answer.error;
        done(false, QString());
        return;
    }
    const Sound &sound = answer.sound;
    const QString language = sound.playableLanguageFor(m_call.language());
    if (language.isEmpty()) {
        QStringList languages;
        for (const FormatLang &format : sound.formats) {
            if (!languages.contains(format.language))
                languages.append(format.language);
        }
        qCWarning(lcCalls).noquote() << channelId() << machine().application() << ": required sound" << soundId
                                     << "is not installed in the caller's language" << m_call.language()
                                     << u"(it has: %1)"_s.arg(
                                            languages.isEmpty() ? u"none"_s : languages.join(u", "_s));
        done(false, QString());
        return;
    }
    m_call.setPlayableLanguage(soundId, language);
    done(true, language);
}

QString CallMediaState::play(const QString &media, const AriOperations::PlayOptions &options,
    FinishedHandler onFinished, StartedHandler onStarted)
{
    if (!isCurrent())
        return {};
    stopPlayback();
    const QString id = AriIds::make(u"pb"_s);
    m_playbackId = id;
    auto finished = std::make_shared<FinishedHandler>(std::move(onFinished));
    m_playbackFinished = finished;
    auto started = std::make_shared<StartedHandler>(std::move(onStarted));
    m_playbackSubscription = subscribePlayback(id, [this, id, finished, started](const AriEvent &event) {
        if (m_playbackId != id)
            return;
        if (event.type() == AriEvent::Type::PlaybackStarted && *started) {
            const StartedHandler once = std::move(*started);
            *started = nullptr;
            once();
            return;
        }
        if (event.type() != AriEvent::Type::PlaybackFinished)
            return;
        const QString how = event.playback().state;
        clearPlayback();
        (*finished)(how.isEmpty() ? u"done"_s : how);
    });
    AriOperations::PlayOptions withId = options;
    withId.playbackId = id;
    request(AriOperations::play(channelId(), { media }, withId), [this, id, media, finished](const AriResult &result) {
        if (result.isOk() || m_playbackId != id)
            return;
        qCWarning(lcCalls).noquote() << channelId() << machine().application() << ": playing" << media
                                     << "failed:" << result.describe();
        clearPlayback();
        (*finished)(u"error"_s);
    });
    return id;
}

void CallMediaState::stopPlayback()
{
    if (m_playbackId.isEmpty())
        return;
    // Sent again after a failure: a greeting cut short by a key that plays on would hold back what
    // follows it on the channel (a recording starts only once the playback ends).
    if (isCurrent())
        machine().sendDetachedUntilAnswered(AriOperations::stopPlayback(m_playbackId));
    clearPlayback();
}

void CallMediaState::controlPlayback(AriOperations::PlaybackOperation operation, ResultHandler onResult)
{
    if (m_playbackId.isEmpty())
        return;
    const QString id = m_playbackId;
    request(AriOperations::controlPlayback(id, operation),
        [this, id, operation, onResult = std::move(onResult)](const AriResult &result) {
            if (!result.isOk()) {
                qCDebug(lcCalls).noquote()
                    << channelId() << ": playback" << id << AriOperations::playbackOperationName(operation) << "->"
                    << result.describe();
            }
            if (onResult)
                onResult(result);
        });
}

void CallMediaState::resynced()
{
    if (m_playbackId.isEmpty())
        return;
    const QString id = m_playbackId;
    requestUntilAnswered(AriOperations::getPlayback(id), [this, id](const AriResult &result) {
        if (m_playbackId != id || !result.isHttpError(404))
            return;
        qCInfo(lcCalls).noquote() << channelId() << machine().application() << ": playback" << id
                                  << "ended while the event stream was down";
        const std::shared_ptr<FinishedHandler> finished = m_playbackFinished;
        clearPlayback();
        if (finished && *finished)
            (*finished)(u"done"_s);
    });
}

void CallMediaState::clearPlayback()
{
    m_playbackFinished.reset();
    m_playbackId.clear();
    unsubscribe(m_playbackSubscription);
    m_playbackSubscription = nullptr;
}

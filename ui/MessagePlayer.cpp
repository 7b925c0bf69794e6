#include "ui/MessagePlayer.h"

#include "core/models/MailboxesModel.h"
#include "core/supervisor/SupervisorAccess.h"
#include "core/voicemail/HeardRule.h"
#include "ui/AudioOutput.h"
#include "ui/PcmFileSource.h"
#include "ui/SpeakerAudioOutput.h"

#include <QFile>
#include <QLoggingCategory>

#include <algorithm>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcPlayHere, "supervisor.ui.playhere")

namespace {
constexpr int s_tickMs = 100;
// An output that consumed everything yet never says it drained is taken to be done after this.
constexpr qint64 s_drainGraceMs = 3000;
} // namespace

MessagePlayer::MessagePlayer(SupervisorAccess *access, QObject *parent)
    : QObject(parent)
    , m_access(access)
    , m_factory([] { return std::make_unique<SpeakerAudioOutput>(); })
{
    m_tick.setInterval(s_tickMs);
    connect(&m_tick, &QTimer::timeout, this, &MessagePlayer::onTick);
    connect(m_access, &SupervisorAccess::operationFinished, this, &MessagePlayer::onOperationFinished);
}

MessagePlayer::~MessagePlayer()
{
    release();
}

void MessagePlayer::setOutputFactory(OutputFactory factory)
{
    m_factory = std::move(factory);
}

QString MessagePlayer::stateName(State state)
{
    switch (state) {
    case State::Idle:
        return tr("idle");
    case State::Loading:
        return tr("fetching");
    case State::Playing:
        return tr("playing");
    case State::Paused:
        return tr("paused");
    case State::Finished:
        return tr("finished");
    case State::Failed:
        return tr("failed");
    }
    return {};
}

qint64 MessagePlayer::positionMs() const
{
    if ((m_state == State::Playing || m_state == State::Paused) && m_output)
        return std::min(durationMs(), m_segmentStartMs + m_output->processedUs() / 1000);
    return m_stoppedAtMs;
}

void MessagePlayer::play(const QString &recordingName)
{
    release();
    m_recordingName = recordingName;
    m_error.clear();
    m_header = {};
    m_heardNoted = false;
    m_stoppedAtMs = 0;
    m_segmentStartMs = 0;
    if (!m_files.isValid()) {
        fail(tr("Cannot play %1 here: no folder for its file (%2).").arg(recordingName, m_files.errorString()));
        return;
    }
    m_filePath = m_files.filePath(u"message-%1.wav"_s.arg(++m_downloads));
    setState(State::Loading);
    m_access->downloadRecording(recordingName, m_filePath);
}

void MessagePlayer::onOperationFinished(
    const QString &operation, const QString &subject, bool ok, const QString &message)
{
    // A download is named by its file, so an earlier one of the same message is not this one.
    if (operation != u"download")
        return;
    if (m_abandoned.remove(subject)) {
        if (ok)
            QFile::remove(subject);
        return;
    }
    if (m_state != State::Loading || subject != m_filePath)
        return;
    if (!ok) {
        fail(tr("Cannot play %1 here: %2").arg(m_recordingName, message));
        return;
    }
    openFile(m_filePath);
}

void MessagePlayer::openFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        fail(tr("Cannot play %1 here: its file cannot be read (%2).").arg(m_recordingName, file.errorString()));
        return;
    }
    QString why;
    const std::optional<WavHeader> header = WavHeader::read(&file, &why); // (however long its metadata)
    if (!header) {
        fail(tr("Cannot play %1 here: %2. Only 16-bit PCM WAV plays here; Save… keeps the file as it is.")
                 .arg(m_recordingName, why));
        return;
    }
    if (!header->isPlayablePcm(&why)) {
        fail(tr("Cannot play %1 here: it is %2. Only 16-bit PCM WAV plays here; Save… keeps the file as it is.")
                 .arg(m_recordingName, why));
        return;
    }
    m_header = *header;
    m_source = std::make_unique<PcmFileSource>(path, m_header.dataOffset, m_header.dataBytes);
    if (!m_source->open(QIODevice::ReadOnly)) {
        fail(tr("Cannot play %1 here: its file cannot be read (%2).").arg(m_recordingName, m_source->fileError()));
        return;
    }
    qCInfo(lcPlayHere).noquote() << "playing" << m_recordingName << "here:" << m_header.sampleRate << "Hz,"
                                 << m_header.channels << "channel(s)," << durationMs() << "ms";
    startAt(0);
}

void MessagePlayer::startAt(qint64 positionMs)
{
    if (!m_source)
        return;
    if (m_output)
        m_output->stop();
    const qint64 duration = durationMs();
    positionMs = std::clamp<qint64>(positionMs, 0, duration);
    if (positionMs >= duration) {
        finish(); // forward past the end: played to the end, as on a phone
        return;
    }
    qint64 byte = positionMs * m_header.byteRate / 1000;
    byte -= byte % m_header.blockAlign;
    if (!m_source->seek(byte)) {
        fail(tr("Cannot play %1 here: its file cannot be read (%2).").arg(m_recordingName, m_source->fileError()));
        return;
    }
    m_segmentStartMs = byte * 1000 / m_header.byteRate;
    if (!m_output) {
        m_output = m_factory();
        connect(m_output.get(), &AudioOutput::drained, this, &MessagePlayer::finish);
        connect(m_output.get(), &AudioOutput::failed, this,
            [this](const QString &error) { fail(tr("Cannot play %1 here: %2.").arg(m_recordingName, error)); });
    }
    QString error;
    if (!m_output->start(m_source.get(), static_cast<int>(m_header.sampleRate), m_header.channels, &error)) {
        m_stoppedAtMs = m_segmentStartMs;
        fail(tr("Cannot play %1 here: %2.").arg(m_recordingName, error));
        return;
    }
    setState(State::Playing);
    m_endReached.invalidate();
    m_tick.start();
    Q_EMIT positionChanged(m_segmentStartMs);
}

void MessagePlayer::togglePause()
{
    if (m_state == State::Playing) {
        m_tick.stop();
        m_output->suspend();
        setState(State::Paused);
        const qint64 position = positionMs();
        noteHeard(position);
        Q_EMIT positionChanged(position);
    } else if (m_state == State::Paused) {
        m_output->resume();
        setState(State::Playing);
        m_tick.start();
    }
}

void MessagePlayer::forward()
{
    if (m_state != State::Playing)
        return;
    const qint64 position = positionMs();
    noteHeard(position);
    startAt(position + m_access->skipMs());
}

void MessagePlayer::back()
{
    if (m_state != State::Playing)
        return;
    const qint64 position = positionMs();
    noteHeard(position);
    startAt(position - m_access->skipMs());
}

void MessagePlayer::restart()
{
    if (!m_source || m_state == State::Idle || m_state == State::Loading)
        return;
    if (m_state == State::Playing || m_state == State::Paused)
        noteHeard(positionMs());
    startAt(0);
}

void MessagePlayer::stop()
{
    if (m_state == State::Idle)
        return;
    if (m_state == State::Playing || m_state == State::Paused)
        noteHeard(positionMs());
    release();
    m_recordingName.clear();
    m_error.clear();
    m_stoppedAtMs = 0;
    setState(State::Idle);
}

void MessagePlayer::onTick()
{
    if (m_state != State::Playing)
        return;
    const qint64 position = positionMs();
    noteHeard(position);
    // The end is the output's drained(): a sound card may still hold the last samples it took.
    if (position >= durationMs()) {
        if (!m_endReached.isValid())
            m_endReached.start();
        else if (m_endReached.hasExpired(s_drainGraceMs))
            finish();
    } else {
        m_endReached.invalidate();
    }
    Q_EMIT positionChanged(position);
}

void MessagePlayer::finish()
{
    if (m_state != State::Playing && m_state != State::Paused && m_state != State::Loading)
        return;
    m_tick.stop();
    if (m_output)
        m_output->stop();
    m_stoppedAtMs = durationMs();
    setState(State::Finished);
    noteHeard(m_stoppedAtMs);
    Q_EMIT positionChanged(m_stoppedAtMs);
}

void MessagePlayer::fail(const QString &error)
{
    if (m_state == State::Playing || m_state == State::Paused)
        m_stoppedAtMs = positionMs();
    m_tick.stop();
    if (m_output)
        m_output->stop();
    m_error = error;
    qCWarning(lcPlayHere).noquote() << error;
    setState(State::Failed);
}

void MessagePlayer::noteHeard(qint64 positionMs)
{
    // SPEC VM-2, the rule of every way of listening. A viewer's desk only watches: it marks nothing.
    if (m_heardNoted || m_recordingName.isEmpty() || !m_access->canAct()
        || !HeardRule::isHeard(positionMs, durationMs(), m_access->heardPercent()))
        return;
    m_heardNoted = true;
    const QModelIndex message = m_access->mailboxes()->messageIndex(m_recordingName);
    if (!message.isValid() || message.data(MailboxesModel::HeardRole).toBool())
        return; // gone meanwhile, or heard already
    qCInfo(lcPlayHere).noquote() << m_recordingName << "heard here, at" << positionMs << "of" << durationMs() << "ms";
    m_access->markHeard(m_recordingName);
}

void MessagePlayer::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void MessagePlayer::release()
{
    m_tick.stop();
    if (m_output) {
        m_output->disconnect(this);
        m_output->stop();
        m_output.reset();
    }
    if (m_source) {
        m_source->close();
        m_source.reset();
    }
    if (m_filePath.isEmpty())
        return;
    if (m_state == State::Loading)
        m_abandoned.insert(m_filePath); // not there yet: deleted when its download ends
    else
        QFile::remove(m_filePath);
    m_filePath.clear();
}

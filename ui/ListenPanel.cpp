#include "ui/ListenPanel.h"

#include "core/models/PlaybacksModel.h"
#include "core/supervisor/SupervisorAccess.h"
#include "ui/PlaybackControls.h"

#include <QAction>
#include <QLabel>
#include <QProgressBar>
#include <QStyle>
#include <QToolButton>

using namespace Qt::StringLiterals;

ListenPanel::ListenPanel(SupervisorAccess *backend, QWidget *parent)
    : QWidget(parent)
    , m_backend(backend)
{
    setObjectName(u"listenPanel"_s);
    setAccessibleName(tr("Listening controls"));
    m_controls = PlaybackControls::build(this,
        { u"listen"_s, Qt::ControlModifier, tr("Listening status"), tr("Listening progress"), tr("Skip back"),
            tr("Pause or resume"), tr("Skip forward"), tr("Play from the start"), tr("Stop and hang up") });

    connect(m_controls.pause->defaultAction(), &QAction::triggered, m_backend, &SupervisorAccess::listenTogglePause);
    connect(m_controls.back->defaultAction(), &QAction::triggered, m_backend, &SupervisorAccess::listenReverse);
    connect(m_controls.forward->defaultAction(), &QAction::triggered, m_backend, &SupervisorAccess::listenForward);
    connect(m_controls.restart->defaultAction(), &QAction::triggered, m_backend, &SupervisorAccess::listenRestart);
    connect(m_controls.stop->defaultAction(), &QAction::triggered, m_backend, &SupervisorAccess::listenStop);
    connect(m_backend, &SupervisorAccess::listenStatusChanged, this, &ListenPanel::showStatus);
    connect(&m_tick, &QTimer::timeout, this, &ListenPanel::updateProgress);
    m_tick.setInterval(200);
    connect(m_backend, &SupervisorAccess::accessChanged, this, [this] { showStatus(m_backend->listenStatus()); });
    showStatus(m_backend->listenStatus());
}

ListenPanel::~ListenPanel() = default;

void ListenPanel::showStatus(const ListenStatus &status)
{
    using State = ListenStatus::State;
    m_status = status;
    const State state = status.state;
    const bool playing = state == State::Playing;
    const bool paused = state == State::Paused;

    const bool act = m_backend->canAct(); // a viewer desk watches only
    m_controls.pause->defaultAction()->setEnabled(act && (playing || paused));
    m_controls.pause->defaultAction()->setText(paused ? tr("Resume") : tr("Pause"));
    m_controls.pause->defaultAction()->setIcon(
        style()->standardIcon(paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
    m_controls.back->defaultAction()->setEnabled(act && playing);
    m_controls.forward->defaultAction()->setEnabled(act && playing);
    m_controls.restart->defaultAction()->setEnabled(
        act && (playing || paused || state == State::Finished || (state == State::Failed && status.hasCall())));
    m_controls.stop->defaultAction()->setEnabled(act && (status.hasCall() || state != State::Idle));

    QString text;
    switch (state) {
    case State::Idle:
        text = status.endpoint.isEmpty()
            ? tr("Listening needs a supervisor endpoint (setting supervisor/endpoint).")
            : tr("Select a message and press Listen: it plays on %1.").arg(status.endpoint);
        break;
    case State::Calling:
        text = tr("Calling %1 to play %2…").arg(status.endpoint, status.recordingName);
        break;
    case State::Failed:
        text = status.error;
        break;
    default:
        text = tr("%1 on %2: %3").arg(status.recordingName, status.endpoint, ListenStatus::stateName(state));
        break;
    }
    m_controls.status->setText(text);
    if (playing && !m_tick.isActive())
        m_tick.start();
    else if (!playing)
        m_tick.stop();
    updateProgress();
}

void ListenPanel::updateProgress()
{
    const PlaybackInfo &playback = m_status.playback;
    if (playback.id.isEmpty() && m_status.state != ListenStatus::State::Finished) {
        m_controls.progress->setValue(0);
        m_controls.progress->setFormat(QString());
        return;
    }
    const qint64 now = m_backend->now();
    const qint64 position = playback.positionAt(now);
    const int permille = playback.permilleAt(now);
    // Unknown length: no fill, the elapsed time only.
    m_controls.progress->setValue(std::max(0, permille));
    if (playback.isDurationKnown())
        m_controls.progress->setFormat(
            PlaybacksModel::formatDuration(position) + u" / "_s + PlaybacksModel::formatDuration(playback.durationMs));
    else
        m_controls.progress->setFormat(PlaybacksModel::formatDuration(position));
}

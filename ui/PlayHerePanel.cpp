#include "ui/PlayHerePanel.h"

#include "core/models/PlaybacksModel.h"
#include "ui/MessagePlayer.h"
#include "ui/PlaybackControls.h"

#include <QAction>
#include <QLabel>
#include <QProgressBar>
#include <QStyle>
#include <QToolButton>

using namespace Qt::StringLiterals;

PlayHerePanel::PlayHerePanel(SupervisorAccess *access, QWidget *parent)
    : QWidget(parent)
    , m_player(new MessagePlayer(access, this))
{
    setObjectName(u"playHerePanel"_s);
    setAccessibleName(tr("Play here controls"));
    m_controls = PlaybackControls::build(this,
        { u"playHere"_s, Qt::ControlModifier | Qt::ShiftModifier, tr("Play here status"), tr("Play here progress"),
            tr("Skip back here"), tr("Pause or resume here"), tr("Skip forward here"), tr("Play here from the start"),
            tr("Stop playing here") });

    connect(m_controls.pause->defaultAction(), &QAction::triggered, m_player, &MessagePlayer::togglePause);
    connect(m_controls.back->defaultAction(), &QAction::triggered, m_player, &MessagePlayer::back);
    connect(m_controls.forward->defaultAction(), &QAction::triggered, m_player, &MessagePlayer::forward);
    connect(m_controls.restart->defaultAction(), &QAction::triggered, m_player, &MessagePlayer::restart);
    connect(m_controls.stop->defaultAction(), &QAction::triggered, m_player, &MessagePlayer::stop);
    connect(m_player, &MessagePlayer::stateChanged, this, &PlayHerePanel::showState);
    connect(m_player, &MessagePlayer::positionChanged, this, &PlayHerePanel::showPosition);
    showState();
}

PlayHerePanel::~PlayHerePanel() = default;

void PlayHerePanel::showState()
{
    using State = MessagePlayer::State;
    const State state = m_player->state();
    const bool playing = state == State::Playing;
    const bool paused = state == State::Paused;
    m_controls.pause->defaultAction()->setEnabled(playing || paused);
    m_controls.pause->defaultAction()->setText(paused ? tr("Resume") : tr("Pause"));
    m_controls.pause->defaultAction()->setIcon(
        style()->standardIcon(paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
    m_controls.back->defaultAction()->setEnabled(playing);
    m_controls.forward->defaultAction()->setEnabled(playing);
    m_controls.restart->defaultAction()->setEnabled(
        playing || paused || state == State::Finished || (state == State::Failed && m_player->durationMs() > 0));
    m_controls.stop->defaultAction()->setEnabled(state != State::Idle);

    const QString name = m_player->recordingName();
    switch (state) {
    case State::Idle:
        m_controls.status->clear();
        break;
    case State::Loading:
        m_controls.status->setText(tr("Fetching %1 to play it here…").arg(name));
        break;
    case State::Failed:
        m_controls.status->setText(m_player->error());
        break;
    default:
        m_controls.status->setText(tr("%1 on this computer: %2").arg(name, MessagePlayer::stateName(state)));
        break;
    }
    setVisible(state != State::Idle);
    showPosition(m_player->positionMs());
}

void PlayHerePanel::showPosition(qint64 positionMs)
{
    const qint64 duration = m_player->durationMs();
    if (duration <= 0) {
        m_controls.progress->setValue(0);
        m_controls.progress->setFormat(QString());
        return;
    }
    m_controls.progress->setValue(static_cast<int>(std::clamp<qint64>(positionMs * 1000 / duration, 0, 1000)));
    m_controls.progress->setFormat(
        PlaybacksModel::formatDuration(positionMs) + u" / "_s + PlaybacksModel::formatDuration(duration));
}

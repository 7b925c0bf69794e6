#include "ui/PlayHerePanel.h"

#include "core/models/PlaybacksModel.h"
#include "ui/MessagePlayer.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QToolButton *makePlayHereButton(QWidget *parent, const QString &name, const QString &text, QStyle::StandardPixmap icon,
    const QKeySequence &shortcut, const QString &accessibleName)
{
    auto *action = new QAction(parent->style()->standardIcon(icon), text, parent);
    action->setObjectName(name + u"Action");
    action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WindowShortcut);
    action->setToolTip(u"%1 (%2)"_s.arg(accessibleName, shortcut.toString(QKeySequence::NativeText)));
    auto *button = new QToolButton(parent);
    button->setObjectName(name);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setAccessibleName(accessibleName);
    return button;
}

} // namespace

PlayHerePanel::PlayHerePanel(SupervisorAccess *access, QWidget *parent)
    : QWidget(parent)
    , m_player(new MessagePlayer(access, this))
{
    setObjectName(u"playHerePanel"_s);
    setAccessibleName(tr("Play here controls"));
    m_label = new QLabel(this);
    m_label->setObjectName(u"playHereStatus"_s);
    m_label->setAccessibleName(tr("Play here status"));
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::PlainText); // the server's error texts are never read as markup

    const auto keys = [](Qt::Key key) { return QKeySequence(Qt::CTRL | Qt::SHIFT | key); };
    m_back = makePlayHereButton(
        this, u"playHereBack"_s, tr("Back"), QStyle::SP_MediaSeekBackward, keys(Qt::Key_Left), tr("Skip back here"));
    m_pause = makePlayHereButton(
        this, u"playHerePause"_s, tr("Pause"), QStyle::SP_MediaPause, keys(Qt::Key_Space), tr("Pause or resume here"));
    m_forward = makePlayHereButton(this, u"playHereForward"_s, tr("Forward"), QStyle::SP_MediaSeekForward,
        keys(Qt::Key_Right), tr("Skip forward here"));
    m_restart = makePlayHereButton(this, u"playHereRestart"_s, tr("Restart"), QStyle::SP_MediaSkipBackward,
        keys(Qt::Key_Home), tr("Play here from the start"));
    m_stop = makePlayHereButton(
        this, u"playHereStop"_s, tr("Stop"), QStyle::SP_MediaStop, keys(Qt::Key_Period), tr("Stop playing here"));

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(u"playHereProgress"_s);
    m_progress->setAccessibleName(tr("Play here progress"));
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progress->setTextVisible(true);
    m_progress->setFormat(QString());

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_back);
    buttons->addWidget(m_pause);
    buttons->addWidget(m_forward);
    buttons->addWidget(m_restart);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_progress, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addLayout(buttons);

    connect(m_pause->defaultAction(), &QAction::triggered, m_player, &MessagePlayer::togglePause);
    connect(m_back->defaultAction(), &QAction::triggered, m_player, &MessagePlayer::back);
    connect(m_forward->defaultAction(), &QAction::triggered, m_player, &MessagePlayer::forward);
    connect(m_restart->defaultAction(), &QAction::triggered, m_player, &MessagePlayer::restart);
    connect(m_stop->defaultAction(), &QAction::triggered, m_player, &MessagePlayer::stop);
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
    m_pause->defaultAction()->setEnabled(playing || paused);
    m_pause->defaultAction()->setText(paused ? tr("Resume") : tr("Pause"));
    m_pause->defaultAction()->setIcon(style()->standardIcon(paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
    m_back->defaultAction()->setEnabled(playing);
    m_forward->defaultAction()->setEnabled(playing);
    m_restart->defaultAction()->setEnabled(
        playing || paused || state == State::Finished || (state == State::Failed && m_player->durationMs() > 0));
    m_stop->defaultAction()->setEnabled(state != State::Idle);

    const QString name = m_player->recordingName();
    switch (state) {
    case State::Idle:
        m_label->clear();
        break;
    case State::Loading:
        m_label->setText(tr("Fetching %1 to play it here…").arg(name));
        break;
    case State::Failed:
        m_label->setText(m_player->error());
        break;
    default:
        m_label->setText(tr("%1 on this computer: %2").arg(name, MessagePlayer::stateName(state)));
        break;
    }
    setVisible(state != State::Idle);
    showPosition(m_player->positionMs());
}

void PlayHerePanel::showPosition(qint64 positionMs)
{
    const qint64 duration = m_player->durationMs();
    if (duration <= 0) {
        m_progress->setValue(0);
        m_progress->setFormat(QString());
        return;
    }
    m_progress->setValue(static_cast<int>(std::clamp<qint64>(positionMs * 1000 / duration, 0, 1000)));
    m_progress->setFormat(
        PlaybacksModel::formatDuration(positionMs) + u" / "_s + PlaybacksModel::formatDuration(duration));
}

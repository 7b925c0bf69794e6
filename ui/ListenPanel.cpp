#include "ui/ListenPanel.h"

#include "core/models/PlaybacksModel.h"
#include "core/supervisor/SupervisorAccess.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QToolButton *makeButton(QWidget *parent, const QString &name, const QString &text, QStyle::StandardPixmap icon,
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

ListenPanel::ListenPanel(SupervisorAccess *backend, QWidget *parent)
    : QWidget(parent)
    , m_backend(backend)
{
    setObjectName(u"listenPanel"_s);
    setAccessibleName(tr("Listening controls"));
    m_label = new QLabel(this);
    m_label->setObjectName(u"listenStatus"_s);
    m_label->setAccessibleName(tr("Listening status"));
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::PlainText); // the server's error texts are never read as markup

    m_back = makeButton(this, u"listenBack"_s, tr("Back"), QStyle::SP_MediaSeekBackward,
        QKeySequence(Qt::CTRL | Qt::Key_Left), tr("Skip back"));
    m_pause = makeButton(this, u"listenPause"_s, tr("Pause"), QStyle::SP_MediaPause,
        QKeySequence(Qt::CTRL | Qt::Key_Space), tr("Pause or resume"));
    m_forward = makeButton(this, u"listenForward"_s, tr("Forward"), QStyle::SP_MediaSeekForward,
        QKeySequence(Qt::CTRL | Qt::Key_Right), tr("Skip forward"));
    m_restart = makeButton(this, u"listenRestart"_s, tr("Restart"), QStyle::SP_MediaSkipBackward,
        QKeySequence(Qt::CTRL | Qt::Key_Home), tr("Play from the start"));
    m_stop = makeButton(this, u"listenStop"_s, tr("Stop"), QStyle::SP_MediaStop,
        QKeySequence(Qt::CTRL | Qt::Key_Period), tr("Stop and hang up"));

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(u"listenProgress"_s);
    m_progress->setAccessibleName(tr("Listening progress"));
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

    connect(m_pause->defaultAction(), &QAction::triggered, m_backend, &SupervisorAccess::listenTogglePause);
    connect(m_back->defaultAction(), &QAction::triggered, m_backend, &SupervisorAccess::listenReverse);
    connect(m_forward->defaultAction(), &QAction::triggered, m_backend, &SupervisorAccess::listenForward);
    connect(m_restart->defaultAction(), &QAction::triggered, m_backend, &SupervisorAccess::listenRestart);
    connect(m_stop->defaultAction(), &QAction::triggered, m_backend, &SupervisorAccess::listenStop);
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
    m_pause->defaultAction()->setEnabled(act && (playing || paused));
    m_pause->defaultAction()->setText(paused ? tr("Resume") : tr("Pause"));
    m_pause->defaultAction()->setIcon(style()->standardIcon(paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
    m_back->defaultAction()->setEnabled(act && playing);
    m_forward->defaultAction()->setEnabled(act && playing);
    m_restart->defaultAction()->setEnabled(act
                                           && (playing || paused || state == State::Finished
                                               || (state == State::Failed && status.hasCall())));
    m_stop->defaultAction()->setEnabled(act && (status.hasCall() || state != State::Idle));

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
    m_label->setText(text);
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
        m_progress->setValue(0);
        m_progress->setFormat(QString());
        return;
    }
    const qint64 now = m_backend->now();
    const qint64 position = playback.positionAt(now);
    const int permille = playback.permilleAt(now);
    // Unknown length: no fill, the elapsed time only.
    m_progress->setValue(std::max(0, permille));
    if (playback.isDurationKnown())
        m_progress->setFormat(
            PlaybacksModel::formatDuration(position) + u" / "_s + PlaybacksModel::formatDuration(playback.durationMs));
    else
        m_progress->setFormat(PlaybacksModel::formatDuration(position));
}

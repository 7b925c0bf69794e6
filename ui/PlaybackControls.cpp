#include "ui/PlaybackControls.h"

#include <QAction>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QToolButton *makeControlButton(QWidget *parent, const QString &name, const QString &text, QStyle::StandardPixmap icon,
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

QString translated(const char *text)
{
    return QCoreApplication::translate("PlaybackControls", text);
}

} // namespace

PlaybackControls PlaybackControls::build(QWidget *panel, const Names &names)
{
    PlaybackControls controls;
    controls.status = new QLabel(panel);
    controls.status->setObjectName(names.prefix + u"Status");
    controls.status->setAccessibleName(names.status);
    controls.status->setWordWrap(true);
    controls.status->setTextFormat(Qt::PlainText); // the server's error texts are never read as markup

    const auto keys = [&names](Qt::Key key) { return QKeySequence(QKeyCombination(names.modifiers, key)); };
    const auto button = [&](const char *name, const char *text, QStyle::StandardPixmap icon, Qt::Key key,
                            const QString &accessibleName) {
        return makeControlButton(
            panel, names.prefix + QLatin1StringView(name), translated(text), icon, keys(key), accessibleName);
    };
    controls.back = button(
        "Back", QT_TRANSLATE_NOOP("PlaybackControls", "Back"), QStyle::SP_MediaSeekBackward, Qt::Key_Left, names.back);
    controls.pause = button(
        "Pause", QT_TRANSLATE_NOOP("PlaybackControls", "Pause"), QStyle::SP_MediaPause, Qt::Key_Space, names.pause);
    controls.forward = button("Forward", QT_TRANSLATE_NOOP("PlaybackControls", "Forward"), QStyle::SP_MediaSeekForward,
        Qt::Key_Right, names.forward);
    controls.restart = button("Restart", QT_TRANSLATE_NOOP("PlaybackControls", "Restart"), QStyle::SP_MediaSkipBackward,
        Qt::Key_Home, names.restart);
    controls.stop = button(
        "Stop", QT_TRANSLATE_NOOP("PlaybackControls", "Stop"), QStyle::SP_MediaStop, Qt::Key_Period, names.stop);

    controls.progress = new QProgressBar(panel);
    controls.progress->setObjectName(names.prefix + u"Progress");
    controls.progress->setAccessibleName(names.progress);
    controls.progress->setRange(0, 1000);
    controls.progress->setValue(0);
    controls.progress->setTextVisible(true);
    controls.progress->setFormat(QString());

    auto *buttons = new QHBoxLayout;
    for (QToolButton *each : { controls.back, controls.pause, controls.forward, controls.restart, controls.stop })
        buttons->addWidget(each);
    buttons->addWidget(controls.progress, 1);

    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(controls.status);
    layout->addLayout(buttons);
    return controls;
}

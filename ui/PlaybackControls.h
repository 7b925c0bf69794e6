#pragma once

#include <QKeyCombination>
#include <QString>

class QLabel;
class QProgressBar;
class QToolButton;
class QWidget;

// The controls of a message being played, on a phone (ListenPanel) or on the desk's speakers
// (PlayHerePanel): a status line above back, pause, forward, restart and stop buttons (each with
// its action and window shortcut) and a progress bar, laid out in the panel that owns them.
struct PlaybackControls
{
    // What differs between the panels: object names start with `prefix` ("listen": listenBack,
    // listenStatus …), the shortcuts add `modifiers` to the keys (Left, Space, Right, Home, Period),
    // and each part has its accessible name (a button's is also its tool tip).
    struct Names
    {
        QString prefix;
        Qt::KeyboardModifiers modifiers;
        QString status, progress, back, pause, forward, restart, stop;
    };

    // Creates the controls as children of `panel` and sets its layout.
    static PlaybackControls build(QWidget *panel, const Names &names);

    QLabel *status = nullptr;
    QToolButton *back = nullptr;
    QToolButton *pause = nullptr;
    QToolButton *forward = nullptr;
    QToolButton *restart = nullptr;
    QToolButton *stop = nullptr;
    QProgressBar *progress = nullptr;
};

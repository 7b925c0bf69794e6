#pragma once

#include <QString>

// Names of the events that call state tables share. An application may add its own.
namespace CallEvents {
inline QString hangup()
{
    return QStringLiteral("hangup");
}
inline QString playbackFinished()
{
    return QStringLiteral("playbackFinished");
}
inline QString recordingFinished()
{
    return QStringLiteral("recordingFinished");
}
inline QString recordingFailed()
{
    return QStringLiteral("recordingFailed");
}
inline QString soundMissing()
{
    return QStringLiteral("soundMissing");
}
// A key: "dtmf#", "dtmf*", "dtmf4" …
inline QString dtmf(QChar digit)
{
    return QStringLiteral("dtmf") + digit;
}
} // namespace CallEvents

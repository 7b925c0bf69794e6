#pragma once

#include <QString>

#include "sim/media/MediaResolver.h"

// What the simulator plays for a media URI: MediaResolver's answer, plus sounds given by an
// absolute file path ("sound:/usr/share/asterisk/moh/macroform-cold_day", which Asterisk plays
// from that file in any format it knows: <path>.wav, <path>.gsm, ...).
class SimMediaLookup
{
public:
    explicit SimMediaLookup(const MediaResolver *resolver);

    MediaResolver::Resolution resolve(const QString &mediaUri, const QString &language) const;

    // The duration of <basePath>.<ext> for the first extension Asterisk can play; -1 when none.
    static qint64 absoluteSoundDurationMs(const QString &basePath);

private:
    const MediaResolver *m_resolver = nullptr;
};

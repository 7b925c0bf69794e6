#pragma once

#include <QString>

// How the supervisor core runs, beyond the user's settings (SupervisorSettings).
struct SupervisorOptions
{
    // Run the core (ARI connection, applications, trackers) on its own thread, so a busy window
    // never delays reading the event socket (SPEC AR-7). Off: everything on the caller's thread.
    bool ownThread = true;
    // The Stasis application the supervisor's own calls (listening to a message) enter. It is
    // registered on the event socket next to the applications of the settings; two instances on
    // one Asterisk must use different names (SPEC AR-9).
    QString listenApplication = QStringLiteral("ari-supervisor");
    // Where sound files can be read to know their length (Asterisk's own directory when the
    // supervisor runs next to it). Unreadable or empty: lengths of sounds are unknown and their
    // playbacks show the elapsed time only.
    QString soundsDirectory = QStringLiteral("/usr/share/asterisk/sounds");
    // The server's clock runs this many times faster than real time (an accelerated simulator).
    double clockRate = 1.0;
    // Every ARI event gets a debug line in the event log.
    bool logAriEvents = true;
    int eventLogBatchMs = 100;
    int eventLogCapacity = 10000;
    // How often the progress of playing media is redrawn (0: never, tests refresh by hand).
    int progressRefreshMs = 250;
};

#pragma once

#include <QString>

// What one soak run did, for its last line and docs/soak.md.
struct SoakFigures
{
    quint32 seed = 0;
    int steps = 0;
    int calls = 0; // placed through the control API (every application)
    int queueCallers = 0;
    int queueAgents = 0;
    int recordCalls = 0;
    int playbackCalls = 0;
    int keyPresses = 0; // keys sent (a burst counts each of its keys)
    int bursts = 0; // several keys at once, faster than the prompts play
    int hangUps = 0; // by the callers (the driver)
    int deskActions = 0;
    int faults = 0;
    int recoveries = 0; // rebuilds from the server that succeeded
    int messagesKept = 0; // voicemail recordings that finished (the ledger)
    qint64 invariantChecks = 0; // every single invariant evaluated, each time
    int checkpoints = 0; // pauses where the applications were compared with the server
    qint64 wallMs = 0;
    qint64 peakRssKb = 0;

    QString toText() const
    {
        return QStringLiteral(
            "seed %1: %2 steps, %3 calls (%4 queue callers, %5 agents, %6 vm-record, %7 vm-playback), "
            "%8 keys (%9 bursts), %10 hang-ups, %11 desk actions, %12 faults (%13 recoveries), "
            "%14 messages kept, %15 invariant checks at %16 checkpoints and every step, %17 s, "
            "peak RSS %18 MB")
            .arg(seed)
            .arg(steps)
            .arg(calls)
            .arg(queueCallers)
            .arg(queueAgents)
            .arg(recordCalls)
            .arg(playbackCalls)
            .arg(keyPresses)
            .arg(bursts)
            .arg(hangUps)
            .arg(deskActions)
            .arg(faults)
            .arg(recoveries)
            .arg(messagesKept)
            .arg(invariantChecks)
            .arg(checkpoints)
            .arg(double(wallMs) / 1000.0, 0, 'f', 1)
            .arg(double(peakRssKb) / 1024.0, 0, 'f', 1);
    }
};

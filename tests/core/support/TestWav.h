#pragma once

#include <QByteArray>

// Audio files for tests whose lengths are known exactly.
namespace TestWav {

// A PCM RIFF/WAVE file: `durationMs` of silence at `sampleRate` Hz, 16 bit, `channels` channels.
// `extraChunk` puts a LIST chunk (odd size, padded) between "fmt " and "data".
QByteArray make(int durationMs, int sampleRate = 8000, int channels = 1, bool extraChunk = false);

} // namespace TestWav

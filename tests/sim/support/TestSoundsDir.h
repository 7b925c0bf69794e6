#pragma once

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

// A sounds directory laid out like Asterisk's (<dir>/<language>/<id>.<ext>, ids may contain '/')
// with files of known length, so tests can rely on exact media durations. Files are 8 kHz 16-bit
// mono WAV (Asterisk reports them as format "slin") and GSM 6.10 (33 bytes per 20 ms frame).
class TestSoundsDir
{
public:
    // Durations of the standard set (simulated milliseconds).
    static constexpr qint64 kBeepMs = 500;
    static constexpr qint64 kVmIntroMs = 5600;
    static constexpr qint64 kPromptMs = 1200;   // every other prompt of the standard set
    static constexpr qint64 kDigitMs = 400;     // digits/<n>, letters/<c>
    static constexpr qint64 kLongMs = 60000;    // queue-music, and the long file outside the sounds dir

    TestSoundsDir();

    bool isValid() const;
    QString path() const;

    // Adds <language>/<id>.wav (audible tone) of that length.
    bool addWav(const QString &language, const QString &id, qint64 ms);
    // Adds <language>/<id>.gsm of that length.
    bool addGsm(const QString &language, const QString &id, qint64 ms);
    // Adds both formats in "en".
    bool addSound(const QString &id, qint64 ms);

    // The sounds the conformance tests use, in "en", wav and gsm: beep, vm-intro, vm-review,
    // queue-thereare, queue-callswaiting, queue-youarenext, digits/0..9, digits/20..90 (tens),
    // letters/a..z, and queue-music (kLongMs, wav only; see longSound()). Also writes the long file
    // outside the directory (longSoundUri()).
    bool addStandardSet();
    // "sound:<absolute path without extension>" of a kLongMs WAV kept outside the sounds directory
    // (like "sound:/usr/share/asterisk/moh/macroform-cold_day" in the reference transcripts).
    QString longSoundUri() const;
    // "sound:queue-music": a kLongMs sound of the catalogue, for playbacks that must outlast a test step.
    static QString longSound();

    // Raw file contents.
    static QByteArray wavBytes(qint64 ms, bool audible = true);
    static QByteArray gsmBytes(qint64 ms);

private:
    bool writeFile(const QString &relativePath, const QByteArray &bytes);

    QTemporaryDir m_dir;
    QTemporaryDir m_outside;
};

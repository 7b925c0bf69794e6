#pragma once

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

// A sounds directory laid out like Asterisk's (<dir>/en/<id>.wav) holding the prompts the queue
// application plays, with known lengths (simulated milliseconds), so tests do not depend on the
// sounds installed on the machine.
class QueueTestSounds
{
public:
    static constexpr qint64 kBeepMs = 400;
    static constexpr qint64 kYouAreNextMs = 5000;
    static constexpr qint64 kThereAreMs = 1000;
    static constexpr qint64 kCallsWaitingMs = 1000;
    static constexpr qint64 kNowRecordingMs = 1500;
    static constexpr qint64 kDigitMs = 400;

    QueueTestSounds();
    bool isValid() const { return m_valid; }
    QString path() const { return m_dir.path(); }

    // 8 kHz 16-bit mono PCM of that length (a quiet tone).
    static QByteArray wav(qint64 ms);

private:
    bool add(const QString &id, qint64 ms);

    QTemporaryDir m_dir;
    bool m_valid = false;
};

#pragma once

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

// A sounds directory laid out like Asterisk's (<dir>/<language>/<id>.wav), with files of known
// length (8 kHz 16-bit mono WAV, which Asterisk lists as format "slin"), for the simulator.
class SoundsFixture
{
public:
    // Lengths of the standard set, in simulated ms.
    static constexpr int kIntroMs = 4000;
    static constexpr int kPromptMs = 2000; // vm-message, vm-nomore
    static constexpr int kDigitMs = 500; // digits/<n>

    SoundsFixture();

    bool isValid() const { return m_dir.isValid(); }
    QString path() const { return m_dir.path(); }

    bool add(const QString &language, const QString &id, int ms);
    bool remove(const QString &language, const QString &id);
    // vm-intro, vm-message, vm-nomore, beep and the digits number: needs, in `language`.
    bool addStandardSet(const QString &language = QStringLiteral("en"));

    // A WAV file of that length (also used for stored messages).
    static QByteArray wav(int ms);

private:
    QTemporaryDir m_dir;
};

#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringView>

#include <optional>

// One voicemail message: a stored recording named "voicemail/<mailbox>/<id>" (SPEC VP-1, UI-2).
// The id starts with the unix time the message was received, in seconds (10 digits) or
// milliseconds (13 digits), possibly followed by a fraction or suffix that tells apart messages of
// the same moment ("1411503204.75", "1795676516123-2").
struct VoicemailMessage
{
    QString name; // the recording name
    QString mailbox;
    QString id; // what follows "voicemail/<mailbox>/"
    QString format; // "wav"
    qint64 receivedMs = -1; // from the id; -1 when it does not start with a time
    std::optional<int> durationSeconds; // when known (from RecordingFinished)
    int number = 0; // 1-based position in its mailbox in time order (0: not numbered)
    // SPEC VM-1, from the metadata the service keeps: the caller id of the call that left it
    // (empty when unknown), and whether it was heard (new messages are not).
    QString callerName;
    QString callerNumber;
    bool heard = false;
    // SPEC VM-3: a message in the trash ("voicemail-trash/<mailbox>/<id>", `name` is that) was
    // deleted at this time (ms since the epoch); -1 for a message that is not in the trash.
    qint64 deletedMs = -1;

    QDateTime received() const; // invalid when unknown

    // A message from a recording name; nullopt for a name that is not a voicemail message (other
    // prefix, more path segments, an invalid mailbox).
    static std::optional<VoicemailMessage> fromRecording(const QString &name, const QString &format);
    // A message in the trash from its trash recording's name ("voicemail-trash/<mailbox>/<id>");
    // nullopt for any other name.
    static std::optional<VoicemailMessage> fromTrash(const QString &trashName, const QString &format);
    // "voicemail/305/1" ↔ "voicemail-trash/305/1"; empty when the name is not of that kind.
    static QString trashNameOf(const QString &name);
    static QString originalNameOf(const QString &trashName);
    // SPEC SEC-3: a mailbox is [A-Za-z0-9_-]{1,64}.
    static bool isValidMailbox(QStringView mailbox);
    // "voicemail/<mailbox>/" (the trailing slash keeps mailbox 30 from matching 305).
    static QString recordingPrefix(const QString &mailbox);
    // The time at the start of an id, in ms since the epoch; -1 when there is none.
    static qint64 timeFromId(QStringView id);
    // Time order (unknown times last); ties by the rest of the id, numbers compared as numbers.
    static bool lessInTime(const VoicemailMessage &a, const VoicemailMessage &b);

    friend bool operator==(const VoicemailMessage &, const VoicemailMessage &) = default;
};

Q_DECLARE_METATYPE(VoicemailMessage)

#pragma once

#include <QHash>
#include <QJsonObject>
#include <QMultiHash>
#include <QSet>
#include <QString>
#include <QStringList>

class SimHttpRequest;

// The soak's record of voicemail messages, kept from the simulator's side (its observer hooks:
// every ARI request as it arrives, every event as it is published), independently of what the
// applications believe. A message is a `voicemail/…` recording that finished without being
// cancelled; from then on it must stay stored, under its name or in the trash
// (`voicemail-trash/…`), unless the call that recorded it discarded the take: while its caller was
// still on the line, or once its caller had pressed `*` (vm-record's `*` while reviewing, also
// pressed in a burst before the take started).
class SoakLedger
{
public:
    void onRequest(const SimHttpRequest &request);
    void onEvent(const QJsonObject &event);
    // The server lost every channel without an event (a restart).
    void onServerRestart() { m_liveChannels.clear(); }

    // Messages that must still exist somewhere.
    QStringList keptMessages() const;
    int keptCount() const { return int(m_finished.size() - m_discarded.size()); }
    // The trash name of a message ("voicemail/301/x" → "voicemail-trash/301/x").
    static QString trashNameOf(const QString &name);

    // Whether the trash copy of `name` was made from the message of that name now stored: not so
    // when a call recorded a new take of the same name after the old one went to the trash
    // (vm-record re-records under its name), and then both are rightly listed.
    bool trashCopyIsOf(const QString &name) const { return m_copiedToTrash.contains(name); }

    // What happened to a recording, in order (for a failure's report).
    QString historyOf(const QString &name) const { return m_history.value(name).join(u"; "); }

    // The channels that left the applications since the last call (StasisEnd), for the driver.
    QStringList takeEndedChannels();

private:
    QHash<QString, QString> m_channelOfRecording; // live voicemail recordings → their channel
    QSet<QString> m_cancelled; // a cancel (DELETE /recordings/live/…) was asked for
    QSet<QString> m_finished; // finished, not cancelled
    QSet<QString> m_discarded; // deleted by their own call while its caller was there
    QSet<QString> m_copiedToTrash;
    QSet<QString> m_liveChannels; // in Stasis, by StasisStart/StasisEnd
    // Channels whose caller pressed * (vm-record discards a take on *: keys of a burst are handled
    // one after the other, so the * may come before the take it discards has even started).
    QSet<QString> m_pressedStar;
    QStringList m_ended;
    QHash<QString, QStringList> m_history;
};

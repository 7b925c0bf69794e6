#pragma once

#include <QHash>
#include <QString>

// A named way to connect the window (SPEC UX-6): either straight to Asterisk's ARI (URL, user and
// the three application names) or attached to a supervisor service (its URL and a user there).
// The password is not part of it: ConnectionProfileStore keeps it in a file of its own.
struct ConnectionProfile
{
    enum class Kind { Ari, Service };
    // The fields a form shows, for the errors of validate().
    enum class Field { Name, AriUrl, User, VmRecordApp, VmPlaybackApp, QueueApp, ServiceUrl };

    QString name;
    Kind kind = Kind::Ari;
    QString ariUrl; // http(s)://host:8088/ari
    QString user; // the ARI user, or the service's
    QString vmRecordApp = QStringLiteral("vm-record");
    QString vmPlaybackApp = QStringLiteral("vm-playback");
    QString queueApp = QStringLiteral("queue");
    QString serviceUrl; // ws(s)://host:8089

    // What is wrong, field by field (empty: nothing); messages a person can act on.
    QHash<Field, QString> validate() const;
    bool operator==(const ConnectionProfile &) const = default;
};

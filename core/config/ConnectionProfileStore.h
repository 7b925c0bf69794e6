#pragma once

#include "core/config/ConnectionProfile.h"

#include <QString>
#include <QStringList>

#include <optional>

class QSettings;

// Where the connection profiles live (SPEC UX-6): their fields in QSettings (group
// "connectionProfiles", one subgroup per profile), each password in a file of its own that only
// the user can read (mode 0600, in a directory of mode 0700). Debian 12's Qt has no keyring
// access without extra packages, so a file it is; the file is the kind `--password-file` and
// `--attach-password-file` read.
class ConnectionProfileStore
{
public:
    // `settings` outlives the store; `passwordDirectory` is made when a password is saved.
    ConnectionProfileStore(QSettings *settings, const QString &passwordDirectory);

    QSettings *settings() const { return m_settings; }

    // <the application's configuration directory>/passwords
    static QString defaultPasswordDirectory();

    QStringList names() const;
    std::optional<ConnectionProfile> profile(const QString &name) const;
    // Saves `profile` (validated first) and, unless nullopt, its password; false with the reason.
    bool save(const ConnectionProfile &profile, const std::optional<QString> &password, QString *error);
    bool remove(const QString &name, QString *error);
    // The file that holds the password of profile `name` (whether it exists or not).
    QString passwordFile(const QString &name) const;
    bool hasPassword(const QString &name) const;
    // The password of profile `name`: its file's first line exactly as written, as every
    // password file is read (PasswordFile).
    std::optional<QString> password(const QString &name) const;

private:
    bool writePassword(const QString &name, const QString &password, QString *error) const;

    QSettings *m_settings;
    QString m_passwordDirectory;
};

#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

#include <optional>

// The people who may attach to the supervisor service (SPEC SV-4), read from the service's users
// file: one line per user, `name:role:pbkdf2-sha256:iterations:salt:hash` (salt and hash in
// base64; `#` starts a comment). Only salted PBKDF2 hashes are kept; passwords never are.
// `ari-supervisor --hash-password NAME ROLE` prints a line (the password is read from stdin).
class ServiceUsers
{
public:
    enum class Role { Viewer, Supervisor };

    static constexpr int s_defaultIterations = 60000;

    // Replaces the users with those of `path`; false with *error (file and line) when it cannot be
    // read or a line is malformed.
    bool load(const QString &path, QString *error);
    void clear() { m_users.clear(); }
    int size() const { return static_cast<int>(m_users.size()); }
    void add(const QString &name, Role role, const QString &password, int iterations = s_defaultIterations);

    // The user's role when the password is right; nullopt otherwise (unknown user or wrong password,
    // told apart by nothing, not even the time taken).
    std::optional<Role> authenticate(const QString &name, const QString &password) const;

    // One line of a users file for this user and password (a fresh random salt).
    static QString makeLine(
        const QString &name, Role role, const QString &password, int iterations = s_defaultIterations);
    static QString roleName(Role role);
    static std::optional<Role> roleFrom(const QString &name);

private:
    struct User
    {
        Role role = Role::Viewer;
        int iterations = 0;
        QByteArray salt;
        QByteArray hash;
    };
    static QByteArray derive(const QString &password, const QByteArray &salt, int iterations);
    static std::optional<User> parse(const QString &line, QString *name);

    QHash<QString, User> m_users;
};

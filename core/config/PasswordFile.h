#pragma once

#include <QString>

// A password kept in a file (--password-file, [ari] password_file, the systemd credential
// ari-password, the desk's --attach-password-file): the file's first line, exactly as written.
// Only the line break that ends it goes ("\n", or "\r\n" from an editor that writes those);
// spaces and tabs around it are part of the password, since a password may begin or end with
// one and trimming would silently make it another. A first line longer than s_maxBytes is
// refused, never cut. --check-config names a password that begins or ends with white space, in
// case that was not meant.
class PasswordFile
{
public:
    static constexpr qsizetype s_maxBytes = 4096;

    // false with `error` when the file cannot be read or its first line is too long; an empty
    // file (or an empty first line) gives an empty password.
    static bool read(const QString &path, QString *password, QString *error);
    // Whether a password begins or ends with a space or a tab.
    static bool hasSurroundingSpace(const QString &password);

    PasswordFile() = delete;
};

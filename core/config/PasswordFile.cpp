#include "core/config/PasswordFile.h"

#include <QFile>

using namespace Qt::StringLiterals;

bool PasswordFile::read(const QString &path, QString *password, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read the password file %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    // One byte more than the longest line with its "\r\n": a longer first line is seen as such.
    const QByteArray head = file.read(s_maxBytes + 3);
    qsizetype end = head.indexOf('\n');
    if (end < 0) {
        if (head.size() > s_maxBytes) {
            *error = u"the password in %1 is longer than %2 bytes"_s.arg(path).arg(s_maxBytes);
            return false;
        }
        end = head.size();
    } else if (end > 0 && head.at(end - 1) == '\r') {
        --end;
    }
    if (end > s_maxBytes) {
        *error = u"the password in %1 is longer than %2 bytes"_s.arg(path).arg(s_maxBytes);
        return false;
    }
    *password = QString::fromUtf8(head.left(end));
    return true;
}

bool PasswordFile::hasSurroundingSpace(const QString &password)
{
    const auto isSpace = [](QChar c) { return c == u' ' || c == u'\t'; };
    return !password.isEmpty() && (isSpace(password.front()) || isSpace(password.back()));
}

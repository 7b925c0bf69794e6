#include "core/service/ServiceUsers.h"

#include <QCryptographicHash>
#include <QFile>
#include <QPasswordDigestor>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace {

constexpr int s_hashBytes = 32;
constexpr QLatin1StringView s_scheme("pbkdf2-sha256");

QByteArray randomSalt()
{
    QByteArray salt(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(salt.data()), salt.size() / 4);
    return salt;
}

bool equalInConstantTime(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return difference == 0;
}

} // namespace

QByteArray ServiceUsers::derive(const QString &password, const QByteArray &salt, int iterations)
{
    return QPasswordDigestor::deriveKeyPbkdf2(
        QCryptographicHash::Sha256, password.toUtf8(), salt, iterations, s_hashBytes);
}

QString ServiceUsers::roleName(Role role)
{
    return role == Role::Supervisor ? u"supervisor"_s : u"viewer"_s;
}

std::optional<ServiceUsers::Role> ServiceUsers::roleFrom(const QString &name)
{
    if (name == "supervisor"_L1)
        return Role::Supervisor;
    if (name == "viewer"_L1)
        return Role::Viewer;
    return std::nullopt;
}

QString ServiceUsers::makeLine(const QString &name, Role role, const QString &password, int iterations)
{
    const QByteArray salt = randomSalt();
    return u"%1:%2:%3:%4:%5:%6"_s.arg(name, roleName(role), s_scheme)
        .arg(iterations)
        .arg(QString::fromLatin1(salt.toBase64()), QString::fromLatin1(derive(password, salt, iterations).toBase64()));
}

std::optional<ServiceUsers::User> ServiceUsers::parse(const QString &line, QString *name)
{
    const QStringList fields = line.split(u':');
    if (fields.size() != 6 || fields.at(0).isEmpty() || fields.at(2) != s_scheme)
        return std::nullopt;
    const std::optional<Role> role = roleFrom(fields.at(1));
    bool numeric = false;
    const int iterations = fields.at(3).toInt(&numeric);
    if (!role || !numeric || iterations < 1)
        return std::nullopt;
    User user;
    user.role = *role;
    user.iterations = iterations;
    user.salt = QByteArray::fromBase64(fields.at(4).toLatin1());
    user.hash = QByteArray::fromBase64(fields.at(5).toLatin1());
    if (user.salt.isEmpty() || user.hash.size() != s_hashBytes)
        return std::nullopt;
    *name = fields.at(0);
    return user;
}

bool ServiceUsers::load(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = u"cannot read the users file %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    QHash<QString, User> users;
    int number = 0;
    while (!file.atEnd()) {
        ++number;
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        QString name;
        const std::optional<User> user = parse(line, &name);
        if (!user) {
            *error
                = u"%1:%2: expected name:viewer|supervisor:pbkdf2-sha256:iterations:salt:hash"_s.arg(path).arg(number);
            return false;
        }
        users.insert(name, *user);
    }
    m_users = std::move(users);
    return true;
}

void ServiceUsers::add(const QString &name, Role role, const QString &password, int iterations)
{
    User user;
    user.role = role;
    user.iterations = iterations;
    user.salt = randomSalt();
    user.hash = derive(password, user.salt, iterations);
    m_users.insert(name, user);
}

std::optional<ServiceUsers::Role> ServiceUsers::authenticate(const QString &name, const QString &password) const
{
    const auto it = m_users.constFind(name);
    if (it == m_users.cend()) {
        // The same work as for a known user, so that the time taken tells nothing.
        derive(password, QByteArrayLiteral("no such user...."), s_defaultIterations);
        return std::nullopt;
    }
    if (!equalInConstantTime(derive(password, it->salt, it->iterations), it->hash))
        return std::nullopt;
    return it->role;
}
